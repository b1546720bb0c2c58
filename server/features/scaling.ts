/**
 * Preparing feature matrices for models. Missing values stay null throughout: a model decides
 * how to impute, the feature layer never invents a zero.
 */
export type Matrix = ReadonlyArray<ReadonlyArray<number | null>>;

export interface WinsoriseOptions {
  /** Lower percentile in 0..1 (default 0.01). */
  lower?: number;
  /** Upper percentile in 0..1 (default 0.99). */
  upper?: number;
}

/** Linear-interpolation percentile (the "type 7" default of R and numpy) of sorted values. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (position - low);
}

function checkPercentiles(lower: number, upper: number): void {
  if (!(lower >= 0 && upper <= 1 && lower <= upper)) {
    throw new RangeError(`winsorise percentiles must satisfy 0 <= lower <= upper <= 1 (got lower=${lower}, upper=${upper})`);
  }
}

/** Clips one column to its [lower, upper] percentiles, computed over the non-null values. */
export function winsorise(values: ReadonlyArray<number | null>, options: WinsoriseOptions = {}): Array<number | null> {
  const lower = options.lower ?? 0.01;
  const upper = options.upper ?? 0.99;
  checkPercentiles(lower, upper);
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (present.length === 0) return values.map(() => null);
  const lo = percentileOfSorted(present, lower);
  const hi = percentileOfSorted(present, upper);
  return values.map((v) => (v === null || !Number.isFinite(v) ? null : Math.min(hi, Math.max(lo, v))));
}

function column(matrix: Matrix, j: number): Array<number | null> {
  return matrix.map((row) => row[j] ?? null);
}

function width(matrix: Matrix): number {
  const first = matrix[0]?.length ?? 0;
  matrix.forEach((row, i) => {
    if (row.length !== first) throw new RangeError(`matrix row ${i} has ${row.length} columns, expected ${first}`);
  });
  return first;
}

/** Winsorises every column of a row-major matrix independently. */
export function winsoriseMatrix(matrix: Matrix, options: WinsoriseOptions = {}): Array<Array<number | null>> {
  const columns = Array.from({ length: width(matrix) }, (_, j) => winsorise(column(matrix, j), options));
  return matrix.map((_, i) => columns.map((col) => col[i] ?? null));
}

export interface Standardised {
  matrix: Array<Array<number | null>>;
  /** Per-column mean of the non-null values (NaN for an all-null column). */
  means: number[];
  /** Per-column population standard deviation; a constant column gets 1 so it maps to 0, not NaN. */
  sds: number[];
}

/** z-scores per column; models keep `means`/`sds` to transform new rows the same way. */
export function standardise(matrix: Matrix): Standardised {
  const cols = width(matrix);
  const means: number[] = [];
  const sds: number[] = [];
  for (let j = 0; j < cols; j++) {
    const present = column(matrix, j).filter((v): v is number => v !== null && Number.isFinite(v));
    const mean = present.length ? present.reduce((a, b) => a + b, 0) / present.length : Number.NaN;
    const variance = present.length ? present.reduce((a, v) => a + (v - mean) ** 2, 0) / present.length : Number.NaN;
    means.push(mean);
    sds.push(variance > 0 ? Math.sqrt(variance) : 1);
  }
  return { matrix: applyStandardisation(matrix, means, sds), means, sds };
}

export function applyStandardisation(matrix: Matrix, means: readonly number[], sds: readonly number[]): Array<Array<number | null>> {
  return matrix.map((row) =>
    row.map((v, j) => (v === null || !Number.isFinite(v) ? null : (v - (means[j] ?? 0)) / (sds[j] ?? 1))),
  );
}
