/**
 * `npm run bench -- drilldown [--engine pglite|postgres|both] [--customers N] [--repeats N]`
 * Does the segment drill-down answer in time? The database is prepared as `npm start` prepares the
 * embedded demo (demo data, features, rollups, default models, starter segments, the demo
 * experiment), once per engine and size. Then, through the real tRPC procedures as an admin:
 * saving a rule segment, each drill-down panel (first call and repeats) for a starter segment and
 * for the segment saved a moment ago, the whole page (every panel at once, as the browser asks),
 * compare and export. The reference is `segments.members` (one indexed page of members), timed in
 * the same run, so `ratio` holds on a loaded machine. Prints one `bench drilldown ...` line per
 * measurement.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { createCaller } from "../server/api/root";
import { openPglite, openPostgres, type Database } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { analyzeChangedTables } from "../server/db/analyze";
import { loadDemo, utcDayStart } from "../server/demo";
import { refreshFeatures } from "../server/features";
import { refreshKpiRollups } from "../server/kpi";
import { ensureStarterSegments } from "../server/segments";
import { ensureDemoCampaign } from "../server/campaigns";
import { createStaff } from "../server/staff/staff.service";
import { trainDemoModels } from "../scripts/demo-models";
import { BENCH_POSTGRES_URL } from "./support/fresh-database";

const Flags = z.object({
  engine: z.enum(["pglite", "postgres", "both"]).default("both"),
  customers: z.coerce.number().int().min(200).max(200_000).default(5_000),
  repeats: z.coerce.number().int().min(1).max(50).default(5),
});
type Flags = z.infer<typeof Flags>;
type Engine = "pglite" | "postgres";
type Caller = ReturnType<typeof createCaller>;

const PANELS = ["get", "overview", "kpis", "profile", "top", "rules", "modelMetrics", "members"] as const;
type Panel = (typeof PANELS)[number];

function panel(api: Caller, name: Panel, id: string): Promise<unknown> {
  if (name === "members") return api.segments.members({ id, page: 1, pageSize: 20 });
  return api.segments[name]({ id });
}

async function prepare(database: Database, customers: number): Promise<void> {
  await migrate(database);
  console.error(`[drilldown] preparing the ${customers}-customer demo as npm start does (once per engine and size)`);
  // A preparation cut short after the demo load (the slow part at 100,000 customers) resumes after it.
  const loaded = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM customers");
  if (Number(loaded[0]?.n ?? 0) === 0) await loadDemo(database, { customers, days: 365, seed: 7, endAt: utcDayStart(new Date()) });
  await refreshFeatures(database.db);
  await refreshKpiRollups(database.db);
  await trainDemoModels(database.db, (line) => console.error(`[drilldown] ${line}`));
  await ensureStarterSegments(database.db);
  await ensureDemoCampaign(database.db);
}

interface Opened {
  database: Database;
  dispose(): Promise<void>;
}

async function openCopy(engine: Engine, customers: number): Promise<Opened> {
  const name = `stratum_drilldown_tpl_${customers}`;
  if (engine === "pglite") {
    const template = path.join(os.tmpdir(), name);
    if (!fs.existsSync(path.join(template, "ready"))) {
      fs.rmSync(template, { recursive: true, force: true });
      const database = await openPglite({ dataDir: path.join(template, "pglite") });
      await prepare(database, customers);
      await database.close();
      fs.writeFileSync(path.join(template, "ready"), "");
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-drilldown-run-"));
    fs.cpSync(path.join(template, "pglite"), path.join(dir, "pglite"), { recursive: true });
    const database = await openPglite({ dataDir: path.join(dir, "pglite") });
    return { database, dispose: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  const urlOf = (db: string) => Object.assign(new URL(BENCH_POSTGRES_URL), { pathname: `/${db}` }).toString();
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (found.rowCount === 0) {
    const resuming = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [`${name}_loading`]);
    if (resuming.rowCount === 0) await admin.query(`CREATE DATABASE ${name}_loading`);
    const loading = await openPostgres(urlOf(`${name}_loading`), { max: 4 });
    await prepare(loading, customers);
    await loading.close();
    await admin.query(`ALTER DATABASE ${name}_loading RENAME TO ${name}`);
  }
  const run = `stratum_drilldown_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${run} TEMPLATE ${name}`);
  const database = await openPostgres(urlOf(run), { max: 10 });
  return {
    database,
    async dispose() {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${run} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function line(fields: Record<string, string | number>): void {
  console.log(`bench drilldown ${Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "number" ? (Number.isInteger(v) ? v : v.toFixed(1)) : v}`).join(" ")}`);
}

async function measureSegment(api: Caller, engine: Engine, label: string, id: string, repeats: number, referenceMs: number): Promise<void> {
  for (const name of PANELS) {
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) samples.push((await timed(() => panel(api, name, id))).ms);
    const first = samples[0] ?? Number.NaN;
    const sorted = [...samples].sort((a, b) => a - b);
    line({ engine, segment: label, panel: name, first_ms: first, p95_ms: quantile(sorted, 0.95), max_ms: sorted[sorted.length - 1] ?? Number.NaN, ratio_to_members: first / referenceMs });
  }
  const page = await timed(() => Promise.all(PANELS.map((name) => panel(api, name, id))));
  line({ engine, segment: label, panel: "whole_page", settled_ms: page.ms });
}

async function runEngine(engine: Engine, flags: Flags): Promise<void> {
  const { database, dispose } = await openCopy(engine, flags.customers);
  try {
    // As the app does when it starts: migrations that came after the template, then (its worker)
    // statistics for tables never analysed.
    await migrate(database);
    await analyzeChangedTables(database.db);
    const admin = await createStaff(database.db, null, { email: `drilldown-${Date.now()}@example.com`, name: "Drilldown", role: "admin", password: "drilldown bench password 1" }, { mustChangePassword: false });
    const api = createCaller({ db: database.db, user: { id: admin.id, email: admin.email, name: admin.name, role: "admin" } });
    const segments = await api.segments.list({ page: 1, pageSize: 100, sort: "size", direction: "desc" });
    const starter = segments.rows.find((s) => s.kind === "rfm") ?? segments.rows[0];
    if (!starter) throw new Error("the demo has no starter segment");

    const saved = await timed(() =>
      api.segments.create({
        name: `Bench rule ${Date.now()}`,
        definition: { kind: "rule", rule: { kind: "group", combinator: "and", children: [{ kind: "feature", field: "frequency", op: "gte", value: 2 }, { kind: "feature", field: "recency_days", op: "lte", value: 120 }] } },
      }),
    );
    line({ engine, customers: flags.customers, step: "save_rule_segment", ms: saved.ms, members: saved.value.memberCount ?? 0 });

    const reference = [] as number[];
    for (let i = 0; i < flags.repeats; i++) reference.push((await timed(() => api.segments.members({ id: starter.id, page: 1, pageSize: 20 }))).ms);
    const referenceMs = Math.max(1, [...reference].sort((a, b) => a - b)[Math.floor(reference.length / 2)] ?? 1);
    line({ engine, customers: flags.customers, reference: "segments.members", p50_ms: referenceMs });

    await measureSegment(api, engine, "new_rule", saved.value.id, flags.repeats, referenceMs);
    await measureSegment(api, engine, `starter_${starter.kind}`, starter.id, flags.repeats, referenceMs);

    const compare = await timed(() => Promise.all([api.segments.overlap({ a: starter.id, b: saved.value.id }), api.segments.kpis({ id: starter.id }), api.segments.kpis({ id: saved.value.id })]));
    line({ engine, step: "compare", ms: compare.ms, ratio_to_members: compare.ms / referenceMs });
    const exported = await timed(() => api.segments.export({ id: saved.value.id }));
    line({ engine, step: "export", ms: exported.ms, ratio_to_members: exported.ms / referenceMs });
    const holds = database.laneStats(false);
    if (holds) line({ engine, step: "longest_hold", foreground_longest_ms: holds.foreground.longestHoldMs });
  } finally {
    await dispose();
  }
}

export default async function drilldown(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { engine: { type: "string" }, customers: { type: "string" }, repeats: { type: "string" } } });
  const flags = Flags.parse(values);
  const engines: Engine[] = flags.engine === "both" ? ["pglite", "postgres"] : [flags.engine];
  for (const engine of engines) await runEngine(engine, flags);
}
