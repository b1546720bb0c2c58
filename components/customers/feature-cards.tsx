"use client";

import { useI18n } from "@/lib/i18n/client";
import { formatPercent } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import { formatDecimal, formatMoney } from "./format";
import type { CustomerFeatures, CustomerProfile } from "./types";

type CardKey = keyof CustomerProfile["percentiles"] & keyof CustomerFeatures;

const CARDS: ReadonlyArray<{ key: CardKey; kind: "days" | "count" | "money" | "share" | "decimal" }> = [
  { key: "recencyDays", kind: "days" },
  { key: "frequency", kind: "count" },
  { key: "monetaryCents", kind: "money" },
  { key: "tenureDays", kind: "days" },
  { key: "sessions30d", kind: "count" },
  { key: "browseMinutes30d", kind: "decimal" },
  { key: "activeDays30d", kind: "count" },
  { key: "purchaseCount", kind: "count" },
  { key: "avgOrderCents", kind: "money" },
  { key: "discountShare", kind: "share" },
  { key: "refundRate", kind: "share" },
  { key: "completionRate", kind: "share" },
  { key: "progressVelocity", kind: "decimal" },
  { key: "daysSinceLearning", kind: "days" },
  { key: "stalledCourses", kind: "count" },
  { key: "avgRating", kind: "decimal" },
  { key: "reviewSentiment", kind: "decimal" },
  { key: "renewalCount", kind: "count" },
  { key: "priceSensitivity", kind: "share" },
];

function display(locale: Locale, kind: (typeof CARDS)[number]["kind"], value: number): string {
  if (kind === "money") return formatMoney(locale, value);
  if (kind === "share") return formatPercent(locale, value);
  if (kind === "days") return formatDecimal(locale, value, 0);
  if (kind === "decimal") return formatDecimal(locale, value, 2);
  return formatDecimal(locale, value, 0);
}

/** One card per feature: the value and where it sits in the population (mid-rank percentile). */
export function FeatureCards({ features, percentiles }: { features: CustomerFeatures; percentiles: CustomerProfile["percentiles"] }) {
  const { t, locale } = useI18n();
  const p = t.customers.profile;
  return (
    <div className="kpi-grid" data-testid="feature-cards">
      {CARDS.map(({ key, kind }) => {
        const raw = features[key];
        const value = typeof raw === "number" ? raw : null;
        const percentile = percentiles[key];
        return (
          <section key={key} className="card" data-testid={`feature-${key}`} aria-label={p.featureLabels[key]}>
            <div className="kpi-label">{p.featureLabels[key]}</div>
            <div className="kpi-value kpi-value-small">{value === null ? p.noValue : display(locale, kind, value)}</div>
            {percentile !== null && percentile !== undefined && (
              <div className="kpi-hint">
                {p.percentile(Math.round(percentile * 100))}
                <div style={{ height: 4, background: "var(--surface-muted)", borderRadius: 2, marginTop: 4 }} aria-hidden="true">
                  <div style={{ width: `${Math.round(percentile * 100)}%`, height: 4, background: "var(--chart-1)", borderRadius: 2 }} />
                </div>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
