import type { Db } from "../db";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { toSafeCsv } from "../ingest";
import type { Actor } from "./segments.service";
import { findSegment, memberContacts } from "./segments.repo";

export const EXPORT_COLUMNS = ["external_id", "display_name", "email", "phone", "region", "acquisition_channel"] as const;

export interface AudienceExport {
  filename: string;
  csv: string;
  exported: number;
  excludedNoConsent: number;
  excludedErased: number;
}

/**
 * The segment's materialised members as a contactable audience: customers without marketing
 * consent and erased customers are left out and counted, audiences below `minSize` are refused
 * (a tiny list can single people out), every cell is neutralised against formula injection and
 * the export is audited (also when refused, so attempts are visible).
 */
export async function exportAudience(db: Db, actor: Actor, segmentId: string, minSize: number): Promise<AudienceExport> {
  const segment = await findSegment(db, segmentId);
  if (!segment) throw new AppError("NOT_FOUND", "No segment with that id", "id");
  const rows = await memberContacts(db, segmentId);
  const erased = rows.filter((row) => row.erased === true).length;
  const noConsent = rows.filter((row) => row.erased !== true && row.consent !== true).length;
  const audience = rows.filter((row) => row.erased !== true && row.consent === true);
  const detail = { id: segmentId, exported: audience.length, excludedNoConsent: noConsent, excludedErased: erased, minSize };
  if (audience.length < minSize) {
    await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "segments.export_refused", target: segment.name, detail });
    throw new AppError(
      "PRECONDITION_FAILED",
      `This audience has ${audience.length} contactable customers (after removing ${noConsent} without marketing consent and ${erased} erased); exports need at least ${minSize}`,
      "id",
    );
  }
  const csv = toSafeCsv(
    EXPORT_COLUMNS,
    audience.map((row) => EXPORT_COLUMNS.map((column) => (row[column] ?? null) as string | null)),
  );
  await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "segments.export", target: segment.name, detail });
  const slug = segment.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 60) || "segment";
  return { filename: `${slug}-${new Date().toISOString().slice(0, 10)}.csv`, csv, exported: audience.length, excludedNoConsent: noConsent, excludedErased: erased };
}
