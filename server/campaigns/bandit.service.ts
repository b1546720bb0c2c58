import type { Db } from "../db";
import { thompsonAllocation } from "../stats";
import { assignAudience, BANDIT_WAVES } from "./assignment.service";
import { listVariants, setVariantWeight, type CampaignRow, type VariantRow } from "./campaigns.repo";
import { armCounts } from "./outcomes.repo";
import { simulateResponses } from "./simulated-channel";

/** Floor so an arm that looks bad early still gets a trickle of traffic and can recover. */
const MIN_SHARE = 0.02;

/** Thompson shares from the outcomes so far become the arms' weights for the next wave. */
export async function reallocate(db: Db, campaign: CampaignRow, variants: readonly VariantRow[], seed: number): Promise<number[]> {
  const counts = await armCounts(db, campaign.id);
  const arms = variants.map((v) => {
    const k = counts.get(v.id) ?? { n: 0, c: 0 };
    return { successes: k.c, failures: k.n - k.c };
  });
  const { shares } = thompsonAllocation(arms, { seed, draws: 4000 });
  const floored = shares.map((s) => Math.max(MIN_SHARE, s));
  const total = floored.reduce((a, b) => a + b, 0);
  const weights = floored.map((s) => s / total);
  for (const [i, v] of variants.entries()) await setVariantWeight(db, v.id, weights[i] ?? MIN_SHARE);
  return weights;
}

/**
 * The demo loop: the simulated channel answers for everyone assigned; a bandit campaign then
 * re-weights by Thompson sampling and opens the next wave, until every wave has been served.
 */
export async function runSimulatedLoop(db: Db, campaign: CampaignRow, seed: number) {
  let variants = await listVariants(db, campaign.id);
  const waves: { wave: number; weights: number[] }[] = [];
  let simulated = await simulateResponses(db, campaign, variants, seed);
  if (campaign.allocation === "thompson") {
    for (let wave = 1; wave < BANDIT_WAVES; wave++) {
      const weights = await reallocate(db, campaign, variants, seed + wave);
      waves.push({ wave, weights });
      variants = await listVariants(db, campaign.id);
      await assignAudience(db, campaign, variants, { throughWave: wave });
      const more = await simulateResponses(db, campaign, variants, seed + 100 + wave);
      simulated = { simulated: simulated.simulated + more.simulated, conversions: simulated.conversions + more.conversions, withoutTruth: simulated.withoutTruth + more.withoutTruth };
    }
  }
  return { ...simulated, waves };
}
