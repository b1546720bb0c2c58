/**
 * The extended A/B families against ../shared/fixtures/ab-stats-extended.json (SciPy/NumPy,
 * cross-checked in exact arithmetic). Every key of every case's `expect` is compared with the
 * README's tolerances; a `null` must come back as an explicit "undefined" with a reason.
 *
 * Each family has an adapter that only renames the engine's outputs to the fixture's keys: the
 * numbers compared are the engine's, never recomputed here.
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  benjaminiHochberg,
  cupedMulti,
  cupedMultiSumsFromUnits,
  meanRelative,
  postStratified,
  proportionPowerPlan,
  ratioDelta,
  ratioSumsFromUnits,
  winsorisedWelch,
} from "../../server/stats";
import type {
  CupedMultiResult,
  CupedMultiSums,
  CupedMultiUnits,
  Interval,
  MeanRelativeResult,
  Outcome,
  PostStratifiedResult,
  ProportionPowerPlan,
  RatioDeltaResult,
  RatioSums,
  RatioUnits,
  Stratum,
  Undefined,
  WelchBlock,
  WinsorisedWelchResult,
} from "../../server/stats";
import { asObject, loadFixture, num, nums, type Json, type JsonObject } from "./fixture-loader";

const EXTENDED_FIXTURE_PATH = path.resolve(process.cwd(), "../shared/fixtures/ab-stats-extended.json");

/** The README's case counts: a family that shrinks or vanishes fails instead of passing vacuously. */
const FAMILY_SIZES = { ratio_delta: 11, mean_relative: 11, bh: 10, winsorised_welch: 9, cuped_multi: 10, post_stratified: 9, power_ratio: 15 } as const;
type Family = keyof typeof FAMILY_SIZES;

const CLOSED_FORM_TOL = 1e-9;
const DISTRIBUTION_TOL = 1e-6;
const ZERO_TOL = 1e-12;
const EXACT_KEYS = new Set(["nCappedA", "nCappedB", "nPerArm", "totalN", "daysToDecision"]);

function tolerance(key: string): number {
  return key === "pValue" || key === "nPerArmExact" || key.endsWith("CI") ? DISTRIBUTION_TOL : CLOSED_FORM_TOL;
}

// ---------------------------------------------------------------------------------------------
// What the engine said, keyed like the fixture.

type Reading = number | boolean | Undefined | Interval | readonly Reading[] | Readings;
interface Readings {
  readonly [key: string]: Reading;
}

function isUndefined(reading: Reading): reading is Undefined {
  return typeof reading === "object" && !Array.isArray(reading) && "defined" in reading && reading.defined === false;
}

function value<T extends number | boolean>(outcome: Outcome<{ readonly value: T }>): T | Undefined {
  return outcome.defined ? outcome.value : outcome;
}

function field<T extends object>(outcome: Outcome<T>, pick: (defined: T) => Reading): Reading {
  return outcome.defined ? pick(outcome) : outcome;
}

function interval(outcome: Outcome<Interval>): Reading {
  return field(outcome, (ci) => ({ lower: ci.lower, upper: ci.upper }));
}

function welchReadings(w: WelchBlock): Readings {
  return {
    meanA: value(w.armA.mean),
    varA: value(w.armA.variance),
    meanB: value(w.armB.mean),
    varB: value(w.armB.variance),
    diff: value(w.diff),
    seDiff: value(w.seDiff),
    t: field(w.test, (t) => t.t),
    df: field(w.test, (t) => t.df),
    pValue: field(w.test, (t) => t.pValue),
    diffCI: field(w.test, (t) => t.ci),
  };
}

function ratioReadings(r: RatioDeltaResult): Readings {
  return {
    ratioA: value(r.armA.ratio),
    varRatioA: value(r.armA.variance),
    ratioB: value(r.armB.ratio),
    varRatioB: value(r.armB.variance),
    diff: value(r.diff),
    seDiff: value(r.seDiff),
    z: field(r.test, (t) => t.z),
    pValue: field(r.test, (t) => t.pValue),
    diffCI: field(r.test, (t) => t.ci),
    relLift: value(r.relativeLift.estimate),
    seRelLift: value(r.relativeLift.se),
    relLiftCI: interval(r.relativeLift.ci),
  };
}

