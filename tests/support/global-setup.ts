import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../server/db/client";
import { migrate } from "../../server/db/migrate";
import { migrationsFingerprint, withDatabaseName } from "./template";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Builds one migrated database per run and hands its name to every test file, which clones it:
 * PGlite from a data-dir dump (creating PGlite and migrating takes seconds), Postgres with
 * CREATE DATABASE ... TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const template = `stratum_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const database = await openPostgres(withDatabaseName(databaseUrl, template), { max: 2 });
    await migrate(database);
    await database.close();
    project.provide("postgresTemplate", template);
    project.provide("pgliteTemplate", "");
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`${template.replace("tpl", "t")}%`, template],
      );
      for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.end();
    };
  }

  const cacheDir = path.resolve(".cache");
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `pglite-template-${migrationsFingerprint()}.tar.gz`);
  if (!fs.existsSync(file)) {
    const database = await openPglite();
    await migrate(database);
    const dump = await database.dumpDataDir();
    fs.writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${file}.tmp`, file);
    await database.close();
  }
  project.provide("pgliteTemplate", file);
  project.provide("postgresTemplate", "");
}
