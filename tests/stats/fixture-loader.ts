/**
 * Reads the SciPy reference fixture in place and narrows it from `unknown` by hand, so a
 * malformed or missing file fails loudly with the path instead of letting tests pass vacuously.
 */
import fs from "node:fs";
import path from "node:path";

export const FIXTURE_PATH = path.resolve(process.cwd(), "../shared/fixtures/ab-stats.json");

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function loadFixture(filePath: string = FIXTURE_PATH): JsonObject {
  if (!fs.existsSync(filePath)) {
    throw new Error(`A/B reference fixture not found at ${filePath} (expected ../shared/fixtures/ab-stats.json from the repo root)`);
  }
  const parsed: unknown = JSON.parse(fs.readFileSync(filePath, "utf8"));
  return asObject(parsed, filePath);
}

export function asObject(value: unknown, where: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  return value as JsonObject;
}

export function cases(root: JsonObject, family: string): { input: JsonObject; expect: JsonObject; label: string }[] {
  const list = root[family];
  if (!Array.isArray(list) || list.length === 0) throw new Error(`fixture family "${family}" missing or empty in ${FIXTURE_PATH}`);
  return list.map((entry, i) => {
    const obj = asObject(entry, `${family}[${i}]`);
    return { input: asObject(obj.input, `${family}[${i}].input`), expect: asObject(obj.expect, `${family}[${i}].expect`), label: `${family}[${i}]` };
  });
}

export function num(obj: JsonObject, key: string): number {
  const v = obj[key];
  if (typeof v !== "number") throw new Error(`fixture field "${key}" is not a number`);
  return v;
}

export function nums(obj: JsonObject, key: string): number[] {
  const v = obj[key];
  if (!Array.isArray(v) || !v.every((x): x is number => typeof x === "number")) throw new Error(`fixture field "${key}" is not a number array`);
  return v;
}

export function pair(obj: JsonObject, key: string): { lower: number; upper: number } {
  const v = nums(obj, key);
  if (v.length !== 2) throw new Error(`fixture field "${key}" is not an interval`);
  return { lower: v[0] ?? Number.NaN, upper: v[1] ?? Number.NaN };
}

/** Relative error; falls back to absolute when the reference is exactly 0. */
export function relativeError(actual: number, expected: number): number {
  if (!Number.isFinite(actual)) return Infinity;
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

/** Tracks the worst relative error per family so the run can report it. */
export class ErrorLedger {
  private readonly worst = new Map<string, { error: number; where: string }>();

  check(family: string, where: string, actual: number, expected: number, tolerance: number): void {
    const error = relativeError(actual, expected);
    const current = this.worst.get(family);
    if (!current || error > current.error) this.worst.set(family, { error, where });
    if (!(error <= tolerance)) {
      throw new Error(`${where}: got ${actual}, expected ${expected} (relative error ${error.toExponential(2)} > ${tolerance})`);
    }
  }

  report(): Record<string, { error: number; where: string }> {
    return Object.fromEntries(this.worst);
  }
}
