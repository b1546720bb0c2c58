import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openPglite, openPostgres, type Database } from "../../server/db/client";
import { withDatabaseName } from "./template";

export const engineUnderTest = process.env.DATABASE_URL ? "postgres" : "pglite";

/**
 * A fresh, migrated database for one test file: a clone of the run's template on whichever
 * engine this run targets (Postgres when DATABASE_URL is set, PGlite otherwise).
 */
export async function openTestDatabase(): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dump = fs.readFileSync(inject("pgliteTemplate"));
    return openPglite({ loadDataDir: new Blob([dump]) });
  }
  const template = inject("postgresTemplate");
  const name = `${template.replace("tpl", "t")}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const database = await openPostgres(withDatabaseName(databaseUrl, name), { max: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: databaseUrl });
      await dropper.connect();
      try {
        // pool.end() can resolve before the server has seen the last socket close; a FORCE drop
        // would then kill that connection mid-shutdown, so retry a plain DROP until it is gone.
        for (let attempt = 0; ; attempt++) {
          try {
            await dropper.query(`DROP DATABASE IF EXISTS ${name}`);
            break;
          } catch (error) {
            if (attempt >= 50) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      } finally {
        await dropper.end();
      }
    },
  };
}

/** Empties every application table (between tests that need a clean slate). */
export async function truncateAll(database: Database): Promise<void> {
  const tables = await database.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  if (tables.length === 0) return;
  await database.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}
