import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { events, segments } from "../../server/db/schema";
import { drainJobs, enqueueJob } from "../../server/jobs/queue";
import { JOB_DEFINITIONS } from "../../server/worker/registry";
import { kpiRollupJob } from "../../server/kpi/rollup.job";
import { ZKpiFilters } from "../../server/kpi/filters.sql";
import { funnel } from "../../server/kpi/funnel.repo";
import { cohortTriangle } from "../../server/kpi/cohorts";
import { refreshKpiRollups } from "../../server/kpi/rollup";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { A, insertKpiFixture } from "./fixture";

const DAY_TABLE = sql`SELECT day::text, customer_id, events, sessions, views, clicks, purchases, paid_purchases, coupon_purchases, gross_cents,
  refunds, refund_cents, enrols, free_enrols, learning, completes, subscribes, trials, renews, cancels, subscription_cents
  FROM kpi_customer_day ORDER BY day, customer_id`;

/** The same per-customer-day numbers straight from the events, as an independent reference. */
const DIRECT = sql`SELECT (occurred_at AT TIME ZONE 'UTC')::date::text AS day, customer_id, count(*)::int AS events,
  sum((type = 'purchase')::int)::int AS purchases, coalesce(sum(amount_cents) FILTER (WHERE type IN ('purchase', 'subscribe', 'renew')), 0)::bigint AS gross_cents,
  coalesce(sum(amount_cents) FILTER (WHERE type = 'refund'), 0)::bigint AS refund_cents, sum((type = 'complete')::int)::int AS completes
  FROM events GROUP BY 1, 2 ORDER BY 1, 2`;

async function snapshot(database: Database, query = DAY_TABLE) {
  return (await selectRows<Record<string, unknown>>(database.db, query)).map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]))));
}

