import { describe, expect, it } from "vitest";
import { cuped, cupedFromMoments, type CupedMoments, type CupedResult } from "../../server/stats";

/** A small seeded generator (mulberry32) so every run checks the same data. */
function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function moments(y: readonly number[], x: readonly number[]): CupedMoments {
  let sumY = 0, sumX = 0, sumXX = 0, sumXY = 0, sumYY = 0;
  y.forEach((v, i) => {
    const u = x[i] ?? 0;
    sumY += v;
    sumX += u;
    sumXX += u * u;
    sumXY += u * v;
    sumYY += v * v;
  });
  return { n: y.length, sumY, sumX, sumXX, sumXY, sumYY };
}

/** Every number both paths return, side by side (null where one is undefined). */
function numbers(r: CupedResult): Array<number | null> {
  const w = (o: CupedResult["raw"]) => (o.defined ? [o.diff, o.se, o.t, o.df, o.pValue, o.ci.lower, o.ci.upper] : [null]);
  return [r.theta.defined ? r.theta.value : null, ...w(r.raw), ...w(r.adjusted), r.varianceReduction.defined ? r.varianceReduction.value : null];
}

function expectSame(a: CupedResult, b: CupedResult) {
  const x = numbers(a);
  const y = numbers(b);
  expect(y.length).toBe(x.length);
  x.forEach((v, i) => {
    const w = y[i];
    if (v === null || w === null || w === undefined) return expect(w).toBe(v);
    expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
  });
}

describe("CUPED from per-arm sums equals CUPED from rows", () => {
  it("on random revenue-like and conversion-like data of many shapes", () => {
    const random = rng(20251128);
    for (let trial = 0; trial < 60; trial++) {
      const nA = 2 + Math.floor(random() * 3000);
      const nB = 2 + Math.floor(random() * 3000);
      const binary = trial % 2 === 0;
      const theta = random() * 2 - 0.5;
      const draw = (n: number, lift: number) => {
        const x = Array.from({ length: n }, () => Math.round(random() * 50_000) / 100);
        const y = x.map((v) => (binary ? (random() < 0.05 + lift + v / 20_000 ? 1 : 0) : Math.max(0, theta * v + (random() - 0.3) * 200 + lift * 1000)));
        return { x, y };
      };
      const A = draw(nA, 0);
      const B = draw(nB, 0.02);
      expectSame(cuped({ yA: A.y, xA: A.x, yB: B.y, xB: B.x }), cupedFromMoments(moments(A.y, A.x), moments(B.y, B.x)));
    }
  });

  it("on the edge cases: a constant covariate, one-customer arms and empty arms", () => {
    const x = [3, 3, 3, 3];
    const y = [1, 0, 1, 1];
    expectSame(cuped({ yA: y, xA: x, yB: y, xB: x }), cupedFromMoments(moments(y, x), moments(y, x)));
    expect(cupedFromMoments(moments(y, x), moments(y, x)).theta.defined).toBe(false);
    expectSame(cuped({ yA: [1], xA: [2], yB: [0, 1, 1], xB: [1, 5, 2] }), cupedFromMoments(moments([1], [2]), moments([0, 1, 1], [1, 5, 2])));
    expectSame(cuped({ yA: [], xA: [], yB: [0, 1, 1], xB: [1, 5, 2] }), cupedFromMoments(moments([], []), moments([0, 1, 1], [1, 5, 2])));
    expectSame(cuped({ yA: [], xA: [], yB: [1], xB: [2] }), cupedFromMoments(moments([], []), moments([1], [2])));
  });

  it("refuses sums that are not finite, naming the field", () => {
    const ok = moments([1, 2], [3, 4]);
    expect(() => cupedFromMoments({ ...ok, sumXY: Number.NaN }, ok)).toThrow(/a\.sumXY/);
    expect(() => cupedFromMoments(ok, { ...ok, n: 1.5 })).toThrow(/b\.n/);
  });
});
