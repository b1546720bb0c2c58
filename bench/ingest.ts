/**
 * `npm run bench -- ingest [--lines N] [--customers N] [--engine pglite|postgres|both]`
 * Writes an events CSV (default 1,000,000 data lines) to a temp dir, pre-creates its customers,
 * and times the CSV import path (stream parse → map → validate → write, one transaction) on a
 * fresh database; the reference is a raw COPY of the same file into a staging table with the
 * file's column types on the same engine. Each engine runs in its own process (peak RSS per engine).
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
import { importCsvFile } from "../server/ingest/csv/import";

const FlagsSchema = z.object({
  lines: z.coerce.number().int().min(1_000).max(20_000_000).default(1_000_000),
  customers: z.coerce.number().int().min(10).max(1_000_000).default(20_000),
  engine: z.enum(["pglite", "postgres", "both"]).default("both"),
});
type Flags = z.infer<typeof FlagsSchema>;

const HEADER = "event_id,customer_id,type,occurred_at,amount,duration_seconds";
const REF_COLUMNS = ["event_id", "customer_id", "type", "occurred_at", "amount", "duration_seconds"] as const;
const TYPES = ["view", "view", "view", "session", "click", "add_to_cart", "purchase", "progress"] as const;
const START = Date.UTC(2025, 0, 1);
const CHUNK_BYTES = 4 * 1024 * 1024;

/** Deterministic lines: event i belongs to customer i mod N, one minute apart. */
function writeEventsFile(file: string, flags: Flags): void {
  const fd = fs.openSync(file, "w");
  let buffer = `${HEADER}\n`;
  for (let i = 0; i < flags.lines; i++) {
    const type = TYPES[i % TYPES.length]!;
    const at = new Date(START + i * 60_000).toISOString();
    const amount = type === "purchase" ? ((i % 500) + 0.9).toFixed(2) : "";
    const duration = type === "session" ? String(60 + (i % 3600)) : "";
    buffer += `ev-${i},bench-c${i % flags.customers},${type},${at},${amount},${duration}\n`;
    if (buffer.length >= CHUNK_BYTES) {
      fs.writeSync(fd, buffer);
      buffer = "";
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

async function createCustomers(database: Database, count: number): Promise<void> {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) rows.push(`bench-c${i}\n`);
  await database.copyFrom("customers", ["external_id"], [rows.join("")]);
}

/** Newline-aligned ~4 MB pieces without the header line. */
function* dataChunks(file: string): Generator<string> {
  const fd = fs.openSync(file, "r");
  const buffer = Buffer.alloc(CHUNK_BYTES);
  let carry = Buffer.alloc(0);
  let first = true;
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      let data = Buffer.concat([carry, buffer.subarray(0, read)]);
      if (first) {
        data = data.subarray(data.indexOf(10) + 1);
        first = false;
      }
      const cut = data.lastIndexOf(10) + 1;
      if (cut > 0) yield data.toString("utf8", 0, cut);
      carry = Buffer.from(data.subarray(cut));
    }
    if (carry.length > 0) yield carry.toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}

async function benchEngine(flags: Flags, engine: "pglite" | "postgres"): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-bench-csv-"));
  const file = path.join(dir, "events.csv");
  const fresh = await freshDatabase(engine, "ingest");
  try {
    const { database } = fresh;
    await migrate(database);
    writeEventsFile(file, flags);
    await createCustomers(database, flags.customers);

    const started = performance.now();
    const summary = await importCsvFile(database.db, { kind: "events", filePath: file, source: "bench" });
    const ours = (performance.now() - started) / 1000;
    if (summary.outcome !== "imported" || summary.inserted !== flags.lines) {
      throw new Error(`import ${summary.outcome}: inserted ${summary.inserted} of ${flags.lines}; ${summary.fileError ?? summary.errors[0]?.message ?? ""}`);
    }
    const peakMb = process.resourceUsage().maxRSS / 1024;

    await database.query(`VACUUM ANALYZE`);
    await database.query(
      `CREATE TABLE events_csv_ref (event_id text, customer_id text, type event_type, occurred_at timestamptz, amount numeric(12,2), duration_seconds integer)`,
    );
    const copyStarted = performance.now();
    if (engine === "postgres") await database.copyFrom("events_csv_ref", REF_COLUMNS, dataChunks(file));
    else for (const chunk of dataChunks(file)) await database.copyFrom("events_csv_ref", REF_COLUMNS, [chunk]);
    const copy = (performance.now() - copyStarted) / 1000;
    const [counts] = await database.query<{ ours: number; ref: number }>(
      `SELECT (SELECT count(*) FROM events)::int AS ours, (SELECT count(*) FROM events_csv_ref)::int AS ref`,
    );
    if (counts?.ours !== flags.lines || counts.ref !== flags.lines) throw new Error(`row counts differ: ${JSON.stringify(counts)}`);
    console.log(
      `bench ingest-csv-${engine} lines=${flags.lines} customers=${flags.customers} ours_s=${ours.toFixed(2)} rows_per_s=${Math.round(flags.lines / ours)} copy_ref_s=${copy.toFixed(2)} ratio=${(ours / copy).toFixed(2)} peak_mb=${Math.round(peakMb)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await fresh.dispose();
  }
}

export default async function ingest(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { lines: { type: "string" }, customers: { type: "string" }, engine: { type: "string" } } });
  const parsed = FlagsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench ingest: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  if (flags.engine !== "both") {
    await benchEngine(flags, flags.engine);
    return;
  }
  for (const engine of ["pglite", "postgres"] as const) {
    const script = process.argv[1] ?? path.join(__dirname, "run.ts");
    const child = spawnSync(process.execPath, [...process.execArgv, script, "ingest", "--lines", String(flags.lines), "--customers", String(flags.customers), "--engine", engine], {
      stdio: "inherit",
      env: process.env,
    });
    if (child.status !== 0) throw new Error(`bench ingest --engine ${engine} exited with ${child.status}`);
  }
}
