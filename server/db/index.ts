import { env } from "../env";
import { openDatabase, type Database } from "./client";
import { migrate } from "./migrate";

export type { Database, Db } from "./client";

// One handle per process: PGlite allows a single opener per data folder, and Next.js may load
// this module more than once, so the promise lives on globalThis.
const globalKey = Symbol.for("stratum.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  const holder = globalThis as GlobalWithDb;
  holder[globalKey] ??= (async () => {
    const config = env();
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.STRATUM_DATA_DIR });
    await migrate(database);
    return database;
  })();
  return holder[globalKey];
}

export { openDatabase, openPglite, openPostgres } from "./client";
export { migrate } from "./migrate";
export { selectRows } from "./rows";
export { inBackgroundLane, isBackgroundLane } from "./lanes";
export { CHUNK_TARGET_MS, nextChunkSize } from "./chunks";
export { analyzeChangedTables } from "./analyze";
export type { LaneStats, SchedulerStats } from "./lane-scheduler";
export * from "./rules";
export * from "./schema";
