import type { fillHistogram as FillHistogram } from "./boost-histogram";

/**
 * One half of a node's gradient histogram, as a shippable kernel (see parallel.ts; self-contained,
 * with fillHistogram handed in through lib). Buffers:
 *   meta      i32 [start, end, cols, featureStride]: the node's rows are rows[start, end)
 *   rows      i32 the partitioned training rows; rowCodes u8 row-major bin codes
 *   grad, hess f64 per row
 *   slots     f64 2 × histogram: part p zeroes slot p and fills it from its half of the rows
 * The caller adds the two slots, so the sums depend on the halves, never on which thread ran them.
 */
export function boostHistogramKernel(
  _task: number,
  buffers: Readonly<Record<string, ArrayBufferLike>>,
  _from: number,
  _to: number,
  part: number,
  _post: (message: unknown) => void,
  lib: Readonly<Record<string, (...args: never[]) => unknown>>,
): void {
  const fill = lib.fillHistogram as unknown as typeof FillHistogram;
  const meta = new Int32Array(buffers.meta!);
  const start = meta[0]!;
  const end = meta[1]!;
  const d = meta[2]!;
  const featureStride = meta[3]!;
  const mid = start + ((end - start) >> 1);
  const size = d * featureStride;
  const hist = new Float64Array(buffers.slots!, part * size * 8, size);
  hist.fill(0);
  const rows = new Int32Array(buffers.rows!);
  const rowCodes = new Uint8Array(buffers.rowCodes!);
  const grad = new Float64Array(buffers.grad!);
  const hess = new Float64Array(buffers.hess!);
  fill(hist, rows, rowCodes, grad, hess, d, featureStride, part === 0 ? start : mid, part === 0 ? mid : end);
}
