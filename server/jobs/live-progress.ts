/**
 * Progress of jobs running in this process, readable without the database. On the embedded
 * engine a job's long transaction holds the only connection, so a progress poll that went to
 * the database would wait until the job ended.
 */
export interface LiveProgress {
  jobId: string;
  kind: string;
  attempt: number;
  progress: number;
  message: string | null;
  startedAt: Date;
  /** Set by cancelJob; the job's next progress report throws JobCancelledError. */
  cancelled?: boolean;
}

// On globalThis because Next.js bundles the worker (instrumentation) and the API routes
// separately, each with its own copy of this module.
const globalKey = Symbol.for("stratum.liveJobProgress");
type GlobalWithLive = typeof globalThis & { [globalKey]?: Map<string, LiveProgress> };
const holder = globalThis as GlobalWithLive;
const live = (holder[globalKey] ??= new Map<string, LiveProgress>());

export function setLive(entry: LiveProgress): void {
  live.set(entry.jobId, entry);
}

export function getLive(jobId: string): LiveProgress | undefined {
  return live.get(jobId);
}

export function clearLive(jobId: string): void {
  live.delete(jobId);
}
