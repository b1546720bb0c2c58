import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { enqueueJobOnce, jobKinds } from "../jobs";
import { blankCustomer, deleteCustomerData, lockCustomer } from "./erase.repo";
import type { EraseCustomerInput } from "./customers.schemas";

export interface Actor {
  id: string;
  email: string;
}

/**
 * Erases a customer (right to be forgotten) in one transaction: behaviour, features, segment
 * memberships, campaign assignments and outcomes, model scores, demo truth and the per-customer
 * KPI rollups are deleted, the personal columns are blanked and erased_at is set. A full KPI
 * rollup is queued in the same transaction, so the aggregate tables (day totals, cohorts) are
 * rebuilt without the person. The audit entry names the external id only.
 */
export async function eraseCustomer(db: Db, actor: Actor, input: EraseCustomerInput) {
  return db.transaction(async (tx) => {
    const current = await lockCustomer(tx, input.id);
    if (!current) throw new AppError("NOT_FOUND", `No customer with id ${input.id}`, "id");
    if (current.externalId !== input.confirmExternalId) {
      throw new AppError("BAD_REQUEST", `confirmExternalId does not match the customer's external id`, "confirmExternalId");
    }
    if (current.erasedAt) throw new AppError("CONFLICT", `Customer ${current.externalId} was already erased`, "id");
    const deleted = await deleteCustomerData(tx, input.id);
    await blankCustomer(tx, input.id);
    // The incremental rollup only re-rolls days that received events; a deletion needs a full one.
    await enqueueJobOnce(tx, jobKinds.kpiRollup, { full: true }, { createdBy: actor.id });
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: "customer.erase",
      target: current.externalId,
      detail: { deleted },
    });
    return { externalId: current.externalId, deleted };
  });
}
