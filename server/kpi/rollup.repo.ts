import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";

const STATE = "events";

/** The ingestion watermark: events with ingested_at after it have not been rolled up yet. */
// Watermarks travel as Postgres text, not JS Dates: timestamps have microseconds, Dates only milliseconds.
export async function readWatermark(db: Db): Promise<string | null> {
  const rows = await selectRows<{ ingested_through: string | null }>(db, sql`SELECT ingested_through::text AS ingested_through FROM kpi_rollup_state WHERE name = ${STATE}`);
  return rows[0]?.ingested_through ?? null;
}

export async function latestIngestedAt(db: Db): Promise<string | null> {
  const rows = await selectRows<{ at: string | null }>(db, sql`SELECT max(ingested_at)::text AS at FROM events`);
  return rows[0]?.at ?? null;
}

/** UTC days holding events ingested in (after, through]; every day when `after` is null. */
export async function touchedDays(db: Db, after: string | null, through: string): Promise<string[]> {
  const rows = await selectRows<{ day: string | Date }>(
    db,
    sql`SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date::text AS day FROM events
        WHERE ingested_at <= ${through}::timestamptz
        ${after ? sql`AND ingested_at > ${after}::timestamptz` : sql``}
        ORDER BY 1`,
  );
  return rows.map((row) => String(row.day).slice(0, 10));
}

const dayArray = (days: readonly string[]) => sql`${`{${days.join(",")}}`}::date[]`;

/** Recomputes kpi_customer_day for the given days from the raw events (old rows replaced). */
export async function rebuildDays(db: Db, days: readonly string[]): Promise<number> {
  if (days.length === 0) return 0;
  const first = days[0]!;
  const last = days[days.length - 1]!;
  await db.execute(sql`DELETE FROM kpi_customer_day WHERE day = ANY(${dayArray(days)})`);
  const rows = await selectRows<{ n: number | string }>(
    db,
    sql`WITH inserted AS (
      INSERT INTO kpi_customer_day (day, customer_id, events, sessions, views, clicks, purchases, paid_purchases,
        coupon_purchases, gross_cents, refunds, refund_cents, enrols, free_enrols, learning, completes, subscribes,
        trials, renews, cancels, subscription_cents)
      SELECT (e.occurred_at AT TIME ZONE 'UTC')::date, e.customer_id, count(*)::int,
        count(*) FILTER (WHERE e.type = 'session')::int,
        count(*) FILTER (WHERE e.type = 'view')::int,
        count(*) FILTER (WHERE e.type = 'click')::int,
        count(*) FILTER (WHERE e.type = 'purchase')::int,
        count(*) FILTER (WHERE e.type = 'purchase' AND coalesce(e.amount_cents, 0) > 0)::int,
        count(*) FILTER (WHERE e.type = 'purchase' AND e.extra->>'coupon' IS NOT NULL)::int,
        coalesce(sum(e.amount_cents) FILTER (WHERE e.type IN ('purchase', 'subscribe', 'renew')), 0),
        count(*) FILTER (WHERE e.type = 'refund')::int,
        coalesce(sum(e.amount_cents) FILTER (WHERE e.type = 'refund'), 0),
        count(*) FILTER (WHERE e.type = 'enrol')::int,
        count(*) FILTER (WHERE e.type = 'enrol' AND p.is_free)::int,
        count(*) FILTER (WHERE e.type IN ('progress', 'complete'))::int,
        count(*) FILTER (WHERE e.type = 'complete')::int,
        count(*) FILTER (WHERE e.type = 'subscribe')::int,
        count(*) FILTER (WHERE e.type = 'subscribe' AND coalesce(e.amount_cents, 0) = 0)::int,
        count(*) FILTER (WHERE e.type = 'renew')::int,
        count(*) FILTER (WHERE e.type = 'cancel')::int,
        coalesce(sum(e.amount_cents) FILTER (WHERE e.type IN ('subscribe', 'renew')), 0)
      FROM events e LEFT JOIN products p ON p.id = e.product_id
      WHERE e.occurred_at >= ${first}::date AT TIME ZONE 'UTC'
        AND e.occurred_at < (${last}::date + 1) AT TIME ZONE 'UTC'
        AND (e.occurred_at AT TIME ZONE 'UTC')::date = ANY(${dayArray(days)})
      GROUP BY 1, 2
      RETURNING 1
    ) SELECT count(*)::int AS n FROM inserted`,
  );
  return Number(rows[0]?.n ?? 0);
}

