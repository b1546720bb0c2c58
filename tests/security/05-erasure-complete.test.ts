import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { assignments, assignmentSegments, campaigns, campaignVariants, customers, customerScores, jobs, modelRuns, outcomes, segmentMembers, segments } from "../../server/db/schema";
import { eraseCustomer } from "../../server/customers/erase.service";
import { loadDemo } from "../../server/demo/load";
import { refreshFeatures } from "../../server/features/refresh";
import { refreshKpiRollups } from "../../server/kpi/rollup";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

/**
 * Every table that can hold a row about one customer: a column named customer_id (or customer),
 * or a foreign key to customers. Read from the live catalogue, so a table added later is walked
 * too, and the test fails until erasure (and the fixture below) know about it.
 */
async function customerTables(database: Database): Promise<{ table: string; column: string }[]> {
  const rows = await selectRows<{ table: string; column: string }>(
    database.db,
    sql`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
          WHERE table_schema = current_schema() AND column_name IN ('customer_id', 'customer') AND table_name <> 'customers'
        UNION
        SELECT rel.relname AS "table", att.attname AS "column"
          FROM pg_constraint con
          JOIN pg_class rel ON rel.oid = con.conrelid
          JOIN pg_namespace ns ON ns.oid = rel.relnamespace AND ns.nspname = current_schema()
          JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
          WHERE con.contype = 'f' AND con.confrelid = 'customers'::regclass AND rel.relname <> 'customers'
        ORDER BY 1, 2`,
  );
  return rows;
}

async function rowsFor(database: Database, table: string, column: string, customerId: number): Promise<number> {
  const rows = await selectRows<{ n: number | string }>(
    database.db,
    sql`SELECT count(*)::float8 AS n FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ${customerId}`,
  );
  return Number(rows[0]?.n ?? -1);
}

describe(`finding 05: erasure removes every per-customer row, KPI rollups included (${engineUnderTest})`, () => {
  let database: Database;
  let target: { id: number; externalId: string };
  let tables: { table: string; column: string }[];
  let admin: { id: string; email: string };

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database, { customers: 60, days: 90, seed: 5, endAt: new Date("2026-01-01T00:00:00Z") });
    await refreshFeatures(database.db);
    await refreshKpiRollups(database.db, { full: true });
    // The busiest customer has rows in every rollup (day, month, timeline, first, cohort).
    const [busiest] = await selectRows<{ id: number | string; externalId: string }>(
      database.db,
      sql`SELECT c.id, c.external_id AS "externalId" FROM customers c JOIN events e ON e.customer_id = c.id
          WHERE c.signup_at IS NOT NULL GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1`,
    );
    if (!busiest) throw new Error("the demo produced no events");
    target = { id: Number(busiest.id), externalId: busiest.externalId };
    const other = target.id === 1 ? 2 : 1;
    // Derived rows a demo load does not make: a feature build in progress, a model score, a segment, a campaign arm.
    await database.db.execute(sql`INSERT INTO feature_build_rows (build_id, customer_id, as_of) VALUES ('erasure-fixture-build', ${target.id}, now())`);
    const [run] = await database.db.insert(modelRuns).values({ task: "churn", algorithm: "logistic", version: 1, status: "succeeded", isActive: true }).returning();
    await database.db.insert(customerScores).values([{ modelRunId: run!.id, customerId: target.id, score: 0.7 }, { modelRunId: run!.id, customerId: other, score: 0.2 }]);
    const [segment] = await database.db.insert(segments).values({ name: "Hand-picked", kind: "manual" }).returning();
    await database.db.insert(segmentMembers).values([{ segmentId: segment!.id, customerId: target.id }, { segmentId: segment!.id, customerId: other }]);
    const [campaign] = await database.db.insert(campaigns).values({ name: "Winter", goal: "first_purchase", channel: "email", salt: "w" }).returning();
    const [variant] = await database.db.insert(campaignVariants).values({ campaignId: campaign!.id, key: "a", name: "A" }).returning();
    for (const customerId of [target.id, other]) {
      await database.db.insert(assignments).values({ campaignId: campaign!.id, customerId, variantId: variant!.id });
      await database.db.insert(assignmentSegments).values({ campaignId: campaign!.id, segmentId: segment!.id, customerId });
      await database.db.insert(outcomes).values({ campaignId: campaign!.id, customerId, variantId: variant!.id, converted: true });
    }
    const staff = await createStaff(database.db, null, { email: "dpo@example.com", name: "DPO", role: "admin", password: "long enough 1" });
    admin = { id: staff.id, email: staff.email };
    tables = await customerTables(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it("the fixture puts the customer in every table with a customer column (extend it when a table is added)", async () => {
    // The rollup tables named in the finding must be among those walked.
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(["kpi_customer_day", "kpi_customer_month", "kpi_customer_timeline", "kpi_customer_first", "kpi_customer_cohort", "events", "customer_features"]),
    );
    const empty: string[] = [];
    for (const { table, column } of tables) if ((await rowsFor(database, table, column, target.id)) === 0) empty.push(table);
    expect(empty, "tables without a row for the customer before erasure").toEqual([]);
  });

  it("leaves no row for the erased customer in any table but the tombstone, and a rollup brings none back", async () => {
    const others = await selectRows<{ n: number | string }>(database.db, sql`SELECT count(*)::float8 AS n FROM kpi_customer_day WHERE customer_id <> ${target.id}`);
    await eraseCustomer(database.db, admin, { id: target.id, confirmExternalId: target.externalId });
    const kept = async () => {
      const left: string[] = [];
      for (const { table, column } of tables) {
        const n = await rowsFor(database, table, column, target.id);
        if (n !== 0) left.push(`${table}.${column}: ${n}`);
      }
      return left;
    };
    expect(await kept(), `tables still holding rows for customer ${target.id} after erasure`).toEqual([]);
    const [tombstone] = await database.db.select().from(customers).where(eq(customers.id, target.id));
    expect(tombstone?.erasedAt).toBeInstanceOf(Date);
    expect([tombstone?.displayName, tombstone?.email, tombstone?.phone, tombstone?.signupAt, tombstone?.region]).toEqual([null, null, null, null, null]);
    // Everyone else keeps their rollups.
    const othersAfter = await selectRows<{ n: number | string }>(database.db, sql`SELECT count(*)::float8 AS n FROM kpi_customer_day WHERE customer_id <> ${target.id}`);
    expect(Number(othersAfter[0]?.n)).toBe(Number(others[0]?.n));
    expect(Number(others[0]?.n)).toBeGreaterThan(0);

    // The aggregate tables (day totals, cohorts) are rebuilt without the person: a full rollup is queued.
    const queued = await database.db.select().from(jobs).where(eq(jobs.kind, "kpi.rollup"));
    expect(queued.some((job) => job.status === "queued" && (job.payload as { full?: boolean }).full === true)).toBe(true);
    await refreshKpiRollups(database.db);
    await refreshKpiRollups(database.db, { full: true });
    await refreshFeatures(database.db);
    expect(await kept(), "rows brought back by a rollup or refresh").toEqual([]);
  });
});
