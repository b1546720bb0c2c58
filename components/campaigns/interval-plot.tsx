"use client";

export interface IntervalRow {
  key: string;
  name: string;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  /** Why there is no interval, when there is none. */
  reason?: string;
}

const ROW_HEIGHT = 40;
const LABEL_WIDTH = 200;
const WIDTH = 760;
const PAD = 16;

/**
 * One row per arm: the estimate as a dot, its 95% interval as a bar, against a dashed line at
 * zero, all rows on one axis, as experiment read-outs draw it. Drawn as plain SVG so it renders
 * the same on the server, in the browser and in a screenshot.
 */
export function IntervalPlot({ rows, format, title, testId, noInterval }: { rows: IntervalRow[]; format(x: number): string; title: string; testId: string; noInterval(row: IntervalRow): string }) {
  const bounds = rows.flatMap((r) => [r.lower, r.upper, r.estimate]).filter((x): x is number => x !== null && Number.isFinite(x));
  const extent = Math.max(1e-9, ...bounds.map(Math.abs)) * 1.15;
  const plotWidth = WIDTH - LABEL_WIDTH - 2 * PAD;
  const x = (v: number) => LABEL_WIDTH + PAD + ((v + extent) / (2 * extent)) * plotWidth;
  const height = rows.length * ROW_HEIGHT + 28;
  return (
    <figure className="card interval-plot" data-testid={testId}>
      <figcaption className="card-title">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={title}>
        <line x1={x(0)} x2={x(0)} y1={4} y2={height - 22} stroke="currentColor" strokeOpacity={0.5} strokeDasharray="4 4" />
        {rows.map((row, i) => {
          const y = 16 + i * ROW_HEIGHT;
          const defined = row.lower !== null && row.upper !== null && row.estimate !== null;
          const excludesZero = defined && ((row.lower as number) > 0 || (row.upper as number) < 0);
          const tone = !excludesZero ? "#6b7280" : (row.estimate as number) > 0 ? "var(--success)" : "var(--danger)";
          return (
            <g key={row.key} data-testid="interval-row" data-arm={row.key}>
              <text x={LABEL_WIDTH} y={y + 4} textAnchor="end" fontSize={13} data-i18n-skip>
                {row.name}
              </text>
              {defined ? (
                <>
                  <line x1={x(row.lower as number)} x2={x(row.upper as number)} y1={y} y2={y} stroke={tone} strokeWidth={6} strokeLinecap="round" strokeOpacity={0.45} />
                  <circle cx={x(row.estimate as number)} cy={y} r={5} fill={tone} />
                  <text x={Math.min(WIDTH - 120, Math.max(LABEL_WIDTH + 120, x(row.estimate as number)))} y={y + 15} fontSize={11} textAnchor="middle">
                    {format(row.estimate as number)} [{format(row.lower as number)}, {format(row.upper as number)}]
                  </text>
                </>
              ) : (
                <text x={LABEL_WIDTH + PAD} y={y + 4} fontSize={12} fill="currentColor" fillOpacity={0.7}>
                  {noInterval(row)}
                </text>
              )}
            </g>
          );
        })}
        <text x={x(-extent)} y={height - 6} fontSize={11} fillOpacity={0.7}>
          {format(-extent)}
        </text>
        <text x={x(0)} y={height - 6} fontSize={11} textAnchor="middle" fillOpacity={0.7}>
          0
        </text>
        <text x={x(extent)} y={height - 6} fontSize={11} textAnchor="end" fillOpacity={0.7}>
          {format(extent)}
        </text>
      </svg>
    </figure>
  );
}
