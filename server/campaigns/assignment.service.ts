import type { Db } from "../db";
import { eligibleAudience, flagInterference, insertAssignments, snapshotMemberships, type AssignmentRow } from "./assignment.repo";
import type { CampaignRow, VariantRow } from "./campaigns.repo";
import { cumulativeBounds, pickArm, uniformFor } from "./hash-assign";

/** A bandit campaign opens to its audience in this many waves; Thompson re-weights between them. */
export const BANDIT_WAVES = 5;

/** Which wave a customer joins a bandit campaign in: an independent hash, so waves are random slices. */
export function waveOf(salt: string, customerId: number): number {
  return Math.min(BANDIT_WAVES - 1, Math.floor(uniformFor(`${salt}:wave`, customerId) * BANDIT_WAVES));
}

export interface AssignResult {
  eligible: number;
  assigned: number;
  interferenceFlagged: number;
  durationMs: number;
}

/**
 * Assigns the not-yet-assigned eligible members of the campaign's segment: fixed campaigns take
 * everyone at once; bandit campaigns take waves up to `throughWave` with the arms' current weights.
 */
export async function assignAudience(db: Db, campaign: CampaignRow, variants: readonly VariantRow[], options: { throughWave?: number; at?: Date } = {}): Promise<AssignResult> {
  const started = performance.now();
  if (!campaign.segmentId) return { eligible: 0, assigned: 0, interferenceFlagged: 0, durationMs: 0 };
  const audience = await eligibleAudience(db, campaign.id, campaign.segmentId);
  const arms = variants.map((v) => ({ id: v.id, weight: v.weight }));
  const bounds = cumulativeBounds(arms);
  const rows: AssignmentRow[] = [];
  for (const customerId of audience) {
    const wave = campaign.allocation === "thompson" ? waveOf(campaign.salt, customerId) : 0;
    if (options.throughWave !== undefined && wave > options.throughWave) continue;
    rows.push({ customerId, variantId: pickArm(uniformFor(campaign.salt, customerId), campaign.holdoutShare, arms, bounds), wave });
  }
  const at = options.at ?? new Date();
  const assigned = await insertAssignments(db, campaign.id, rows, at);
  await snapshotMemberships(db, campaign.id, campaign.segmentId, at);
  const interferenceFlagged = await flagInterference(db, campaign.id);
  return { eligible: audience.length, assigned, interferenceFlagged, durationMs: performance.now() - started };
}
