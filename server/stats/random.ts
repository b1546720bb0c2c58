/**
 * Seeded randomness for Monte Carlo: a small PRNG (mulberry32) and Gamma/Beta samplers.
 * Seeding makes allocations reproducible, so a traffic split can be audited and replayed.
 */
import { assertFinite, assertPositive } from "./validate";

export type Rng = () => number;

/** mulberry32 (seed truncated to 32 bits): 32-bit state, period 2³², uniform doubles in [0, 1). Plenty for share estimates. */
export function createRng(seed: number): Rng {
  assertFinite("seed", seed);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform on (0, 1): logs below must never see 0. */
function openUniform(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return u;
}

/** Standard normal by Box–Muller (one of the pair is discarded to keep the sampler stateless). */
export function sampleNormal(rng: Rng): number {
  const u1 = openUniform(rng);
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 use the U^(1/shape) boost. */
export function sampleGamma(rng: Rng, shape: number): number {
  assertPositive("shape", shape);
  if (shape < 1) return sampleGamma(rng, shape + 1) * openUniform(rng) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = openUniform(rng);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

export function sampleBeta(rng: Rng, a: number, b: number): number {
  const x = sampleGamma(rng, a);
  const y = sampleGamma(rng, b);
  return x / (x + y);
}
