/**
 * CUPED with several pre-experiment covariates, from per-arm sums so SQL can aggregate and the
 * rows never travel. θ is the pooled OLS slope vector over both arms: it does not depend on the
 * treatment, which keeps the adjusted difference unbiased. With k = 1 this is `cupedFromMoments`.
 */
import { definedAs, undefinedBecause, type Outcome } from "./outcome";
import { undefinedWelchBlock, welchBlock, type ArmAggregate, type EstimateOptions, type WelchBlock } from "./relative";
import { assertCount, assertFinite, assertFiniteArray } from "./validate";

/** One arm's sums over its units: y the metric, x[j] the j-th covariate. */
export interface CupedMultiSums {
  readonly n: number;
  readonly sumY: number;
  readonly sumY2: number;
  /** Σxⱼ. */
  readonly sumX: readonly number[];
  /** Σxⱼ·y. */
  readonly sumXY: readonly number[];
  /** Σxⱼ·xₗ (k×k, symmetric). */
  readonly sumXX: readonly (readonly number[])[];
}

export interface CupedMultiUnits {
  readonly y: readonly number[];
  /** k arrays, each aligned with y. */
  readonly x: readonly (readonly number[])[];
}

export interface CupedMultiResult {
  readonly theta: Outcome<{ readonly values: readonly number[] }>;
  /** Pooled covariate means x̄ that every unit is centred on. */
  readonly covariateMeans: Outcome<{ readonly values: readonly number[] }>;
  /** Welch on y alone. */
  readonly raw: WelchBlock;
  /** Welch on yᵢ − (xᵢ − x̄)·θ. */
  readonly adjusted: WelchBlock;
  /** 1 − var(y′)/var(y) over the pooled units: the pooled R². */
  readonly varianceReduction: Outcome<{ readonly value: number }>;
}

// Raw sums leave rounding noise where the unit values have an exact zero spread; a centred square
// this small against its raw square sum is treated as exactly 0.
const NOISE_FLOOR = 1e-12;
// The contract's collinearity threshold on det of the covariate correlation matrix.
const MIN_CORRELATION_DET = 1e-10;

export function cupedMultiSumsFromUnits(units: CupedMultiUnits): CupedMultiSums {
  const { y, x } = units;
  assertFiniteArray("y", y);
  if (!Array.isArray(x) || x.length === 0) throw new RangeError("x must hold at least one covariate array");
  x.forEach((xj, j) => {
    assertFiniteArray(`x[${j}]`, xj);
    if (xj.length !== y.length) throw new RangeError(`x[${j}] must have one value per y value (${y.length}, got ${xj.length})`);
  });
  const k = x.length;
  const sumX = new Array<number>(k).fill(0);
  const sumXY = new Array<number>(k).fill(0);
  const sumXX = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let sumY = 0;
  let sumY2 = 0;
  y.forEach((yi, i) => {
    sumY += yi;
    sumY2 += yi * yi;
    for (let j = 0; j < k; j++) {
      const xj = x[j]?.[i] ?? 0;
      sumX[j] = (sumX[j] ?? 0) + xj;
      sumXY[j] = (sumXY[j] ?? 0) + xj * yi;
      const row = sumXX[j] ?? [];
      for (let l = 0; l < k; l++) row[l] = (row[l] ?? 0) + xj * (x[l]?.[i] ?? 0);
    }
  });
  return { n: y.length, sumY, sumY2, sumX, sumXY, sumXX };
}

function assertSums(name: string, s: CupedMultiSums, k: number): void {
  assertCount(`${name}.n`, s.n);
  assertFinite(`${name}.sumY`, s.sumY);
  assertFinite(`${name}.sumY2`, s.sumY2);
  assertFiniteArray(`${name}.sumX`, s.sumX);
  assertFiniteArray(`${name}.sumXY`, s.sumXY);
  if (s.sumX.length !== k || s.sumXY.length !== k || !Array.isArray(s.sumXX) || s.sumXX.length !== k) {
    throw new RangeError(`${name}: sumX, sumXY and sumXX must all have k = ${k} entries`);
  }
  s.sumXX.forEach((row, j) => {
    assertFiniteArray(`${name}.sumXX[${j}]`, row);
    if (row.length !== k) throw new RangeError(`${name}.sumXX[${j}] must have k = ${k} entries`);
  });
}