describe(`KPI rollups (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await insertKpiFixture(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it("the daily rollup equals a direct aggregation of the events", async () => {
    const summary = await refreshKpiRollups(database.db);
    expect(summary.full).toBe(true);
    expect(summary.days).toBe(13);
    const rolled = await selectRows<Record<string, unknown>>(
      database.db,
      sql`SELECT day::text AS day, customer_id, events, purchases, gross_cents, refund_cents, completes FROM kpi_customer_day ORDER BY day, customer_id`,
    );
    const direct = await selectRows<Record<string, unknown>>(database.db, DIRECT);
    const text = (rows: Record<string, unknown>[]) => rows.map((r) => Object.values(r).map(String).join("|"));
    expect(text(rolled)).toEqual(text(direct));
    const months = await selectRows<{ month: string; customer_id: number; net_cents: string }>(
      database.db,
      sql`SELECT month::text AS month, customer_id, net_cents::text AS net_cents FROM kpi_customer_month WHERE customer_id = 2`,
    );
    expect(months).toEqual([{ month: "2026-03-01", customer_id: expect.anything(), net_cents: "0" }]);
  });

  it("an incremental run re-rolls only the touched days and ends where a full rebuild does", async () => {
    await database.db.insert(events).values([
      { source: "late", externalEventId: "late-1", customerId: 5, type: "purchase", productId: A, occurredAt: new Date("2026-02-26T08:00:00Z"), amountCents: 12000 },
      { source: "late", externalEventId: "late-2", customerId: 5, type: "view", productId: A, occurredAt: new Date("2026-03-12T08:00:00Z") },
    ]);
    const incremental = await refreshKpiRollups(database.db);
    expect(incremental).toMatchObject({ full: false, days: 2 });
    const afterIncremental = await snapshot(database);
    const firsts = await snapshot(database, sql`SELECT customer_id, first_day::text, first_paid_day::text FROM kpi_customer_first ORDER BY customer_id`);
    await refreshKpiRollups(database.db, { full: true });
    expect(await snapshot(database)).toEqual(afterIncremental);
    expect(await snapshot(database, sql`SELECT customer_id, first_day::text, first_paid_day::text FROM kpi_customer_first ORDER BY customer_id`)).toEqual(firsts);
    const nothing = await refreshKpiRollups(database.db);
    expect(nothing.days).toBe(0);
  });

  it("daily totals per channel add up to the per-customer rollup", async () => {
    const fromTotals = await snapshot(database, sql`SELECT day::text, sum(gross_cents)::text AS g, sum(active)::text AS a, sum(learners)::text AS l FROM kpi_day_totals GROUP BY day ORDER BY day`);
    const fromCustomers = await snapshot(
      database,
      sql`SELECT day::text, sum(gross_cents)::text AS g, count(*)::text AS a, count(*) FILTER (WHERE learning > 0)::text AS l FROM kpi_customer_day GROUP BY day ORDER BY day`,
    );
    expect(fromTotals).toEqual(fromCustomers);
  });

  it("a funnel across two months joins each customer's month rows", async () => {
    await database.db.insert(events).values({ source: "late", externalEventId: "late-click", customerId: 5, type: "click", productId: A, occurredAt: new Date("2026-03-12T09:00:00Z") });
    await refreshKpiRollups(database.db);
    // c5 viewed and clicked in March but bought in February (late-1): it still counts as a buyer.
    const result = await funnel(database.db, ZKpiFilters.parse({ from: "2026-02-20", to: "2026-03-12" }));
    expect(result.steps.map((s) => s.customers)).toEqual([4, 4, 3, 1, 0]);
  });

  it("runs as the kpi.rollup job", async () => {
    await database.db.insert(events).values({ source: "late", externalEventId: "late-3", customerId: 4, type: "session", occurredAt: new Date("2026-03-13T08:00:00Z") });
    await enqueueJob(database.db, kpiRollupJob, {});
    expect(await drainJobs(database.db, JOB_DEFINITIONS)).toBe(1);
    const [row] = await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM kpi_customer_day WHERE day = '2026-03-13'`);
    expect(row?.n).toBe(1);
  });

  it("the day bitmaps, customer cohort rows and weekly cohorts equal direct computation after incremental runs", async () => {
    await database.db.insert(events).values([
      { source: "late", externalEventId: "late-4", customerId: 3, type: "purchase", productId: A, occurredAt: new Date("2026-03-11T08:00:00Z"), amountCents: 5000 },
      { source: "late", externalEventId: "late-5", customerId: 1, type: "view", productId: A, occurredAt: new Date("2026-02-16T08:00:00Z") },
    ]);
    expect((await refreshKpiRollups(database.db)).full).toBe(false);
    const bits = (flag: string) =>
      snapshot(
        database,
        sql`SELECT t.customer_id, (s.timeline_epoch + i)::text AS day FROM kpi_customer_timeline t CROSS JOIN kpi_rollup_state s,
              generate_series(0, length(t.${sql.raw(flag)}) - 1) AS i
            WHERE s.name = 'events' AND get_bit(t.${sql.raw(flag)}, i) = 1 ORDER BY 1, 2`,
      );
    const days = (condition: string) => snapshot(database, sql`SELECT customer_id, day::text AS day FROM kpi_customer_day WHERE ${sql.raw(condition)} ORDER BY 1, 2`);
    expect(await bits("active")).toEqual(await days("TRUE"));
    expect(await bits("paying")).toEqual(await days("gross_cents > 0"));
    expect(await bits("viewed")).toEqual(await days("views > 0"));
    expect(await bits("learning")).toEqual(await days("learning > 0"));

    // Customer cohort rows: one (period, net) per monthly row since the cohort month.
    const cohortRows = await snapshot(database, sql`SELECT customer_id, cohort::text, u.period, u.net FROM kpi_customer_cohort, unnest(periods, period_net) AS u(period, net) ORDER BY 1, 3`);
    const directRows = await snapshot(
      database,
      sql`SELECT m.customer_id, date_trunc('month', coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day))::date::text AS cohort,
            ((extract(year FROM m.month) - extract(year FROM coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day))) * 12
              + extract(month FROM m.month) - extract(month FROM coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day)))::int AS period, m.net_cents AS net
          FROM kpi_customer_month m JOIN customers c ON c.id = m.customer_id JOIN kpi_customer_first f ON f.customer_id = m.customer_id
          WHERE m.month >= date_trunc('month', coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day)) ORDER BY 1, 3`,
    );
    expect(cohortRows).toEqual(directRows);

    // Rollup-backed triangles equal the direct ones: a segment of every customer takes the direct
    // (weekly) and per-member (monthly) paths.
    const [everyone] = await database.db.insert(segments).values({ name: "everyone", kind: "manual", definition: { kind: "manual", customerIds: [1] } }).returning();
    await database.db.execute(sql`INSERT INTO segment_members (segment_id, customer_id) SELECT ${everyone!.id}::uuid, id FROM customers`);
    for (const range of [{ from: "2026-02-01", to: "2026-03-13" }, { from: "2026-02-10", to: "2026-03-11" }, { from: "2026-03-02", to: "2026-03-08" }]) {
      for (const grain of ["week", "month"] as const) {
        const filters = ZKpiFilters.parse(range);
        const rolled = await cohortTriangle(database.db, filters, grain);
        expect(rolled.rows.length).toBeGreaterThan(0);
        expect(await cohortTriangle(database.db, { ...filters, segmentId: everyone!.id }, grain)).toEqual(rolled);
      }
    }
  });
});
