"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard } from "@/components/charts/chart-card";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { FeaturesPanel, KpiPanel, ModelMetricsPanel, RulesPanel, SizePanel, TopPanel } from "./insight-panels";
import { isChosenSegmentName, segmentNameLabel } from "@/lib/i18n/segment-name";

function SegmentPicker({ id, label, value, onChange }: { id: string; label: string; value: string | null; onChange(next: string): void }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const list = useQuery(trpc.segments.list.queryOptions({ page: 1, pageSize: 100, sort: "name", direction: "asc" }));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="select" value={value ?? ""} onChange={(event) => onChange(event.target.value)}>
        <option value="">—</option>
        {list.data?.rows.map((row) => (
          <option key={row.id} value={row.id} data-i18n-skip={isChosenSegmentName(row.name) || undefined}>
            {segmentNameLabel(t, locale, row.name)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Overlap({ a, b }: { a: string; b: string }) {
  const { t } = useI18n();
  const s = t.segments;
  const trpc = useTRPC();
  const q = useQuery(trpc.segments.overlap.queryOptions({ a, b }));
  return (
    <ChartCard title={s.overlap} testId="segment-overlap">
      {q.isError && <QueryError message={q.error.message} onRetry={() => void q.refetch()} />}
      {!q.data ? (
        <Skeleton height={120} />
      ) : (
        <div data-testid="overlap-counts" data-a-only={q.data.aOnly} data-both={q.data.both} data-b-only={q.data.bOnly}>
          <CategoryBarChart
            data={[
              { label: s.aOnly, value: q.data.aOnly },
              { label: s.both, value: q.data.both },
              { label: s.bOnly, value: q.data.bOnly },
            ]}
            valueLabel={s.detail.size}
            ariaLabel={s.overlap}
          />
        </div>
      )}
    </ChartCard>
  );
}

/** Two segments side by side on the same panels, with their overlap. */
export function CompareScreen({ initialA, initialB }: { initialA: string | null; initialB: string | null }) {
  const { t } = useI18n();
  const s = t.segments;
  const router = useRouter();
  const [a, setA] = useState(initialA);
  const [b, setB] = useState(initialB);
  const choose = (nextA: string | null, nextB: string | null) => {
    setA(nextA);
    setB(nextB);
    const params = new URLSearchParams();
    if (nextA) params.set("a", nextA);
    if (nextB) params.set("b", nextB);
    router.replace(`/segments/compare?${params.toString()}`);
  };
  const column = (id: string) => (
    <div className="segments-panels">
      <SizePanel segmentId={id} showName />
      <KpiPanel segmentId={id} />
      <FeaturesPanel segmentId={id} />
      <TopPanel segmentId={id} />
      <RulesPanel segmentId={id} />
      <ModelMetricsPanel segmentId={id} />
    </div>
  );
  return (
    <>
      <div className="toolbar">
        <SegmentPicker id="compare-a" label={s.pickA} value={a} onChange={(next) => choose(next || null, b)} />
        <SegmentPicker id="compare-b" label={s.pickB} value={b} onChange={(next) => choose(a, next || null)} />
      </div>
      {!a || !b ? (
        <p className="alert alert-info">{s.pickBoth}</p>
      ) : (
        <>
          <Overlap a={a} b={b} />
          <div className="segments-compare" data-testid="segment-compare">
            <div>
              <h2 className="card-title">{s.pickA}</h2>
              {column(a)}
            </div>
            <div>
              <h2 className="card-title">{s.pickB}</h2>
              {column(b)}
            </div>
          </div>
        </>
      )}
    </>
  );
}
