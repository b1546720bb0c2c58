import { EVENT_TYPES } from "../db";
import { ChunkBuffer, csvJson, csvText } from "./csv";
import { NONE, type EventSink, type EventType } from "./sink";
import { TimestampFormatter } from "./timestamps";

/** Column order of the rendered events CSV (id and ingested_at come from defaults). */
export const EVENT_COLUMNS = [
  "source",
  "external_event_id",
  "customer_id",
  "type",
  "product_id",
  "occurred_at",
  "amount_cents",
  "duration_seconds",
  "progress",
  "rating",
  "review_text",
  "extra",
] as const;

export const DEMO_SOURCE = "demo";

const TYPE_INDEX = new Map<EventType, number>(EVENT_TYPES.map((type, i) => [type, i]));

/**
 * Renders events straight into CSV text. External ids are `<seed>-<customer>-<n>`: unique per
 * source and reproducible, so re-loading the same seed is caught by the unique index.
 */
export class CsvEventSink implements EventSink {
  readonly buffer: ChunkBuffer;
  readonly countsByType = new Float64Array(EVENT_TYPES.length);
  private readonly time = new TimestampFormatter();
  private prefix = "";
  private customerId = "";
  private sequence = 0;

  constructor(
    private readonly seed: number,
    private readonly customerIdBase: number,
    private readonly productIdBase: number,
    chunkChars?: number,
  ) {
    this.buffer = new ChunkBuffer(chunkChars);
  }

  beginCustomer(customerIndex: number): void {
    const number = customerIndex + 1;
    this.customerId = String(this.customerIdBase + number);
    this.prefix = `${DEMO_SOURCE},${this.seed}-${number}-`;
    this.sequence = 0;
  }

  event(type: EventType, productIndex: number, sec: number, amountCents: number, durationSeconds: number, progress: number, rating: number, review: string, extraJson: string): void {
    this.sequence++;
    const typeIndex = TYPE_INDEX.get(type) ?? 0;
    this.countsByType[typeIndex] = (this.countsByType[typeIndex] ?? 0) + 1;
    this.buffer.push(
      `${this.prefix}${this.sequence},${this.customerId},${type},${productIndex === NONE ? "" : this.productIdBase + productIndex + 1},${this.time.format(sec)},${amountCents === NONE ? "" : amountCents},${durationSeconds === NONE ? "" : durationSeconds},${Number.isNaN(progress) ? "" : progress},${rating === 0 ? "" : rating},${review === "" ? "" : csvText(review)},${extraJson === "" ? "{}" : csvJson(extraJson)}\n`,
    );
  }

  get rows(): number {
    return this.buffer.rows;
  }
}
