import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit";
import type { Role } from "../auth";
import type { Db } from "../db";
import { AppError } from "../errors";
import { findSegment } from "../segments";
import { assignAudience } from "./assignment.service";
import { assignmentCounts } from "./assignment.repo";
import { findCampaign, findCampaignByName, insertCampaign, listCampaignRows, listVariants, lockCampaign, lockTargetSegment, deleteCampaignRow, replaceVariants, updateCampaignRow, type CampaignInsert, type CampaignRow } from "./campaigns.repo";
import type { CampaignInput, ListCampaignsInput } from "./campaigns.schemas";
import { changeMessage, compareSnapshot } from "./segment-snapshot";
import { allowedActions, nextStatus, type CampaignAction } from "./state-machine";

export interface Actor {
  id: string;
  email: string;
  role: Role;
}

function nameTaken(name: string): AppError {
  return new AppError("CONFLICT", `A campaign named "${name}" already exists`, "name");
}

export async function requireCampaign(db: Db, id: string): Promise<CampaignRow> {
  const found = await findCampaign(db, id);
  if (!found) throw new AppError("NOT_FOUND", "No campaign with that id", "id");
  return found;
}

async function requireLiveSegment(db: Db, segmentId: string): Promise<void> {
  const segment = await findSegment(db, segmentId);
  if (!segment) throw new AppError("BAD_REQUEST", "segmentId names no segment", "segmentId");
  if (segment.archivedAt) throw new AppError("BAD_REQUEST", "segmentId names an archived segment", "segmentId");
}

/**
 * The workspace is shared (every marketer sees every campaign and may stop a running one), but a
 * draft is its author's work: only the author or an admin edits or submits it.
 */
function requireDraftOwner(actor: Actor, campaign: CampaignRow, what: "edit" | "submit" | "delete"): void {
  if (campaign.createdBy === actor.id || actor.role === "admin") return;
  throw new AppError("FORBIDDEN", `Only the campaign's author or an admin can ${what} this draft`, "id");
}

function campaignColumns(input: CampaignInput) {
  const { variants: _variants, ...fields } = input;
  return fields;
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput) {
  return db.transaction(async (tx) => {
    await requireLiveSegment(tx, input.segmentId);
    const created = await insertCampaign(tx, { ...campaignColumns(input), salt: randomBytes(12).toString("hex"), createdBy: actor.id, status: "draft" });
    if (!created) throw nameTaken(input.name);
    const variants = await replaceVariants(tx, created.id, input.variants);
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "campaigns.create", target: created.name, detail: { id: created.id, arms: variants.length } });
    return { ...created, variants };
  });
}

export async function updateCampaign(db: Db, actor: Actor, id: string, input: CampaignInput) {
  return db.transaction(async (tx) => {
    const current = await lockCampaign(tx, id);
    if (!current) throw new AppError("NOT_FOUND", "No campaign with that id", "id");
    if (current.status !== "draft") throw new AppError("PRECONDITION_FAILED", `Only a draft can be edited; this campaign is ${current.status}`, "status");
    requireDraftOwner(actor, current, "edit");
    await requireLiveSegment(tx, input.segmentId);
    const clash = await findCampaignByName(tx, input.name);
    if (clash && clash.id !== id) throw nameTaken(input.name);
    const updated = await updateCampaignRow(tx, id, campaignColumns(input));
    const variants = await replaceVariants(tx, id, input.variants);
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "campaigns.update", target: input.name, detail: { id } });
    return { ...updated, variants };
  });
}

/** A draft never launched leaves nothing behind (no assignment, exposure or outcome exists yet); the audit log keeps its name. */
export async function deleteDraft(db: Db, actor: Actor, id: string): Promise<{ id: string; name: string }> {
  return db.transaction(async (tx) => {
    const current = await lockCampaign(tx, id);
    if (!current) throw new AppError("NOT_FOUND", "No campaign with that id", "id");
    if (current.status !== "draft") throw new AppError("PRECONDITION_FAILED", `Only a draft can be deleted; this campaign is ${current.status} (stop or complete it instead)`, "status");
    requireDraftOwner(actor, current, "delete");
    await deleteCampaignRow(tx, id);
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "campaigns.delete", target: current.name, detail: { id } });
    return { id, name: current.name };
  });
}

const resubmit = "send the campaign back to draft and submit it again";

/** Submitting snapshots the target segment's definition and size: that is what the approver approves. */
async function submitSnapshot(tx: Db, campaign: CampaignRow): Promise<Partial<CampaignInsert>> {
  const segment = campaign.segmentId ? await lockTargetSegment(tx, campaign.segmentId) : undefined;
  if (!segment) throw new AppError("PRECONDITION_FAILED", "This campaign has no target segment; choose one before submitting", "segmentId");
  if (segment.archivedAt) throw new AppError("PRECONDITION_FAILED", `Segment "${segment.name}" is archived; choose a live segment before submitting`, "segmentId");
  return { submittedSegmentDefinition: segment.definition, submittedSegmentSize: segment.memberCount };
}

