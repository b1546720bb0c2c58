/**
 * `npm run bench -- steady [--engine pglite|postgres|both] [--customers N] [--rows N] [--phases list]`
 * Is the app answered while long jobs run? A server process like the embedded default (database,
 * its own worker, requests through the real services) is loaded with the demo (default 5,000
 * customers). Requests run one after another, as a person clicking: sign-in (password check and
 * lockout bookkeeping), the overview (KPI cards, funnel, filter options) and the customer list.
 * Prints p50/p95/max of each idle (the reference, same process, same moment in the run) and during
 * each long job: a CSV import of N events (default 1,000,000), a full KPI rollup, a feature
 * refresh, churn training, a refresh of every segment. Then the kill phase: kill -9 in the middle
 * of an import, time to open the database again, time until the job runs again, and whether the
 * import then lands whole (exactly N new events).
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { openPglite, openPostgres, type Database } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { loadDemo, utcDayStart } from "../server/demo";
import { refreshKpiRollups } from "../server/kpi";
import { BENCH_POSTGRES_URL } from "./support/fresh-database";
import type { SteadyCommand, SteadyJob, SteadyMessage } from "./support/steady-server";

// Training first: the imported views make every customer active, leaving the churn label one class.
const PHASES = ["train", "features", "segments", "rollup", "import", "kill"] as const;
const Flags = z.object({
  engine: z.enum(["pglite", "postgres", "both"]).default("both"),
  customers: z.coerce.number().int().min(100).max(200_000).default(5_000),
  rows: z.coerce.number().int().min(1_000).max(5_000_000).default(1_000_000),
  phases: z
    .string()
    .default(PHASES.join(","))
    .transform((list) => list.split(",").map((p) => z.enum(PHASES).parse(p.trim()))),
});
type Flags = z.infer<typeof Flags>;
type Engine = "pglite" | "postgres";
const ROUTES = ["/signin", "/overview", "/customers"] as const;

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN;
}

function latencyFields(samples: Record<string, number[]>): string {
  return ROUTES.map((route) => {
    const name = route.slice(1);
    const sorted = [...(samples[route] ?? [])].sort((a, b) => a - b);
    return `${name}_p50_ms=${quantile(sorted, 0.5).toFixed(0)} ${name}_p95_ms=${quantile(sorted, 0.95).toFixed(0)} ${name}_max_ms=${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(0)}`;
  }).join(" ");
}

/** The demo loaded once per engine and size; each run starts from a copy. */
async function template(engine: Engine, customers: number): Promise<string> {
  const name = `stratum_steady_tpl_${customers}`;
  const load = async (database: Database) => {
    await migrate(database);
    console.error(`[steady] loading the ${customers}-customer demo into the ${engine} template (once)`);
    await loadDemo(database, { customers, days: 365, seed: 7, endAt: utcDayStart(new Date()) });
    await refreshKpiRollups(database.db);
  };
  if (engine === "pglite") {
    const dir = path.join(os.tmpdir(), name);
    if (!fs.existsSync(path.join(dir, "ready"))) {
      fs.rmSync(dir, { recursive: true, force: true });
      const database = await openPglite({ dataDir: path.join(dir, "pglite") });
      await load(database);
      await database.close();
      fs.writeFileSync(path.join(dir, "ready"), "");
    }
    return dir;
  }
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${name}_loading`);
      const url = new URL(BENCH_POSTGRES_URL);
      url.pathname = `/${name}_loading`;
      const database = await openPostgres(url.toString(), { max: 4 });
      await load(database);
      await database.close();
      await admin.query(`ALTER DATABASE ${name}_loading RENAME TO ${name}`);
    }
  } finally {
    await admin.end();
  }
  return name;
}

interface Run {
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

async function prepareRun(engine: Engine, customers: number): Promise<Run> {
  const source = await template(engine, customers);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-steady-run-"));
  if (engine === "pglite") {
    fs.cpSync(path.join(source, "pglite"), path.join(dir, "pglite"), { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, STEADY_ENGINE: "pglite", STRATUM_DATA_DIR: dir };
    delete env.DATABASE_URL;
    return { env, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `stratum_steady_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${source}`);
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    env: { ...process.env, STEADY_ENGINE: "postgres", STRATUM_DATA_DIR: dir, DATABASE_URL: url.toString() },
    async dispose() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

class Server {
  private constructor(
    readonly child: ChildProcess,
    readonly base: string,
    readonly openMs: number,
  ) {}

  static async start(env: NodeJS.ProcessEnv): Promise<Server> {
    const child = fork(path.join(__dirname, "support", "steady-server.ts"), [], { env, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const listening = await new Promise<Extract<SteadyMessage, { type: "listening" }>>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`steady server exited with ${code}`)));
      child.on("message", (message: SteadyMessage) => message.type === "listening" && resolve(message));
    });
    return new Server(child, `http://127.0.0.1:${listening.port}`, listening.openMs);
  }

  async get<T>(route: string): Promise<{ ms: number; body: T }> {
    const started = performance.now();
    const response = await fetch(this.base + route);
    const text = await response.text();
    if (!response.ok) throw new Error(`${route}: ${response.status} ${text}`);
    return { ms: performance.now() - started, body: JSON.parse(text) as T };
  }

  startJob(command: Omit<SteadyCommand, "type">): Promise<string> {
    return new Promise((resolve) => {
      const onMessage = (message: SteadyMessage) => {
        if (message.type !== "started" || message.job !== command.job) return;
        this.child.off("message", onMessage);
        resolve(message.jobId);
      };
      this.child.on("message", onMessage);
      this.child.send({ type: "start", ...command } satisfies SteadyCommand);
    });
  }

  kill(): void {
    this.child.kill("SIGKILL");
  }
}

