/** `npm run worker`: a job worker outside the web server (PostgreSQL only: PGlite allows one process). */
import { migrate, openDatabase } from "../server/db";
import { parseEnv } from "../server/env";
import { JOB_DEFINITIONS } from "../server/worker";
import { startWorker } from "../server/jobs";
import { nightlyTick } from "../server/models";

async function main() {
  const config = parseEnv();
  if (!config.DATABASE_URL) {
    throw new Error("npm run worker needs DATABASE_URL: the embedded database runs its worker inside `npm start`");
  }
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.STRATUM_DATA_DIR });
  await migrate(database);
  const worker = startWorker(database.db, JOB_DEFINITIONS, { onIdle: async () => void (await nightlyTick(database.db)) });
  console.log(`[jobs] worker running ${JOB_DEFINITIONS.map((d) => d.kind).join(", ") || "(no job kinds registered)"}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      void worker.stop().then(() => database.close()).then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
