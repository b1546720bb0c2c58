import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openPglite, openPostgres, type Database } from "../../server/db/client";

export interface FreshDatabase {
  database: Database;
  dispose(): Promise<void>;
}

export const BENCH_POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * An empty database for one benchmark run (not yet migrated): a PGlite folder under the temp dir,
 * or a new database on the Postgres server, both removed by `dispose`.
 */
export async function freshDatabase(engine: "pglite" | "postgres", label: string, options: { max?: number } = {}): Promise<FreshDatabase> {
  if (engine === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stratum-bench-${label}-`));
    const database = await openPglite({ dataDir: dir });
    return {
      database,
      async dispose() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `stratum_bench_${label.replace(/[^a-z0-9]/g, "_")}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: options.max ?? 4 });
  return {
    database,
    async dispose() {
      await database.close();
      // pool.end() can resolve before the server has seen the last socket close; retry a plain
      // DROP until it has, rather than FORCE-killing a connection mid-shutdown.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      await admin.end();
    },
  };
}
