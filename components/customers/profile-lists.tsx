"use client";

import { useI18n } from "@/lib/i18n/client";
import { algorithmLabel } from "@/lib/i18n/model-label";
import { formatDate, formatPercent } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import { formatMoney } from "./format";
import type { CustomerProfile } from "./types";
import { featureLabel } from "@/lib/i18n/feature-label";
import { SegmentName } from "@/components/segments/segment-name";

const STALLED_AFTER_MS = 30 * 86_400_000;

function title(locale: Locale, row: { titleZh: string | null; titleEn: string | null }): string {
  return (locale === "zh" ? row.titleZh : row.titleEn) ?? row.titleEn ?? row.titleZh ?? "—";
}

function Empty({ message }: { message: string }) {
  return <p className="cell-muted">{message}</p>;
}

export function PurchasesCard({ purchases }: { purchases: CustomerProfile["purchases"] }) {
  const { t, locale } = useI18n();
  const p = t.customers.profile;
  return (
    <section className="card" data-testid="profile-purchases">
      <h2 className="card-title">{p.purchaseList}</h2>
      {purchases.length === 0 ? (
        <Empty message={p.noPurchases} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{p.purchaseColumns.date}</th>
                <th scope="col">{p.purchaseColumns.product}</th>
                <th scope="col">{p.purchaseColumns.amount}</th>
                <th scope="col">{p.purchaseColumns.coupon}</th>
                <th scope="col">{p.purchaseColumns.status}</th>
              </tr>
            </thead>
            <tbody>
              {purchases.map((row, index) => (
                <tr key={`${row.occurredAt.toISOString()}-${index}`}>
                  <td className="cell-muted">{formatDate(locale, row.occurredAt)}</td>
                  <td>
                    <span data-i18n-skip>{title(locale, row)}</span> <span className="cell-muted">({t.eventTypes[row.type as keyof typeof t.eventTypes] ?? row.type})</span>
                  </td>
                  <td>{row.amountCents === null ? "—" : formatMoney(locale, row.amountCents)}</td>
                  <td className="mono" data-i18n-skip>{row.coupon ?? "—"}</td>
                  <td>{row.refunded ? <span className="badge badge-danger">{p.refunded}</span> : <span className="badge badge-success">{p.paid}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function LearningCard({ learning }: { learning: CustomerProfile["learning"] }) {
  const { t, locale } = useI18n();
  const p = t.customers.profile;
  const newest = learning.reduce((latest, row) => Math.max(latest, row.lastAt.getTime()), 0);
  const statusOf = (row: CustomerProfile["learning"][number]) => {
    if (row.completed || (row.progress ?? 0) >= 1) return p.learningStatus.completed;
    if (row.progress === null) return p.learningStatus.notStarted;
    // Stalled relative to the customer's own latest learning event, like the feature's 30-day rule.
    return newest - row.lastAt.getTime() > STALLED_AFTER_MS ? p.learningStatus.stalled : p.learningStatus.inProgress;
  };
  return (
    <section className="card" data-testid="profile-learning">
      <h2 className="card-title">{p.learningList}</h2>
      {learning.length === 0 ? (
        <Empty message={p.noLearning} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{p.learningColumns.course}</th>
                <th scope="col">{p.learningColumns.progress}</th>
                <th scope="col">{p.learningColumns.lastAt}</th>
                <th scope="col">{p.learningColumns.status}</th>
              </tr>
            </thead>
            <tbody>
              {learning.map((row, index) => (
                <tr key={`${title(locale, row)}-${index}`}>
                  <td data-i18n-skip>{title(locale, row)}</td>
                  <td>
                    <progress max={100} value={Math.round((row.progress ?? 0) * 100)} aria-label={title(locale, row)} /> {formatPercent(locale, row.progress ?? 0)}
                  </td>
                  <td className="cell-muted">{formatDate(locale, row.lastAt)}</td>
                  <td>{statusOf(row)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const SENTIMENT_BADGE = { positive: "badge badge-success", neutral: "badge", negative: "badge badge-danger" } as const;

export function ReviewsCard({ reviews }: { reviews: CustomerProfile["reviews"] }) {
  const { t, locale } = useI18n();
  const p = t.customers.profile;
  return (
    <section className="card" data-testid="profile-reviews">
      <h2 className="card-title">{p.reviews}</h2>
      {reviews.length === 0 ? (
        <Empty message={p.noReviews} />
      ) : (
        <ul style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: 8 }}>
          {reviews.map((review, index) => (
            <li key={`${review.occurredAt.toISOString()}-${index}`}>
              <strong data-i18n-skip>{title(locale, review)}</strong> · {review.rating === null ? "—" : p.rating(review.rating)} ·{" "}
              <span className="cell-muted">{formatDate(locale, review.occurredAt)}</span>
              {review.text && <div data-i18n-skip>“{review.text}”</div>}
              {review.sentiment && (
                <span className={SENTIMENT_BADGE[review.sentiment.label]} title={review.sentiment.score.toFixed(2)}>
                  {p.sentiment[review.sentiment.label]}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MembershipsCard({ segments, scores }: { segments: CustomerProfile["segments"]; scores: CustomerProfile["scores"] }) {
  const { t, locale } = useI18n();
  const p = t.customers.profile;
  return (
    <div className="chart-grid">
      <section className="card" data-testid="profile-segments">
        <h2 className="card-title">{p.segments}</h2>
        {segments.length === 0 ? (
          <Empty message={p.noSegments} />
        ) : (
          <ul>
            {segments.map((segment) => (
              <li key={segment.id}>
                <SegmentName name={segment.name} /> <span className="cell-muted">({t.segments.kinds[segment.kind as keyof typeof t.segments.kinds] ?? segment.kind})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" data-testid="profile-scores">
        <h2 className="card-title">{p.scores}</h2>
        {scores.length === 0 ? (
          <Empty message={p.noScores} />
        ) : (
          <ul>
            {scores.map((score) => (
              <li key={`${score.task}-${score.version}`}>
                {p.modelTasks[score.task as keyof typeof p.modelTasks] ?? score.task}: {score.score !== null ? formatPercent(locale, score.score) : ""}
                {score.cluster !== null ? ` ${p.cluster(score.cluster)}` : ""}{" "}
                <span className="cell-muted">
                  {algorithmLabel(t.models, score.algorithm)} v{score.version}
                </span>
                {score.reasons.length > 0 && (
                  <p className="cell-muted" data-testid="score-reasons" title={p.reasonsHelp}>
                    {p.reasonsLead}{" "}
                    {score.reasons.map((r) => `${featureLabel(t, r.feature)} (+${r.contribution.toFixed(2)})`).join(p.reasonsSeparator)}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
