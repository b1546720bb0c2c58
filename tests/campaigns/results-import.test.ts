import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignReadout } from "../../server/campaigns/readout.service";
import { importCampaignResults } from "../../server/campaigns/results-import";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";

const run = promisify(execFile);
const HEADER = "customer_id,variant,exposed_at,converted,revenue,pre_period_value";

/** 400 customers per arm; treatment converts 20%, control 10%; customer ids ext-1..ext-800. */
function goodFile(): string {
  const lines = [HEADER];
  for (let i = 1; i <= 800; i++) {
    const treated = i % 2 === 0;
    const converted = treated ? i % 10 === 0 : i % 20 === 1;
    lines.push(`ext-${i},${treated ? "coupon" : "control"},2025-03-0${1 + (i % 9)}T10:00:00Z,${converted ? 1 : 0},${converted ? "49.90" : "0"},${i % 7 === 0 ? "" : (i % 13) * 1.5}`);
  }
  return `${lines.join("\n")}\n`;
}

describe(`imported campaign results (${engineUnderTest})`, () => {
  let database: Database;
  let dir = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "campaign-results-"));
    await database.query(`INSERT INTO customers (external_id) VALUES ('ext-1'), ('ext-2')`);
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses the whole file when any row is bad, listing every error by line, and writes nothing", async () => {
    const file = path.join(dir, "bad.csv");
    const lines = goodFile().trimEnd().split("\n");
    lines[3] = "ext-3,control,2025-03-01T10:00:00Z,yes,0,";
    lines[5] = "ext-5,control,2025-03-01,0,0,";
    lines[7] = "ext-7,coupon,2025-03-01T10:00:00Z,1,-4.00,";
    lines[9] = "ext-2,coupon,2025-03-01T10:00:00Z,1,1.234,abc";
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const summary = await importCampaignResults(database.db, { filePath: file, campaignName: "Imported spring", control: "control" });
    if (summary.outcome !== "refused") throw new Error("expected refusal");
    expect(summary.errors.map((e) => `${e.line}:${e.field}`)).toEqual(["4:converted", "6:exposed_at", "8:revenue", "10:revenue", "10:pre_period_value"]);
    expect(summary.errors.find((e) => e.line === 10 && e.field === "revenue")?.message).toBe("must have at most 2 decimal places");
    expect(summary.errors.find((e) => e.line === 4)?.message).toBe("must be 0 or 1");
    const [count] = await database.query<{ n: number }>(`SELECT (SELECT count(*) FROM campaigns)::int + (SELECT count(*) FROM assignments)::int + (SELECT count(*) FROM outcomes)::int AS n`);
    expect(count?.n).toBe(0);
    const [customers] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers`);
    expect(customers?.n).toBe(2);
  });

  it("refuses a control that is not a variant in the file", async () => {
    const file = path.join(dir, "good.csv");
    fs.writeFileSync(file, goodFile());
    const summary = await importCampaignResults(database.db, { filePath: file, campaignName: "Imported spring", control: "baseline" });
    expect(summary.outcome === "refused" && summary.errors[0]).toMatchObject({ field: "control", message: 'control "baseline" is not a variant in the file (found: control, coupon)' });
  });

  it("imports a good file in one go, creating unknown customers and reading out the lift", async () => {
    const file = path.join(dir, "good.csv");
    const summary = await importCampaignResults(database.db, { filePath: file, campaignName: "Imported spring", control: "control" });
    if (summary.outcome !== "imported") throw new Error(JSON.stringify(summary));
    expect(summary).toMatchObject({ rows: 800, arms: { control: 400, coupon: 400 }, customersCreated: 798, assignments: 800, outcomes: 800 });
    const r = await campaignReadout(database.db, summary.campaignId, { cuped: true });
    expect(r.arms.map((a) => [a.key, a.exposures, a.conversions])).toEqual([
      ["control", 400, 40],
      ["coupon", 400, 80],
    ]);
    const c = r.comparisons[0];
    if (!c?.conversion.difference.defined) throw new Error("undefined diff");
    expect(c.conversion.difference.estimate).toBeCloseTo(0.1, 10);
    expect(r.verdict.kind).toBe("winner");
    // Re-import replaces rather than duplicates.
    const again = await importCampaignResults(database.db, { filePath: file, campaignName: "Imported spring", control: "control" });
    expect(again.outcome === "imported" && again.customersCreated).toBe(0);
    const [n] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM outcomes`);
    expect(n?.n).toBe(800);
  });

  it("works from the CLI: import, then a JSON read-out with arms, comparisons and SRM", async () => {
    const dataDir = path.join(dir, "cli-data");
    const env = { ...process.env, STRATUM_DATA_DIR: dataDir, DATABASE_URL: "" };
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const file = path.join(dir, "good.csv");
    const imported = await run("npx", ["tsx", "scripts/import.ts", "campaign-results", file, "--campaign", "CLI campaign", "--control", "control"], { env, cwd: process.cwd() });
    expect(imported.stdout).toContain("Imported 800 result rows");
    expect(imported.stdout).toContain("customers created (external id only): 800");
    const out = await run("npx", ["tsx", "scripts/campaign.ts", "results", "CLI campaign", "--json"], { env, cwd: process.cwd() });
    const json = JSON.parse(out.stdout) as {
      arms: { key: string; exposures: number; conversions: number; rate: { defined: boolean; wilson?: { lower: number } } }[];
      comparisons: { conversion: { difference: { estimate: number }; relativeLift: { estimate: number }; zTest: { pValue: number } }; primary: { metric: string; probBeatBaseline: { value: number } } }[];
      srm: { defined: boolean; pValue: number };
    };
    expect(json.arms.map((a) => a.exposures)).toEqual([400, 400]);
    expect(json.arms[0]?.rate.wilson?.lower).toBeGreaterThan(0);
    expect(json.comparisons[0]?.conversion.relativeLift.estimate).toBeCloseTo(1, 10);
    expect(json.comparisons[0]?.conversion.zTest.pValue).toBeLessThan(0.001);
    expect(json.comparisons[0]?.primary.metric).toBe("conversion");
    expect(json.comparisons[0]?.primary.probBeatBaseline.value).toBeGreaterThan(0.99);
    expect(json.srm).toMatchObject({ defined: true, pValue: 1 });
  }, 120_000);
});

describe(`imported campaign results skip erased customers (${engineUnderTest})`, () => {
  let database: Database;
  let dir = "";
  beforeAll(async () => {
    database = await openTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-results-erased-"));
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("stores no assignment or outcome for a tombstone, and says how many rows it skipped", async () => {
    await database.query(`INSERT INTO customers (external_id, erased_at) VALUES ('ext-2', now()), ('ext-3', now())`);
    const file = path.join(dir, "good.csv");
    fs.writeFileSync(file, goodFile());
    const result = await importCampaignResults(database.db, { filePath: file, campaignName: "Erased check", control: "control" });
    expect(result.outcome === "imported" && result.erased).toBe(2);
    const [stored] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outcomes o JOIN customers c ON c.id = o.customer_id WHERE c.external_id IN ('ext-2', 'ext-3')`,
    );
    expect(stored?.n).toBe(0);
  });
});
