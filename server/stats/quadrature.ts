/**
 * Globally adaptive Gauss–Kronrod (7/15) integration, QUADPACK-style: always bisect the piece
 * with the largest error estimate. Callers pass breakpoints where the integrand has structure
 * (e.g. around posterior peaks) so narrow features cannot fall between the nodes.
 */

const XGK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WGK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
// 7-point Gauss weights for the nodes XGK[1], XGK[3], XGK[5], XGK[7].
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

interface Piece {
  readonly a: number;
  readonly b: number;
  readonly value: number;
  readonly error: number;
}

function at<T>(values: readonly T[], i: number): T {
  const v = values[i];
  if (v === undefined) throw new Error(`index ${i} out of range`);
  return v;
}

function kronrod(f: (x: number) => number, a: number, b: number): Piece {
  const center = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(center);
  let kronrodSum = fc * at(WGK, 7);
  let gaussSum = fc * at(WG, 3);
  for (let j = 0; j < 7; j++) {
    const dx = half * at(XGK, j);
    const pair = f(center - dx) + f(center + dx);
    kronrodSum += at(WGK, j) * pair;
    if (j % 2 === 1) gaussSum += at(WG, (j - 1) / 2) * pair;
  }
  return { a, b, value: kronrodSum * half, error: Math.abs((kronrodSum - gaussSum) * half) };
}

export interface IntegrationOptions {
  readonly absTol?: number;
  readonly relTol?: number;
  readonly maxPieces?: number;
  /** Interior points where the integrand changes quickly. */
  readonly breakpoints?: readonly number[];
}

export interface IntegrationResult {
  readonly value: number;
  readonly errorEstimate: number;
  readonly pieces: number;
}

export function integrate(f: (x: number) => number, a: number, b: number, options: IntegrationOptions = {}): IntegrationResult {
  const absTol = options.absTol ?? 1e-14;
  const relTol = options.relTol ?? 1e-12;
  const maxPieces = options.maxPieces ?? 5000;
  const points = [a, ...(options.breakpoints ?? []).filter((x) => x > a && x < b), b].sort((x, y) => x - y);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const left = at(points, i);
    const right = at(points, i + 1);
    if (right > left) pieces.push(kronrod(f, left, right));
  }
  const total = (key: "value" | "error") => pieces.reduce((s, p) => s + p[key], 0);
  while (pieces.length < maxPieces) {
    const value = total("value");
    if (total("error") <= Math.max(absTol, relTol * Math.abs(value))) break;
    let worst = 0;
    for (let i = 1; i < pieces.length; i++) if (at(pieces, i).error > at(pieces, worst).error) worst = i;
    const piece = at(pieces, worst);
    const mid = 0.5 * (piece.a + piece.b);
    if (!(mid > piece.a && mid < piece.b)) break;
    pieces.splice(worst, 1, kronrod(f, piece.a, mid), kronrod(f, mid, piece.b));
  }
  return { value: total("value"), errorEstimate: total("error"), pieces: pieces.length };
}
