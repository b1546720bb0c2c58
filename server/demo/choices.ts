import type { Catalogue } from "./catalogue";
import type { PersonaParams } from "./personas";
import type { CustomerProfile } from "./profiles";
import type { Rng } from "./prng";

/** Coupon codes outside the promotion and the percentage each takes off. */
const EVERYDAY_COUPONS: readonly (readonly [string, number])[] = [
  ["SAVE20", 20],
  ["VIP15", 15],
  ["FLASH30", 30],
  ["MEMBER10", 10],
  ["BACK2SCHOOL", 25],
];
const PROMO_PERCENTS = [30, 40, 50];

export interface Coupon {
  code: string;
  percent: number;
}

/** Catalogue lists the simulation draws from, computed once per run. */
export interface ChoiceTables {
  catalogue: Catalogue;
  allPaid: readonly number[];
  isFree: Uint8Array;
  price: Int32Array;
  /** 1 for items that have lessons to progress through (course, ebook, live class). */
  learnable: Uint8Array;
  isConsultation: Uint8Array;
}

export function buildChoiceTables(catalogue: Catalogue): ChoiceTables {
  const n = catalogue.products.length;
  const isFree = new Uint8Array(n);
  const price = new Int32Array(n);
  const learnable = new Uint8Array(n);
  const isConsultation = new Uint8Array(n);
  for (const p of catalogue.products) {
    isFree[p.index] = p.isFree ? 1 : 0;
    price[p.index] = p.priceCents;
    learnable[p.index] = p.kind === "course" || p.kind === "ebook" || p.kind === "live_class" ? 1 : 0;
    isConsultation[p.index] = p.kind === "consultation" ? 1 : 0;
  }
  return { catalogue, allPaid: catalogue.paidByCategory.flat(), isFree, price, learnable, isConsultation };
}

/** What a customer looks at: free-heavy for browsers, the next track step for upskillers. */
export function pickBrowse(t: ChoiceTables, rng: Rng, profile: CustomerProfile, params: PersonaParams, trackStep: number): number {
  const c = t.catalogue;
  if (rng.chance(params.freeShare)) {
    const local = c.freeByCategory[profile.interestCategory] ?? [];
    return local.length > 0 && rng.chance(0.6) ? rng.pick(local) : rng.pick(c.free);
  }
  const track = profile.track >= 0 ? c.trackCourses[profile.track] : undefined;
  if (track && rng.chance(0.4)) {
    const step = Math.min(track.length - 1, trackStep + (rng.chance(0.3) ? 1 : 0));
    return track[step] ?? rng.pick(t.allPaid);
  }
  if (rng.chance(0.6)) return rng.pick(c.paidByCategory[profile.interestCategory] ?? t.allPaid);
  return rng.int(c.products.length);
}

/** A paid one-off item the customer does not own yet, or -1. */
export function pickPurchase(t: ChoiceTables, rng: Rng, profile: CustomerProfile, owned: Uint8Array): number {
  const c = t.catalogue;
  for (let attempt = 0; attempt < 4; attempt++) {
    let candidate: number;
    switch (profile.persona) {
      case "bargain_hunter":
      case "free_browser":
      case "newcomer":
        candidate = rng.chance(0.7) ? rng.pick(c.cheapPaid) : rng.pick(t.allPaid);
        break;
      case "power_learner":
        candidate = rng.chance(0.5) ? rng.pick(c.paidByCategory[profile.interestCategory] ?? t.allPaid) : rng.pick(t.allPaid);
        break;
      default:
        candidate = rng.chance(0.7) ? rng.pick(c.paidByCategory[profile.interestCategory] ?? t.allPaid) : rng.pick(t.allPaid);
    }
    if (owned[candidate] === 0) return candidate;
  }
  return -1;
}

export function pickCoupon(rng: Rng, inPromotion: boolean, promoCode: string, firstPurchase: boolean, newcomer: boolean): Coupon {
  if (inPromotion) return { code: promoCode, percent: rng.pick(PROMO_PERCENTS) };
  if (firstPurchase && newcomer) return { code: "WELCOME20", percent: 20 };
  const [code, percent] = rng.pick(EVERYDAY_COUPONS);
  return { code, percent };
}

/** Discount rounded to whole yuan, as storefronts display it. */
export function discountCents(priceCents: number, percent: number): number {
  return Math.round((priceCents * percent) / 100 / 100) * 100;
}
