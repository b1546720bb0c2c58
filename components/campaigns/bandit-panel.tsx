"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { CHART_COLORS } from "@/components/charts/colors";
import { count, pct } from "./format";
import { CampaignLineChart } from "./line-chart";
import type { CampaignResults } from "./types";

export function BanditPanel({ campaignId, bandit }: { campaignId: string; bandit: NonNullable<CampaignResults["bandit"]> }) {
  const { t, locale } = useI18n();
  const b = t.campaigns.bandit;
  const trpc = useTRPC();
  const sim = useQuery(trpc.campaigns.banditSimulation.queryOptions({ id: campaignId }));
  const keys = [...new Set(bandit.waves.flatMap((w) => Object.keys(w.exposures)))];
  return (
    <section className="card" data-testid="bandit-panel" aria-label={b.title}>
      <h3 className="card-title">{b.title}</h3>
      <p className="cell-muted">{b.waves}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col" />
              {keys.map((k) => (
                <th scope="col" key={k}>
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bandit.waves.map((w) => {
              const total = Object.values(w.exposures).reduce((a, x) => a + x, 0);
              return (
                <tr key={w.wave}>
                  <th scope="row">{b.wave(w.wave)}</th>
                  {keys.map((k) => (
                    <td key={k}>
                      {count(locale, w.exposures[k] ?? 0)} <span className="cell-muted">({pct(locale, (w.exposures[k] ?? 0) / Math.max(1, total), 0)})</span>
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p data-testid="bandit-regret">{b.regret(bandit.estimatedRegret.toFixed(1))}</p>
      {sim.data && (
        <>
          <h4>{b.simulation}</h4>
          <p data-testid="bandit-simulation">
            {b.simulationResult(sim.data.bestArm ?? "—", sim.data.cumulativeRegret.toFixed(1), sim.data.uniformRegret.toFixed(1))} ·{" "}
            {sim.data.arms.map((a) => `${a.key} ${pct(locale, a.share, 0)}`).join(" / ")}
          </p>
          <CampaignLineChart
            testId="bandit-regret-chart"
            data={sim.data.series}
            x="customers"
            lines={[
              { key: "regret", label: "Thompson", color: CHART_COLORS.primary },
              { key: "uniformRegret", label: "1/k", color: CHART_COLORS.secondary, dashed: true },
            ]}
            ariaLabel={b.simulation}
            format={(v) => v.toFixed(0)}
            height={200}
          />
        </>
      )}
    </section>
  );
}
