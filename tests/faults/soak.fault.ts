import { beforeAll, describe, expect, it } from "vitest";
import { ensureFaultCluster } from "./support/cluster";
import { runSoak } from "./support/soak";

/*
 * The short form of the three-worker soak (`npm run bench -- soak` runs the full 20 rounds):
 * every job succeeds, and after each round the tables equal those of the same jobs run one
 * after another.
 */
describe("three worker processes side by side on PostgreSQL", () => {
  beforeAll(async () => {
    await ensureFaultCluster();
  });

  it("run every kind of job together with the same results as one after another", async () => {
    const rounds = await runSoak({ rounds: 2, workers: 3, customers: 800, log: (line) => console.log(line) });
    expect(rounds).toHaveLength(2);
    for (const round of rounds) {
      expect(round.failed, `round ${round.round}`).toEqual([]);
      expect(round.differing, `round ${round.round}`).toEqual([]);
      // Features, five trainings, scoring, segments and the rollup at least, plus their follow-ups.
      expect(round.jobs).toBeGreaterThanOrEqual(9);
    }
  });
});
