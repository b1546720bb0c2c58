import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { CustomerItemInput, EventItemInput, ProductItemInput } from "../schemas";
import type { IngestKind, WriteResult } from "../types";
import { validateItems, type ValidRow } from "../validate";
import { writeCustomers, writeEvents, writeProducts } from "../write";
import type { ErasedRef, WriteCounts } from "./report";

export const BATCH_ROWS = 5_000;

interface ItemsByKind {
  customers: CustomerItemInput;
  products: ProductItemInput;
  events: EventItemInput;
}

/**
 * Sends importer items through the shared validators and writers in batches, inside the caller's
 * transaction. Any invalid item aborts the import with its file and line, so a change in the data
 * set shows up as a clear failure instead of quietly missing rows. Items of erased customers are
 * skipped and collected in `erased`, for the report.
 */
export class BatchWriter<K extends IngestKind> {
  readonly counts: WriteCounts = { inserted: 0, updated: 0, duplicates: 0 };
  /** Items skipped because their customer was erased (tombstones), by file reference. */
  readonly erased: ErasedRef[] = [];
  private items: ItemsByKind[K][] = [];
  private refs: string[] = [];

  constructor(
    private readonly db: Db,
    private readonly kind: K,
    private readonly source: string,
  ) {}

  async add(item: ItemsByKind[K], ref: string): Promise<void> {
    this.items.push(item);
    this.refs.push(ref);
    if (this.items.length >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.items.length === 0) return;
    const { rows, errors } = validateItems(this.kind, this.items, 0);
    const written = errors.length ? null : await this.write(rows);
    const problems = errors.length ? errors : (written?.errors ?? []);
    if (problems.length) {
      const shown = problems.slice(0, 5).map((e) => `${this.refs[e.index] ?? `item ${e.index}`}: ${e.field} ${e.message}`);
      throw new AppError("BAD_REQUEST", `${problems.length} ${this.kind} could not be imported (nothing was written): ${shown.join("; ")}`);
    }
    if (written) {
      this.counts.inserted += written.inserted;
      this.counts.updated += written.updated;
      this.counts.duplicates += written.duplicates;
      for (const item of written.erased ?? []) this.erased.push({ kind: this.kind, customer_id: item.customerId, ref: this.refs[item.index] ?? `item ${item.index}` });
    }
    this.items = [];
    this.refs = [];
  }

  private write(rows: ValidRow[]): Promise<WriteResult> {
    if (this.kind === "customers") return writeCustomers(this.db, rows as Parameters<typeof writeCustomers>[1]);
    if (this.kind === "products") return writeProducts(this.db, rows as Parameters<typeof writeProducts>[1]);
    return writeEvents(this.db, this.source, rows as Parameters<typeof writeEvents>[2]);
  }
}