function meanRelativeReadings(r: MeanRelativeResult): Readings {
  return {
    ...welchReadings(r.welch),
    relLift: value(r.relativeLift.estimate),
    seRelLift: value(r.relativeLift.se),
    relLiftCI: interval(r.relativeLift.ci),
    zRel: value(r.zRel),
    absCIExcludesZero: value(r.absCIExcludesZero),
    relCIExcludesZero: value(r.relCIExcludesZero),
  };
}

function winsorisedReadings(r: WinsorisedWelchResult): Readings {
  return { cap: value(r.cap), nCappedA: r.nCappedA, nCappedB: r.nCappedB, ...welchReadings(r.welch) };
}

function cupedMultiReadings(r: CupedMultiResult): Readings {
  return {
    theta: field(r.theta, (t) => t.values),
    covariateMeans: field(r.covariateMeans, (m) => m.values),
    raw: welchReadings(r.raw),
    adjusted: welchReadings(r.adjusted),
    varianceReduction: value(r.varianceReduction),
  };
}

function postStratifiedReadings(r: PostStratifiedResult): Readings {
  return {
    weights: field(r.weights, (w) => w.values),
    stratumDiffs: r.stratumDiffs.map(value),
    diff: value(r.diff),
    seDiff: value(r.seDiff),
    z: field(r.test, (t) => t.z),
    pValue: field(r.test, (t) => t.pValue),
    diffCI: field(r.test, (t) => t.ci),
    naiveDiff: value(r.naiveDiff),
  };
}

