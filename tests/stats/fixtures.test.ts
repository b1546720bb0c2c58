import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { bayesProportions, compareProportions, confidenceSequence, cuped, holmAdjust, sampleRatioMismatch, welchTest } from "../../server/stats";
import type { Interval, WelchResult } from "../../server/stats";
import { cases, ErrorLedger, FIXTURE_PATH, loadFixture, nums, num, pair, asObject, type JsonObject } from "./fixture-loader";

const TOL = 1e-6;
const BAYES_TOL = 1e-4;
const ledger = new ErrorLedger();

function checkInterval(family: string, where: string, actual: Interval, expected: Interval, tol = TOL): void {
  ledger.check(family, `${where}.lower`, actual.lower, expected.lower, tol);
  ledger.check(family, `${where}.upper`, actual.upper, expected.upper, tol);
}

function checkWelch(family: string, where: string, result: WelchResult, expected: JsonObject): void {
  if (!result.defined) throw new Error(`${where}: unexpectedly undefined (${result.reason})`);
  ledger.check(family, `${where}.t`, result.t, num(expected, "t"), TOL);
  ledger.check(family, `${where}.df`, result.df, num(expected, "df"), TOL);
  ledger.check(family, `${where}.pValue`, result.pValue, num(expected, "pValue"), TOL);
  ledger.check(family, `${where}.diff`, result.diff, num(expected, "diff"), TOL);
  checkInterval(family, `${where}.diffCI`, result.ci, pair(expected, "diffCI"));
}

afterAll(() => {
  const rows = Object.entries(ledger.report()).map(([family, { error, where }]) => `  ${family.padEnd(12)} max rel err ${error.toExponential(2)}  (${where})`);
  if (rows.length > 0) console.log(`A/B fixture agreement (${FIXTURE_PATH}):\n${rows.join("\n")}`);
});

describe("reference fixture", () => {
  it("is read in place and fails loudly, naming the path, when absent", () => {
    const missing = path.join(os.tmpdir(), `no-such-dir-${process.pid}`, "ab-stats.json");
    expect(fs.existsSync(missing)).toBe(false);
    expect(() => loadFixture(missing)).toThrow(missing);
    // The real file must exist: a missing fixture fails here (and in every family below).
    expect(() => loadFixture()).not.toThrow();
  });

  it("has every family the contract names", () => {
    const root = loadFixture();
    for (const family of ["proportions", "welch", "bayes", "srm", "holm", "sequential", "cuped"]) {
      expect(cases(root, family).length).toBeGreaterThan(0);
    }
  });
});

describe("proportions", () => {
  it("matches SciPy on every case", () => {
    for (const { input, expect: e, label } of cases(loadFixture(), "proportions")) {
      const r = compareProportions({ cA: num(input, "cA"), nA: num(input, "nA"), cB: num(input, "cB"), nB: num(input, "nB") });
      if (e.relLift === null) {
        // Zero-rate contract case: relative lift must be an explicit "undefined", not NaN/Infinity.
        expect(r.relativeLift.defined).toBe(false);
        if (!r.relativeLift.defined) expect(r.relativeLift.reason).toMatch(/control rate is zero/);
        expect(JSON.stringify(r)).not.toMatch(/null|NaN|Infinity/);
        continue;
      }
      if (!r.armA.defined || !r.armB.defined || !r.zTest.defined || !r.difference.defined || !r.relativeLift.defined) {
        throw new Error(`${label}: unexpected undefined field`);
      }
      ledger.check("proportions", `${label}.pA`, r.armA.rate, num(e, "pA"), TOL);
      ledger.check("proportions", `${label}.pB`, r.armB.rate, num(e, "pB"), TOL);
      ledger.check("proportions", `${label}.z`, r.zTest.z, num(e, "z"), TOL);
      ledger.check("proportions", `${label}.pValue`, r.zTest.pValue, num(e, "pValue"), TOL);
      checkInterval("proportions", `${label}.wilsonA`, r.armA.wilson, pair(e, "wilsonA"));
      checkInterval("proportions", `${label}.wilsonB`, r.armB.wilson, pair(e, "wilsonB"));
      ledger.check("proportions", `${label}.diff`, r.difference.estimate, num(e, "diff"), TOL);
      checkInterval("proportions", `${label}.diffCI`, r.difference.ci, pair(e, "diffCI"));
      ledger.check("proportions", `${label}.relLift`, r.relativeLift.estimate, num(e, "relLift"), TOL);
      checkInterval("proportions", `${label}.relLiftCI`, r.relativeLift.ci, pair(e, "relLiftCI"));
    }
  });
});

