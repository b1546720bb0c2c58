import type { Db } from "../db";
import { upsertCustomers } from "./customers.repo";
import { findMissingExternalIds, insertEvents } from "./events.repo";
import { upsertProducts } from "./products.repo";
import type { CustomerRow, EventRow, IngestError, ProductRow, WriteResult } from "./types";

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

export async function writeCustomers(db: Db, rows: readonly CustomerRow[]): Promise<WriteResult> {
  const errors = duplicateErrors(rows, (row) => row.customerId, "customer_id");
  if (errors.length) return failed(errors);
  const { inserted, updated } = await upsertCustomers(db, rows);
  return { inserted, updated, duplicates: rows.length - inserted - updated, errors: [] };
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
 * any unknown one is reported (by item index) and nothing is written.
 */
export async function writeEvents(db: Db, source: string, rows: readonly EventRow[]): Promise<WriteResult> {
  const errors = duplicateErrors(rows, (row) => row.eventId, "event_id");
  if (errors.length) return failed(errors);
  const customerIds = [...new Set(rows.map((row) => row.customerId))];
  const productIds = [...new Set(rows.flatMap((row) => (row.productId === null ? [] : [row.productId])))];
  const missingCustomers = await findMissingExternalIds(db, "customers", customerIds);
  const missingProducts = await findMissingExternalIds(db, "products", productIds);
  for (const row of rows) {
    if (missingCustomers.has(row.customerId)) {
      errors.push({ index: row.index, field: "customer_id", message: `unknown customer_id "${row.customerId}": send the customer first` });
    }
    if (row.productId !== null && missingProducts.has(row.productId)) {
      errors.push({ index: row.index, field: "product_id", message: `unknown product_id "${row.productId}": send the product first` });
    }
  }
  if (errors.length) return failed(errors);
  const inserted = await insertEvents(db, source, rows);
  return { inserted, updated: 0, duplicates: rows.length - inserted, errors: [] };
}
