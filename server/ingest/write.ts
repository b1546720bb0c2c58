import type { Db } from "../db";
import { lockCustomersByExternalId, upsertCustomers, type StoredCustomer } from "./customers.repo";
import { findProductIds, insertEvents } from "./events.repo";
import { upsertProducts } from "./products.repo";
import type { CustomerRow, ErasedItem, EventRow, IngestError, IngestKind, ProductRow, WriteResult } from "./types";

/*
 * Writers take a Db that may be a transaction and never open their own: the caller wraps the
 * whole upload in one `db.transaction`, so an error anywhere leaves nothing behind. When a writer
 * returns errors it has written nothing, and the caller should roll back anything else it wrote.
 */

function duplicateErrors<R extends { index: number }>(rows: readonly R[], key: (row: R) => string, field: string): IngestError[] {
  const seen = new Map<string, number>();
  const errors: IngestError[] = [];
  for (const row of rows) {
    const id = key(row);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, row.index);
    else errors.push({ index: row.index, field, message: `duplicate ${field} "${id}" (first at index ${first})` });
  }
  return errors;
}

function failed(errors: IngestError[]): WriteResult {
  return { inserted: 0, updated: 0, duplicates: 0, errors };
}

/**
 * Splits off the rows whose customer was erased: an erased external id is a tombstone, and
 * nothing about that person is collected again (they are reported, not written, not errors).
 */
function withoutErased<R extends { index: number; customerId: string }>(
  rows: readonly R[],
  stored: ReadonlyMap<string, { erased: boolean }>,
): { kept: R[]; erased: ErasedItem[] } {
  const kept: R[] = [];
  const erased: ErasedItem[] = [];
  for (const row of rows) {
    if (stored.get(row.customerId)?.erased) erased.push({ index: row.index, customerId: row.customerId });
    else kept.push(row);
  }
  return { kept, erased };
}

function result(counts: Omit<WriteResult, "erased" | "errors">, erased: ErasedItem[]): WriteResult {
  return erased.length ? { ...counts, errors: [], erased } : { ...counts, errors: [] };
}

/**
 * Upserts customers by external id. Customers erased earlier are skipped and listed in `erased`:
 * their consent, attributes and personal fields stay blank. The stored rows are locked first, so
 * an erasure running at the same time either is seen here or runs after this batch commits.
 */
export async function writeCustomers(db: Db, rows: readonly CustomerRow[]): Promise<WriteResult> {
  const errors = duplicateErrors(rows, (row) => row.customerId, "customer_id");
  if (errors.length) return failed(errors);
  const stored = await lockCustomersByExternalId(db, rows.map((row) => row.customerId), "update");
  const { kept, erased } = withoutErased(rows, stored);
  const { inserted, updated } = await upsertCustomers(db, kept);
  return result({ inserted, updated, duplicates: kept.length - inserted - updated }, erased);
}

export async function writeProducts(db: Db, rows: readonly ProductRow[]): Promise<WriteResult> {
  const errors = duplicateErrors(rows, (row) => row.productId, "product_id");
  if (errors.length) return failed(errors);
  const { inserted, updated } = await upsertProducts(db, rows);
  return { inserted, updated, duplicates: rows.length - inserted - updated, errors: [] };
}

/**
 * Inserts events for `source`; an event id already stored for that source is a duplicate and is
 * skipped, so re-sending a batch changes nothing. Customer and product ids are resolved in bulk;
 * any unknown one is reported (by item index) and nothing is written. Events of an erased customer
 * are skipped and listed in `erased` (the customers are locked so an erasure cannot interleave).
 */
export async function writeEvents(db: Db, source: string, rows: readonly EventRow[]): Promise<WriteResult> {
  const errors = duplicateErrors(rows, (row) => row.eventId, "event_id");
  if (errors.length) return failed(errors);
  const stored = await lockCustomersByExternalId(db, rows.map((row) => row.customerId), "key share");
  const { kept, erased } = withoutErased(rows, stored);
  const references = await resolveReferences(db, kept, stored);
  if (references.errors.length) return failed(references.errors);
  const inserted = await insertEvents(db, source, kept, { customers: stored, products: references.products });
  return result({ inserted, updated: 0, duplicates: kept.length - inserted }, erased);
}

/** The batch's product ids resolved, and an error for every customer or product not stored. */
async function resolveReferences(
  db: Db,
  kept: readonly EventRow[],
  stored: ReadonlyMap<string, StoredCustomer>,
): Promise<{ errors: IngestError[]; products: Map<string, number> }> {
  const errors: IngestError[] = [];
  const products = await findProductIds(db, [...new Set(kept.flatMap((row) => (row.productId === null ? [] : [row.productId])))]);
  for (const row of kept) {
    if (!stored.has(row.customerId)) {
      errors.push({ index: row.index, field: "customer_id", message: `unknown customer_id "${row.customerId}": send the customer first` });
    }
    if (row.productId !== null && !products.has(row.productId)) {
      errors.push({ index: row.index, field: "product_id", message: `unknown product_id "${row.productId}": send the product first` });
    }
  }
  return { errors, products };
}

/**
 * The errors the writer for `kind` would report for these rows, found without writing or locking
 * anything: an import checks its whole file this way before it publishes a single chunk.
 */
export async function checkRows(db: Db, kind: IngestKind, rows: readonly (CustomerRow | ProductRow | EventRow)[]): Promise<IngestError[]> {
  if (kind === "customers") return duplicateErrors(rows as readonly CustomerRow[], (row) => row.customerId, "customer_id");
  if (kind === "products") return duplicateErrors(rows as readonly ProductRow[], (row) => row.productId, "product_id");
  const events = rows as readonly EventRow[];
  const errors = duplicateErrors(events, (row) => row.eventId, "event_id");
  if (errors.length) return errors;
  const stored = await lockCustomersByExternalId(db, events.map((row) => row.customerId), "no lock");
  return (await resolveReferences(db, withoutErased(events, stored).kept, stored)).errors;
}
