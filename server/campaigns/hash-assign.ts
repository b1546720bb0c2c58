import { createHash } from "node:crypto";

/**
 * Deterministic assignment: the first 64 bits of SHA-256("<salt>:<customerId>") as a uniform in
 * [0, 1). SHA-256 is the same in every process, platform and Node version, so a re-run (or a
 * worker elsewhere) puts every customer in the same arm; the per-campaign salt keeps campaigns
 * independent of each other.
 */
export function uniformFor(salt: string, customerId: number): number {
  const digest = createHash("sha256").update(`${salt}:${customerId}`).digest();
  // Two 32-bit halves rather than a BigInt: same 64 bits, much cheaper, exact below 2^53 after scaling.
  const high = digest.readUInt32BE(0);
  const low = digest.readUInt32BE(4);
  return (high * 2 ** 32 + low) / 2 ** 64;
}

export interface ArmWeight {
  id: string;
  weight: number;
}

/** Cumulative upper bounds of the arms' normalised weights; the last is forced to exactly 1. */
export function cumulativeBounds(arms: readonly ArmWeight[]): number[] {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  if (!(total > 0)) throw new RangeError("arms must have a positive total weight");
  let running = 0;
  return arms.map((arm, i) => {
    running += arm.weight / total;
    return i === arms.length - 1 ? 1 : running;
  });
}

/**
 * Holdout first: u < holdoutShare goes to the global holdout; the rest of [0, 1) is rescaled and
 * split by the cumulative weights. Returns the arm id, or null for the holdout.
 */
export function pickArm(u: number, holdoutShare: number, arms: readonly ArmWeight[], bounds: readonly number[]): string | null {
  if (u < holdoutShare) return null;
  const v = holdoutShare > 0 ? (u - holdoutShare) / (1 - holdoutShare) : u;
  for (let i = 0; i < arms.length; i++) {
    if (v < (bounds[i] ?? 1)) return arms[i]?.id ?? null;
  }
  return arms[arms.length - 1]?.id ?? null;
}
