/**
 * `npm start`: prepares the database (migrations, first admin, demo data and accounts in demo
 * mode), builds the app when no current build exists, then serves it. The database is closed
 * before Next.js starts because only one process may open a PGlite folder.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import { customers, migrate, openDatabase } from "../server/db";
import { ensureDemoStaff, ensureFirstAdmin, DEMO_STAFF } from "../server/staff";
import { parseEnv } from "../server/env";
import { resolveAuthSecret } from "../server/auth";
import { loadDemo, utcDayStart } from "../server/demo";
import { refreshFeatures } from "../server/features";
import { refreshKpiRollups } from "../server/kpi";
import { buildIsCurrent } from "./build-state";
import { trainDemoModels } from "./demo-models";
import { ensureStarterSegments } from "../server/segments";
import { ensureDemoCampaign } from "../server/campaigns";

const args = new Set(process.argv.slice(2));
const dev = args.has("--dev");
const reset = args.has("--reset");

function log(message: string) {
  console.log(`[stratum] ${message}`);
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${total > 0 ? Math.round((done / total) * 100) : 100}%`;
}

async function prepareDatabase() {
  // `npm start` serves a production build, so its configuration is checked as production's
  // (demo mode with a DATABASE_URL is refused there unless explicitly allowed).
  const config = parseEnv({ ...process.env, NODE_ENV: dev ? "development" : "production" });
  if (reset && !config.DATABASE_URL) {
    fs.rmSync(path.resolve(config.STRATUM_DATA_DIR), { recursive: true, force: true });
    log(`Removed ${config.STRATUM_DATA_DIR} (--reset)`);
  }
  const secret = resolveAuthSecret(config);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.STRATUM_DATA_DIR });
  try {
    log(`Database: ${database.engine === "pglite" ? `embedded PGlite in ${config.STRATUM_DATA_DIR}` : "PostgreSQL (DATABASE_URL)"}`);
    await migrate(database);
    const admin = await ensureFirstAdmin(database.db, config.STRATUM_ADMIN_EMAIL, config.STRATUM_ADMIN_PASSWORD);
    if (admin === "created") log(`Created admin ${config.STRATUM_ADMIN_EMAIL}`);
    if (config.demoMode) {
      const created = await ensureDemoStaff(database.db);
      if (created.length) log(`Demo accounts: ${DEMO_STAFF.map((s) => `${s.email} / ${s.password}`).join(", ")}`);
      const [row] = await database.db.select({ total: count() }).from(customers);
      if ((row?.total ?? 0) === 0) {
        const started = Date.now();
        log(`Loading demo data: ${config.STRATUM_DEMO_CUSTOMERS} customers over ${config.STRATUM_DEMO_DAYS} days (seed ${config.STRATUM_DEMO_SEED})`);
        let lastLine = "";
        const summary = await loadDemo(
          database,
          // Ending today keeps recency, churn and "last 30 days" panels meaningful on any start date.
          { customers: config.STRATUM_DEMO_CUSTOMERS, days: config.STRATUM_DEMO_DAYS, seed: config.STRATUM_DEMO_SEED, endAt: utcDayStart(new Date()) },
          (p) => {
            const line = `${p.phase.padEnd(10)} ${progressBar(p.done, p.total)}`;
            if (line !== lastLine) log(line);
            lastLine = line;
          },
        );
        log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary.rows)}`);
        const features = await refreshFeatures(database.db, (fraction, message) => {
          const line = `features   ${progressBar(Math.round(fraction * 100), 100)}${message ? ` ${message}` : ""}`;
          if (line !== lastLine) log(line);
          lastLine = line;
        });
        log(`Behaviour features computed for ${features.customers} customers in ${features.seconds.toFixed(1)} s`);
        const rollup = await refreshKpiRollups(database.db);
        log(`KPI rollups built for ${rollup.days} days in ${rollup.seconds.toFixed(1)} s`);
      }
      await trainDemoModels(database.db, log);
      const segmentsStarted = Date.now();
      const starters = await ensureStarterSegments(database.db);
      if (starters.length) log(`Starter segments created by the system: ${starters.length} (RFM presets, high churn risk, clusters) in ${((Date.now() - segmentsStarted) / 1000).toFixed(1)} s`);
      const demoCampaign = await ensureDemoCampaign(database.db);
      if (demoCampaign) log(`Demo experiment "${demoCampaign.name}" run on ${demoCampaign.assigned} customers (simulated channel) and completed`);
    }
  } finally {
    await database.close();
  }
  return { config, secret };
}

async function main() {
  const { config, secret } = await prepareDatabase();
  const nextBin = path.resolve("node_modules", "next", "dist", "bin", "next");
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_SECRET: secret,
    // Without a configured public URL, trust the Host header so the demo works from any address.
    ...(process.env.NEXTAUTH_URL ? {} : { AUTH_TRUST_HOST: "1", NEXTAUTH_URL: `http://localhost:${config.PORT}` }),
  };
  if (!dev && !buildIsCurrent()) {
    log("Building the app (first start or changed sources; about a minute)...");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: childEnv });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(config.PORT)], {
    stdio: "inherit",
    env: childEnv,
  });
  log(`Open http://localhost:${config.PORT}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(`[stratum] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
