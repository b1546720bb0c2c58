"use client";

import { useI18n } from "@/lib/i18n/client";

function tone(total: number): string {
  if (total >= 12) return "badge badge-success";
  if (total <= 6) return "badge badge-danger";
  return "badge badge-warning";
}

/** R-F-M quintile scores (1-5 each) as one badge; customers without purchases are unscored. */
export function RfmBadge({ r, f, m }: { r: number | null; f: number | null; m: number | null }) {
  const { t } = useI18n();
  if (r === null || f === null || m === null) return <span className="badge">{t.customers.profile.rfmUnscored}</span>;
  return (
    <span className={tone(r + f + m)} data-testid="rfm-badge" title={`R${r} F${f} M${m}`}>
      {`R${r} F${f} M${m}`}
    </span>
  );
}
