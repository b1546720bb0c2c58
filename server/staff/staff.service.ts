import type { Db } from "../db";
import { recordAudit } from "../audit";
import { hashPassword, passwordProblem, verifyOwnPassword } from "../auth";
import type { Role } from "../auth";
import { AppError } from "../errors";
import { countActiveAdmins, findStaffByEmail, findStaffById, insertStaff, updateStaff } from "./staff.repo";
import type { ChangePasswordInput, CreateStaffInput } from "./staff.schemas";

export interface Actor {
  id: string;
  email: string;
}

function assertPasswordPolicy(password: string, email: string, field = "password") {
  const problem = passwordProblem(password, email, field);
  if (problem) throw new AppError("BAD_REQUEST", problem, field);
}

/**
 * Creates an account. A password someone else chose (an admin on the Staff screen, the CLI) must
 * be changed at the first sign-in: that is the default whenever there is an acting admin; seeds
 * (demo accounts, the first admin from the environment) pass `mustChangePassword: false`.
 */
export async function createStaff(db: Db, actor: Actor | null, input: CreateStaffInput, options: { mustChangePassword?: boolean } = {}) {
  assertPasswordPolicy(input.password, input.email);
  const mustChangePassword = options.mustChangePassword ?? actor !== null;
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const created = await insertStaff(tx, { email: input.email, name: input.name, role: input.role, passwordHash, mustChangePassword });
    if (!created) throw new AppError("CONFLICT", `A staff account with email ${input.email} already exists`, "email");
    await recordAudit(tx, {
      actorId: actor?.id,
      actorEmail: actor?.email ?? "cli",
      action: "staff.create",
      target: created.email,
      detail: { role: created.role, mustChangePassword },
    });
    return created;
  });
}

/**
 * A signed-in member changes their own password: the current one must be right (checked under the
 * sign-in lockout), the new one must pass the policy and differ from it. Every session the account
 * holds ends, this one included, and a forced change is cleared.
 */
export async function changeOwnPassword(db: Db, actor: Actor, input: ChangePasswordInput) {
  const account = await requireStaff(db, actor.id);
  assertPasswordPolicy(input.newPassword, account.email, "newPassword");
  const check = await verifyOwnPassword(db, account.id, input.currentPassword);
  if (check !== "ok") {
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "staff.password_change_failed", target: account.email, detail: { reason: check } });
    if (check === "locked") throw new AppError("PRECONDITION_FAILED", "Too many wrong passwords in a row: the account is locked for 15 minutes", "currentPassword");
    throw new AppError("BAD_REQUEST", "currentPassword is not your current password", "currentPassword");
  }
  if (input.newPassword === input.currentPassword) throw new AppError("BAD_REQUEST", "newPassword must differ from the current password", "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await updateStaff(tx, account.id, { passwordHash, mustChangePassword: false }, { endSessions: true });
    await recordAudit(tx, { actorId: account.id, actorEmail: account.email, action: "staff.password_change", target: account.email });
    return { changed: true as const };
  });
}

/**
 * An operator sets someone's password (the CLI's `set-password`): the policy applies, every session
 * of the account ends, and the owner must choose a new one at the next sign-in.
 */
export async function setStaffPassword(db: Db, actor: Actor | null, email: string, password: string) {
  const account = await findStaffByEmail(db, email);
  if (!account) throw new AppError("NOT_FOUND", `No staff account with email ${email}`, "email");
  assertPasswordPolicy(password, account.email);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const updated = await updateStaff(tx, account.id, { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null }, { endSessions: true });
    await recordAudit(tx, { actorId: actor?.id, actorEmail: actor?.email ?? "cli", action: "staff.password_reset", target: account.email });
    return updated;
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
