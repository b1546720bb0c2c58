import { describe, expect, it } from "vitest";
import { stratifiedKFold, timeSplit } from "../../server/ml/cv";
import { averagePrecision, calibrationBins, confusionMatrix, logLoss, rocAuc, thresholdMetrics } from "../../server/ml/metrics";
import { createRng } from "../../server/ml/random";

describe("metrics", () => {
  it("ROC-AUC counts a tied positive/negative pair as one half", () => {
    // Pairs (pos, neg): (0.5,0.5)=½ twice, (0.5,0.1)=1 twice -> 3/4 exactly.
    expect(rocAuc([1, 1, 0, 0], [0.5, 0.5, 0.5, 0.1])).toBe(0.75);
    expect(rocAuc([0, 1], [0.2, 0.9])).toBe(1);
    expect(rocAuc([0, 0, 1, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it("ROC-AUC equals the brute-force pair count on random scores with many ties", () => {
    const rng = createRng(4);
    const y = Array.from({ length: 300 }, () => (rng.next() < 0.3 ? 1 : 0));
    const s = y.map((v) => Math.round((rng.next() + 0.3 * v) * 10) / 10);
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < y.length; i++) {
      for (let j = 0; j < y.length; j++) {
        if (y[i] === 1 && y[j] === 0) {
          pairs++;
          wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      }
    }
    expect(rocAuc(y, s)).toBeCloseTo(wins / pairs, 12);
  });

  it("average precision matches scikit-learn's documented example", () => {
    // sklearn.metrics.average_precision_score([0,0,1,1],[0.1,0.4,0.35,0.8]) = 0.8333...
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 12);
  });

  it("log-loss, confusion matrix and threshold metrics by hand", () => {
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 14);
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
    const c = confusionMatrix([1, 1, 1, 0, 0, 0, 0], [0.9, 0.6, 0.2, 0.7, 0.1, 0.3, 0.5], 0.5);
    expect(c).toEqual({ tp: 2, fn: 1, fp: 2, tn: 2 });
    const m = thresholdMetrics(c);
    expect(m.accuracy).toBeCloseTo(4 / 7, 14);
    expect(m.precision).toBeCloseTo(0.5, 14);
    expect(m.recall).toBeCloseTo(2 / 3, 14);
    expect(m.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), 14);
  });

  it("calibration bins average predictions and outcomes per bin", () => {
    const bins = calibrationBins([0, 1, 1, 0, 1], [0.05, 0.15, 0.95, 0.92, 1], 10);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ count: 1, meanPredicted: 0.05, observedRate: 0 });
    expect(bins[9]!.count).toBe(3);
    expect(bins[9]!.observedRate).toBeCloseTo(2 / 3, 14);
    expect(bins[9]!.meanPredicted).toBeCloseTo((0.95 + 0.92 + 1) / 3, 14);
    expect(Number.isNaN(bins[5]!.meanPredicted)).toBe(true);
  });
});

describe("cross-validation", () => {
  it("stratified folds keep class ratios within one row and cover every index exactly once", () => {
    const y = Array.from({ length: 103 }, (_, i) => (i % 3 === 0 ? 1 : 0)); // 35 positives
    const positives = y.filter((v) => v === 1).length;
    const folds = stratifiedKFold(y, 5, 9);
    const seen = new Int32Array(y.length);
    for (const fold of folds) {
      for (const i of fold.test) seen[i]!++;
      expect(fold.train.length + fold.test.length).toBe(y.length);
      const testSet = new Set(fold.test);
      expect(Array.from(fold.train).some((i) => testSet.has(i))).toBe(false);
      const pos = Array.from(fold.test).filter((i) => y[i] === 1).length;
      expect(Math.abs(pos - positives / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(fold.test.length - pos - (y.length - positives) / 5)).toBeLessThanOrEqual(1);
    }
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
    expect(stratifiedKFold(y, 5, 9)).toEqual(folds);
  });

  it("time split trains on the past and never splits a timestamp", () => {
    const ts = [5, 1, 3, 3, 9, 7, 3, 2, 8, 4];
    const split = timeSplit(ts, 0.3);
    expect(split.cutoff).toBe(7);
    expect(Array.from(split.test).map((i) => ts[i]).sort()).toEqual([7, 8, 9]);
    const maxTrain = Math.max(...Array.from(split.train, (i) => ts[i]!));
    expect(maxTrain).toBeLessThan(split.cutoff);
  });
});
