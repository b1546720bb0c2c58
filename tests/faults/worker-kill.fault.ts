import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueJob, jobKinds } from "../../server/jobs";
import { ensureFaultCluster, faultDatabase, type FaultDatabase } from "./support/cluster";
import { startWorkerProcess, stopWorkers, waitFor, type WorkerProcess } from "./support/workers";

type JobLine = { status: string; attempts: number; max_attempts: number; progress: number; locked_by: string | null; error: string | null };

const ROWS = 300_000;
const CUSTOMERS = 2_000;
const SOURCE = "kill-test";

function writeEventsFile(dir: string): string {
  const file = path.join(dir, "events.csv");
  const lines = ["event_id,customer_id,type,occurred_at"];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < ROWS; i++) lines.push(`${SOURCE}-${i},kill-c${i % CUSTOMERS},view,${new Date(start + i * 1000).toISOString()}`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/*
 * A worker killed with SIGKILL in the middle of a CSV import: another worker process must take the
 * job over within 30 s (the lease is renewed every 5 s and judged dead after 20 s), resume it from
 * its last checkpoint and land every row exactly once.
 */
describe("kill -9 of a worker in the middle of a job (PostgreSQL, worker processes)", () => {
  let fault: FaultDatabase;
  let dataDir: string;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    await ensureFaultCluster();
    fault = await faultDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-fault-kill-"));
    process.env.STRATUM_DATA_DIR = dataDir;
    const ids = Array.from({ length: CUSTOMERS }, (_, i) => `kill-c${i}\n`).join("");
    await fault.database.copyFrom("customers", ["external_id"], [ids]);
  });

  afterAll(async () => {
    await stopWorkers(workers);
    await fault?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("requeues the job within 30 s, completes it on another worker and stores every row once", async () => {
    const { saveUpload } = await import("../../server/ingest");
    const file = writeEventsFile(dataDir);
    const upload = await saveUpload(fs.createReadStream(file), { fileName: "events.csv", uploadedBy: null });
    const job = await enqueueJob(fault.database.db, jobKinds.csvImport, {
      uploadId: upload.uploadId,
      kind: "events",
      mapping: {},
      source: SOURCE,
      delimiter: ",",
      actorId: null,
      actorEmail: null,
    });
    const read = async () => (await fault.database.query<JobLine>("SELECT status, attempts, max_attempts, progress, locked_by, error FROM jobs WHERE id = $1", [job.id]))[0]!;

    const victim = startWorkerProcess(fault.url, dataDir);
    workers.push(victim);
    // Mid-publish: some chunks committed, most still to come.
    await waitFor("the import to publish a third of its rows", async () => {
      const line = await read();
      expect(line.status, victim.output()).not.toBe("failed");
      return line.status === "running" && line.progress >= 0.3 && line.progress < 0.8 ? line : undefined;
    }, 240_000, 100);
    const before = await read();
    expect(before.locked_by).toBe(`${os.hostname()}:${victim.pid}`);
    const survivor = startWorkerProcess(fault.url, dataDir);
    workers.push(survivor);
    victim.kill("SIGKILL");
    const killedAt = Date.now();
    await victim.exited;

    const retaken = await waitFor("another worker to take the job over", async () => {
      const line = await read();
      return line.attempts === 2 && line.status !== "queued" ? line : undefined;
    }, 60_000, 100);
    const requeueSeconds = (Date.now() - killedAt) / 1000;
    expect(requeueSeconds, `taken over after ${requeueSeconds.toFixed(1)} s`).toBeLessThan(30);
    expect(retaken.locked_by === null || retaken.locked_by === `${os.hostname()}:${survivor.pid}`).toBe(true);

    const done = await waitFor("the import to finish", async () => {
      const line = await read();
      return line.status === "succeeded" || line.status === "failed" ? line : undefined;
    }, 300_000, 250);
    expect(done.error, survivor.output()).toBeNull();
    expect(done).toMatchObject({ status: "succeeded", attempts: 2, max_attempts: 3 });
    const [counts] = await fault.database.query<{ total: number; distinct_ids: number }>(
      "SELECT count(*)::int AS total, count(DISTINCT external_event_id)::int AS distinct_ids FROM events WHERE source = $1",
      [SOURCE],
    );
    expect(counts).toEqual({ total: ROWS, distinct_ids: ROWS });
    console.log(`[faults] worker kill: taken over ${requeueSeconds.toFixed(1)} s after the kill, at ${(before.progress * 100).toFixed(0)} % published; ${ROWS} rows landed once`);
  });
});
