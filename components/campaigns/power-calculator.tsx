"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { count } from "./format";

/** Sample size for the planned test, recomputed as the inputs change (the server owns the maths). */
export function PowerCalculator({ arms }: { arms: number }) {
  const { t, locale } = useI18n();
  const p = t.campaigns.power;
  const trpc = useTRPC();
  const [baseline, setBaseline] = useState(5);
  const [mde, setMde] = useState(20);
  const [traffic, setTraffic] = useState(500);
  const valid = baseline > 0 && baseline < 100 && mde !== 0 && baseline * (1 + mde / 100) < 100 && traffic > 0;
  const result = useQuery({
    ...trpc.campaigns.power.queryOptions({ baseline: baseline / 100, mde: mde / 100, mdeType: "relative", arms: Math.max(2, arms), dailyTraffic: traffic }),
    enabled: valid,
  });
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
        <div className="field">
          <label htmlFor="power-traffic">{p.traffic}</label>
          <input className="input" id="power-traffic" type="number" min={1} step={1} value={traffic} onChange={(e) => setTraffic(Number(e.target.value))} />
        </div>
      </div>
      {result.data && valid && (
        <p data-testid="power-result">
          <strong>{p.perArm(count(locale, result.data.perArm))}</strong> · {p.total(count(locale, result.data.total), Math.max(2, arms))}
          {result.data.days !== null && <> · {p.days(result.data.days)}</>}
        </p>
      )}
      {result.isError && <p className="field-error">{result.error.message}</p>}
      <p className="cell-muted">{p.note}</p>
    </section>
  );
}
