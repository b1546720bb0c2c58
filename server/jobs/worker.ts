import { hostname } from "node:os";
import type { Db } from "../db";
import { requeueStale } from "./jobs.repo";
import { runNextJob } from "./queue";
import type { JobType } from "./definition";

export interface WorkerHandle {
  stop(): Promise<void>;
}

// Running jobs renew their lock every minute (queue.ts), so five silent minutes mean a dead worker.
const STALE_AFTER_MS = 5 * 60_000;

/**
 * Polls the queue and runs one job at a time. Any number of workers (web servers or
 * `npm run worker` processes) may run side by side: claims use SKIP LOCKED.
 */
export function startWorker(
  db: Db,
  definitions: readonly JobType[],
  options: { pollMs?: number; log?: (line: string) => void; staleAfterMs?: number; onIdle?: () => Promise<void> } = {},
): WorkerHandle {
  const pollMs = options.pollMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const workerId = `${hostname()}:${process.pid}`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    if (stopped) return;
    try {
      const requeued = await requeueStale(db, staleAfterMs);
      if (requeued) log(`[jobs] requeued ${requeued} stale job(s)`);
      while (!stopped && (await runNextJob(db, definitions, workerId, log))) {
        // keep draining while jobs are due
      }
      // Periodic duties (the nightly retrain scheduler) run between jobs.
      if (!stopped && options.onIdle) await options.onIdle();
    } catch (error) {
      log(`[jobs] worker error: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), pollMs);
  };
  timer = setTimeout(() => (running = tick()), 0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