const bit = sql`(1 << (extract(day FROM day)::int - 1))`;

/** Recomputes kpi_customer_month (sums and day-of-month masks) for the months containing the given days. */
export async function rebuildMonths(db: Db, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  const months = [...new Set(days.map((day) => `${day.slice(0, 7)}-01`))];
  await db.execute(sql`DELETE FROM kpi_customer_month WHERE month = ANY(${dayArray(months)})`);
  await db.execute(sql`
    INSERT INTO kpi_customer_month (month, customer_id, active_days, net_cents, active_mask, paying_mask, learning_mask,
      completing_mask, view_mask, click_mask, purchase_mask, renew_mask)
    SELECT date_trunc('month', day)::date, customer_id, count(*)::int, sum(gross_cents - refund_cents),
      bit_or(${bit}),
      coalesce(bit_or(${bit}) FILTER (WHERE gross_cents > 0), 0),
      coalesce(bit_or(${bit}) FILTER (WHERE learning > 0), 0),
      coalesce(bit_or(${bit}) FILTER (WHERE completes > 0), 0),
      coalesce(bit_or(${bit}) FILTER (WHERE views > 0), 0),
      coalesce(bit_or(${bit}) FILTER (WHERE clicks > 0), 0),
      coalesce(bit_or(${bit}) FILTER (WHERE purchases > 0), 0),
      coalesce(bit_or(${bit}) FILTER (WHERE renews > 0), 0)
    FROM kpi_customer_day
    WHERE day >= ${months[0]!}::date AND day < (${months[months.length - 1]!}::date + interval '1 month')
      AND date_trunc('month', day)::date = ANY(${dayArray(months)})
    GROUP BY 1, 2`);
}

/** Recomputes kpi_day_totals for the given days from kpi_customer_day (one row per day and channel). */
export async function rebuildDayTotals(db: Db, days: readonly string[]): Promise<void> {
  if (days.length === 0) return;
  await db.execute(sql`DELETE FROM kpi_day_totals WHERE day = ANY(${dayArray(days)})`);
  await db.execute(sql`
    INSERT INTO kpi_day_totals (day, channel, active, paying, learners, completers, gross_cents, refund_cents, paid_purchases, refunds, renews, cancels)
    SELECT d.day, coalesce(c.acquisition_channel, ''), count(*)::int, count(*) FILTER (WHERE d.gross_cents > 0)::int,
      count(*) FILTER (WHERE d.learning > 0)::int, count(*) FILTER (WHERE d.completes > 0)::int, sum(d.gross_cents), sum(d.refund_cents),
      sum(d.paid_purchases)::int, sum(d.refunds)::int, sum(d.renews)::int, sum(d.cancels)::int
    FROM kpi_customer_day d JOIN customers c ON c.id = d.customer_id
    WHERE d.day = ANY(${dayArray(days)})
    GROUP BY 1, 2`);
}

/** Recomputes the first-day table for customers with activity on the given days (all when full). */
export async function rebuildFirsts(db: Db, days: readonly string[], full: boolean): Promise<void> {
  const who = full ? sql`TRUE` : sql`customer_id IN (SELECT customer_id FROM kpi_customer_day WHERE day = ANY(${dayArray(days)}))`;
  if (full) await db.execute(sql`DELETE FROM kpi_customer_first`);
  await db.execute(sql`
    INSERT INTO kpi_customer_first (customer_id, first_day, first_paid_day, first_free_enrol_day, first_trial_day, first_paid_subscription_day)
    SELECT customer_id, min(day),
      min(day) FILTER (WHERE paid_purchases > 0 OR (subscription_cents > 0)),
      min(day) FILTER (WHERE free_enrols > 0),
      min(day) FILTER (WHERE trials > 0),
      min(day) FILTER (WHERE subscription_cents > 0)
    FROM kpi_customer_day WHERE ${who}
    GROUP BY customer_id
    ON CONFLICT (customer_id) DO UPDATE SET
      first_day = excluded.first_day, first_paid_day = excluded.first_paid_day,
      first_free_enrol_day = excluded.first_free_enrol_day, first_trial_day = excluded.first_trial_day,
      first_paid_subscription_day = excluded.first_paid_subscription_day`);
}

