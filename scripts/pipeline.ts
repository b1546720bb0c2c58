/**
 * `npm run pipeline -- [all|features|rollup|segments|train <task>] [--retrain]`: after an import from
 * the command line, run the app's follow-up work in this process and print each job's outcome. "all"
 * (the default): features, KPI rollups, a default model for every task without one (every task with
 * --retrain), then scoring and segment refresh. Exit code 1 when a job failed.
 * Reads the database the app uses (DATABASE_URL, else PGlite in STRATUM_DATA_DIR); with PGlite,
 * stop `npm start` first (only one process may open the folder).
 */
import { migrate, openDatabase } from "../server/db";
import { parseEnv } from "../server/env";
import { runPipeline, type PipelineStep } from "../server/worker";
import { MODEL_TASKS } from "../lib/shared/vocabulary";

const USAGE = `Usage: npm run pipeline -- [all|features|rollup|segments|train <${MODEL_TASKS.join("|")}>] [--retrain]`;

function parseStep(words: string[]): PipelineStep | string {
  const [first = "all", second, ...rest] = words;
  if (rest.length > 0) return `Unexpected argument ${rest[0]}`;
  if (first === "train") {
    const task = MODEL_TASKS.find((t) => t === second);
    return task ? { step: "train", task } : `train needs a task: one of ${MODEL_TASKS.join(", ")}`;
  }
  if (second !== undefined) return `Unexpected argument ${second}`;
  if (first === "all" || first === "features" || first === "rollup" || first === "segments") return { step: first };
  return `Unknown step ${first}`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg.startsWith("--") && arg !== "--retrain");
  const step = parseStep(args.filter((arg) => !arg.startsWith("--")));
  if (unknown.length > 0 || typeof step === "string") {
    console.error(`${unknown.length > 0 ? `Unknown option ${unknown[0]}` : step}\n${USAGE}`);
    return 2;
  }
  const flags = args;
  const env = parseEnv();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STRATUM_DATA_DIR });
  try {
    await migrate(database);
    const run = await runPipeline(database.db, { step, retrain: flags.includes("--retrain"), log: (line) => console.log(line) });
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
