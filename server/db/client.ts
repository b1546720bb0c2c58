import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { LaneScheduler, type SchedulerStats } from "./lane-scheduler";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The drizzle handle every query function takes, whichever engine is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Engine = "pglite" | "postgres";

export interface Database {
  db: Db;
  engine: Engine;
  /** Streams CSV text into `table (columns)` with COPY: the fast path for bulk loads. */
  copyFrom(table: string, columns: readonly string[], csvChunks: AsyncIterable<string> | Iterable<string>): Promise<void>;
  /** Runs raw SQL with positional parameters and returns the rows. */
  query<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a gzipped tarball (tests restore from it). */
  dumpDataDir(): Promise<Blob>;
  /** PGlite only: how long calls held and waited for the single connection, per lane (null on PostgreSQL, which has a pool). */
  laneStats(reset?: boolean): SchedulerStats | null;
}

/** The PGlite methods that run SQL; each is one turn of the lane scheduler. */
const SCHEDULED_METHODS = new Set<PropertyKey>(["query", "exec", "transaction"]);

/**
 * The client drizzle and our helpers call: the same PGlite, but every statement or transaction
 * waits for its lane's turn, so a person's request is never queued behind a job's next chunk.
 */
function scheduledClient(client: PGlite, scheduler: LaneScheduler): PGlite {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!SCHEDULED_METHODS.has(property)) return method.bind(target);
      const label = (args: unknown[]) => () => (typeof args[0] === "string" ? args[0].slice(0, 120).replace(/\s+/g, " ").trim().slice(0, 60) : String(property));
      return (...args: unknown[]) => scheduler.run(() => method.apply(target, args) as Promise<unknown>, undefined, label(args));
    },
  });
}

// The statement's opening words only: its parameters (which may hold personal data) are never logged.
function logLongHold(heldMs: number, label = "a call"): void {
  console.warn(`[db] a job held the embedded database for ${(heldMs / 1000).toFixed(1)} s (${label})`);
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

export function copyStatement(table: string, columns: readonly string[], source: string): string {
  const cols = columns.map(quoteIdent).join(", ");
  return `COPY ${quoteIdent(table)} (${cols}) FROM ${source} WITH (FORMAT csv)`;
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<Database> {
  // The data folder is configuration, not a build input: keep the bundler from tracing it.
  const dataDir = options.dataDir ? path.resolve(/*turbopackIgnore: true*/ options.dataDir) : undefined;
  if (dataDir) fs.mkdirSync(/*turbopackIgnore: true*/ dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir,
    loadDataDir: options.loadDataDir,
  });
  const scheduler = new LaneScheduler({ graceMs: 25, maxBackgroundWaitMs: 250, longHoldMs: 1000, onLongHold: (lane, heldMs, label) => lane === "background" && logLongHold(heldMs, label) });
  const scheduled = scheduledClient(client, scheduler);
  const db = drizzlePglite({ client: scheduled, schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    engine: "pglite",
    laneStats(reset = false) {
      const stats = scheduler.snapshot();
      if (reset) scheduler.resetStats();
      return stats;
    },
    async copyFrom(table, columns, csvChunks) {
      // PGlite reads COPY input from a virtual /dev/blob file, so the chunk is assembled first;
      // callers keep chunks to a few MB.
      const parts: string[] = [];
      for await (const chunk of csvChunks) parts.push(chunk);
      if (parts.length === 0) return;
      await scheduled.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob(parts) });
    },
    async query(text, params = []) {
      const result = await scheduled.query(text, params);
      return result.rows as never;
    },
    async close() {
      await client.close();
    },
    async dumpDataDir() {
      return client.dumpDataDir("gzip");
    },
  };
}

export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection the server closes (restart, DROP DATABASE ... FORCE) must not crash the process.
  pool.on("error", (error) => console.error(`[db] idle connection error: ${error.message}`));
  // A connection checked out between two statements of a transaction has no pool listener: when
  // the server goes away then, its "error" event would be an uncaughtException. The statement in
  // flight (or the next one) still fails and the transaction's caller sees that error.
  pool.on("connect", (client) => client.on("error", (error) => console.error(`[db] connection lost: ${error.message}`)));
  const db = drizzlePg({ client: pool, schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    engine: "postgres",
    async copyFrom(table, columns, csvChunks) {
      const { from } = await import("pg-copy-streams");
      const { pipeline } = await import("node:stream/promises");
      const { Readable } = await import("node:stream");
      const conn = await pool.connect();
      try {
        const sink = conn.query(from(copyStatement(table, columns, "STDIN")));
        await pipeline(Readable.from(csvChunks), sink);
      } finally {
        conn.release();
      }
    },
    async query(text, params = []) {
      const result = await pool.query(text, params);
      return result.rows as never;
    },
    async close() {
      await pool.end();
    },
    async dumpDataDir(): Promise<Blob> {
      throw new Error("dumpDataDir is only available on the embedded PGlite engine");
    },
    laneStats() {
      return null;
    },
  };
}

export async function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite({ dataDir: path.join(/*turbopackIgnore: true*/ config.dataDir, "pglite") });
}
