/**
 * `npm run demo -- --customers N --days D --seed S [--reset]`: loads demo data with planted
 * truth into the database the app uses (DATABASE_URL, else PGlite in STRATUM_DATA_DIR).
 */
import { migrate, openDatabase } from "../server/db";
import { countCustomers, DEMO_USAGE, type DemoCliArgs, type DemoProgress, loadDemo, parseDemoArgs, resetDemoTables, utcDayStart } from "../server/demo";
import { refreshKpiRollups } from "../server/kpi";
import { parseEnv } from "../server/env";

function progressPrinter(): (p: DemoProgress) => void {
  let last = "";
  return (p) => {
    const percent = p.total > 0 ? Math.floor((p.done / p.total) * 10) * 10 : 100;
    const line = `  ${p.phase.padEnd(10)} ${String(percent).padStart(3)}%  (${p.done}/${p.total})`;
    if (line.slice(0, 18) !== last) console.log(line);
    last = line.slice(0, 18);
  };
}

async function run(args: DemoCliArgs): Promise<number> {
  const env = parseEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STRATUM_DATA_DIR });
  try {
    console.log(`Database: ${database.engine === "pglite" ? `embedded PGlite in ${env.STRATUM_DATA_DIR}/pglite` : "PostgreSQL (DATABASE_URL)"}`);
    await migrate(database);
    const existing = await countCustomers(database);
    if (existing > 0 && !args.reset) {
      console.error(`Refusing to load: the database already holds ${existing} customers. Re-run with --reset to empty customers, products, events and demo tables first.`);
      return 2;
    }
    if (args.reset) {
      await resetDemoTables(database);
      console.log("Reset: emptied customers, products, events, demo_runs, demo_customer_truth (and rows referencing them)");
    }
    // Data ends today so the dashboard looks current; tests and benchmarks pass fixed dates.
    const endAt = args.end ?? utcDayStart(new Date());
    console.log(`Generating ${args.customers} customers over ${args.days} days ending ${endAt.toISOString().slice(0, 10)} (seed ${args.seed})`);
    const summary = await loadDemo(database, { customers: args.customers, days: args.days, seed: args.seed, endAt }, progressPrinter());
    console.log("\nRows per table:");
    for (const [table, rows] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(20)} ${rows}`);
    console.log("Events by type:");
    for (const [type, rows] of Object.entries(summary.eventsByType)) if (rows > 0) console.log(`  ${type.padEnd(20)} ${rows}`);
    console.log(`Window ${summary.startAt.toISOString()} .. ${summary.endAt.toISOString()}, churn cut-off ${summary.churnCutoffAt.toISOString()}, demo run ${summary.demoRunId}`);
    console.log(`Loaded in ${summary.seconds.toFixed(1)} s (${Math.round(summary.rowsPerSecond)} rows/s)`);
    // The overview reads pre-aggregated rollups: bring them up to date with the new events.
    const rollup = await refreshKpiRollups(database.db);
    console.log(`KPI rollups: ${rollup.days} days in ${rollup.seconds.toFixed(1)} s`);
    return 0;
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  let args: DemoCliArgs;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
    return;
  }
  if (args.help) {
    console.log(DEMO_USAGE);
    return;
  }
  process.exitCode = await run(args);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
