"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import type { Locale } from "@/lib/i18n";
import { count, pct } from "./format";
import type { SegmentPowerPlan } from "./types";

interface PowerCalculatorProps {
  arms: number;
  /** The builder's chosen segment: the plan then starts from its eligible members and inflow. */
  segmentId?: string;
  /** Share of the eligible held out of every arm (0–0.5). */
  holdoutShare?: number;
  /** Days from the planned start to the planned end, when both dates are set. */
  plannedDays?: number;
}

/** New members a day, to one decimal below ten ("0.4", "3", "27"). */
function rate(locale: Locale, perDay: number): string {
  return new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: perDay < 10 ? 1 : 0 }).format(perDay);
}

/** Sample size for the planned test, recomputed as the inputs change (the server owns the maths). */
export function PowerCalculator({ arms, segmentId, holdoutShare = 0, plannedDays }: PowerCalculatorProps) {
  const { t, locale } = useI18n();
  const p = t.campaigns.power;
  const trpc = useTRPC();
  const [baseline, setBaseline] = useState(5);
  const [mde, setMde] = useState(20);
  const [traffic, setTraffic] = useState(500);
  const withSegment = Boolean(segmentId);
  const valid = baseline > 0 && baseline < 100 && mde !== 0 && baseline * (1 + mde / 100) < 100 && (withSegment || traffic > 0);
  const armCount = Math.max(2, arms);
  const result = useQuery({
    ...trpc.campaigns.power.queryOptions({
      baseline: baseline / 100,
      mde: mde / 100,
      mdeType: "relative",
      arms: armCount,
      ...(withSegment ? { segmentId, holdoutShare: Math.min(Math.max(holdoutShare, 0), 0.5), plannedDays } : { dailyTraffic: traffic }),
    }),
    enabled: valid,
  });
  const plan = result.data && valid ? result.data.segment : null;
  return (
    <section className="card campaigns-power" aria-labelledby="power-title" data-testid="power-calculator">
      <h2 className="card-title" id="power-title">
        {p.title}
      </h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="power-baseline">{p.baseline}</label>
          <input className="input" id="power-baseline" type="number" min={0.1} max={99} step={0.1} value={baseline} onChange={(e) => setBaseline(Number(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="power-mde">{p.mde}</label>
          <input className="input" id="power-mde" type="number" step={1} value={mde} onChange={(e) => setMde(Number(e.target.value))} />
        </div>
        {!withSegment && (
          <div className="field">
            <label htmlFor="power-traffic">{p.traffic}</label>
            <input className="input" id="power-traffic" type="number" min={1} step={1} value={traffic} onChange={(e) => setTraffic(Number(e.target.value))} />
          </div>
        )}
      </div>
      {result.data && valid && (
        <p data-testid="power-result">
          <strong>{p.perArm(count(locale, result.data.perArm))}</strong> · {p.total(count(locale, result.data.total), armCount)}
          {!withSegment && result.data.days !== null && <> · {p.days(result.data.days)}</>}
        </p>
      )}
      {plan && <SegmentPlanNote plan={plan} />}
      {result.isError && <p className="field-error">{result.error.message}</p>}
      <p className="cell-muted">{withSegment ? `${p.note} ${p.segment.eligibleHelp}` : p.note}</p>
    </section>
  );
}

/**
 * What the chosen segment can supply, in words: eligible per arm now against the required N, and
 * the days its inflow needs to make up the rest. A warning when the test cannot be filled in time.
 */
function SegmentPlanNote({ plan }: { plan: SegmentPowerPlan }) {
  const { t, locale } = useI18n();
  const w = t.campaigns.power.segment;
  const n = (value: number) => count(locale, value);
  const holdout = plan.holdoutShare > 0 ? pct(locale, plan.holdoutShare, 0) : null;
  const h = plan.horizon;
  const planned = plan.plannedDays;
  const warn = h.kind !== "enough" && !(h.kind === "days" && plan.fitsPlan === true);
  let second = "";
  if (h.kind === "days") {
    second = w.days(rate(locale, plan.eligibleInflowPerDay ?? 0), n(h.days)) + (planned === null ? w.noPlan : plan.fitsPlan ? w.withinPlan(n(planned)) : w.beyondPlan(n(planned)));
  } else if (h.kind === "zero_inflow") second = w.zeroInflow;
  else if (h.kind === "unknown_inflow") second = w.unknownInflow;
  return (
    <p className={warn ? "alert alert-warning" : "alert alert-info"} role={warn ? "alert" : undefined} data-testid={warn ? "power-warning" : "power-segment"} data-horizon={h.kind}>
      {w.eligible(n(plan.eligible), n(plan.availablePerArm), holdout)}
      {h.kind === "enough" ? w.enough(n(plan.requiredPerArm)) : w.needs(n(plan.requiredPerArm))}
      {second && <> {second}</>}
      {warn && <> {w.advice}</>}
    </p>
  );
}
