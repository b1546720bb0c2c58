/**
 * Child process for the kill-and-resume test: opens the test database, claims the queued
 * models.train job and runs it, printing each progress report so the parent knows when to kill it.
 */
import { openPglite, openPostgres } from "../../server/db/client";
import { JOB_DEFINITIONS } from "../../server/worker/registry";
import { runNextJob } from "../../server/jobs/queue";
import type { JobType } from "../../server/jobs/definition";

async function main() {
  const url = process.env.KILL_TEST_DATABASE_URL;
  const database = url ? await openPostgres(url, { max: 2 }) : await openPglite({ dataDir: process.env.KILL_TEST_DATA_DIR! });
  const definitions: JobType[] = JOB_DEFINITIONS.map((d) =>
    d.kind !== "models.train"
      ? d
      : {
          ...d,
          execute: (ctx) =>
            d.execute({
              ...ctx,
              async reportProgress(fraction, message) {
                process.stdout.write(`progress ${fraction}\n`);
                await ctx.reportProgress(fraction, message);
              },
            }),
        },
  );
  await runNextJob(database.db, definitions, "doomed-worker");
  process.stdout.write("finished\n");
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