function at(values: readonly number[], i: number): number {
  return values[i] ?? Number.NaN;
}

/** Σ(u − ū)(v − v̄) from raw sums. */
function centred(sumUV: number, sumU: number, sumV: number, n: number): number {
  return sumUV - (sumU * sumV) / n;
}

function centredSquare(sumU2: number, sumU: number, n: number): number {
  const value = centred(sumU2, sumU, sumU, n);
  return value <= NOISE_FLOOR * sumU2 ? 0 : value;
}

/** Centred (co)variance sums of one set of units (ddof left to the caller). */
interface Scatter {
  readonly n: number;
  readonly yy: number;
  readonly xy: readonly number[];
  readonly xx: readonly (readonly number[])[];
}

function scatter(s: CupedMultiSums): Scatter {
  const k = s.sumX.length;
  const xx = s.sumXX.map((row, j) =>
    row.map((v, l) => (j === l ? centredSquare(v, at(s.sumX, j), s.n) : centred(v, at(s.sumX, j), at(s.sumX, l), s.n))),
  );
  const xy = Array.from({ length: k }, (_, j) => centred(at(s.sumXY, j), at(s.sumX, j), s.sumY, s.n));
  return { n: s.n, yy: centredSquare(s.sumY2, s.sumY, s.n), xy, xx };
}

function pool(a: CupedMultiSums, b: CupedMultiSums): CupedMultiSums {
  const add = (u: readonly number[], v: readonly number[]) => u.map((x, i) => x + at(v, i));
  return {
    n: a.n + b.n,
    sumY: a.sumY + b.sumY,
    sumY2: a.sumY2 + b.sumY2,
    sumX: add(a.sumX, b.sumX),
    sumXY: add(a.sumXY, b.sumXY),
    sumXX: a.sumXX.map((row, j) => add(row, b.sumXX[j] ?? [])),
  };
}

/**
 * Gaussian elimination with partial pivoting on a copy: the solution of M·x = rhs and det(M).
 * k ≤ 5 here, so nothing cleverer is warranted. A zero pivot gives determinant 0 and no solution.
 */
function eliminate(matrix: readonly (readonly number[])[], rhs: readonly number[]): { determinant: number; solution: number[] | null } {
  const k = rhs.length;
  const a = matrix.map((row) => [...row]);
  const b = [...rhs];
  const cell = (i: number, j: number) => a[i]?.[j] ?? Number.NaN;
  let determinant = 1;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(cell(r, col)) > Math.abs(cell(pivot, col))) pivot = r;
    if (cell(pivot, col) === 0) return { determinant: 0, solution: null };
    if (pivot !== col) {
      [a[col], a[pivot]] = [a[pivot] ?? [], a[col] ?? []];
      [b[col], b[pivot]] = [at(b, pivot), at(b, col)];
      determinant = -determinant;
    }
    const p = cell(col, col);
    determinant *= p;
    for (let r = col + 1; r < k; r++) {
      const f = cell(r, col) / p;
      const row = a[r] ?? [];
      for (let c = col; c < k; c++) row[c] = cell(r, c) - f * cell(col, c);
      b[r] = at(b, r) - f * at(b, col);
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = at(b, r);
    for (let c = r + 1; c < k; c++) s -= cell(r, c) * at(x, c);
    x[r] = s / cell(r, r);
  }
  return { determinant, solution: x };
}

