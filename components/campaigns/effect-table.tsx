"use client";

import type { ReactNode } from "react";
import { useI18n } from "@/lib/i18n/client";
import { statsReasonLabel } from "@/lib/i18n/stats-reasons";
import { count, interval, money, pct, pp, pValue, signedMoney, signedPct } from "./format";
import { StatHeader } from "./stat-header";
import type { CampaignResults } from "./types";

export type MetricEffect = CampaignResults["comparisons"][number]["primary"];
export type Metric = MetricEffect["metric"];
export type Correction = CampaignResults["options"]["correction"];

/** Metrics shown as shares (pp differences); the rest are CN¥ per customer or per converter. */
export function isRateMetric(metric: Metric): boolean {
  return metric === "conversion" || metric === "refund_rate";
}
type Arm = CampaignResults["arms"][number];

export function useMetricFormat(metric: Metric) {
  const { locale } = useI18n();
  return isRateMetric(metric)
    ? { value: (x: number) => pct(locale, x), diff: pp }
    : { value: (x: number) => money(locale, x), diff: (x: number) => signedMoney(locale, x) };
}

type Help = ReturnType<typeof useI18n>["t"]["campaigns"]["results"]["help"];

function valueHelp(h: Help, metric: Metric): string {
  if (metric === "net_revenue") return `${h.value} ${h.netRevenue}`;
  if (metric === "arppu") return `${h.value} ${h.arppu}`;
  if (metric === "refund_rate" || metric === "discount_cost") return `${h.value} ${h.guardrail}`;
  return h.value;
}

function Why({ reason, children }: { reason: string; children: ReactNode }) {
  const { locale } = useI18n();
  const shown = statsReasonLabel(locale, reason);
  return (
    <span title={shown} className="cell-muted" data-testid="undefined-reason">
      {children} <span className="visually-hidden">({shown})</span>
    </span>
  );
}

/** A number with its detail (interval, adjusted p, loss) on a second, smaller line: narrow columns. */
function Stacked({ main, sub }: { main: ReactNode; sub?: ReactNode }) {
  return (
    <>
      {main}
      {sub !== undefined && sub !== null && sub !== "" && (
        <>
          {" "}
          <span className="cell-sub">{sub}</span>
        </>
      )}
    </>
  );
}

export interface EffectRow {
  arm: Arm;
  /** Absent on the baseline's own row. */
  effect?: MetricEffect;
}

/**
 * The arms on one metric against one baseline (control or holdout). Every column is about that
 * metric; p with its adjusted value and P(beat) with the expected loss share a cell so the
 * table fits at 1,440 px.
 */
export function EffectTable({
  rows,
  metric,
  baseline,
  testId,
  extra,
  correction = "holm",
}: {
  rows: EffectRow[];
  metric: Metric;
  baseline: "control" | "holdout";
  testId: string;
  extra?: (row: EffectRow) => ReactNode;
  /** The experiment's correction: names the adjusted p in the header, its hover and each cell. */
  correction?: Correction;
}) {
  const { t, locale } = useI18n();
  const r = t.campaigns.results;
  const h = r.help;
  const f = useMetricFormat(metric);
  const asPct = (x: number) => signedPct(locale, x);
  const armValue = (arm: Arm): ReactNode => {
    if (metric !== "conversion") {
      const v = arm.values[metric];
      return v === null ? <Why reason={r.noExposures}>{r.undefinedValue}</Why> : f.value(v);
    }
    return arm.rate.defined ? <Stacked main={pct(locale, arm.rate.rate)} sub={interval(arm.rate.wilson.lower, arm.rate.wilson.upper, (x) => pct(locale, x))} /> : <Why reason={arm.rate.reason}>{r.undefinedValue}</Why>;
  };
  const baselineCell = <span className="cell-muted">{baseline === "control" ? r.baselineRow : r.holdoutRow}</span>;
  return (
    <div className="table-wrap">
      <table className="table campaigns-effects" data-testid={testId} data-metric={metric}>
        <thead>
          <tr>
            <th scope="col">{r.arm}</th>
            <StatHeader label={r.exposures} help={h.exposures} />
            <StatHeader label={r.value[metric]} help={valueHelp(h, metric)} testId={`${testId}-help-value`} />
            <StatHeader label={(baseline === "control" ? r.difference : r.differenceVsHoldout)[metric]} help={h.difference} testId={`${testId}-help-difference`} />
            <StatHeader label={r.relative} help={h.relative} />
            <StatHeader label={r.pWith[correction]} help={`${h.pValue} ${h[correction]}`} testId={`${testId}-help-p`} />
            <StatHeader label={r.pBeatLoss(baseline)} help={`${h.pBeat} ${h.loss}`} testId={`${testId}-help-pbeat`} />
            {extra && <th scope="col">{r.cupedLift}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const e = row.effect;
            return (
              <tr key={row.arm.key} data-testid="arm-row" data-arm={row.arm.key}>
                <th scope="row">
                  {/* The holdout row is the read-out's own, named in the reader's language; arms carry the names their author gave them. */}
                  {row.arm.isHoldout ? r.holdoutArm : <span data-i18n-skip>{row.arm.name}</span>}{" "}
                  {row.arm.isControl && row.arm.name.toLowerCase() !== r.controlTag.toLowerCase() && <span className="badge">{r.controlTag}</span>}
                </th>
                <td>{count(locale, row.arm.exposures)}</td>
                <td data-testid="arm-value">{armValue(row.arm)}</td>
                <td data-testid="arm-lift">
                  {!e ? baselineCell : e.difference.defined ? <Stacked main={f.diff(e.difference.estimate)} sub={interval(e.difference.ci.lower, e.difference.ci.upper, f.diff)} /> : <Why reason={e.difference.reason}>{r.undefinedValue}</Why>}
                </td>
                <td data-testid="arm-relative">
                  {!e ? baselineCell : e.relative.defined ? <Stacked main={asPct(e.relative.estimate)} sub={e.relative.ci ? interval(e.relative.ci.lower, e.relative.ci.upper, asPct) : ""} /> : <Why reason={e.relative.reason}>{r.undefinedValue}</Why>}
                </td>
                <td data-testid="arm-p">
                  {!e ? baselineCell : e.pValue.defined ? (
                    <Stacked main={pValue(e.pValue.value)} sub={e.pValueAdjusted !== null ? `${r.adjShort[correction]} ${pValue(e.pValueAdjusted)}` : undefined} />
                  ) : (
                    <Why reason={e.pValue.reason}>{r.undefinedValue}</Why>
                  )}
                </td>
                <td data-testid="arm-pbeat">
                  {!e ? baselineCell : e.probBeatBaseline.defined ? (
                    <Stacked
                      main={pct(locale, e.probBeatBaseline.value, 1)}
                      sub={e.expectedLoss.defined ? `${r.lossShort} ${isRateMetric(metric) ? pp(e.expectedLoss.value).replace(/^[+±]/, "") : money(locale, e.expectedLoss.value)}` : undefined}
                    />
                  ) : (
                    <Why reason={e.probBeatBaseline.reason}>{r.undefinedValue}</Why>
                  )}
                </td>
                {extra && <td>{extra(row)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
