import type { Db } from "../db";
import { recordAudit } from "../audit";
import { can, type Role } from "../auth";
import { AppError } from "../errors";
import { toSafeCsv } from "../ingest";
import { exportCounts, exportRows, NON_PERSONAL_COLUMNS, PERSONAL_COLUMNS } from "./export.repo";
import { findSegment } from "./segments.repo";

/** The columns of a segment export: personal ones only for holders of audience.export_pii. */
export function exportColumns(withPersonalData: boolean): readonly string[] {
  return ["external_id", ...(withPersonalData ? PERSONAL_COLUMNS : []), ...NON_PERSONAL_COLUMNS];
}

export interface ExportActor {
  id: string;
  email: string;
  role: Role;
}

export interface AudienceExport {
  filename: string;
  csv: string;
  exported: number;
  excludedNoConsent: number;
  excludedErased: number;
  /** Whether the file holds clear name, e-mail and phone (only with audience.export_pii). */
  personalData: boolean;
}

/**
 * The segment's materialised members as a contactable audience: customers without marketing
 * consent and erased customers are left out and counted, audiences below `minSize` are refused
 * (a tiny list can single people out) before any row is read, personal columns are written only
 * for holders of audience.export_pii (everyone else gets ids and non-personal columns), every
 * cell is neutralised against formula injection and the export is audited (also when refused,
 * so attempts are visible).
 */
export async function exportAudience(db: Db, actor: ExportActor, segmentId: string, minSize: number): Promise<AudienceExport> {
  const segment = await findSegment(db, segmentId);
  if (!segment) throw new AppError("NOT_FOUND", "No segment with that id", "id");
  const counts = await exportCounts(db, segmentId);
  const personalData = can(actor.role, "audience.export_pii");
  const detail = { id: segmentId, exported: counts.contactable, excludedNoConsent: counts.excludedNoConsent, excludedErased: counts.excludedErased, minSize, personalData };
  if (counts.contactable < minSize) {
    await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "segments.export_refused", target: segment.name, detail });
    throw new AppError(
      "PRECONDITION_FAILED",
      `This audience has ${counts.contactable} contactable customers (after removing ${counts.excludedNoConsent} without marketing consent and ${counts.excludedErased} erased); exports need at least ${minSize}`,
      "id",
    );
  }
  const columns = exportColumns(personalData);
  const rows = await exportRows(db, segmentId, personalData);
  const csv = toSafeCsv(
    columns,
    rows.map((row) => columns.map((column) => row[column] ?? null)),
  );
  await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "segments.export", target: segment.name, detail: { ...detail, exported: rows.length } });
  const slug = segment.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60) || "segment";
  return { filename: `${slug}-${new Date().toISOString().slice(0, 10)}.csv`, csv, exported: rows.length, excludedNoConsent: counts.excludedNoConsent, excludedErased: counts.excludedErased, personalData };
}
