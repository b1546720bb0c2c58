/** Row-major dense matrix: element (i, j) lives at data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const n = rows.length;
  const d = n === 0 ? 0 : rows[0]!.length;
  const m = zeros(n, d);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r.length !== d) throw new Error(`row ${i} has ${r.length} columns, expected ${d}`);
    m.data.set(r, i * d);
  }
  return m;
}

export function fromData(rows: number, cols: number, data: Float64Array): Matrix {
  if (data.length !== rows * cols) throw new Error(`data length ${data.length} != ${rows}x${cols}`);
  return { rows, cols, data };
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j]!;
}

/** A view (no copy) of row i. */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

export function column(m: Matrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j]!;
  return out;
}

export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = zeros(indices.length, m.cols);
  for (let r = 0; r < indices.length; r++) out.data.set(row(m, indices[r]!), r * m.cols);
  return out;
}

export function clone(m: Matrix): Matrix {
  return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
}

/** Squared Euclidean distance between row a of A and row b of B (same width). */
export function sqDistRows(A: Float64Array, a: number, B: Float64Array, b: number, d: number): number {
  let s = 0;
  const ao = a * d;
  const bo = b * d;
  for (let j = 0; j < d; j++) {
    const t = A[ao + j]! - B[bo + j]!;
    s += t * t;
  }
  return s;
}

/**
 * A zero matrix on shared memory: the parallel passes (parallel.ts) read it from worker threads
 * without the copy they otherwise make. Producers of large feature matrices should prefer it.
 */
export function sharedZeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(new SharedArrayBuffer(rows * cols * 8)) };
}