/** Why the covariates cannot be regressed on, or null when S_XX is safely invertible. */
function singularity(xx: readonly (readonly number[])[]): string | null {
  const variances = xx.map((row, j) => at(row, j));
  const constant = variances.findIndex((v) => !(v > 0));
  if (constant >= 0) return `covariate covariance matrix is singular (covariate ${constant + 1} has zero variance): theta undefined`;
  // The correlation matrix makes the threshold independent of the covariates' units.
  const correlation = xx.map((row, j) => row.map((v, l) => v / Math.sqrt(at(variances, j) * at(variances, l))));
  const { determinant } = eliminate(correlation, new Array<number>(xx.length).fill(0));
  if (!(determinant >= MIN_CORRELATION_DET)) {
    return "covariate covariance matrix is singular (covariates are collinear; det of correlation matrix < 1e-10): theta undefined";
  }
  return null;
}

function dot(u: readonly number[], v: readonly number[]): number {
  return u.reduce((s, x, i) => s + x * at(v, i), 0);
}

function rawArm(s: CupedMultiSums): ArmAggregate {
  if (s.n === 0) return { n: 0, mean: null, variance: null };
  return { n: s.n, mean: s.sumY / s.n, variance: s.n < 2 ? null : centredSquare(s.sumY2, s.sumY, s.n) / (s.n - 1) };
}

/** Mean and ddof-1 variance of y − (x − x̄)·θ within one arm, from its own sums. */
function adjustedArm(s: CupedMultiSums, theta: readonly number[], meanX: readonly number[]): ArmAggregate {
  if (s.n === 0) return { n: 0, mean: null, variance: null };
  const shift = dot(
    s.sumX.map((v, j) => v / s.n - at(meanX, j)),
    theta,
  );
  const mean = s.sumY / s.n - shift;
  if (s.n < 2) return { n: s.n, mean, variance: null };
  const sc = scatter(s);
  const quadratic = sc.xx.reduce((acc, row, j) => acc + at(theta, j) * dot(row, theta), 0);
  const squares = Math.max(0, sc.yy - 2 * dot(theta, sc.xy) + quadratic);
  return { n: s.n, mean, variance: squares / (s.n - 1) };
}

export function cupedMulti(sums: { readonly A: CupedMultiSums; readonly B: CupedMultiSums }, options: EstimateOptions = {}): CupedMultiResult {
  const k = Array.isArray(sums.A.sumX) ? sums.A.sumX.length : 0;
  if (k < 1) throw new RangeError("A.sumX must list at least one covariate");
  assertSums("A", sums.A, k);
  assertSums("B", sums.B, k);
  const raw = welchBlock(rawArm(sums.A), rawArm(sums.B), options);
  const pooled = pool(sums.A, sums.B);
  const { n } = pooled;
  const notFitted = (reason: string): CupedMultiResult => {
    const none = undefinedBecause(reason);
    const covariateMeans = n === 0 ? none : definedAs({ values: pooled.sumX.map((v) => v / n) });
    return { theta: none, covariateMeans, raw, adjusted: undefinedWelchBlock(reason), varianceReduction: none };
  };
  if (n < 2) return notFitted("need at least 2 units across both arms to estimate theta");
  const meanX = pooled.sumX.map((v) => v / n);
  const total = scatter(pooled);
  const singular = singularity(total.xx);
  if (singular !== null) return notFitted(singular);
  // ddof cancels in S_XX⁻¹·S_XY, so the centred sums are solved directly.
  const theta = eliminate(total.xx, total.xy).solution;
  if (theta === null) return notFitted("covariate covariance matrix is singular: theta undefined");

  const adjusted = welchBlock(adjustedArm(sums.A, theta, meanX), adjustedArm(sums.B, theta, meanX), options);
  const varianceReduction =
    total.yy === 0
      ? undefinedBecause("outcome has zero variance: variance reduction 0/0 undefined")
      : definedAs({ value: dot(total.xy, theta) / total.yy });
  return { theta: definedAs({ values: theta }), covariateMeans: definedAs({ values: meanX }), raw, adjusted, varianceReduction };
}
