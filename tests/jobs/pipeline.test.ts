import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { loadDemo } from "../../server/demo";
import { runPipeline } from "../../server/worker/pipeline.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

const run = promisify(execFile);

describe(`the pipeline after a command-line import (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("with no data, every job reports why it could not run", async () => {
    const result = await runPipeline(database.db);
    expect(result.failed).toBeGreaterThan(0);
    for (const job of result.jobs.filter((j) => j.status === "failed")) expect(job.error).toBeTruthy();
  }, 120_000);

  it("on imported data: features, rollups, a model per task, scores and segments, all succeeded", async () => {
    await database.db.execute(sql`DELETE FROM jobs`);
    await database.db.execute(sql`DELETE FROM model_runs`);
    await loadDemo(database, { customers: 400, days: 240, seed: 5, endAt: new Date("2026-06-01T00:00:00Z") });
    const result = await runPipeline(database.db);
    expect(result.jobs.filter((j) => j.status !== "succeeded")).toEqual([]);
    const kinds = new Set(result.jobs.map((j) => j.kind));
    for (const kind of ["features.refresh", "kpi.rollup", "models.train", "models.score", "segments.refresh"]) expect(kinds).toContain(kind);
    const active = await selectRows<{ task: string }>(database.db, sql`SELECT task FROM model_runs WHERE is_active ORDER BY task`);
    expect(active.map((r) => r.task).sort()).toEqual(["baskets", "churn", "clusters", "hierarchy", "propensity"]);
    const [features] = await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM customer_features`);
    expect(features?.n).toBeGreaterThan(300);
  }, 600_000);

  it("the CLI refuses an unknown option with its usage", async () => {
    const failure = await run("npx", ["tsx", "scripts/pipeline.ts", "--bogus"], { cwd: process.cwd() }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain("Usage: npm run pipeline");
    const noTask = await run("npx", ["tsx", "scripts/pipeline.ts", "train", "everything"], { cwd: process.cwd() }).catch((error: { code: number; stderr: string }) => error);
    expect(noTask).toMatchObject({ code: 2 });
    expect((noTask as { stderr: string }).stderr).toContain("train needs a task: one of clusters, hierarchy, baskets, propensity, churn");
  }, 60_000);

  it("one stage: retraining churn alone runs the training and the scoring it sets off", async () => {
    const result = await runPipeline(database.db, { step: { step: "train", task: "churn" } });
    expect(result.failed).toBe(0);
    expect(result.jobs.map((j) => j.kind)).toContain("models.train");
    expect(result.jobs.some((j) => j.kind === "features.refresh")).toBe(false);
  }, 300_000);
});