describe("welch", () => {
  it("matches SciPy on every case", () => {
    for (const { input, expect: e, label } of cases(loadFixture(), "welch")) {
      const r = welchTest({
        nA: num(input, "nA"),
        meanA: num(input, "meanA"),
        varA: num(input, "varA"),
        nB: num(input, "nB"),
        meanB: num(input, "meanB"),
        varB: num(input, "varB"),
      });
      checkWelch("welch", label, r, e);
    }
  });
});

describe("bayes", () => {
  it("matches SciPy integration on every case (1e-4)", () => {
    for (const { input, expect: e, label } of cases(loadFixture(), "bayes")) {
      const r = bayesProportions({ cA: num(input, "cA"), nA: num(input, "nA"), cB: num(input, "cB"), nB: num(input, "nB") });
      ledger.check("bayes", `${label}.probBBeatsA`, r.probBBeatsA, num(e, "probBBeatsA"), BAYES_TOL);
      ledger.check("bayes", `${label}.expectedLossB`, r.expectedLossB, num(e, "expectedLossB"), BAYES_TOL);
    }
  });
});

describe("srm", () => {
  it("matches SciPy on every case", () => {
    for (const { input, expect: e, label } of cases(loadFixture(), "srm")) {
      const r = sampleRatioMismatch(nums(input, "counts"), nums(input, "weights"));
      if (!r.defined) throw new Error(`${label}: ${r.reason}`);
      ledger.check("srm", `${label}.chi2`, r.chi2, num(e, "chi2"), TOL);
      ledger.check("srm", `${label}.pValue`, r.pValue, num(e, "pValue"), TOL);
    }
  });
});

describe("holm", () => {
  it("matches on every case, in input order", () => {
    for (const { input, expect: e, label } of cases(loadFixture(), "holm")) {
      const adjusted = holmAdjust(nums(input, "pValues"));
      const expected = nums(e, "adjusted");
      expect(adjusted).toHaveLength(expected.length);
      expected.forEach((x, i) => ledger.check("holm", `${label}.adjusted[${i}]`, adjusted[i] ?? Number.NaN, x, TOL));
    }
  });
});

describe("sequential", () => {
  it("matches the confidence-sequence half-width on every case", () => {
    for (const { input, expect: e, label } of cases(loadFixture(), "sequential")) {
      const r = confidenceSequence({ variance: num(input, "variance"), n: num(input, "n"), nStar: num(input, "nStar"), alpha: num(input, "alpha") });
      if (!r.defined) throw new Error(`${label}: ${r.reason}`);
      ledger.check("sequential", `${label}.halfWidth`, r.halfWidth, num(e, "halfWidth"), TOL);
    }
  });
});

describe("cuped", () => {
  it("matches theta, raw and adjusted Welch on every case", () => {
    for (const { input, expect: e, label } of cases(loadFixture(), "cuped")) {
      expect(Object.keys(e).sort()).toEqual(["adjusted", "raw", "theta"]);
      const r = cuped({ yA: nums(input, "yA"), xA: nums(input, "xA"), yB: nums(input, "yB"), xB: nums(input, "xB") });
      if (!r.theta.defined) throw new Error(`${label}: ${r.theta.reason}`);
      ledger.check("cuped", `${label}.theta`, r.theta.value, num(e, "theta"), TOL);
      checkWelch("cuped", `${label}.raw`, r.raw, asObject(e.raw, `${label}.raw`));
      checkWelch("cuped", `${label}.adjusted`, r.adjusted, asObject(e.adjusted, `${label}.adjusted`));
      // CUPED exists to shrink the standard error; with a correlated covariate it must.
      if (!r.varianceReduction.defined) throw new Error(`${label}: ${r.varianceReduction.reason}`);
      expect(r.varianceReduction.value).toBeGreaterThan(0);
    }
  });
});
