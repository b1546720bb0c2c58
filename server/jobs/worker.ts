import { hostname } from "node:os";
import { analyzeChangedTables, inBackgroundLane, type Db } from "../db";
import { describeError } from "../errors";
import { requeueStale } from "./jobs.repo";
import { runNextJob } from "./queue";
import type { JobType } from "./definition";

export interface WorkerHandle {
  stop(): Promise<void>;
}

// Running jobs renew their lease every 5 s (queue.ts), so 20 silent seconds mean a dead worker,
// and its job is queued again (or failed when it has no attempts left) within the next poll.
export const STALE_AFTER_MS = 20_000;

/**
 * Polls the queue and runs one job at a time. Any number of workers (web servers or
 * `npm run worker` processes) may run side by side: claims use SKIP LOCKED.
 */
export function startWorker(
  db: Db,
  definitions: readonly JobType[],
  options: {
    pollMs?: number;
    log?: (line: string) => void;
    staleAfterMs?: number;
    onIdle?: () => Promise<void>;
    /** Requeue every job left running at start: true on the embedded engine, where only this process can be running anything. */
    reclaimAllAtStart?: boolean;
  } = {},
): WorkerHandle {
  const pollMs = options.pollMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const workerId = `${hostname()}:${process.pid}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let reclaimAll = options.reclaimAllAtStart ?? false;
  let firstTick = true;

  const tick = async () => {
    if (stopped) return;
    try {
      const requeued = await requeueStale(db, reclaimAll ? null : staleAfterMs);
      reclaimAll = false;
      if (requeued) log(`[jobs] requeued ${requeued} stale job(s)`);
      if (firstTick) {
        // A data folder written before statistics were kept (or restored from a dump) gets them now.
        firstTick = false;
        const analysed = await analyzeChangedTables(db);
        if (analysed.length) log(`[jobs] planner statistics refreshed for ${analysed.length} table(s)`);
      }
      while (!stopped && (await runNextJob(db, definitions, workerId, log))) {
        // keep draining while jobs are due
      }
      // Periodic duties (the nightly retrain scheduler) run between jobs.
      if (!stopped && options.onIdle) await options.onIdle();
    } catch (error) {
      log(`[jobs] worker error: ${describeError(error)}`);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), pollMs);
  };
  // Everything a worker runs is background work: on the embedded engine people's requests go first.
  timer = setTimeout(() => (running = inBackgroundLane(tick)), 0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
