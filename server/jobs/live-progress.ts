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
}

const live = new Map<string, LiveProgress>();

export function setLive(entry: LiveProgress): void {
  live.set(entry.jobId, entry);
}

export function getLive(jobId: string): LiveProgress | undefined {
  return live.get(jobId);
}

export function clearLive(jobId: string): void {
  live.delete(jobId);
}
