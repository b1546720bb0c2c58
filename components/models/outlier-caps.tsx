"use client";

import { useI18n } from "@/lib/i18n/client";
import { featureColumn, featureLabel } from "@/lib/i18n/feature-label";
import { formatNumber } from "@/lib/format";
import { isMoneyField } from "@/lib/shared/money-fields";
import { formatDecimal, formatMoney } from "@/components/customers/format";
import type { Locale } from "@/lib/i18n";
import type { CapReport } from "@/server/models";

/** A cap in the units the feature is recorded in: log features are turned back (expm1), money shown in CN¥. */
function recordedValue(locale: Locale, feature: string, cap: number): string {
  const { column, log } = featureColumn(feature);
  const raw = log ? Math.expm1(cap) : cap;
  return isMoneyField(column) ? formatMoney(locale, raw) : formatDecimal(locale, raw, 2);
}

/** The run's outlier caps: the percentile, and per capped feature its cap and how many training values it clipped. */
export function OutlierCaps({ report }: { report: CapReport | null | undefined }) {
  const { t, locale } = useI18n();
  const d = t.models.detail;
  if (!report) {
    return (
      <section className="card" data-testid="outlier-caps">
        <h2 className="card-title">{t.models.params.capOutliers}</h2>
        <p className="cell-muted">{d.capsOff}</p>
      </section>
    );
  }
  return (
    <section className="card" data-testid="outlier-caps">
      <h2 className="card-title">{d.caps(report.percentile)}</h2>
      {report.features.length === 0 ? (
        <p className="cell-muted">{d.capsNone}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{d.capFeature}</th>
                <th scope="col">{d.capValue}</th>
                <th scope="col">{d.capRaw}</th>
                <th scope="col">{d.capped}</th>
              </tr>
            </thead>
            <tbody>
              {report.features.map((f) => (
                <tr key={f.feature} data-testid="outlier-cap-row">
                  <td>{featureLabel(t, f.feature)}</td>
                  <td className="num">{formatDecimal(locale, f.cap, 3)}</td>
                  <td className="num">{recordedValue(locale, f.feature, f.cap)}</td>
                  <td className="num">
                    {formatNumber(locale, f.capped)} / {formatNumber(locale, report.rows)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
