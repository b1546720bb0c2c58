import type { Db } from "../db/client";
import { recordAudit } from "../audit/audit.repo";
import { AppError } from "../errors";
import { whereOf } from "./preview.service";
import {
  findReferenceTime,
  findSegment,
  insertSegment,
  listSegmentRows,
  listSnapshots,
  nameTakenByOther,
  overlapCounts,
  replaceMembers,
  updateSegmentRow,
  upsertSnapshot,
} from "./segments.repo";
import { ZSegmentDefinition, type CreateSegmentInput, type ListSegmentsInput, type UpdateSegmentInput } from "./segments.schemas";

export interface Actor {
  id: string;
  email: string;
}

function nameTaken(name: string): AppError {
  return new AppError("CONFLICT", `A segment named "${name}" already exists`, "name");
}

async function requireSegment(db: Db, id: string) {
  const found = await findSegment(db, id);
  if (!found) throw new AppError("NOT_FOUND", "No segment with that id", "id");
  return found;
}

/** A stored definition is re-validated on read: rows written by older code must still parse. */
function storedDefinition(row: { id: string; definition: unknown }) {
  const parsed = ZSegmentDefinition.safeParse(row.definition);
  if (!parsed.success) throw new AppError("PRECONDITION_FAILED", `Segment ${row.id} has a definition this version cannot read`, "definition");
  return parsed.data;
}

export async function createSegment(db: Db, actor: Actor, input: CreateSegmentInput) {
  return db.transaction(async (tx) => {
    const created = await insertSegment(tx, {
      name: input.name,
      description: input.description ?? null,
      kind: input.definition.kind,
      definition: input.definition,
      createdBy: actor.id,
      updatedBy: actor.id,
    });
    if (!created) throw nameTaken(input.name);
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "segments.create", target: created.name, detail: { id: created.id, kind: created.kind } });
    return created;
  });
}

export async function updateSegment(db: Db, actor: Actor, input: UpdateSegmentInput) {
  return db.transaction(async (tx) => {
    const current = await requireSegment(tx, input.id);
    if (current.archivedAt) throw new AppError("PRECONDITION_FAILED", "An archived segment cannot be edited", "id");
    if (input.name !== undefined && (await nameTakenByOther(tx, input.name, input.id))) throw nameTaken(input.name);
    const updated = await updateSegmentRow(tx, input.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.definition ? { definition: input.definition, kind: input.definition.kind } : {}),
      updatedBy: actor.id,
      updatedAt: new Date(),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: "segments.update",
      target: updated?.name ?? current.name,
      detail: { id: input.id, changed: Object.keys(input).filter((key) => key !== "id") },
    });
    return updated;
  });
}

export async function archiveSegment(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const current = await requireSegment(tx, id);
    if (current.archivedAt) return current;
    const updated = await updateSegmentRow(tx, id, { archivedAt: new Date(), updatedBy: actor.id, updatedAt: new Date() });
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "segments.archive", target: current.name, detail: { id } });
    return updated;
  });
}

export async function getSegment(db: Db, id: string) {
  const row = await requireSegment(db, id);
  return { ...row, definition: storedDefinition(row), snapshots: await listSnapshots(db, id) };
}

export function listSegments(db: Db, query: ListSegmentsInput) {
  return listSegmentRows(db, query);
}

/**
 * Materialises the members in one transaction (old list replaced, never half-written), records
 * the size and upserts today's snapshot.
 */
export async function refreshSegment(db: Db, id: string, options: { now?: Date; asOf?: Date } = {}) {
  const now = options.now ?? new Date();
  const asOf = options.asOf ?? (await findReferenceTime(db));
  return db.transaction(async (tx) => {
    const segment = await requireSegment(tx, id);
    if (segment.archivedAt) throw new AppError("PRECONDITION_FAILED", "An archived segment is not refreshed", "id");
    const where = whereOf(storedDefinition(segment), asOf);
    const size = await replaceMembers(tx, id, where);
    await updateSegmentRow(tx, id, { memberCount: size, lastRefreshedAt: now });
    await upsertSnapshot(tx, id, now.toISOString().slice(0, 10), size);
    return { id, size };
  });
}

export async function overlap(db: Db, a: string, b: string) {
  await requireSegment(db, a);
  await requireSegment(db, b);
  return overlapCounts(db, a, b);
}
