import type { EVENT_TYPES } from "../db";

export type EventType = (typeof EVENT_TYPES)[number];

/** Sentinels keep the hot path free of per-event objects: NONE for a null number column. */
export const NONE = -1;

/**
 * Receives simulated events in chronological order per customer. Positional arguments instead
 * of an object because this runs tens of millions of times in the benchmark.
 */
export interface EventSink {
  beginCustomer(customerIndex: number): void;
  event(
    type: EventType,
    productIndex: number,
    sec: number,
    amountCents: number,
    durationSeconds: number,
    /** NaN when the event carries no progress. */
    progress: number,
    /** 0 when the event carries no rating. */
    rating: number,
    /** Empty when there is no review. */
    review: string,
    /** Raw JSON object text, or empty for {}. */
    extraJson: string,
  ): void;
}
