import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgres, type Database } from "../../../server/db/client";
import { migrate } from "../../../server/db/migrate";

/*
 * The fault suite stops and starts PostgreSQL, so it runs on a cluster of its own (created here on
 * first use, next to the machine's main cluster) and never on the server other suites share: a
 * stop here cannot fail anybody else's test. Needs the Debian postgresql-common tools and root (CI).
 */
const CLUSTER = "stratum_faults";
export const FAULT_PORT = Number(process.env.STRATUM_FAULT_PG_PORT ?? 5439);
const ADMIN_URL = `postgres://postgres@127.0.0.1:${FAULT_PORT}/postgres`;

function version(): string {
  const versions = fs.readdirSync("/etc/postgresql").sort();
  const newest = versions[versions.length - 1];
  if (!newest) throw new Error("no PostgreSQL installation under /etc/postgresql: the fault suite needs a local server");
  return newest;
}

function ctl(action: "start" | "stop"): void {
  const args = ["--skip-systemctl-redirect", version(), CLUSTER, action];
  // A fast stop ends every session the way a crash or a failover does for the clients.
  if (action === "stop") args.push("-m", "fast");
  execFileSync("pg_ctlcluster", args, { stdio: "pipe" });
}

async function ready(timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function clusterExists(): boolean {
  return fs.existsSync(`/etc/postgresql/${version()}/${CLUSTER}`);
}

/** Creates the fault cluster once (trust auth on localhost) and makes sure it is running. */
export async function ensureFaultCluster(): Promise<void> {
  if (!clusterExists()) {
    execFileSync("pg_createcluster", [version(), CLUSTER, "-p", String(FAULT_PORT), "--", "--auth-host=trust", "--auth-local=trust"], { stdio: "pipe" });
  }
  const status = execFileSync("pg_lsclusters", ["--no-header"], { encoding: "utf8" });
  const running = status.split("\n").some((line) => line.includes(` ${CLUSTER} `) && line.includes("online"));
  if (!running) ctl("start");
  await ready();
}

export async function stopFaultCluster(): Promise<void> {
  ctl("stop");
}

export async function startFaultCluster(): Promise<void> {
  ctl("start");
  await ready();
}

export interface FaultDatabase {
  url: string;
  database: Database;
  dispose(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, migrated database on the fault cluster (or a copy of `template`), dropped by dispose(). */
export async function faultDatabase(options: { template?: string; max?: number } = {}): Promise<FaultDatabase> {
  const name = `faults_${randomBytes(4).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ""}`));
  const url = `postgres://postgres@127.0.0.1:${FAULT_PORT}/${name}`;
  const database = await openPostgres(url, { max: options.max ?? 6 });
  if (!options.template) await migrate(database);
  return {
    url,
    database,
    async dispose() {
      await database.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Saves a database as a template other fault databases are copied from (it must have no sessions). */
export async function saveAsTemplate(source: FaultDatabase, name: string): Promise<void> {
  await source.database.close();
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`ALTER DATABASE ${new URL(source.url).pathname.slice(1)} RENAME TO ${name}`);
  });
}

export async function databaseExists(name: string): Promise<boolean> {
  return admin(async (client) => ((await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount ?? 0) > 0);
}
