/**
 * Argument checks shared by every entry point. They throw RangeError naming the argument so a
 * caller (API layer, CLI) can point at the offending field; bad input never degrades to NaN.
 */

export function assertFinite(name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number (got ${String(value)})`);
  }
}

export function assertCount(name: string, value: number): void {
  assertFinite(name, value);
  if (value < 0 || !Number.isInteger(value)) {
    throw new RangeError(`${name} must be a non-negative integer (got ${value})`);
  }
}

export function assertConversions(cName: string, c: number, nName: string, n: number): void {
  assertCount(cName, c);
  assertCount(nName, n);
  if (c > n) throw new RangeError(`${cName} (${c}) must not exceed ${nName} (${n})`);
}

export function assertNonNegative(name: string, value: number): void {
  assertFinite(name, value);
  if (value < 0) throw new RangeError(`${name} must be >= 0 (got ${value})`);
}

export function assertPositive(name: string, value: number): void {
  assertFinite(name, value);
  if (value <= 0) throw new RangeError(`${name} must be > 0 (got ${value})`);
}

/** Open interval (0, 1): levels, alphas and target powers are never exactly 0 or 1. */
export function assertOpenUnit(name: string, value: number): void {
  assertFinite(name, value);
  if (value <= 0 || value >= 1) throw new RangeError(`${name} must be strictly between 0 and 1 (got ${value})`);
}

/** Closed interval [0, 1], for p-values. */
export function assertUnit(name: string, value: number): void {
  assertFinite(name, value);
  if (value < 0 || value > 1) throw new RangeError(`${name} must be between 0 and 1 (got ${value})`);
}

export function assertFiniteArray(name: string, values: readonly number[]): void {
  if (!Array.isArray(values)) throw new RangeError(`${name} must be an array of numbers`);
  values.forEach((v, i) => assertFinite(`${name}[${i}]`, v));
}
