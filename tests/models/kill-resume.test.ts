import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openPglite, openPostgres, type Database } from "../../server/db/client";
import { migrate } from "../../server/db/migrate";
import { jobs, modelRuns } from "../../server/db/schema";
import { loadDemo } from "../../server/demo/load";
import { refreshFeatures } from "../../server/features/refresh";
import { JOB_DEFINITIONS } from "../../server/worker/registry";
import { startWorker } from "../../server/jobs/worker";
import { requestTraining } from "../../server/models/registry.service";
import { engineUnderTest } from "../support/db";
import { withDatabaseName } from "../support/template";

/** A database a second process can open: a PGlite folder, or a fresh Postgres database. */
async function sharedDatabase(): Promise<{ open: () => Promise<Database>; env: Record<string, string>; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-kill-"));
    return { open: () => openPglite({ dataDir: dir }), env: { KILL_TEST_DATA_DIR: dir }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${inject("postgresTemplate").replace("tpl", "t")}_kill_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`);
  await admin.end();
  const dbUrl = withDatabaseName(url, name);
  return {
    open: () => openPostgres(dbUrl, { max: 4 }),
    env: { KILL_TEST_DATABASE_URL: dbUrl },
    cleanup: async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

describe(`a training job whose worker is killed is picked up again (${engineUnderTest})`, () => {
  let cleanup: () => Promise<void> = async () => undefined;
  afterAll(async () => cleanup());

  it("kills the worker process mid-training; another worker completes the run", async () => {
    const shared = await sharedDatabase();
    cleanup = shared.cleanup;
    let database = await shared.open();
    await migrate(database);
    await loadDemo(database, { customers: 400, days: 240, seed: 5, endAt: new Date("2026-06-01T00:00:00Z") });
    await refreshFeatures(database.db);
    const { runId } = await requestTraining(database.db, "system", { task: "churn", params: { algorithm: "forest", trees: 300, folds: 10, labelWindowDays: 30, classBalance: true, l2: 1, maxDepth: 6, learningRate: 0.1, minSamplesLeaf: 5, hidden: 8, epochs: 50, seed: 1, capOutliers: "99" } });
    // PGlite allows one process per folder: hand the database over to the child.
    if (database.engine === "pglite") await database.close();

    // node --import tsx, not the tsx CLI: the CLI would run the script in a grandchild that survives the kill.
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("tests/models/kill-child.ts")], {
      env: { ...process.env, ...shared.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ? null : code)));
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        for (const line of d.toString().split("\n")) {
          const fraction = Number(line.match(/^progress ([\d.]+)/)?.[1]);
          if (fraction > 0.3) {
            child.kill("SIGKILL");
            resolve(fraction);
          }
          if (line === "finished") reject(new Error("the child finished before it could be killed"));
        }
      });
      child.on("exit", () => reject(new Error(`child exited early: ${stderr}`)));
    });
    expect(await exited).toBeNull();
    expect(killedAt).toBeGreaterThan(0.3);

    if (database.engine === "pglite") database = await shared.open();
    const orphan = (await database.db.select().from(modelRuns).where(eq(modelRuns.id, runId)))[0]!;
    expect(orphan.status).toBe("running");
    const job = (await database.db.select().from(jobs).where(eq(jobs.id, orphan.jobId!)))[0]!;
    expect(job.status).toBe("running");
    expect(job.lockedBy).toBe("doomed-worker");

    // A second worker: its lock has gone silent (no heartbeat from a dead process), so it is requeued and rerun.
    await new Promise((r) => setTimeout(r, 1200));
    const worker = startWorker(database.db, JOB_DEFINITIONS, { pollMs: 200, staleAfterMs: 1000, log: () => undefined });
    try {
      for (let i = 0; i < 600; i++) {
        const run = (await database.db.select().from(modelRuns).where(eq(modelRuns.id, runId)))[0]!;
        if (run.status === "succeeded" || run.status === "failed") break;
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await worker.stop();
    }
    const finished = (await database.db.select().from(modelRuns).where(eq(modelRuns.id, runId)))[0]!;
    expect(finished.status).toBe("succeeded");
    const rerun = (await database.db.select().from(jobs).where(eq(jobs.id, finished.jobId!)))[0]!;
    expect(rerun.status).toBe("succeeded");
    expect(rerun.attempts, JSON.stringify(rerun)).toBe(2);
    await database.close();
  }, 240_000);
});
