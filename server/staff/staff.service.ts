import type { Db } from "../db";
import { recordAudit } from "../audit";
import { hashPassword } from "../auth";
import type { Role } from "../auth";
import { AppError } from "../errors";
import { countActiveAdmins, findStaffById, insertStaff, updateStaff } from "./staff.repo";
import type { CreateStaffInput } from "./staff.schemas";

export interface Actor {
  id: string;
  email: string;
}

export async function createStaff(db: Db, actor: Actor | null, input: CreateStaffInput) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const created = await insertStaff(tx, { email: input.email, name: input.name, role: input.role, passwordHash });
    if (!created) throw new AppError("CONFLICT", `A staff account with email ${input.email} already exists`, "email");
    await recordAudit(tx, {
      actorId: actor?.id,
      actorEmail: actor?.email ?? "cli",
      action: "staff.create",
      target: created.email,
      detail: { role: created.role },
    });
    return created;
  });
}

async function requireStaff(db: Db, id: string) {
  const found = await findStaffById(db, id);
  if (!found) throw new AppError("NOT_FOUND", "No staff account with that id", "id");
  return found;
}

/** Refuses any change that would leave the workspace without an enabled admin. */
async function assertAdminRemains(db: Db, changingId: string) {
  if ((await countActiveAdmins(db, changingId)) === 0) {
    throw new AppError("PRECONDITION_FAILED", "At least one enabled admin must remain");
  }
}

export async function setStaffRole(db: Db, actor: Actor, id: string, role: Role) {
  return db.transaction(async (tx) => {
    const current = await requireStaff(tx, id);
    if (current.role === role) return current;
    if (current.role === "admin") await assertAdminRemains(tx, id);
    const updated = await updateStaff(tx, id, { role }, { endSessions: true });
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: "staff.role_change",
      target: current.email,
      detail: { from: current.role, to: role },
    });
    return updated;
  });
}

export async function setStaffDisabled(db: Db, actor: Actor, id: string, disabled: boolean) {
  return db.transaction(async (tx) => {
    const current = await requireStaff(tx, id);
    if (disabled && current.id === actor.id) throw new AppError("FORBIDDEN", "You cannot disable your own account");
    if (current.disabled === disabled) return current;
    if (disabled && current.role === "admin") await assertAdminRemains(tx, id);
    const updated = await updateStaff(tx, id, disabled ? { disabled } : { disabled, failedLoginCount: 0, lockedUntil: null }, { endSessions: disabled });
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: disabled ? "staff.disable" : "staff.enable",
      target: current.email,
    });
    return updated;
  });
}

export async function unlockStaff(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const current = await requireStaff(tx, id);
    const updated = await updateStaff(tx, id, { failedLoginCount: 0, lockedUntil: null });
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "staff.unlock", target: current.email });
    return updated;
  });
}