const COHORT_DAY = sql`coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day)`;
const COHORT = sql`date_trunc('month', coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day))::date`;

/** Rebuilds the cohort pre-aggregates in full (signup data may change with any customer import). */
export async function rebuildCohorts(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM kpi_cohort_size`);
  await db.execute(sql`
    INSERT INTO kpi_cohort_size (cohort, channel, size)
    SELECT ${COHORT}, coalesce(c.acquisition_channel, ''), count(*)::int
    FROM customers c LEFT JOIN kpi_customer_first f ON f.customer_id = c.id
    WHERE coalesce(c.signup_at::date, f.first_day) IS NOT NULL
    GROUP BY 1, 2`);
  await db.execute(sql`DELETE FROM kpi_cohort_month`);
  await db.execute(sql`
    INSERT INTO kpi_cohort_month (cohort, month, channel, active, net_cents)
    SELECT cc.cohort, m.month, cc.channel, count(*) FILTER (WHERE m.active_days > 0)::int, sum(m.net_cents)
    FROM kpi_customer_month m
    JOIN (SELECT c.id, ${COHORT} AS cohort, coalesce(c.acquisition_channel, '') AS channel
          FROM customers c LEFT JOIN kpi_customer_first f ON f.customer_id = c.id) cc ON cc.id = m.customer_id
    WHERE m.month >= cc.cohort
    GROUP BY 1, 2, 3`);
}

/** The day of bit 0 of every kpi_customer_timeline bitmap, null before the first rebuild. */
export async function readTimelineEpoch(db: Db): Promise<string | null> {
  const rows = await selectRows<{ epoch: string | null }>(db, sql`SELECT timeline_epoch::text AS epoch FROM kpi_rollup_state WHERE name = ${STATE}`);
  return rows[0]?.epoch ? String(rows[0].epoch).slice(0, 10) : null;
}

/**
 * Rebuilds the per-customer day bitmaps of the customers active on the given days (every customer
 * when `full`, or when those days reach before the epoch and bit 0 must move). The flags mirror
 * the monthly masks: any activity, gross > 0, learning, completing, views, clicks, purchases, renewals.
 */
export async function rebuildTimeline(db: Db, days: readonly string[], full: boolean): Promise<void> {
  if (days.length === 0 && !full) return;
  const [span] = await selectRows<{ first: string | null; last: string | null }>(db, sql`SELECT min(day)::text AS first, max(day)::text AS last FROM kpi_customer_day`);
  const first = span?.first ? String(span.first).slice(0, 10) : null;
  const last = span?.last ? String(span.last).slice(0, 10) : null;
  let epoch = await readTimelineEpoch(db);
  const everyone = full || epoch === null || (first !== null && first < epoch);
  if (everyone) {
    await db.execute(sql`DELETE FROM kpi_customer_timeline`);
    epoch = first;
    await db.execute(sql`
      INSERT INTO kpi_rollup_state (name, timeline_epoch) VALUES (${STATE}, ${epoch}::date)
      ON CONFLICT (name) DO UPDATE SET timeline_epoch = excluded.timeline_epoch`);
  } else {
    await db.execute(sql`DELETE FROM kpi_customer_timeline WHERE customer_id IN (SELECT customer_id FROM kpi_customer_day WHERE day = ANY(${dayArray(days)}))`);
  }
  if (epoch === null || last === null) return;
  const zeros = sql`repeat('0', ${last}::date - ${epoch}::date + 1)::varbit`;
  const bitOf = (condition: SQL) => sql`bit_or(CASE WHEN ${condition} THEN set_bit(${zeros}, day - ${epoch}::date, 1) ELSE ${zeros} END)`;
  const who = everyone ? sql`TRUE` : sql`customer_id IN (SELECT customer_id FROM kpi_customer_day WHERE day = ANY(${dayArray(days)}))`;
  await db.execute(sql`
    INSERT INTO kpi_customer_timeline (customer_id, active, paying, learning, completing, viewed, clicked, purchased, renewed)
    SELECT customer_id, ${bitOf(sql`TRUE`)}, ${bitOf(sql`gross_cents > 0`)}, ${bitOf(sql`learning > 0`)}, ${bitOf(sql`completes > 0`)},
      ${bitOf(sql`views > 0`)}, ${bitOf(sql`clicks > 0`)}, ${bitOf(sql`purchases > 0`)}, ${bitOf(sql`renews > 0`)}
    FROM kpi_customer_day WHERE ${who}
    GROUP BY customer_id`);
}

/** Rebuilds kpi_customer_cohort for the customers active on `days` and those in `moved` (all when `full`). */
async function rebuildCustomerCohorts(db: Db, days: readonly string[], full: boolean, moved: readonly number[]): Promise<void> {
  const who = full
    ? sql`TRUE`
    : sql`(f.customer_id IN (SELECT customer_id FROM kpi_customer_day WHERE day = ANY(${dayArray(days)})) OR f.customer_id = ANY(${`{${moved.join(",")}}`}::bigint[]))`;
  await db.execute(full ? sql`DELETE FROM kpi_customer_cohort` : sql`DELETE FROM kpi_customer_cohort c USING kpi_customer_first f WHERE f.customer_id = c.customer_id AND ${who}`);
  await db.execute(sql`
    INSERT INTO kpi_customer_cohort (customer_id, cohort, periods, period_net)
    SELECT f.customer_id, date_trunc('month', f.cohort_day)::date,
      array_agg(((extract(year FROM m.month) - extract(year FROM f.cohort_day)) * 12 + extract(month FROM m.month) - extract(month FROM f.cohort_day))::int ORDER BY m.month),
      array_agg(m.net_cents ORDER BY m.month)
    FROM kpi_customer_first f JOIN kpi_customer_month m ON m.customer_id = f.customer_id AND m.month >= date_trunc('month', f.cohort_day)::date
    WHERE f.cohort_day IS NOT NULL AND ${who}
    GROUP BY f.customer_id, f.cohort_day`);
}

const WEEK_OF = (day: SQL) => sql`date_trunc('week', ${day})::date`;

/**
 * Keeps the weekly cohort rollup exact without rebuilding it: records each active customer's
 * cohort day and channel, and recomputes the weeks that received events plus every week in which
 * a customer whose cohort or channel changed was active (a cell is a function of its week only).
 * Sizes are rebuilt in full (one pass over customers). `full` recomputes every week.
 */
export async function rebuildWeeklyCohorts(db: Db, days: readonly string[], full: boolean): Promise<void> {
  const changed = await selectRows<{ customer_id: number | string }>(
    db,
    sql`UPDATE kpi_customer_first f SET cohort_day = coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day),
          channel = coalesce(c.acquisition_channel, '')
        FROM customers c
        WHERE c.id = f.customer_id AND (f.cohort_day IS DISTINCT FROM coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day)
          OR f.channel IS DISTINCT FROM coalesce(c.acquisition_channel, ''))
        RETURNING f.customer_id`,
  );
  await db.execute(sql`DELETE FROM kpi_cohort_week_size`);
  await db.execute(sql`
    INSERT INTO kpi_cohort_week_size (cohort, channel, size)
    SELECT ${WEEK_OF(COHORT_DAY)}, coalesce(c.acquisition_channel, ''), count(*)::int
    FROM customers c LEFT JOIN kpi_customer_first f ON f.customer_id = c.id
    WHERE ${COHORT_DAY} IS NOT NULL
    GROUP BY 1, 2`);
  await rebuildCustomerCohorts(db, days, full, changed.map((r) => Number(r.customer_id)));
  let weeks: string[];
  if (full) {
    await db.execute(sql`DELETE FROM kpi_cohort_week`);
    weeks = (await selectRows<{ week: string }>(db, sql`SELECT DISTINCT ${WEEK_OF(sql`day`)}::text AS week FROM kpi_customer_day ORDER BY 1`)).map((r) => String(r.week).slice(0, 10));
  } else {
    const ids = changed.map((r) => Number(r.customer_id));
    const moved = ids.length
      ? await selectRows<{ week: string }>(
          db,
          sql`SELECT DISTINCT ${WEEK_OF(sql`day`)}::text AS week FROM kpi_customer_day WHERE customer_id = ANY(${`{${ids.join(",")}}`}::bigint[])`,
        )
      : [];
    const fromDays = (await selectRows<{ week: string }>(db, sql`SELECT DISTINCT ${WEEK_OF(sql`d`)}::text AS week FROM unnest(${dayArray(days)}) AS d`)).map((r) => r.week);
    weeks = [...new Set([...fromDays, ...moved.map((r) => r.week)].map((w) => String(w).slice(0, 10)))].sort();
    if (weeks.length === 0) return;
    await db.execute(sql`DELETE FROM kpi_cohort_week WHERE week = ANY(${dayArray(weeks)})`);
  }
  for (let i = 0; i < weeks.length; i += 8) {
    const batch = weeks.slice(i, i + 8);
    await db.execute(sql`
      INSERT INTO kpi_cohort_week (cohort, week, channel, active, net_cents)
      SELECT ${WEEK_OF(sql`f.cohort_day`)}, w.week, f.channel, count(*)::int, sum(w.net)
      FROM (
        SELECT customer_id, ${WEEK_OF(sql`day`)} AS week, sum(gross_cents - refund_cents) AS net
        FROM kpi_customer_day
        WHERE day >= ${batch[0]!}::date AND day < ${batch[batch.length - 1]!}::date + 7 AND ${WEEK_OF(sql`day`)} = ANY(${dayArray(batch)})
        GROUP BY 1, 2
      ) w JOIN kpi_customer_first f ON f.customer_id = w.customer_id
      WHERE w.week >= ${WEEK_OF(sql`f.cohort_day`)}
      GROUP BY 1, 2, 3`);
  }
}

/** Each customer's net revenue over the 12 months up to the latest rolled-up month (value at stake). */
export async function rebuildTrailingValue(db: Db): Promise<void> {
  await db.execute(sql`UPDATE kpi_customer_first SET trailing_net_cents = 0 WHERE trailing_net_cents <> 0`);
  await db.execute(sql`
    UPDATE kpi_customer_first f SET trailing_net_cents = v.net
    FROM (
      SELECT customer_id, sum(net_cents) AS net FROM kpi_customer_month
      WHERE month > (SELECT max(month) FROM kpi_customer_month) - interval '12 months'
      GROUP BY customer_id
    ) v
    WHERE v.customer_id = f.customer_id AND v.net <> 0`);
}

/**
 * Course-to-course transitions: for each learner, distinct products ordered by their first enrol
 * or purchase, and each consecutive pair counted once per learner. Rebuilt in full: it is one
 * pass over the enrol/purchase events.
 */
export async function rebuildNextCourse(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM kpi_next_course`);
  await db.execute(sql`
    INSERT INTO kpi_next_course (from_product_id, to_product_id, learners)
    SELECT prev, product_id, count(*)::int FROM (
      SELECT product_id, lag(product_id) OVER (PARTITION BY customer_id ORDER BY first_at, product_id) AS prev
      FROM (
        SELECT e.customer_id, e.product_id, min(e.occurred_at) AS first_at
        FROM events e JOIN products p ON p.id = e.product_id
        WHERE e.type IN ('enrol', 'purchase') AND p.kind = 'course'
        GROUP BY e.customer_id, e.product_id
      ) firsts
    ) pairs
    WHERE prev IS NOT NULL
    GROUP BY prev, product_id`);
}

export async function writeWatermark(db: Db, through: string, daysRefreshed: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO kpi_rollup_state (name, ingested_through, refreshed_at, days_refreshed)
    VALUES (${STATE}, ${through}::timestamptz, now(), ${daysRefreshed})
    ON CONFLICT (name) DO UPDATE SET ingested_through = excluded.ingested_through, refreshed_at = now(), days_refreshed = excluded.days_refreshed`);
}

export async function rollupStatus(db: Db) {
  const rows = await selectRows<{ ingested_through: string | Date | null; refreshed_at: string | Date; days_refreshed: number }>(
    db,
    sql`SELECT ingested_through, refreshed_at, days_refreshed FROM kpi_rollup_state WHERE name = ${STATE}`,
  );
  const row = rows[0];
  return row ? { refreshedAt: new Date(row.refreshed_at), daysRefreshed: Number(row.days_refreshed) } : null;
}
