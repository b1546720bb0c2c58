import { count, desc, sql } from "drizzle-orm";
import type { Db } from "../db";
import { contactable, customers, events, products, selectRows } from "../db";

export interface DailyActivity {
  day: string;
  events: number;
  purchases: number;
  revenueCents: number;
}

/** Row counts and the last 90 days of activity: what a newcomer sees first. */
export async function workspaceSummary(db: Db) {
  const [customerTotals, productTotals, eventTotals, byType, byCategory, daily] = await Promise.all([
    db
      .select({
        total: count(),
        consenting: sql<number>`count(*) filter (where ${contactable("customers")})`.mapWith(Number),
      })
      .from(customers),
    db.select({ total: count() }).from(products),
    db
      .select({
        total: count(),
        first: sql<Date | null>`min(${events.occurredAt})`.mapWith((v: string | Date | null) => (v ? new Date(v) : null)),
        last: sql<Date | null>`max(${events.occurredAt})`.mapWith((v: string | Date | null) => (v ? new Date(v) : null)),
      })
      .from(events),
    db.select({ type: events.type, total: count() }).from(events).groupBy(events.type).orderBy(desc(count())),
    db
      .select({ category: products.category, total: count() })
      .from(products)
      .groupBy(products.category)
      .orderBy(desc(count()), products.category),
    selectRows<{ day: string; events: number | string; purchases: number | string; revenue_cents: number | string | null }>(db, sql`
      with bounds as (select max(occurred_at) as last from events)
      select to_char(date_trunc('day', e.occurred_at at time zone 'UTC'), 'YYYY-MM-DD') as day,
             count(*) as events,
             count(*) filter (where e.type = 'purchase') as purchases,
             coalesce(sum(e.amount_cents) filter (where e.type = 'purchase'), 0) as revenue_cents
      from events e, bounds b
      where e.occurred_at > b.last - interval '90 days'
      group by 1
      order by 1`),
  ]);
  const dailyRows: DailyActivity[] = daily.map((row) => ({
    day: row.day,
    events: Number(row.events),
    purchases: Number(row.purchases),
    revenueCents: Number(row.revenue_cents ?? 0),
  }));
  return {
    customers: customerTotals[0]?.total ?? 0,
    consentingCustomers: customerTotals[0]?.consenting ?? 0,
    products: productTotals[0]?.total ?? 0,
    events: eventTotals[0]?.total ?? 0,
    firstEventAt: eventTotals[0]?.first ?? null,
    lastEventAt: eventTotals[0]?.last ?? null,
    eventsByType: byType,
    productsByCategory: byCategory,
    daily: dailyRows,
  };
}

export type WorkspaceSummary = Awaited<ReturnType<typeof workspaceSummary>>;
