import type { Db } from "../db";
import { recordAudit } from "../audit";
import type { Role } from "../auth";
import { AppError } from "../errors";
import { ZBasketArtifact } from "../models";
import { rebuildSegmentDays } from "./segment-days.repo";
import { definitionWhere } from "./definition.service";
import { findActiveRun, findRun } from "./model-runs.repo";
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
import {
  ZSegmentDefinition,
  type CreateSegmentInput,
  type CrossSellDefinition,
  type ListSegmentsInput,
  type SegmentDefinition,
  type UpdateSegmentInput,
} from "./segments.schemas";

/** Who changes segments: a staff member (with their role), or the system (id null) seeding the demo's starter segments. */
export interface Actor {
  id: string | null;
  email: string;
  role?: Role;
}

export const SYSTEM_ACTOR: Actor = { id: null, email: "system" };

function nameTaken(name: string): AppError {
  return new AppError("CONFLICT", `A segment named "${name}" already exists`, "name");
}

/**
 * The workspace is shared: any marketer may change any staff member's segment. System starter
 * segments (created by the system, so with no creator; staff rows are never deleted) belong to the
 * admin: a marketer reads, refreshes and targets them but cannot change or archive them.
 */
function requireMayChange(actor: Actor, segment: { name: string; createdBy: string | null }): void {
  if (segment.createdBy !== null || actor.id === null || actor.role === "admin") return;
  throw new AppError("FORBIDDEN", `Segment "${segment.name}" is a system starter segment; only an admin can change or archive it`, "id");
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

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");

/** The baskets rule a cross-sell segment stands for, with its support, confidence and lift. */
export async function findCrossSellRule(db: Db, d: CrossSellDefinition) {
  const run = d.modelRunId ? await findRun(db, d.modelRunId) : await findActiveRun(db, "baskets");
  if (!run || run.task !== "baskets") throw new AppError("PRECONDITION_FAILED", "No active baskets run; mine association rules first", "antecedent");
  const artifact = ZBasketArtifact.safeParse(run.artifact);
  if (!artifact.success) throw new AppError("PRECONDITION_FAILED", `Baskets run ${run.id} has no readable rules`, "antecedent");
  const rule = artifact.data.rules.find((r) => sameSet(r.antecedent, d.antecedent) && sameSet(r.consequent, d.consequent));
  if (!rule) throw new AppError("BAD_REQUEST", "No association rule with that antecedent and consequent in the baskets run", "antecedent");
  return { runId: run.id, ...rule };
}

/** Checks what the schema cannot: model-based definitions must point at something that exists. */
async function checkDefinition(db: Db, definition: SegmentDefinition): Promise<void> {
  if (definition.kind === "cross_sell") await findCrossSellRule(db, definition);
  else if (definition.kind !== "rule" && definition.kind !== "rfm") await definitionWhere(db, definition, new Date());
}

/** Creates the segment and materialises its members straight away, so it has a size and a drill-down. */
export async function createSegment(db: Db, actor: Actor, input: CreateSegmentInput) {
  await checkDefinition(db, input.definition);
  const created = await insertSegmentAudited(db, actor, input);
  await refreshSegment(db, created.id);
  return (await findSegment(db, created.id)) ?? created;
}

async function insertSegmentAudited(db: Db, actor: Actor, input: CreateSegmentInput) {
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
  if (input.definition) await checkDefinition(db, input.definition);
  const updated = await updateSegmentAudited(db, actor, input);
  if (input.definition) await refreshSegment(db, input.id);
  return (await findSegment(db, input.id)) ?? updated;
}

async function updateSegmentAudited(db: Db, actor: Actor, input: UpdateSegmentInput) {
  return db.transaction(async (tx) => {
    const current = await requireSegment(tx, input.id);
    requireMayChange(actor, current);
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
    requireMayChange(actor, current);
    if (current.archivedAt) return current;
    const updated = await updateSegmentRow(tx, id, { archivedAt: new Date(), updatedBy: actor.id, updatedAt: new Date() });
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "segments.archive", target: current.name, detail: { id } });
    return updated;
  });
}

export async function requireLiveDefinition(db: Db, id: string) {
  const row = await requireSegment(db, id);
  return { row, definition: storedDefinition(row) };
}

export async function getSegment(db: Db, id: string) {
  const row = await requireSegment(db, id);
  return { ...row, definition: storedDefinition(row), snapshots: await listSnapshots(db, id) };
}

export function listSegments(db: Db, query: ListSegmentsInput) {
  return listSegmentRows(db, query);
}

/**
 * Materialises the members in one transaction (old list replaced, never half-written) with the
 * segment's daily KPI sums, records the size and upserts today's snapshot.
 */
export async function refreshSegment(db: Db, id: string, options: { now?: Date; asOf?: Date } = {}) {
  const now = options.now ?? new Date();
  const asOf = options.asOf ?? (await findReferenceTime(db));
  return db.transaction(async (tx) => {
    const segment = await requireSegment(tx, id);
    if (segment.archivedAt) throw new AppError("PRECONDITION_FAILED", "An archived segment is not refreshed", "id");
    const where = await definitionWhere(tx, storedDefinition(segment), asOf);
    const size = await replaceMembers(tx, id, where);
    await rebuildSegmentDays(tx, id);
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
