"use client";

import { useI18n } from "@/lib/i18n/client";
import { channelLabel, deviceLabel } from "@/lib/i18n/customer-attribute-label";
import { formatDate } from "@/lib/format";
import type { CustomerProfile } from "./types";

/** `data`: the value is the customer's own (a name), shown as stored in every language. */
function Item({ label, value, testId, data }: { label: string; value: string; testId?: string; data?: boolean }) {
  return (
    <div>
      <dt className="kpi-label">{label}</dt>
      <dd style={{ margin: 0 }} data-testid={testId} data-i18n-skip={data || undefined}>
        {value}
      </dd>
    </div>
  );
}

const GRID = { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))", gap: "12px", margin: 0 } as const;

/** Attributes, consent and personal data; the server has already masked what this role may not see. */
export function ProfileAttributes({ customer, subscription }: { customer: CustomerProfile["customer"]; subscription: string | null }) {
  const { t, locale } = useI18n();
  const p = t.customers.profile;
  const status = subscription === "active" || subscription === "lapsed" || subscription === "cancelled" ? p.subscriptionStatus[subscription] : p.subscriptionStatus.none;
  return (
    <div className="chart-grid">
      <section className="card" data-testid="profile-personal">
        <h2 className="card-title">
          {p.personal} {customer.piiMasked && <span className="badge badge-warning">{p.masked}</span>}
        </h2>
        <dl style={GRID}>
          <Item label={p.name} value={customer.displayName ?? "—"} testId="profile-name" data />
          <Item label={p.email} value={customer.email ?? "—"} testId="profile-email" />
          <Item label={p.phone} value={customer.phone ?? "—"} testId="profile-phone" />
        </dl>
      </section>
      <section className="card" data-testid="profile-attributes">
        <h2 className="card-title">{p.attributes}</h2>
        <dl style={GRID}>
          <Item label={p.signupAt} value={customer.signupAt ? formatDate(locale, customer.signupAt) : "—"} />
          <Item label={p.channel} value={channelLabel(t, customer.channel)} />
          <Item label={p.region} value={customer.region ?? "—"} />
          <Item label={p.cityTier} value={customer.cityTier === null ? "—" : t.customers.filters.tier(customer.cityTier)} />
          <Item label={p.ageBand} value={customer.ageBand ?? "—"} />
          <Item label={p.device} value={deviceLabel(t, customer.device)} />
          <Item label={p.consent} value={customer.consent ? p.consentYes : p.consentNo} testId="profile-consent" />
          <Item label={p.subscription} value={status} />
        </dl>
      </section>
    </div>
  );
}
