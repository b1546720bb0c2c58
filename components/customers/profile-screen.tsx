"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatDate } from "@/lib/format";
import { ChartEmpty } from "@/components/charts/chart-card";
import { PageHeader } from "@/components/layout/page-header";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { EraseCustomer } from "./erase-customer";
import { FeatureCards } from "./feature-cards";
import { ProfileAttributes } from "./profile-attributes";
import { ProfileCharts } from "./profile-charts";
import { LearningCard, MembershipsCard, PurchasesCard, ReviewsCard } from "./profile-lists";
import { RfmBadge } from "./rfm-badge";
import { RecommendationsPanel } from "@/components/overview/recommendations-panel";
import { Timeline } from "./timeline";

export function ProfileScreen({ customerId, canErase }: { customerId: number; canErase: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const profile = useQuery(trpc.customers.get.queryOptions({ id: customerId }));
  const p = t.customers.profile;
  const back = (
    <Link href="/customers" className="btn btn-secondary btn-sm">
      {p.back}
    </Link>
  );

  if (profile.isPending) {
    return (
      <div className="page">
        <PageHeader title={p.title} actions={back} />
        <Skeleton height={160} />
        <Skeleton height={240} style={{ marginTop: 16 }} />
      </div>
    );
  }
  if (profile.isError) {
    return (
      <div className="page">
        <PageHeader title={p.title} actions={back} />
        <QueryError message={profile.error.message} onRetry={() => void profile.refetch()} />
      </div>
    );
  }

  const { customer, features } = profile.data;
  if (customer.erasedAt) {
    return (
      <div className="page">
        <PageHeader title={<>{p.title} · <span data-i18n-skip>{customer.externalId}</span></>} actions={back} />
        <section className="card state" data-testid="profile-erased">
          <h2>{p.erased}</h2>
          <p>{p.erasedBody(formatDate(locale, customer.erasedAt))}</p>
        </section>
      </div>
    );
  }

  return (
    <div className="page" data-testid="customer-profile">
      <PageHeader
        title={<>{p.title} · <span data-i18n-skip>{customer.externalId}</span></>}
        subtitle={features ? p.asOf(formatDate(locale, features.asOf)) : undefined}
        actions={
          <div className="row-actions">
            {features && <RfmBadge r={features.rScore} f={features.fScore} m={features.mScore} />}
            {canErase && <EraseCustomer customerId={customer.id} externalId={customer.externalId} />}
            {back}
          </div>
        }
      />
      <ProfileAttributes customer={customer} subscription={features?.subscriptionStatus ?? null} />
      <section aria-label={p.features}>
        <h2 className="card-title">{p.features}</h2>
        {features ? <FeatureCards features={features} percentiles={profile.data.percentiles} /> : <ChartEmpty message={p.noFeatures} />}
      </section>
      <ProfileCharts activity={profile.data.activity} categories={features?.topCategories ?? []} />
      <div className="chart-grid">
        <PurchasesCard purchases={profile.data.purchases} />
        <LearningCard learning={profile.data.learning} />
      </div>
      <ReviewsCard reviews={profile.data.reviews} />
      <RecommendationsPanel customerId={customer.id} />
      <MembershipsCard segments={profile.data.segments} scores={profile.data.scores} />
      <Timeline customerId={customer.id} />
    </div>
  );
}