/** Approval is refused unless the segment is still what was submitted (definition, size, not archived). */
async function requireSubmittedAudience(tx: Db, campaign: CampaignRow): Promise<void> {
  const segment = campaign.segmentId ? await lockTargetSegment(tx, campaign.segmentId) : undefined;
  if (!segment) throw new AppError("PRECONDITION_FAILED", `The campaign's segment no longer exists; ${resubmit}`, "segmentId");
  if (campaign.submittedSegmentDefinition === null || campaign.submittedSegmentDefinition === undefined) {
    throw new AppError("PRECONDITION_FAILED", `This campaign was submitted before its audience was recorded; ${resubmit}`, "segmentId");
  }
  const snapshot = { definition: campaign.submittedSegmentDefinition, size: campaign.submittedSegmentSize };
  const message = changeMessage(snapshot, segment, compareSnapshot(snapshot, segment));
  if (message) throw new AppError("PRECONDITION_FAILED", message, "segmentId");
}

/**
 * Applies one state-machine action. Approval is a manager's (or admin's) act and never the
 * creator's own; approving launches the campaign: the audience is assigned in the same transaction,
 * so a running campaign always has its assignments. Submitting records the segment's definition
 * and size; approval is refused if either changed since (the audience cannot be swapped).
 */
export async function transitionCampaign(db: Db, actor: Actor, id: string, action: CampaignAction, note?: string) {
  return db.transaction(async (tx) => {
    const current = await lockCampaign(tx, id);
    if (!current) throw new AppError("NOT_FOUND", "No campaign with that id", "id");
    if (current.origin === "imported") throw new AppError("PRECONDITION_FAILED", "An imported campaign's results are read-only", "id");
    const to = nextStatus(action, current.status);
    if (!to) throw new AppError("PRECONDITION_FAILED", `Cannot ${action} a campaign that is ${current.status.replace("_", " ")}`, "status");
    if (action === "submit") requireDraftOwner(actor, current, "submit");
    if ((action === "approve" || action === "reject") && current.createdBy === actor.id) {
      throw new AppError("FORBIDDEN", `You created this campaign, so someone else must ${action} it`, "approvedBy");
    }
    const now = new Date();
    let patch: Partial<CampaignInsert> = { status: to };
    if (action === "submit") patch = { ...patch, ...(await submitSnapshot(tx, current)) };
    if (action === "reject") patch = { ...patch, submittedSegmentDefinition: null, submittedSegmentSize: null };
    if (action === "approve") {
      await requireSubmittedAudience(tx, current);
      patch = { ...patch, approvedBy: actor.id, approvedAt: now, startsAt: current.startsAt && current.startsAt > now ? current.startsAt : now };
    }
    const updated = await updateCampaignRow(tx, id, patch);
    if (!updated) throw new AppError("NOT_FOUND", "No campaign with that id", "id");
    let assignment: Awaited<ReturnType<typeof assignAudience>> | undefined;
    if (action === "approve") {
      assignment = await assignAudience(tx, updated, await listVariants(tx, id), { throughWave: updated.allocation === "thompson" ? 0 : undefined, at: now });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: `campaigns.${action}`,
      target: current.name,
      detail: {
        id,
        from: current.status,
        to,
        ...(note ? { note } : {}),
        ...(action === "submit" || action === "approve" ? { segmentId: updated.segmentId, segmentSize: updated.submittedSegmentSize } : {}),
        ...(assignment ? { assigned: assignment.assigned, eligible: assignment.eligible, interferenceFlagged: assignment.interferenceFlagged } : {}) },
    });
    return { ...updated, assignment };
  });
}

export function listCampaigns(db: Db, query: ListCampaignsInput) {
  return listCampaignRows(db, query);
}

export async function getCampaign(db: Db, actor: Actor, id: string) {
  const campaign = await requireCampaign(db, id);
  const [variants, counts, segment] = await Promise.all([
    listVariants(db, id),
    assignmentCounts(db, id),
    campaign.segmentId ? findSegment(db, campaign.segmentId) : Promise.resolve(undefined),
  ]);
  const actions = campaign.origin === "imported" ? [] : allowedActions(campaign.status);
  const ownCampaign = campaign.createdBy === actor.id;
  const snapshot = campaign.submittedSegmentDefinition === null ? null : { definition: campaign.submittedSegmentDefinition, size: campaign.submittedSegmentSize };
  const change = snapshot && segment ? compareSnapshot(snapshot, segment) : null;
  return {
    ...campaign,
    salt: undefined,
    variants,
    segmentName: segment?.name ?? null,
    /** The segment as submitted for approval, beside its current size and what changed since (approval is refused if anything did). */
    submittedSegment: snapshot
      ? {
          definition: snapshot.definition,
          size: snapshot.size,
          currentSize: segment?.memberCount ?? null,
          definitionChanged: change?.definitionChanged ?? true,
          sizeChanged: change?.sizeChanged ?? true,
          archived: change?.archived ?? true,
        }
      : null,
    assigned: counts.total,
    interference: counts.interference,
    actions,
    /** Shown to the client so it can explain why Approve is missing; the server enforces it anyway. */
    canApprove: actions.includes("approve") && !ownCampaign && (actor.role === "manager" || actor.role === "admin"),
  };
}
