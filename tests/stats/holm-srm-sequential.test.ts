import { describe, expect, it } from "vitest";
import { confidenceSequence, holmAdjust, sampleRatioMismatch } from "../../server/stats";

describe("holm", () => {
  it("is monotone in the raw p-values, capped at 1, never below the raw p", () => {
    const raw = [0.3, 0.01, 0.02, 0.02, 0.9, 0.0001, 0.6];
    const adjusted = holmAdjust(raw);
    const order = raw.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
    for (let k = 1; k < order.length; k++) {
      expect(adjusted[order[k]?.i ?? 0]).toBeGreaterThanOrEqual(adjusted[order[k - 1]?.i ?? 0] ?? 0);
    }
    raw.forEach((p, i) => {
      expect(adjusted[i]).toBeGreaterThanOrEqual(p);
      expect(adjusted[i]).toBeLessThanOrEqual(1);
    });
    expect(holmAdjust([0.5, 0.6])).toEqual([1, 1]);
    expect(holmAdjust([0.04])).toEqual([0.04]);
  });
});

describe("srm", () => {
  it("flags a broken 50/50 split at the 0.001 level and reports expected counts", () => {
    const r = sampleRatioMismatch([5000, 5400], [1, 1]);
    expect(r.defined && r.mismatch).toBe(true);
    expect(r.defined && r.expected).toEqual([5200, 5200]);
    const ok = sampleRatioMismatch([5000, 5100], [1, 1]);
    expect(ok.defined && ok.mismatch).toBe(false);
  });
});

describe("confidence sequence", () => {
  it("is wider than the fixed-horizon interval (the price of peeking) and shrinks with n", () => {
    const at = (n: number) => {
      const r = confidenceSequence({ variance: 0.25 / n, n, nStar: 5000, alpha: 0.05, estimate: 0.1 });
      if (!r.defined) throw new Error(r.reason);
      return r;
    };
    const r = at(5000);
    expect(r.halfWidth).toBeGreaterThan(1.959963984540054 * Math.sqrt(0.25 / 5000));
    expect(r.interval).toEqual({ lower: 0.1 - r.halfWidth, upper: 0.1 + r.halfWidth });
    expect(at(50_000).halfWidth).toBeLessThan(r.halfWidth);
  });
});
