import type { Db } from "../db";
import { PERSONA_PARAMS, PERSONAS, type Persona } from "../demo";
import { createRng } from "../stats";
import type { CampaignRow, VariantRow } from "./campaigns.repo";
import { upsertOutcomes, type OutcomeInsert } from "./outcomes.repo";
import { productPrices, unansweredAssignments } from "./simulation.repo";

/** List price used for revenue when a variant offers no product. */
const DEFAULT_PRICE_CENTS = 19_900;

/**
 * The planted response model: a customer converts with their persona's baseline; a treated
 * customer adds their planted true uplift, scaled up by the coupon (a 20% coupon → 1.2× the
 * uplift) so arms with bigger offers are genuinely better and a bandit has something to find.
 * Control and holdout get the baseline only.
 */
export function responseProbability(persona: Persona, trueUplift: number, treatment: { isControl: boolean; couponPercentOff: number | null } | null): number {
  const baseline = PERSONA_PARAMS[persona].baseline;
  if (!treatment || treatment.isControl) return baseline;
  const strength = 1 + (treatment.couponPercentOff ?? 0) / 100;
  return Math.min(1, Math.max(0, baseline + trueUplift * strength));
}

export const isPersona = (value: string): value is Persona => (PERSONAS as readonly string[]).includes(value);

export interface SimulationSummary {
  simulated: number;
  conversions: number;
  /** Assigned customers outside the demo data (no planted truth): left for real outcomes. */
  withoutTruth: number;
}

/**
 * Demo-mode channel: for every assigned customer without an outcome yet, draws a response from the
 * planted truth and stores it as an outcome row, dated within the attribution window after
 * exposure. Seeded, so the same campaign and seed give the same responses.
 */
export async function simulateResponses(db: Db, campaign: CampaignRow, variants: readonly VariantRow[], seed: number): Promise<SimulationSummary> {
  const rows = await unansweredAssignments(db, campaign.id);
  const byId = new Map(variants.map((v) => [v.id, v]));
  const prices = await offerPrices(db, variants);
  const rng = createRng(seed);
  const windowMs = campaign.attributionDays * 86_400_000;
  const outcomes: OutcomeInsert[] = [];
  let withoutTruth = 0;
  let conversions = 0;
  for (const row of rows) {
    if (row.persona === null || !isPersona(row.persona) || row.true_uplift === null) {
      withoutTruth++;
      continue;
    }
    const variant = row.variant_id ? byId.get(row.variant_id) : undefined;
    const p = responseProbability(row.persona, Number(row.true_uplift), variant ?? null);
    const converted = rng() < p;
    const exposedAt = new Date(row.exposed_at).getTime();
    const coupon = variant && !variant.isControl ? (variant.couponPercentOff ?? 0) : 0;
    const price = (variant && prices.get(variant.id)) ?? DEFAULT_PRICE_CENTS;
    if (converted) conversions++;
    outcomes.push({
      customerId: Number(row.customer_id),
      variantId: row.variant_id,
      converted,
      revenueCents: converted ? Math.round(price * (1 - coupon / 100)) : 0,
      prePeriodValue: row.pre === null ? 0 : Number(row.pre) / 100,
      observedAt: new Date(exposedAt + (converted ? rng() * windowMs : windowMs)),
    });
  }
  await upsertOutcomes(db, campaign.id, outcomes);
  return { simulated: outcomes.length, conversions, withoutTruth };
}

async function offerPrices(db: Db, variants: readonly VariantRow[]): Promise<Map<string, number>> {
  const offered = variants.filter((v) => v.offerProductId !== null);
  if (offered.length === 0) return new Map();
  const price = await productPrices(db, offered.flatMap((v) => (v.offerProductId === null ? [] : [v.offerProductId])));
  return new Map(offered.flatMap((v) => (v.offerProductId !== null && price.get(v.offerProductId) ? [[v.id, price.get(v.offerProductId) ?? 0] as const] : [])));
}
