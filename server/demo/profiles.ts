import type { Calendar } from "./calendar";
import type { Catalogue } from "./catalogue";
import { AGE_BANDS, CHANNELS, DEVICES, EMAIL_DOMAINS_EN, EMAIL_DOMAINS_ZH, EN_FIRST, EN_LAST, REGIONS, ZH_GIVEN, ZH_GIVEN_PINYIN, ZH_SURNAMES, ZH_SURNAMES_PINYIN } from "./people-data";
import { PERSONA_PARAMS, PERSONAS, PERSONA_SHARES, type Persona } from "./personas";
import { cumulativeWeights, mix32, Rng } from "./prng";
import type { ReviewLanguage } from "./reviews";

/** Stream ids keep profile draws and event draws independent of each other. */
export const STREAM_PROFILE = 1;
export const STREAM_EVENTS = 2;

export interface CustomerProfile {
  index: number;
  externalId: string;
  persona: Persona;
  language: ReviewLanguage;
  displayName: string;
  email: string;
  phone: string;
  signupDay: number;
  signupSec: number;
  acquisitionChannel: string;
  region: string;
  cityTier: number;
  ageBand: string;
  device: string;
  marketingConsent: boolean;
  declaredInterests: string[];
  /** Planted truth below: never written as a customer attribute. */
  interestCategory: number;
  track: number;
  churns: boolean;
  /** Last day with any activity for churners; days for everyone else. */
  lastActiveDay: number;
  decayStartDay: number;
  trueUplift: number;
}

const CHANNEL_WEIGHTS: Record<Persona, readonly number[]> = {
  power_learner: [4, 2, 1, 3, 1, 1, 1],
  bargain_hunter: [1, 2, 4, 2, 4, 1, 1],
  free_browser: [3, 3, 3, 1, 2, 0.5, 1],
  career_upskiller: [2, 4, 1, 2, 1, 3, 1],
  dormant: [2, 2, 2, 1, 3, 1, 1],
  newcomer: [1, 2, 3, 1, 4, 1, 2],
  subscriber: [3, 2, 1, 2, 1, 2, 2],
};
const AGE_WEIGHTS: Record<Persona, readonly number[]> = {
  power_learner: [1, 4, 3, 1.5, 0.5],
  bargain_hunter: [4, 4, 2, 1, 0.5],
  free_browser: [5, 3, 2, 1, 0.5],
  career_upskiller: [1, 6, 3, 1, 0.2],
  dormant: [2, 4, 3, 1.5, 0.5],
  newcomer: [3, 4, 2, 1, 0.5],
  subscriber: [1, 3, 3, 2, 1],
};
const TIER_WEIGHTS = cumulativeWeights([0, 0.3, 0.3, 0.25]);
const REGION_WEIGHTS = cumulativeWeights(REGIONS.map((r) => r.weight));
const PERSONA_CUMULATIVE = cumulativeWeights(PERSONA_SHARES);
const GOLDEN = 0.6180339887498949;

function cumulativeOf<K extends string>(table: Record<K, readonly number[]>): Record<K, Float64Array> {
  const out = {} as Record<K, Float64Array>;
  for (const key of Object.keys(table) as K[]) out[key] = cumulativeWeights(table[key]);
  return out;
}
const CHANNEL_CUMULATIVE = cumulativeOf(CHANNEL_WEIGHTS);
const AGE_CUMULATIVE = cumulativeOf(AGE_WEIGHTS);

/**
 * Persona by a golden-ratio sequence rather than a coin per customer, so even a few hundred
 * customers hold every persona in close to its planted share.
 */
function personaFor(seed: number, index: number): Persona {
  const offset = mix32(seed) / 4294967296;
  const u = (offset + index * GOLDEN) % 1;
  const total = PERSONA_CUMULATIVE[PERSONA_CUMULATIVE.length - 1] ?? 1;
  let i = 0;
  while (i < PERSONA_CUMULATIVE.length - 1 && (PERSONA_CUMULATIVE[i] ?? 0) <= u * total) i++;
  return PERSONAS[i] ?? "free_browser";
}

export function buildProfile(seed: number, index: number, calendar: Calendar, catalogue: Catalogue): CustomerProfile {
  const rng = new Rng(seed, index, STREAM_PROFILE);
  const persona = personaFor(seed, index);
  const params = PERSONA_PARAMS[persona];
  const language: ReviewLanguage = rng.chance(0.78) ? "zh" : "en";
  const number = index + 1;
  let displayName: string;
  let email: string;
  if (language === "zh") {
    const s = rng.int(ZH_SURNAMES.length);
    const g = rng.int(ZH_GIVEN.length);
    displayName = `${ZH_SURNAMES[s]}${ZH_GIVEN[g]}`;
    email = `${ZH_SURNAMES_PINYIN[s]}${ZH_GIVEN_PINYIN[g]}${number}@${rng.pick(EMAIL_DOMAINS_ZH)}`;
  } else {
    const first = rng.pick(EN_FIRST);
    const last = rng.pick(EN_LAST);
    displayName = `${first} ${last}`;
    email = `${first.toLowerCase()}.${last.toLowerCase()}${number}@${rng.pick(EMAIL_DOMAINS_EN)}`;
  }
  const phone = `1${rng.pick(["3", "5", "7", "8", "9"])}${String(rng.int(1_000_000_000)).padStart(9, "0")}`;

  const { cutoffDay, decayDays, days } = calendar;
  const signupDay =
    persona === "newcomer"
      ? Math.max(0, rng.range(cutoffDay - 14, days - 2))
      : rng.int(Math.max(1, cutoffDay - decayDays - 30));
  const signupSec = calendar.startSec + signupDay * 86_400 + rng.range(8 * 3600, 23 * 3600) - 8 * 3600;

  const regionIndex = rng.weighted(REGION_WEIGHTS);
  const region = REGIONS[regionIndex] ?? { name: "广东", tier1: true };
  const cityTier = region.tier1 ? 1 : rng.weighted(TIER_WEIGHTS) + 1;

  const track = rng.chance(params.trackProb) ? rng.int(catalogue.trackCourses.length) : -1;
  const interestCategory = track >= 0 ? (catalogue.trackCategory[track] ?? 0) : rng.int(catalogue.categories.length);
  const declaredInterests = rng.chance(0.6) ? [catalogue.categories[interestCategory] ?? "programming"] : [];

  const churns = persona !== "newcomer" && signupDay < cutoffDay - decayDays && rng.chance(params.churnProb);
  const lastActiveDay = churns ? cutoffDay - 1 - rng.int(Math.max(1, Math.min(10, Math.floor(decayDays / 3)))) : days;
  const decayStartDay = churns ? Math.max(signupDay, lastActiveDay - decayDays + rng.int(10)) : days;
  const trueUplift = Math.round(Math.max(-0.1, Math.min(0.5, params.uplift + 0.02 * rng.normal())) * 1000) / 1000;

  return {
    index,
    externalId: `demo-c${String(number).padStart(7, "0")}`,
    persona,
    language,
    displayName,
    email,
    phone,
    signupDay,
    signupSec,
    acquisitionChannel: CHANNELS[rng.weighted(CHANNEL_CUMULATIVE[persona])] ?? "organic",
    region: region.name,
    cityTier,
    ageBand: AGE_BANDS[rng.weighted(AGE_CUMULATIVE[persona])] ?? "25-34",
    device: rng.pick(DEVICES),
    marketingConsent: rng.chance(0.8),
    declaredInterests,
    interestCategory,
    track,
    churns,
    lastActiveDay,
    decayStartDay,
    trueUplift,
  };
}
