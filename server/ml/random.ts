/**
 * Seeded PRNG (mulberry32). Every randomised algorithm in server/ml takes a seed and draws from
 * one of these, so training runs and tests are reproducible bit for bit.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller; the spare value is cached). */
  normal(): number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  let spare: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** Derives an independent child seed, so nested algorithms (restarts, trees) do not share streams. */
export function childSeed(rng: Rng): number {
  return Math.floor(rng.next() * 4294967296) >>> 0;
}

/** In-place Fisher-Yates shuffle. */
export function shuffleInPlace(values: Int32Array, rng: Rng): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
  return values;
}

/** Indices 0..n-1 in random order. */
export function permutation(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return shuffleInPlace(out, rng);
}
