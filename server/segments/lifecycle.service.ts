import type { Db } from "../db";
import { enqueueJobOnce } from "../jobs";
import { ensureDailyRefresh, refreshSegmentsJob } from "./refresh.job";
import { createSegment } from "./segments.service";

type Actor = Parameters<typeof createSegment>[1];
type CreateSegmentInput = Parameters<typeof createSegment>[2];

/** Saves and counts a new segment; the first one also starts the daily refresh chain that writes the size history. */
export async function saveNewSegment(db: Db, actor: Actor, input: CreateSegmentInput) {
  const created = await createSegment(db, actor, input);
  await ensureDailyRefresh(db);
  return created;
}

/** Queues a recount of every live segment as one background job; one already waiting is the answer. */
export function queueRefreshOfAllSegments(db: Db, staffId: string) {
  return enqueueJobOnce(db, refreshSegmentsJob, {}, { createdBy: staffId });
}
