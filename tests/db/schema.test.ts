import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";

describe(`migrated schema (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("has every domain table", async () => {
    const rows = await database.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        "api_keys", "assignments", "audit_log", "campaign_variants", "campaigns", "customer_features",
        "customer_scores", "customers", "demo_customer_truth", "demo_runs", "events", "model_runs",
        "outcomes", "products", "segment_members", "segment_snapshots", "segments", "staff",
      ]),
    );
  });

  const unindexedForeignKeys = () =>
    database.query<{ constraint: string }>(`
      SELECT c.conrelid::regclass::text || '.' || c.conname AS constraint
      FROM pg_constraint c
      WHERE c.contype = 'f'
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i
          WHERE i.indrelid = c.conrelid
            AND (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] = c.conkey::int2[]
        )
      ORDER BY 1`);

  it("indexes every foreign key (an index whose leading columns are the key's columns)", async () => {
    expect(await unindexedForeignKeys()).toEqual([]);
  });

  it("the foreign-key index check does catch a missing index", async () => {
    await database.query(`CREATE TABLE probe_parent (id int PRIMARY KEY)`);
    await database.query(`CREATE TABLE probe_child (id int PRIMARY KEY, parent_id int REFERENCES probe_parent(id))`);
    expect(await unindexedForeignKeys()).toEqual([{ constraint: "probe_child.probe_child_parent_id_fkey" }]);
    await database.query(`CREATE INDEX ON probe_child (parent_id)`);
    expect(await unindexedForeignKeys()).toEqual([]);
    await database.query(`DROP TABLE probe_child, probe_parent`);
  });

  it("stores every time with its time zone and money as integers", async () => {
    const columns = await database.query<{ table_name: string; column_name: string; data_type: string }>(`
      SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name NOT LIKE '\\_\\_%'`);
    const naiveTimes = columns.filter((c) => c.data_type === "timestamp without time zone");
    expect(naiveTimes).toEqual([]);
    // Stored amounts are integer cents; derived averages (avg_*_cents) may carry fractions.
    const money = columns.filter((c) => /cents$/.test(c.column_name) && !c.column_name.startsWith("avg_"));
    expect(money.length).toBeGreaterThanOrEqual(4);
    for (const column of money) expect(["integer", "bigint"]).toContain(column.data_type);
  });

  it("makes (source, external event id) the idempotency key of events", async () => {
    const rows = await database.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename = 'events' AND indexname = 'events_source_external_event_id_key'`,
    );
    expect(rows[0]?.indexdef).toMatch(/UNIQUE INDEX .* \(source, external_event_id\)/);
  });
});