function powerPlanReadings(r: ProportionPowerPlan): Readings {
  return {
    pTreatment: value(r.pTreatment),
    nPerArmExact: field(r.sampleSize, (s) => s.nPerArmExact),
    nPerArm: field(r.sampleSize, (s) => s.nPerArm),
    totalN: field(r.sampleSize, (s) => s.totalN),
    daysToDecision: field(r.sampleSize, (s) => s.daysToDecision.map(value)),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison.

const worst = new Map<string, { error: number; where: string }>();

function record(family: Family, where: string, error: number): void {
  const current = worst.get(family);
  if (!current || error > current.error) worst.set(family, { error, where });
}

afterAll(() => {
  const rows = [...worst].map(([family, { error, where }]) => `  ${family.padEnd(17)} max rel err ${error.toExponential(2)}  (${where})`);
  if (rows.length > 0) console.log(`Extended A/B fixture agreement (${EXTENDED_FIXTURE_PATH}):\n${rows.join("\n")}`);
});

function compareNumber(family: Family, where: string, key: string, expected: number, got: Reading): void {
  if (typeof got !== "number") throw new Error(`${where}: expected ${expected}, engine said ${JSON.stringify(got)}`);
  if (!Number.isFinite(got)) throw new Error(`${where}: expected ${expected}, got non-finite ${got}`);
  if (EXACT_KEYS.has(key)) {
    if (got !== expected) throw new Error(`${where}: expected exactly ${expected}, got ${got}`);
    return;
  }
  if (expected === 0) {
    if (!(Math.abs(got) <= ZERO_TOL)) throw new Error(`${where}: expected 0, got ${got} (|got| > ${ZERO_TOL})`);
    return;
  }
  const error = Math.abs(got - expected) / Math.abs(expected);
  record(family, where, error);
  const tol = tolerance(key);
  if (!(error <= tol)) throw new Error(`${where}: got ${got}, expected ${expected} (relative error ${error.toExponential(2)} > ${tol})`);
}

function compare(family: Family, where: string, key: string, expected: Json, got: Reading | undefined): void {
  if (got === undefined) throw new Error(`${where}: the ${family} adapter maps no engine output to fixture key "${key}"`);
  if (expected === null) {
    // Undefined must be said in words: never NaN, ±Infinity, 0 or a missing field.
    if (!isUndefined(got)) throw new Error(`${where}: expected undefined, engine said ${JSON.stringify(got)}`);
    expect(typeof got.reason).toBe("string");
    expect(got.reason.trim().length, `${where}: empty reason`).toBeGreaterThan(0);
    return;
  }
  if (typeof expected === "boolean") {
    if (got !== expected) throw new Error(`${where}: expected ${expected}, engine said ${JSON.stringify(got)}`);
    return;
  }
  if (typeof expected === "number") return compareNumber(family, where, key, expected, got);
  if (typeof expected === "string") throw new Error(`${where}: unexpected string in the fixture`);
  if (Array.isArray(expected)) {
    if (key.endsWith("CI")) {
      if (typeof got !== "object" || isUndefined(got) || Array.isArray(got) || !("lower" in got) || !("upper" in got)) {
        throw new Error(`${where}: expected an interval, engine said ${JSON.stringify(got)}`);
      }
      const [lower, upper] = expected;
      if (expected.length !== 2 || typeof lower !== "number" || typeof upper !== "number") throw new Error(`${where}: malformed fixture interval`);
      compareNumber(family, `${where}.lower`, key, lower, got.lower);
      compareNumber(family, `${where}.upper`, key, upper, got.upper);
      return;
    }
    if (!Array.isArray(got)) throw new Error(`${where}: expected a list, engine said ${JSON.stringify(got)}`);
    expect(got, `${where}: list length`).toHaveLength(expected.length);
    expected.forEach((item, i) => compare(family, `${where}[${i}]`, key, item, got[i]));
    return;
  }
  if (typeof got !== "object" || Array.isArray(got) || isUndefined(got)) throw new Error(`${where}: expected an object, engine said ${JSON.stringify(got)}`);
  compareAll(family, where, expected, got as Readings);
}

/** Every key of `expect` except the prose `reason`. */
function compareAll(family: Family, where: string, expected: JsonObject, got: Readings): void {
  const keys = Object.keys(expected).filter((key) => key !== "reason");
  expect(keys.length, `${where}: nothing to compare`).toBeGreaterThan(0);
  for (const key of keys) compare(family, `${where}.${key}`, key, expected[key] ?? null, got[key]);
}

/** NaN or ±Infinity anywhere in a result is a bug even where the fixture does not look. */
function expectAllFinite(where: string, result: unknown): void {
  const walk = (node: unknown, at: string): void => {
    if (typeof node === "number") {
      if (!Number.isFinite(node)) throw new Error(`${where}: non-finite ${node} at ${at}`);
    } else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (typeof node === "object" && node !== null) Object.entries(node).forEach(([k, v]) => walk(v, `${at}.${k}`));
  };
  walk(result, "result");
}

// ---------------------------------------------------------------------------------------------
// Reading fixture inputs.

interface FixtureCase {
  readonly name: string;
  readonly input: JsonObject;
  readonly expect: JsonObject;
}

const root = loadFixture(EXTENDED_FIXTURE_PATH);

function familyCases(family: Family): FixtureCase[] {
  const list = root[family];
  if (!Array.isArray(list) || list.length === 0) throw new Error(`fixture family "${family}" missing or empty in ${EXTENDED_FIXTURE_PATH}`);
  return list.map((entry, i) => {
    const obj = asObject(entry, `${family}[${i}]`);
    if (typeof obj.name !== "string") throw new Error(`${family}[${i}]: case has no name`);
    return { name: obj.name, input: asObject(obj.input, `${family}[${i}].input`), expect: asObject(obj.expect, `${family}[${i}].expect`) };
  });
}

function child(obj: JsonObject, key: string): JsonObject {
  return asObject(obj[key], key);
}

function numOrNull(obj: JsonObject, key: string): number | null {
  return obj[key] === null ? null : num(obj, key);
}

function matrix(obj: JsonObject, key: string): number[][] {
  const rows = obj[key];
  const isRow = (row: Json): row is number[] => Array.isArray(row) && row.every((x) => typeof x === "number");
  if (!Array.isArray(rows) || !rows.every(isRow)) throw new Error(`fixture field "${key}" is not a list of number lists`);
  return rows;
}

function ratioSums(obj: JsonObject): RatioSums {
  return { n: num(obj, "n"), sumNum: num(obj, "sumNum"), sumDen: num(obj, "sumDen"), sumNum2: num(obj, "sumNum2"), sumDen2: num(obj, "sumDen2"), sumNumDen: num(obj, "sumNumDen") };
}

function ratioUnits(obj: JsonObject): RatioUnits {
  return { num: nums(obj, "num"), den: nums(obj, "den") };
}

function cupedSums(obj: JsonObject): CupedMultiSums {
  return { n: num(obj, "n"), sumY: num(obj, "sumY"), sumY2: num(obj, "sumY2"), sumX: nums(obj, "sumX"), sumXY: nums(obj, "sumXY"), sumXX: matrix(obj, "sumXX") };
}

function cupedUnits(obj: JsonObject): CupedMultiUnits {
  return { y: nums(obj, "y"), x: matrix(obj, "x") };
}

function stratum(entry: Json): Stratum {
  const s = asObject(entry, "stratum");
  if (typeof s.name !== "string") throw new Error("stratum without a name");
  return { name: s.name, nA: num(s, "nA"), meanA: numOrNull(s, "meanA"), varA: numOrNull(s, "varA"), nB: num(s, "nB"), meanB: numOrNull(s, "meanB"), varB: numOrNull(s, "varB") };
}

function check(family: Family, where: string, expected: JsonObject, result: unknown, readings: Readings): void {
  expectAllFinite(where, result);
  compareAll(family, where, expected, readings);
}

// ---------------------------------------------------------------------------------------------

describe("extended reference fixture", () => {
  it("is read in place and holds every family with the README's case count", () => {
    for (const [family, size] of Object.entries(FAMILY_SIZES)) expect(familyCases(family as Family), family).toHaveLength(size);
  });
});

describe("ratio_delta", () => {
  for (const c of familyCases("ratio_delta")) {
    it(c.name, () => {
      const sums = child(c.input, "sums");
      const fromSums = ratioDelta({ A: ratioSums(child(sums, "A")), B: ratioSums(child(sums, "B")) });
      check("ratio_delta", `${c.name} [sums]`, c.expect, fromSums, ratioReadings(fromSums));
      if (c.input.units === undefined) return;
      const units = child(c.input, "units");
      const fromUnits = ratioDelta({ A: ratioSumsFromUnits(ratioUnits(child(units, "A"))), B: ratioSumsFromUnits(ratioUnits(child(units, "B"))) });
      check("ratio_delta", `${c.name} [units]`, c.expect, fromUnits, ratioReadings(fromUnits));
    });
  }
});

describe("mean_relative", () => {
  for (const c of familyCases("mean_relative")) {
    it(c.name, () => {
      const i = c.input;
      const r = meanRelative({ nA: num(i, "nA"), meanA: numOrNull(i, "meanA"), varA: numOrNull(i, "varA"), nB: num(i, "nB"), meanB: numOrNull(i, "meanB"), varB: numOrNull(i, "varB") });
      check("mean_relative", c.name, c.expect, r, meanRelativeReadings(r));
    });
  }
});

describe("bh", () => {
  for (const c of familyCases("bh")) {
    it(c.name, () => {
      const r = benjaminiHochberg(nums(c.input, "pValues"));
      check("bh", c.name, c.expect, r, { adjusted: field(r, (x) => x.adjusted) });
    });
  }
});

describe("winsorised_welch", () => {
  for (const c of familyCases("winsorised_welch")) {
    it(c.name, () => {
      const r = winsorisedWelch({ P: num(c.input, "P"), yA: nums(c.input, "yA"), yB: nums(c.input, "yB") });
      check("winsorised_welch", c.name, c.expect, r, winsorisedReadings(r));
    });
  }
});

describe("cuped_multi", () => {
  for (const c of familyCases("cuped_multi")) {
    it(c.name, () => {
      const sums = child(c.input, "sums");
      const units = child(c.input, "units");
      const fromSums = cupedMulti({ A: cupedSums(child(sums, "A")), B: cupedSums(child(sums, "B")) });
      check("cuped_multi", `${c.name} [sums]`, c.expect, fromSums, cupedMultiReadings(fromSums));
      const fromUnits = cupedMulti({ A: cupedMultiSumsFromUnits(cupedUnits(child(units, "A"))), B: cupedMultiSumsFromUnits(cupedUnits(child(units, "B"))) });
      check("cuped_multi", `${c.name} [units]`, c.expect, fromUnits, cupedMultiReadings(fromUnits));
      const k = num(c.input, "k");
      if (fromSums.theta.defined) expect(fromSums.theta.values).toHaveLength(k);
    });
  }
});

describe("post_stratified", () => {
  for (const c of familyCases("post_stratified")) {
    it(c.name, () => {
      const strata = c.input.strata;
      if (!Array.isArray(strata)) throw new Error(`${c.name}: strata is not a list`);
      const r = postStratified(strata.map(stratum));
      check("post_stratified", c.name, c.expect, r, postStratifiedReadings(r));
    });
  }
});

describe("power_ratio", () => {
  for (const c of familyCases("power_ratio")) {
    it(c.name, () => {
      const i = c.input;
      const r = proportionPowerPlan({
        baselineRate: num(i, "baselineRate"),
        relativeMde: num(i, "relativeMde"),
        alpha: num(i, "alpha"),
        power: num(i, "power"),
        arms: num(i, "arms"),
        dailyEligible: nums(i, "dailyEligible"),
      });
      check("power_ratio", c.name, c.expect, r, powerPlanReadings(r));
    });
  }
});

describe("sums with rounding dust (beyond the fixture: non-dyadic constants)", () => {
  // Σy² − (Σy)²/n of a constant 0.7 is ~1e-14, not 0, in doubles; without a noise floor the
  // engine would run a t-test on rounding error instead of saying the variance is 0.
  const spread = Array.from({ length: 30 }, (_, i) => (i * 7) % 11);

  it("a per-unit ratio of exactly 1/3 has Var(R) = 0, so the test is undefined", () => {
    const den = Array.from({ length: 40 }, (_, i) => 1 + (i % 7) * 3);
    const arm = ratioSumsFromUnits({ num: den.map((d) => d / 3), den });
    const r = ratioDelta({ A: arm, B: arm });
    expect(value(r.armA.variance)).toBe(0);
    expect(isUndefined(field(r.test, (t) => t.z))).toBe(true);
  });

  it("a constant outcome of 0.7 has raw variance 0 and no variance reduction", () => {
    const arm = cupedMultiSumsFromUnits({ y: spread.map(() => 0.7), x: [spread] });
    const r = cupedMulti({ A: arm, B: arm });
    expect(value(r.raw.armA.variance)).toBe(0);
    expect(isUndefined(field(r.raw.test, (t) => t.t))).toBe(true);
    expect(isUndefined(value(r.varianceReduction))).toBe(true);
  });

  it("a constant covariate of 0.7 makes S_XX singular", () => {
    const arm = cupedMultiSumsFromUnits({ y: spread, x: [spread.map((v) => v * 0.5 + (v % 3)), spread.map(() => 0.7)] });
    const r = cupedMulti({ A: arm, B: arm });
    expect(r.theta.defined).toBe(false);
    if (!r.theta.defined) expect(r.theta.reason).toMatch(/covariate 2 has zero variance/);
  });
});
