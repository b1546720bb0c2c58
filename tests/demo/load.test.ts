import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { loadDemo, type DemoSummary } from "../../server/demo/load";
import { PERSONAS } from "../../server/demo/personas";
import { countCustomers, resetDemoTables } from "../../server/demo/reset.repo";
import { engineUnderTest, openTestDatabase } from "../support/db";

const OPTIONS = { customers: 300, days: 120, seed: 3, endAt: new Date("2026-01-01T00:00:00Z") };

async function count(database: Database, sql: string): Promise<number> {
  const [row] = await database.query<{ n: number | string }>(sql);
  return Number(row?.n);
}

describe(`loading demo data (${engineUnderTest})`, () => {
  let database: Database;
  let summary: DemoSummary;
  const phases = new Set<string>();
  beforeAll(async () => {
    database = await openTestDatabase();
    summary = await loadDemo(database, OPTIONS, (p) => phases.add(p.phase));
  });
  afterAll(async () => {
    await database.close();
  });

  it("writes exactly the row counts the summary reports", async () => {
    for (const [table, rows] of Object.entries(summary.rows)) {
      expect(await count(database, `SELECT count(*)::float8 AS n FROM ${table}`), table).toBe(rows);
    }
    const byType = await database.query<{ type: string; n: number | string }>(`SELECT type::text, count(*)::float8 AS n FROM events GROUP BY type`);
    for (const row of byType) expect(Number(row.n), row.type).toBe(summary.eventsByType[row.type]);
    expect(summary.rows.events).toBeGreaterThan(5000);
    expect([...phases]).toEqual(["products", "customers", "truth", "events"]);
  });

  it("keeps events inside the window, tagged as demo, linked to real customers and products", async () => {
    const [range] = await database.query<{ lo: Date; hi: Date; sources: number | string }>(
      `SELECT min(occurred_at) AS lo, max(occurred_at) AS hi, count(DISTINCT source)::float8 AS sources FROM events`,
    );
    expect(new Date(range!.hi).getTime()).toBeLessThan(summary.endAt.getTime());
    expect(new Date(range!.lo).getTime()).toBeGreaterThanOrEqual(summary.startAt.getTime() - 8 * 3600 * 1000);
    expect(Number(range!.sources)).toBe(1);
    expect(await count(database, `SELECT count(*)::float8 AS n FROM events WHERE type = 'purchase' AND (amount_cents IS NULL OR product_id IS NULL)`)).toBe(0);
    expect(await count(database, `SELECT count(*)::float8 AS n FROM events e JOIN products p ON p.id = e.product_id WHERE e.type = 'purchase' AND e.amount_cents <> p.price_cents - coalesce((e.extra->>'discount_cents')::int, 0)`)).toBe(0);
  });

  it("stores planted truth only in the demo tables", async () => {
    const personas = await database.query<{ persona: string }>(`SELECT DISTINCT persona FROM demo_customer_truth ORDER BY persona`);
    expect(personas.map((p) => p.persona)).toEqual([...PERSONAS].sort());
    expect(await count(database, `SELECT count(*)::float8 AS n FROM customers WHERE attributes::text ILIKE '%persona%' OR attributes::text ILIKE '%churn%'`)).toBe(0);
    const [run] = await database.query<{ truth: { tracks: unknown[]; personas: Record<string, unknown> } }>(`SELECT truth FROM demo_runs WHERE id = $1`, [summary.demoRunId]);
    expect(run!.truth.tracks.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(run!.truth.personas).sort()).toEqual([...PERSONAS].sort());
    const consent = await count(database, `SELECT avg(marketing_consent::int)::float8 AS n FROM customers`);
    expect(consent).toBeGreaterThan(0.7);
    expect(consent).toBeLessThan(0.9);
  });

  it("leaves identity sequences usable and reloads cleanly after a reset", async () => {
    const [inserted] = await database.query<{ id: number | string }>(`INSERT INTO customers (external_id) VALUES ('after-demo') RETURNING id`);
    expect(Number(inserted!.id)).toBe(OPTIONS.customers + 1);
    expect(await countCustomers(database)).toBe(OPTIONS.customers + 1);
    await resetDemoTables(database);
    expect(await countCustomers(database)).toBe(0);
    const again = await loadDemo(database, OPTIONS);
    expect(again.rows).toEqual(summary.rows);
    expect(await count(database, `SELECT min(id)::float8 AS n FROM customers`)).toBe(1);
  });
});
