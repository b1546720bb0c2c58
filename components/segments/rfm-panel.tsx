"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatNumber } from "@/lib/format";
import { Skeleton } from "@/components/ui/skeleton";
import type { RfmPresetName } from "@/server/segments";

/** Preset picker beside the R × F score grid drawn as a heat map. */
export function RfmPanel({ preset, onChange }: { preset: RfmPresetName; onChange(next: RfmPresetName): void }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const presets = useQuery(trpc.segments.presets.queryOptions());
  const grid = useQuery(trpc.segments.rfmGrid.queryOptions());
  const max = Math.max(1, ...(grid.data?.map((cell) => cell.count) ?? [1]));
  return (
    <div className="segments-two-col">
      <div className="field">
        <label htmlFor="rfm-preset">{t.segments.rfm.preset}</label>
        <select id="rfm-preset" className="select" value={preset} onChange={(event) => onChange(event.target.value as RfmPresetName)}>
          {presets.data?.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label[locale === "zh" ? "zh" : "en"]}
            </option>
          ))}
        </select>
      </div>
      <section aria-label={t.segments.rfm.grid}>
        <h3 className="card-title">{t.segments.rfm.grid}</h3>
        <p className="cell-muted">{t.segments.rfm.gridHint}</p>
        {grid.isPending ? (
          <Skeleton height={200} />
        ) : (
          <table className="segments-heatmap" data-testid="rfm-heatmap">
            <thead>
              <tr>
                <th scope="col">
                  {t.segments.rfm.recency} \ {t.segments.rfm.frequency}
                </th>
                {[1, 2, 3, 4, 5].map((f) => (
                  <th key={f} scope="col">
                    F{f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[5, 4, 3, 2, 1].map((r) => (
                <tr key={r}>
                  <th scope="row">R{r}</th>
                  {[1, 2, 3, 4, 5].map((f) => {
                    const count = grid.data?.find((cell) => cell.rScore === r && cell.fScore === f)?.count ?? 0;
                    const strength = count / max;
                    return (
                      <td
                        key={f}
                        title={`R${r} F${f}: ${formatNumber(locale, count)}`}
                        style={{ background: `color-mix(in srgb, var(--chart-1) ${Math.round(strength * 85)}%, transparent)`, color: strength > 0.55 ? "white" : undefined }}
                      >
                        {formatNumber(locale, count)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