interface JobState {
  status?: string;
  attempts?: number;
  progress?: number;
  error?: string | null;
}

/** One round of the three requests, one after another; each latency added to `samples`. */
async function round(server: Server, samples: Record<string, number[]>): Promise<void> {
  for (const route of ROUTES) (samples[route] ??= []).push((await server.get(route)).ms);
}

async function during(server: Server, jobId: string, until: (job: JobState) => boolean): Promise<{ samples: Record<string, number[]>; job: JobState; seconds: number }> {
  const samples: Record<string, number[]> = {};
  const started = performance.now();
  for (;;) {
    const { body: job } = await server.get<JobState>(`/job/${jobId}`);
    if (until(job)) return { samples, job, seconds: (performance.now() - started) / 1000 };
    await round(server, samples);
  }
}

const finished = (job: JobState) => job.status === "succeeded" || job.status === "failed" || job.status === "cancelled";

async function benchEngine(engine: Engine, flags: Flags): Promise<void> {
  const run = await prepareRun(engine, flags.customers);
  let server = await Server.start(run.env);
  try {
    for (let i = 0; i < 5; i++) await round(server, {});
    const idle: Record<string, number[]> = {};
    for (let i = 0; i < 40; i++) await round(server, idle);
    console.log(`bench steady-idle engine=${engine} customers=${flags.customers} ${latencyFields(idle)}`);
    for (const phase of flags.phases) {
      if (phase === "kill") continue;
      const jobId = await server.startJob({ job: phase as SteadyJob, rows: flags.rows, source: "steady" });
      const { samples, job, seconds } = await during(server, jobId, finished);
      const size = phase === "import" ? ` rows=${flags.rows}` : "";
      console.log(`bench steady-during engine=${engine} job=${phase}${size} status=${job.status} job_s=${seconds.toFixed(1)} ${latencyFields(samples)} rounds=${samples["/signin"]?.length ?? 0}${job.error ? ` error=${JSON.stringify(job.error)}` : ""}`);
    }
    if (flags.phases.includes("kill")) {
      const source = "steady-kill";
      const jobId = await server.startJob({ job: "import", rows: flags.rows, source });
      const killAt = await during(server, jobId, (job) => (job.progress ?? 0) >= 0.7 || finished(job));
      server.kill();
      const killed = performance.now();
      server = await Server.start(run.env);
      const reopenedMs = performance.now() - killed;
      const rerun = await during(server, jobId, (job) => (job.attempts ?? 0) >= 2 || finished(job));
      const requeueS = (performance.now() - killed) / 1000;
      const end = await during(server, jobId, finished);
      const { body } = await server.get<{ count: number }>(`/count/${source}`);
      console.log(
        `bench steady-kill engine=${engine} rows=${flags.rows} killed_at_progress=${(killAt.job.progress ?? 0).toFixed(2)} open_ms=${server.openMs.toFixed(0)} restart_ms=${reopenedMs.toFixed(0)} running_again_s=${requeueS.toFixed(1)} attempts=${end.job.attempts} status=${end.job.status} events_landed=${body.count} whole=${body.count === flags.rows} ${latencyFields(rerun.samples)}`,
      );
    }
  } finally {
    server.kill();
    await run.dispose();
  }
}

export default async function steady(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { engine: { type: "string" }, customers: { type: "string" }, rows: { type: "string" }, phases: { type: "string" } } });
  const parsed = Flags.safeParse(values);
  if (!parsed.success) throw new Error(`bench steady: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  const engines: Engine[] = flags.engine === "both" ? ["pglite", "postgres"] : [flags.engine];
  for (const engine of engines) await benchEngine(engine, flags);
}
