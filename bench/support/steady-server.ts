/**
 * The server side of `npm run bench -- steady`: the app as the embedded default runs it — one
 * process holding the database, its own job worker, and requests answered through the real
 * services (sign-in with the password check, the overview's KPI procedures, the customer list).
 * The parent drives it over IPC and HTTP. STEADY_ENGINE=pglite|postgres, STRATUM_DATA_DIR (PGlite
 * folder and uploads), DATABASE_URL for PostgreSQL.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createCaller } from "../../server/api/root";
import { openPglite, openPostgres, type Database } from "../../server/db/client";
import { migrate } from "../../server/db/migrate";
import { authenticate } from "../../server/auth/sign-in";
import { findStaffById } from "../../server/staff/staff.repo";
import { createStaff } from "../../server/staff/staff.service";
import { enqueueJob, enqueueJobOnce, getJob, jobKinds, startWorker } from "../../server/jobs";
import { JOB_DEFINITIONS } from "../../server/worker";
import { queueDefaultModelFor } from "../../server/models";
import { saveUpload } from "../../server/ingest";

export type SteadyJob = "import" | "rollup" | "features" | "train" | "segments";
export type SteadyCommand = { type: "start"; job: SteadyJob; rows?: number; source?: string };
export type SteadyMessage =
  | { type: "listening"; port: number; openMs: number }
  | { type: "started"; job: SteadyJob; jobId: string };

export const STEADY_EMAIL = "steady@example.com";
export const STEADY_PASSWORD = "steady bench password 1";
const DAY_MS = 86_400_000;

async function open(): Promise<Database> {
  if (process.env.STEADY_ENGINE === "postgres") return openPostgres(process.env.DATABASE_URL ?? "", { max: 10 });
  return openPglite({ dataDir: path.join(process.env.STRATUM_DATA_DIR ?? "", "pglite") });
}

/** A views-and-sessions events file for existing customers, spread over the last year. */
async function writeEventsFile(database: Database, rows: number, source: string): Promise<string> {
  const ids = (await database.query<{ external_id: string }>("SELECT external_id FROM customers ORDER BY id")).map((row) => row.external_id);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "steady-events-")), "events.csv");
  const fd = fs.openSync(file, "w");
  let buffer = "event_id,customer_id,type,occurred_at,duration_seconds\n";
  const end = Date.now();
  for (let i = 0; i < rows; i++) {
    const session = i % 4 === 0;
    buffer += `${source}-${i},${ids[i % ids.length]},${session ? "session" : "view"},${new Date(end - ((i * 7919) % 365) * DAY_MS - (i % 86_400) * 1000).toISOString()},${session ? 60 + (i % 1800) : ""}\n`;
    if (buffer.length > 4_000_000) {
      fs.writeSync(fd, buffer);
      buffer = "";
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
  return file;
}

async function startJob(database: Database, command: SteadyCommand, actorId: string): Promise<string> {
  const { db } = database;
  if (command.job === "rollup") return (await enqueueJob(db, jobKinds.kpiRollup, { full: true })).id;
  if (command.job === "features") return (await enqueueJobOnce(db, jobKinds.featuresRefresh, {})).id;
  if (command.job === "segments") return (await enqueueJob(db, jobKinds.segmentsRefresh, {})).id;
  if (command.job === "train") {
    await queueDefaultModelFor(db, "churn");
    const rows = await database.query<{ id: string }>("SELECT id FROM jobs WHERE kind = $1 ORDER BY created_at DESC LIMIT 1", [jobKinds.modelsTrain.kind]);
    return rows[0]!.id;
  }
  const source = command.source ?? "steady";
  const file = await writeEventsFile(database, command.rows ?? 1_000_000, source);
  const upload = await saveUpload(fs.createReadStream(file), { fileName: "steady-events.csv", uploadedBy: actorId });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const job = await enqueueJob(db, jobKinds.csvImport, {
    uploadId: upload.uploadId,
    kind: "events",
    mapping: {},
    source,
    delimiter: ",",
    actorId,
    actorEmail: STEADY_EMAIL,
  });
  return job.id;
}

async function main(): Promise<void> {
  const opening = performance.now();
  const database = await open();
  const openMs = performance.now() - opening;
  await migrate(database);
  const { db } = database;
  const existing = await database.query<{ id: string }>("SELECT id FROM staff WHERE email = $1", [STEADY_EMAIL]);
  const adminId =
    existing[0]?.id ?? (await createStaff(db, null, { email: STEADY_EMAIL, name: "Steady", role: "admin", password: STEADY_PASSWORD }, { mustChangePassword: false })).id;
  startWorker(db, JOB_DEFINITIONS, { pollMs: 250, reclaimAllAtStart: database.engine === "pglite", log: () => undefined });
  const caller = async () => {
    const staff = await findStaffById(db, adminId);
    if (!staff) throw new Error("bench staff missing");
    return createCaller({ db, user: { id: staff.id, email: staff.email, name: staff.name, role: staff.role } });
  };
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 29 * DAY_MS).toISOString().slice(0, 10);
  const routes: Record<string, () => Promise<unknown>> = {
    "/signin": async () => {
      const result = await authenticate(db, STEADY_EMAIL, STEADY_PASSWORD);
      if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
      return { ok: true };
    },
    "/overview": async () => {
      const api = await caller();
      return { cards: await api.kpi.cards({ from, to }), funnel: await api.kpi.funnel({ from, to }), options: await api.kpi.options() };
    },
    "/customers": async () => (await caller()).customers.list({ page: 1, pageSize: 25 }),
  };
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = req.url ?? "/";
      if (url.startsWith("/count/")) {
        const rows = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE source = $1", [decodeURIComponent(url.slice(7))]);
        return { count: Number(rows[0]?.n ?? 0) };
      }
      if (url.startsWith("/job/")) {
        const job = await getJob(db, url.slice(5));
        return { status: job?.status, attempts: job?.attempts, progress: job?.progress, error: job?.error, result: job?.result, startedAt: job?.startedAt };
      }
      const route = routes[url];
      if (!route) throw new Error(`no route ${url}`);
      return route();
    })()
      .then((body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)))
      .catch((error: unknown) => res.writeHead(500).end(error instanceof Error ? error.message : String(error)));
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send?.({ type: "listening", port: typeof address === "object" && address ? address.port : 0, openMs } satisfies SteadyMessage);
  });
  process.on("message", (command: SteadyCommand) => {
    if (command.type !== "start") return;
    void startJob(database, command, adminId).then((jobId) => process.send?.({ type: "started", job: command.job, jobId } satisfies SteadyMessage));
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
