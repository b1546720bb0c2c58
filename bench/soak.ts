/**
 * `npm run bench -- soak [--rounds 20] [--workers 3] [--customers 1500]`
 * The full three-worker soak on PostgreSQL (tests/faults runs a two-round form in CI): each round
 * queues a feature refresh, training of every model task, scoring, a segment refresh and a full
 * KPI rollup; worker processes run them side by side on one copy of a prepared demo database,
 * while the same round runs one job after another on a second copy (the reference, same moment).
 * One line per round, then a summary: every job must succeed and every table must match.
 * Runs on the fault suite's own cluster (port 5439, created on first use; needs root).
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureFaultCluster } from "../tests/faults/support/cluster";
import { runSoak } from "../tests/faults/support/soak";

const Flags = z.object({
  rounds: z.coerce.number().int().min(1).max(200).default(20),
  workers: z.coerce.number().int().min(1).max(8).default(3),
  customers: z.coerce.number().int().min(200).max(100_000).default(1_500),
});

export default async function soak(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { rounds: { type: "string" }, workers: { type: "string" }, customers: { type: "string" } } });
  const parsed = Flags.safeParse(values);
  if (!parsed.success) throw new Error(`bench soak: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  await ensureFaultCluster();
  const rounds = await runSoak({ ...flags, log: (line) => console.error(line) });
  for (const round of rounds) {
    console.log(
      `bench soak-round round=${round.round} workers=${flags.workers} customers=${flags.customers} jobs=${round.jobs} together_s=${round.seconds.toFixed(1)} one_after_another_s=${round.sequentialSeconds.toFixed(1)} failed=${round.failed.length} differing=${round.differing.join("+") || "none"}`,
    );
  }
  const jobs = rounds.reduce((sum, round) => sum + round.jobs, 0);
  const failed = rounds.reduce((sum, round) => sum + round.failed.length, 0);
  const differing = rounds.filter((round) => round.differing.length).length;
  const together = rounds.reduce((sum, round) => sum + round.seconds, 0);
  const alone = rounds.reduce((sum, round) => sum + round.sequentialSeconds, 0);
  console.log(
    `bench soak rounds=${rounds.length} workers=${flags.workers} customers=${flags.customers} jobs=${jobs} failed=${failed} rounds_differing=${differing} together_s=${together.toFixed(1)} one_after_another_s=${alone.toFixed(1)} ratio=${(together / alone).toFixed(2)}`,
  );
  if (failed || differing) process.exitCode = 1;
}
