import type { fillHistogram as FillHistogram } from "./boost-histogram";

/**
 * One part of a node's gradient histogram, as a shippable kernel (see parallel.ts; self-contained,
 * with fillHistogram handed in through lib). Buffers:
 *   meta      i32 [start, end, cols, featureStride, parts]: the node's rows are rows[start, end)
 *   rows      i32 the partitioned training rows; rowCodes u8 row-major bin codes
 *   grad, hess f64 per row
 *   slots     f64 parts × histogram: part p zeroes slot p and fills it from its share of the rows
 * The caller adds the slots in order, so the sums depend on the parts, never on which thread ran
 * them. More parts than threads: a thread that loses its core delays one small part, not half.
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
  const parts = meta[4]!;
  const from = start + Math.floor(((end - start) * part) / parts);
  const to = start + Math.floor(((end - start) * (part + 1)) / parts);
  const size = d * featureStride;
  const hist = new Float64Array(buffers.slots!, part * size * 8, size);
  hist.fill(0);
  const rows = new Int32Array(buffers.rows!);
  const rowCodes = new Uint8Array(buffers.rowCodes!);
  const grad = new Float64Array(buffers.grad!);
  const hess = new Float64Array(buffers.hess!);
  fill(hist, rows, rowCodes, grad, hess, d, featureStride, from, to);
}
