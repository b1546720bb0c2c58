/**
 * `npm run bench -- generate [--customers N] [--days D] [--seed S] [--engine pglite|postgres|both] [--bare]`
 * Times loadDemo (generate + COPY everything) on a fresh database, then a raw COPY of the very
 * same events CSV, pre-rendered to a file, into a fresh copy of the events table on the same
 * engine. Each engine runs in its own process so peak RSS is per engine.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Database } from "../server/db/client";
import { freshDatabase } from "./support/fresh-database";
import { migrate } from "../server/db/migrate";
import { EVENT_COLUMNS } from "../server/demo/events-csv";
import { eventChunks, newEventSink, planDemo, ZERO_BASES } from "../server/demo/generate";
import { loadDemo } from "../server/demo/load";

const FlagsSchema = z.object({
  customers: z.coerce.number().int().min(100).max(2_000_000).default(100_000),
  days: z.coerce.number().int().min(14).max(1500).default(365),
  seed: z.coerce.number().int().default(42),
  engine: z.enum(["pglite", "postgres", "both"]).default("both"),
  // Also COPY into a copy of events without indexes or foreign keys, to show what they cost.
  bare: z.boolean().default(false),
});
type Flags = z.infer<typeof FlagsSchema>;

/** Fixed end date: benchmark data must not change from day to day. */
const END_AT = new Date("2026-01-01T00:00:00Z");
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Renders the events CSV exactly as loadDemo produced it (same plan, same id bases). */
function renderEventsFile(flags: Flags, file: string): number {
  const plan = planDemo({ customers: flags.customers, days: flags.days, seed: flags.seed, endAt: END_AT });
  const sink = newEventSink(plan, ZERO_BASES);
  const fd = fs.openSync(file, "w");
  try {
    for (const chunk of eventChunks(plan, sink)) fs.writeSync(fd, chunk.csv);
  } finally {
    fs.closeSync(fd);
  }
  return sink.rows;
}

/** File in newline-aligned pieces of ~4 MB, the same shape loadDemo hands to PGlite. */
function* fileChunks(file: string): Generator<string> {
  const fd = fs.openSync(file, "r");
  const buffer = Buffer.alloc(CHUNK_BYTES);
  let carry = Buffer.alloc(0);
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      const data = Buffer.concat([carry, buffer.subarray(0, read)]);
      const cut = data.lastIndexOf(10) + 1;
      if (cut > 0) yield data.toString("utf8", 0, cut);
      carry = Buffer.from(data.subarray(cut));
    }
    if (carry.length > 0) yield carry.toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

/** Same table shape as events: every index, default, identity and both foreign keys. */
async function createReferenceTable(database: Database, table: string, bare: boolean): Promise<void> {
  if (bare) {
    await database.query(`CREATE TABLE ${table} (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY)`);
    return;
  }
  await database.query(`CREATE TABLE ${table} (LIKE events INCLUDING ALL)`);
  await database.query(
    `ALTER TABLE ${table} ADD FOREIGN KEY (customer_id) REFERENCES customers(id) ON DELETE CASCADE, ADD FOREIGN KEY (product_id) REFERENCES products(id) ON DELETE SET NULL`,
  );
}

/**
 * Untimed: after loading millions of rows, Postgres' autovacuum and checkpoints would otherwise
 * run during the reference COPY and make the ratio depend on which side went first.
 */
async function settle(database: Database): Promise<void> {
  await database.query(`VACUUM ANALYZE`);
  try {
    await database.query(`CHECKPOINT`);
  } catch {
    // CHECKPOINT needs superuser or pg_checkpoint; without it the VACUUM still removes most noise.
  }
}

async function timedCopy(database: Database, table: string, file: string): Promise<number> {
  const started = performance.now();
  if (database.engine === "postgres") {
    await database.copyFrom(table, EVENT_COLUMNS, fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 }));
  } else {
    for (const chunk of fileChunks(file)) await database.copyFrom(table, EVENT_COLUMNS, [chunk]);
  }
  return (performance.now() - started) / 1000;
}

async function benchEngine(flags: Flags, engine: "pglite" | "postgres"): Promise<void> {
  const fresh = await freshDatabase(engine, "generate", { max: 2 });
  const file = path.join(os.tmpdir(), `stratum-bench-events-${process.pid}.csv`);
  try {
    const { database } = fresh;
    await migrate(database);
    let eventsStarted = 0;
    const summary = await loadDemo(database, { customers: flags.customers, days: flags.days, seed: flags.seed, endAt: END_AT }, (p) => {
      if (p.phase === "events" && p.done === 0) eventsStarted = performance.now();
    });
    const oursEventsSeconds = (performance.now() - eventsStarted) / 1000;
    const rendered = renderEventsFile(flags, file);
    if (rendered !== summary.rows.events) throw new Error(`re-rendered ${rendered} events, loaded ${summary.rows.events}`);
    await settle(database);
    await createReferenceTable(database, "events_ref", false);
    const copySeconds = await timedCopy(database, "events_ref", file);
    const [counts] = await database.query<{ ours: string | number; ref: string | number }>(
      `SELECT (SELECT count(*) FROM events)::float8 AS ours, (SELECT count(*) FROM events_ref)::float8 AS ref`,
    );
    if (Number(counts?.ours) !== summary.rows.events || Number(counts?.ref) !== summary.rows.events) {
      throw new Error(`row counts differ: summary ${summary.rows.events}, events ${counts?.ours}, events_ref ${counts?.ref}`);
    }
    const allRows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(
      `bench generate-${engine} customers=${flags.customers} events=${summary.rows.events} ours_s=${summary.seconds.toFixed(2)} rows_per_s=${Math.round(allRows / summary.seconds)} ours_events_s=${oursEventsSeconds.toFixed(2)} copy_ref_s=${copySeconds.toFixed(2)} ratio=${(summary.seconds / copySeconds).toFixed(2)} events_ratio=${(oursEventsSeconds / copySeconds).toFixed(2)} peak_mb=${Math.round(peakMb)}`,
    );
    if (flags.bare) {
      await createReferenceTable(database, "events_bare", true);
      const bareSeconds = await timedCopy(database, "events_bare", file);
      console.log(
        `bench generate-${engine}-copy-bare events=${summary.rows.events} copy_bare_s=${bareSeconds.toFixed(2)} copy_ref_s=${copySeconds.toFixed(2)} index_fk_overhead=${(copySeconds / bareSeconds).toFixed(2)}`,
      );
    }
  } finally {
    fs.rmSync(file, { force: true });
    await fresh.dispose();
  }
}

export default async function generate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { customers: { type: "string" }, days: { type: "string" }, seed: { type: "string" }, engine: { type: "string" }, bare: { type: "boolean" } },
  });
  const parsed = FlagsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench generate: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  if (flags.engine !== "both") {
    await benchEngine(flags, flags.engine);
    return;
  }
  for (const engine of ["postgres", "pglite"] as const) {
    const script = process.argv[1] ?? path.join(__dirname, "run.ts");
    const child = spawnSync(process.execPath, [...process.execArgv, script, "generate", ...args, "--engine", engine], { stdio: "inherit" });
    if (child.status !== 0) throw new Error(`bench generate --engine ${engine} exited with ${child.status ?? child.signal}`);
  }
}
