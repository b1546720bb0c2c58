/**
 * `npm run pipeline [-- --retrain]`: after an import from the command line, compute features and KPI
 * rollups, train a default model for every task without one (every task with --retrain), score and
 * refresh segments, in this process, and print each job's outcome. Exit code 1 when a job failed.
 * Reads the database the app uses (DATABASE_URL, else PGlite in STRATUM_DATA_DIR); with PGlite,
 * stop `npm start` first (only one process may open the folder).
 */
import { migrate, openDatabase } from "../server/db";
import { parseEnv } from "../server/env";
import { runPipeline } from "../server/worker";

const USAGE = "Usage: npm run pipeline [-- --retrain]";

async function main(): Promise<number> {
  const flags = process.argv.slice(2);
  const unknown = flags.filter((flag) => flag !== "--retrain");
  if (unknown.length > 0) {
    console.error(`Unknown option ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const env = parseEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STRATUM_DATA_DIR });
  try {
    await migrate(database);
    const run = await runPipeline(database.db, { retrain: flags.includes("--retrain"), log: (line) => console.log(line) });
    console.log("\nJobs:");
    for (const job of run.jobs) {
      const seconds = job.startedAt && job.finishedAt ? `${((job.finishedAt.getTime() - job.startedAt.getTime()) / 1000).toFixed(1)} s` : "";
      console.log(`  ${job.kind.padEnd(20)} ${job.status.padEnd(10)} ${seconds.padStart(8)}${job.error ? `  ${job.error}` : ""}`);
    }
    console.log(run.failed ? `\n${run.failed} job(s) failed.` : "\nAll jobs succeeded.");
    return run.failed ? 1 : 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
