import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { customerFeatures, customerScores, modelRuns } from "../../server/db/schema";
import { loadDemo } from "../../server/demo/load";
import { refreshFeatures } from "../../server/features/refresh";
import { drainJobs } from "../../server/jobs/queue";
import { requestTraining } from "../../server/models";
import { scoreRun } from "../../server/models/score.service";
import { JOB_DEFINITIONS } from "../../server/worker/registry";
import { ZTrainRequest, type TrainRequest } from "../../lib/shared/models.schemas";
import { engineUnderTest, openTestDatabase } from "../support/db";

interface StoredCaps {
  percentile: number;
  upper: Array<number | null>;
}
interface CapReport {
  percentile: number;
  rows: number;
  features: Array<{ feature: string; cap: number; capped: number }>;
}

describe(`outlier caps learned at training are the caps used at scoring (${engineUnderTest})`, () => {
  let database: Database;
  let ids: number[] = [];
  const runOf = async (id: string) => (await database.db.select().from(modelRuns).where(eq(modelRuns.id, id)))[0]!;
  const train = async (request: TrainRequest) => {
    const { runId } = await requestTraining(database.db, "system", request);
    await drainJobs(database.db, JOB_DEFINITIONS);
    const run = await runOf(runId);
    expect(run.status, run.error ?? "").toBe("succeeded");
    return run;
  };
  const scoresOf = async (runId: string, customerId: number) =>
    (await database.db.select().from(customerScores).where(and(eq(customerScores.modelRunId, runId), eq(customerScores.customerId, customerId))))[0]!;

  /**
   * Customer `outlier` becomes a copy of customer `twin` except for tenure, planted far above
   * the run's cap; the twin's tenure is set to exactly the cap. Only capping makes them alike.
   */
  const plant = async (outlier: number, twin: number, cap: number) => {
    const [source] = await database.db.select().from(customerFeatures).where(eq(customerFeatures.customerId, twin));
    const { customerId: _ignored, ...values } = source!;
    await database.db.update(customerFeatures).set({ ...values, tenureDays: cap * 1000 }).where(eq(customerFeatures.customerId, outlier));
    await database.db.update(customerFeatures).set({ tenureDays: cap }).where(eq(customerFeatures.customerId, twin));
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database, { customers: 300, days: 240, seed: 11, endAt: new Date("2026-06-01T00:00:00Z") });
    await refreshFeatures(database.db);
    ids = (await database.db.select({ id: customerFeatures.customerId }).from(customerFeatures)).map((r) => r.id).sort((a, b) => a - b);
  }, 120_000);
  afterAll(async () => database?.close());

  it("models cap at the 99th percentile unless told otherwise", () => {
    for (const task of ["propensity", "churn", "clusters", "hierarchy"] as const) {
      expect((ZTrainRequest.parse({ task }).params as { capOutliers: string }).capOutliers).toBe("99");
    }
    expect(ZTrainRequest.safeParse({ task: "churn", params: { capOutliers: "90" } }).success).toBe(false);
  });

  it("a classifier trained with caps scores a planted outlier exactly as the capped value", async () => {
    const run = await train(ZTrainRequest.parse({ task: "churn", params: { algorithm: "logistic", folds: 2, capOutliers: "95" } }));
    const artifact = run.artifact as { features: string[]; caps: StoredCaps | null };
    const report = (run.metrics as { outliers: CapReport | null }).outliers!;
    expect(artifact.caps?.percentile).toBe(95);
    expect(report.percentile).toBe(95);
    // The report lists exactly the stored caps, feature by feature.
    const stored = artifact.features.flatMap((feature, j) => (artifact.caps!.upper[j] === null ? [] : [{ feature, cap: artifact.caps!.upper[j] }]));
    expect(report.features.map(({ feature, cap }) => ({ feature, cap }))).toEqual(stored);
    // Indicators and bounded shares are never capped.
    expect(artifact.caps!.upper[artifact.features.indexOf("subscription_active")]).toBeNull();
    expect(artifact.caps!.upper[artifact.features.indexOf("discount_share")]).toBeNull();
    const j = artifact.features.indexOf("tenure_days");
    const cap = artifact.caps!.upper[j]!;
    expect(cap).toBeGreaterThan(0);
    // About 5 % of the training rows sit above a 95th percentile cap.
    const tenure = report.features.find((f) => f.feature === "tenure_days")!;
    expect(tenure.capped).toBeGreaterThan(0);
    expect(tenure.capped).toBeLessThanOrEqual(Math.ceil(report.rows * 0.05));

    const [outlier, twin] = [ids[0]!, ids[1]!];
    await plant(outlier, twin, cap);
    await scoreRun(database.db, run.id);
    const a = await scoresOf(run.id, outlier);
    const b = await scoresOf(run.id, twin);
    expect(a.score).not.toBeNull();
    expect(a.score).toBe(b.score);

    // Control: the same model without caps tells the planted outlier apart.
    const uncapped = await train(ZTrainRequest.parse({ task: "churn", params: { algorithm: "logistic", folds: 2, capOutliers: "off" } }));
    expect((uncapped.artifact as { caps?: unknown }).caps ?? null).toBeNull();
    expect((uncapped.metrics as { outliers: unknown }).outliers).toBeNull();
    await scoreRun(database.db, uncapped.id);
    expect((await scoresOf(uncapped.id, outlier)).score).not.toBe((await scoresOf(uncapped.id, twin)).score);
  }, 180_000);

  it("clusters store their caps and assign the planted outlier with its capped twin", async () => {
    const run = await train(ZTrainRequest.parse({ task: "clusters", params: { kMin: 3, kMax: 4, restarts: 1, capOutliers: "99" } }));
    const artifact = run.artifact as { features: string[]; caps: StoredCaps | null };
    expect(artifact.caps?.percentile).toBe(99);
    const cap = artifact.caps!.upper[artifact.features.indexOf("tenure_days")]!;
    const [outlier, twin] = [ids[2]!, ids[3]!];
    await plant(outlier, twin, cap);
    await scoreRun(database.db, run.id);
    expect((await scoresOf(run.id, outlier)).cluster).toBe((await scoresOf(run.id, twin)).cluster);
  }, 180_000);
});
