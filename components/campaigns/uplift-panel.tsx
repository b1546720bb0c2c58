"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { CHART_COLORS } from "@/components/charts/colors";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { count, pp } from "./format";
import { CampaignLineChart } from "./line-chart";
import { SegmentName } from "@/components/segments/segment-name";

export function UpliftPanel({ campaignId, campaignName, finished, canSaveSegment }: { campaignId: string; campaignName: string; finished: boolean; canSaveSegment: boolean }) {
  const { t, locale } = useI18n();
  const u = t.campaigns.uplift;
  const trpc = useTRPC();
  const toast = useToast();
  const [requested, setRequested] = useState(false);
  const report = useQuery({ ...trpc.campaigns.uplift.queryOptions({ id: campaignId }), enabled: finished && requested });
  const save = useMutation(
    trpc.campaigns.persuadables.mutationOptions({
      onSuccess: (created) => toast.success(u.saved(created.members)),
      onError: (error) => toast.error(readError(error, u.title).message),
    }),
  );
  return (
    <section className="card" data-testid="uplift-panel" aria-labelledby="uplift-title">
      <h2 className="card-title" id="uplift-title">
        {u.title}
      </h2>
      <p className="cell-muted">{u.intro}</p>
      {!finished && <p>{u.onlyFinished}</p>}
      {finished && !requested && (
        <button type="button" className="btn btn-secondary" onClick={() => setRequested(true)} data-testid="uplift-load">
          {u.load}
        </button>
      )}
      {requested && report.isPending && <Skeleton height={200} />}
      {report.isError && <QueryError message={report.error.message} onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <p>
            {u.customers(count(locale, report.data.customers), count(locale, report.data.treated))} · {u.qiniCoefficient(report.data.qiniCoefficient.toFixed(4))}
          </p>
          <div className="campaigns-two">
            <div>
              <h3>{u.qini}</h3>
              <CampaignLineChart
                testId="qini-chart"
                data={report.data.qini}
                x="fraction"
                lines={[
                  { key: "qini", label: u.model, color: CHART_COLORS.primary },
                  { key: "random", label: u.random, color: CHART_COLORS.secondary, dashed: true },
                ]}
                ariaLabel={u.qini}
                format={(v) => v.toFixed(0)}
                formatX={(x) => `${Math.round(Number(x) * 100)}%`}
                height={220}
              />
            </div>
            <div>
              <h3>{u.deciles}</h3>
              <table className="table" data-testid="uplift-deciles">
                <thead>
                  <tr>
                    <th scope="col">{u.decile}</th>
                    <th scope="col">{u.predicted}</th>
                    <th scope="col">{u.observed}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.data.deciles.map((d) => (
                    <tr key={d.decile}>
                      <td>{d.decile}</td>
                      <td>{pp(d.meanPredicted)}</td>
                      <td>{d.observedUplift === null ? "—" : pp(d.observedUplift)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          {report.data.bySegment.length > 0 && (
            <>
              <h3>{u.bySegment}</h3>
              <ul className="campaigns-segment-uplift">
                {report.data.bySegment.map((s) => (
                  <li key={s.segmentId}>
                    <SegmentName name={s.name} />: <strong>{pp(s.meanUplift)}</strong> <span className="cell-muted">({count(locale, s.n)})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {canSaveSegment && (
            <button type="button" className="btn btn-primary" disabled={save.isPending} onClick={() => save.mutate({ id: campaignId, name: u.persuadablesName(campaignName), topShare: 0.1 })} data-testid="persuadables">
              {u.persuadables}
            </button>
          )}
        </>
      )}
    </section>
  );
}
