"use client";

import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { readError } from "@/lib/trpc/errors";
import { formatNumber } from "@/lib/format";
import { PageHeader } from "@/components/layout/page-header";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { DefinitionSummary } from "./definition-summary";
import { CampaignsPanel, FeaturesPanel, KpiPanel, MembersPanel, ModelMetricsPanel, RulesPanel, SizePanel, TopPanel } from "./insight-panels";
import { SegmentDescription, SegmentName } from "./segment-name";

/** A browser download of text the server produced (already neutralised CSV). */
function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

export function SegmentDetailScreen({
  segmentId,
  canWrite,
  canExport,
  canChangeStarters,
}: {
  segmentId: string;
  canWrite: boolean;
  canExport: boolean;
  /** System starter segments (no creator) are changed only by admins; the server refuses anyone else. */
  canChangeStarters: boolean;
}) {
  const { t, locale } = useI18n();
  const s = t.segments;
  const d = s.detail;
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const segment = useQuery(trpc.segments.get.queryOptions({ id: segmentId }));

  const refresh = useMutation(
    trpc.segments.refresh.mutationOptions({
      onSuccess: async () => {
        toast.success(d.refreshed_ok);
        await queryClient.invalidateQueries({ queryKey: trpc.segments.pathKey() });
      },
      onError: (error) => toast.error(readError(error, s.saveFailed).message),
    }),
  );
  const archive = useMutation(
    trpc.segments.archive.mutationOptions({
      onSuccess: () => {
        toast.success(d.archived);
        router.push("/segments");
      },
      onError: (error) => toast.error(readError(error, s.saveFailed).message),
    }),
  );
  const exporter = useMutation(
    trpc.segments.export.mutationOptions({
      onSuccess: (result) => {
        download(result.filename, result.csv);
        setExportNote(d.exported(formatNumber(locale, result.exported), formatNumber(locale, result.excludedNoConsent), formatNumber(locale, result.excludedErased)));
      },
      onError: (error) => {
        setExportNote(null);
        toast.error(readError(error, d.export).message);
      },
    }),
  );

  if (segment.isError) return segment.error.data?.code === "NOT_FOUND" ? <p className="alert alert-error">{d.notFound}</p> : <QueryError message={segment.error.message} onRetry={() => void segment.refetch()} />;
  if (!segment.data) return <Skeleton height={400} />;
  const archived = segment.data.archivedAt !== null;

  return (
    <>
      <PageHeader
        title={<SegmentName name={segment.data.name} />}
        subtitle={segment.data.description ? <SegmentDescription name={segment.data.name} description={segment.data.description} /> : s.kinds[segment.data.kind]}
        actions={
          <div className="row-actions">
            <span className="badge">{s.kinds[segment.data.kind]}</span>
            <Link className="btn btn-secondary" href={`/segments/compare?a=${segmentId}`}>
              {s.compare}
            </Link>
            {canExport && (
              <button type="button" className="btn btn-secondary" disabled={exporter.isPending} onClick={() => exporter.mutate({ id: segmentId })} data-testid="export-segment">
                {d.export}
              </button>
            )}
            {canWrite && !archived && (
              <button type="button" className="btn btn-secondary" disabled={refresh.isPending} onClick={() => refresh.mutate({ id: segmentId })} data-testid="refresh-segment">
                {d.refresh}
              </button>
            )}
            {canWrite && !archived && (segment.data?.createdBy !== null || canChangeStarters) && (
              <>
                <Link className="btn btn-secondary" href={`/segments/${segmentId}/edit`} data-testid="edit-segment">
                  {d.edit}
                </Link>
                <button type="button" className="btn btn-danger" onClick={() => setConfirmArchive(true)}>
                  {d.archive}
                </button>
              </>
            )}
          </div>
        }
      />
      <DefinitionSummary definition={segment.data.definition} />
      {exportNote && (
        <p className="alert alert-info" data-testid="export-note">
          {exportNote}
        </p>
      )}
      <div className="segments-panels" data-testid="segment-detail">
        <SizePanel segmentId={segmentId} />
        <KpiPanel segmentId={segmentId} />
        <div className="chart-grid">
          <FeaturesPanel segmentId={segmentId} />
        </div>
        <div className="chart-grid">
          <TopPanel segmentId={segmentId} />
        </div>
        <RulesPanel segmentId={segmentId} />
        <ModelMetricsPanel segmentId={segmentId} />
        <CampaignsPanel segmentId={segmentId} />
        <MembersPanel segmentId={segmentId} />
      </div>
      <ConfirmDialog
        open={confirmArchive}
        title={d.archive}
        body={d.archiveConfirm}
        confirmLabel={d.archive}
        busy={archive.isPending}
        onConfirm={() => archive.mutate({ id: segmentId })}
        onCancel={() => setConfirmArchive(false)}
      />
    </>
  );
}
