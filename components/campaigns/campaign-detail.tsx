"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/format";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { DefinitionSummary } from "@/components/segments/definition-summary";
import type { SegmentDefinition } from "@/server/segments";
import { useToast } from "@/components/ui/toast";
import { count, pct } from "./format";
import { ResultsView } from "./results-view";
import { StatusBadge } from "./status-badge";
import type { CampaignDetail as CampaignDetailData } from "./types";
import { UpliftPanel } from "./uplift-panel";
import { SegmentName } from "@/components/segments/segment-name";

type Action = "submit" | "approve" | "reject" | "stop" | "complete";

interface Permissions {
  canWrite: boolean;
  canApprove: boolean;
  canExport: boolean;
  canSaveSegment: boolean;
}

function download(filename: string, contentType: string, body: string) {
  const url = URL.createObjectURL(new Blob([body], { type: contentType }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

type Snapshot = NonNullable<CampaignDetailData["submittedSegment"]>;

/** What the approver approves: the segment as submitted, its size now, and what changed since. */
function SubmittedAudience({ snapshot }: { snapshot: Snapshot }) {
  const { t, locale } = useI18n();
  const s = t.campaigns.detail.submitted;
  const changes = [snapshot.archived && s.archived, snapshot.definitionChanged && s.definitionChanged, snapshot.sizeChanged && s.sizeChanged].filter((x): x is string => Boolean(x));
  const size = (n: number | null) => (n === null ? "—" : count(locale, n));
  return (
    <div className={changes.length > 0 ? "alert alert-error" : "alert alert-info"} data-testid="submitted-segment">
      <p>
        <strong>{s.title}</strong>: {s.size(size(snapshot.size))} · {s.now(size(snapshot.currentSize))}
      </p>
      {/* A copy of the definition the segments module validated when the segment was saved. */}
      <DefinitionSummary definition={snapshot.definition as SegmentDefinition} />
      <p data-testid="submitted-segment-verdict">{changes.length > 0 ? s.changed(changes.join(", ")) : s.unchanged}</p>
    </div>
  );
}

export function CampaignDetail({ campaignId, permissions }: { campaignId: string; permissions: Permissions }) {
  const { t, locale } = useI18n();
  const c = t.campaigns;
  const d = c.detail;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const router = useRouter();
  const campaign = useQuery(trpc.campaigns.get.queryOptions({ id: campaignId }));
  // "all": the read-out may be between mounts while the campaign refetches, and must not keep
  // showing the numbers from before the outcomes that just arrived.
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey(), refetchType: "all" });
  const onError = (error: unknown) => toast.error(readError(error, c.formFailed).message);
  const transition = useMutation({
    mutationFn: async (action: Action) => {
      await client.campaigns[action].mutate({ id: campaignId });
      return action;
    },
    onSuccess: async (action) => {
      toast.success(d.done[action]);
      setConfirming(null);
      await invalidate();
    },
    onError: (error) => {
      setConfirming(null);
      onError(error);
    },
  });
  const removeDraft = useMutation(
    trpc.campaigns.deleteDraft.mutationOptions({
      onSuccess: async (r) => {
        toast.success(d.deleted(r.name));
        setConfirmingDelete(false);
        await queryClient.invalidateQueries({ queryKey: trpc.campaigns.list.pathKey() });
        router.push("/campaigns");
      },
      onError: (error) => {
        setConfirmingDelete(false);
        onError(error);
      },
    }),
  );
  const exportAudience = useMutation(
    trpc.campaigns.exportAudience.mutationOptions({
      onSuccess: (file) => {
        download(file.filename, file.contentType, file.body);
        toast.success(d.exported(file.rows));
      },
      onError,
    }),
  );
  const deliver = useMutation(trpc.campaigns.deliver.mutationOptions({ onSuccess: (r) => toast.success(d.delivered(r.jobs.length)), onError }));
  const simulate = useMutation(
    trpc.campaigns.simulate.mutationOptions({
      onSuccess: async (r) => {
        toast.success(d.simulated(r.simulated, r.conversions));
        await invalidate();
      },
      onError,
    }),
  );
  const refresh = useMutation(
    trpc.campaigns.refreshOutcomes.mutationOptions({
      onSuccess: async (r) => {
        toast.success(d.refreshed(r.outcomes));
        await invalidate();
      },
      onError,
    }),
  );

  if (campaign.isError) return <QueryError message={campaign.error.message} onRetry={() => void campaign.refetch()} />;
  if (!campaign.data) return <Skeleton height={320} />;
  const data = campaign.data;
  const visible = data.actions.filter((a) => (a === "approve" || a === "reject" ? permissions.canApprove && data.canApprove : permissions.canWrite));
  const running = data.status === "running";
  const finished = data.origin === "imported" || data.status === "completed" || data.status === "stopped";
  const busy = transition.isPending;
  return (
    <div className="campaigns-detail">
      <p>
        <Link href="/campaigns">← {c.back}</Link>
      </p>
      <section className="card" aria-labelledby="campaign-overview">
        <div className="campaigns-detail-head">
          <h2 id="campaign-overview" className="card-title" data-i18n-skip>
            {data.name}
          </h2>
          <StatusBadge status={data.status} />
          {data.origin === "imported" && <span className="badge">{c.imported}</span>}
        </div>
        <p>
          {c.goal[data.goal]} · {c.channel[data.channel]} · {c.allocation[data.allocation]} · {d.window(data.attributionDays)} · {d.holdout(pct(locale, data.holdoutShare, 0))}
        </p>
        <p>
          {d.segment}: {data.segmentName === null ? "—" : <SegmentName name={data.segmentName} />} · {d.assigned(count(locale, data.assigned))}
          {data.approvedAt && (
            <>
              {" "}
              · {d.approvedAt}: {formatDateTime(locale, new Date(data.approvedAt))}
            </>
          )}
        </p>
        {data.interference > 0 && (
          <div className="alert alert-info" data-testid="interference">
            {d.interference(count(locale, data.interference))}
          </div>
        )}
        <h3>{d.arms}</h3>
        <ul className="campaigns-arm-list">
          {data.variants.map((v) => (
            <li key={v.id}>
              <strong data-i18n-skip>{v.name}</strong> <span className="mono" data-i18n-skip>({v.key})</span>
              {v.isControl && <span className="badge">{c.results.controlTag}</span>} · {c.fields.weight} {v.weight.toFixed(2)}
              {v.couponPercentOff !== null && <> · {d.percentOff(v.couponPercentOff)}</>}
              {v.message && <span data-i18n-skip> · “{v.message}”</span>}
            </li>
          ))}
        </ul>
        {data.status === "pending_approval" && <p className="cell-muted">{data.canApprove || !permissions.canApprove ? d.approvalNeeded : d.ownCampaign}</p>}
        {data.status === "pending_approval" && data.submittedSegment && <SubmittedAudience snapshot={data.submittedSegment} />}
        <div className="form-actions campaigns-actions" data-testid="campaign-actions">
          {visible.map((action) => (
            <button
              key={action}
              type="button"
              className={action === "approve" ? "btn btn-primary" : action === "stop" || action === "reject" ? "btn btn-danger" : "btn btn-secondary"}
              disabled={busy}
              data-testid={`action-${action}`}
              onClick={() => (action === "approve" || action === "stop" ? setConfirming(action) : transition.mutate(action))}
            >
              {d.actions[action]}
            </button>
          ))}
          {data.status === "draft" && permissions.canWrite && (
            <Link href={`/campaigns/${campaignId}/edit`} className="btn btn-secondary" data-testid="action-edit">
              {c.editDraft}
            </Link>
          )}
          {data.status === "draft" && permissions.canWrite && (
            <button type="button" className="btn btn-danger" disabled={removeDraft.isPending} data-testid="action-delete" onClick={() => setConfirmingDelete(true)}>
              {d.deleteDraft}
            </button>
          )}
        </div>
      </section>
      {(running || finished) && data.origin !== "imported" && (permissions.canExport || permissions.canWrite) && (
        <section className="card" aria-label={d.delivery}>
          <h2 className="card-title">{d.delivery}</h2>
          <div className="form-actions campaigns-actions">
            {permissions.canExport && (
              <>
                <button type="button" className="btn btn-secondary" disabled={exportAudience.isPending} onClick={() => exportAudience.mutate({ id: campaignId, format: "csv" })} data-testid="export-csv">
                  {d.exportCsv}
                </button>
                <button type="button" className="btn btn-secondary" disabled={exportAudience.isPending} onClick={() => exportAudience.mutate({ id: campaignId, format: "json" })}>
                  {d.exportJson}
                </button>
              </>
            )}
            {permissions.canWrite && running && (
              <>
                <button type="button" className="btn btn-secondary" disabled={deliver.isPending} onClick={() => deliver.mutate({ id: campaignId })}>
                  {d.deliver}
                </button>
                <button type="button" className="btn btn-primary" disabled={simulate.isPending} onClick={() => simulate.mutate({ id: campaignId, seed: 1 })} data-testid="simulate">
                  {d.simulate}
                </button>
                <button type="button" className="btn btn-ghost" disabled={refresh.isPending} onClick={() => refresh.mutate({ id: campaignId })}>
                  {d.refreshOutcomes}
                </button>
              </>
            )}
          </div>
        </section>
      )}
      {data.status !== "draft" && data.status !== "pending_approval" && <ResultsView campaignId={campaignId} />}
      {data.status !== "draft" && data.status !== "pending_approval" && <UpliftPanel campaignId={campaignId} campaignName={data.name} finished={finished} canSaveSegment={permissions.canSaveSegment} />}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? d.actions[confirming] : ""}
        body={confirming === "stop" ? d.confirmStop : d.confirmApprove}
        confirmLabel={confirming ? d.actions[confirming] : ""}
        busy={busy}
        onConfirm={() => confirming && transition.mutate(confirming)}
        onCancel={() => setConfirming(null)}
      />
      <ConfirmDialog
        open={confirmingDelete}
        title={d.deleteDraft}
        body={d.confirmDelete}
        confirmLabel={d.deleteDraft}
        busy={removeDraft.isPending}
        onConfirm={() => removeDraft.mutate({ id: campaignId })}
        onCancel={() => setConfirmingDelete(false)}
      />
    </div>
  );
}
