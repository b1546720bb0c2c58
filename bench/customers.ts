/**
 * `npm run bench -- customers [--customers N] [--repeat R]`
 * Generates N customers (plus feature rows and an active churn model's scores) with plain SQL in
 * a fresh temporary Postgres database, then times customer-browser pages through the same
 * domain function the API calls: page query plus total count, for typical sorts, filters,
 * searches and deep pages.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { listCustomers } from "../server/customers/customers.service";
import { ZListCustomers, type ListCustomersInput } from "../server/customers/customers.schemas";
import type { Database } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { freshDatabase } from "./support/fresh-database";

const FlagsSchema = z.object({
  customers: z.coerce.number().int().min(1000).max(5_000_000).default(1_000_000),
  repeat: z.coerce.number().int().min(1).max(50).default(5),
});

async function generate(database: Database, n: number): Promise<void> {
  await database.query(`
    INSERT INTO customers (external_id, display_name, email, phone, signup_at, acquisition_channel, region, city_tier, age_band, device, marketing_consent)
    SELECT 'C' || lpad(g::text, 8, '0'), 'Name ' || g, 'u' || g || '@example.com', '138' || lpad((g % 100000000)::text, 8, '0'),
      timestamptz '2024-01-01' + (abs(hashint4(g)) % 700) * interval '1 day',
      (ARRAY['search','social','referral','ads','organic'])[1 + abs(hashint4(g + 1)) % 5],
      (ARRAY['Beijing','Shanghai','Guangdong','Zhejiang','Jiangsu','Sichuan','Hubei','Fujian','Shandong','Henan'])[1 + abs(hashint4(g + 2)) % 10],
      1 + abs(hashint4(g + 3)) % 5,
      (ARRAY['18-24','25-34','35-44','45-54','55+'])[1 + abs(hashint4(g + 4)) % 5],
      (ARRAY['ios','android','web'])[1 + abs(hashint4(g + 5)) % 3],
      abs(hashint4(g + 6)) % 3 <> 0
    FROM generate_series(1, ${n}) g`);
  // Two thirds are buyers with RFM scores; the rest have null recency and scores, as after a refresh.
  await database.query(`
    INSERT INTO customer_features (customer_id, as_of, recency_days, frequency, monetary_cents, r_score, f_score, m_score)
    SELECT id, now(),
      CASE WHEN id % 3 = 0 THEN NULL ELSE abs(hashint4(id::int + 7)) % 365 END,
      CASE WHEN id % 3 = 0 THEN 0 ELSE 1 + abs(hashint4(id::int + 8)) % 20 END,
      CASE WHEN id % 3 = 0 THEN 0 ELSE abs(hashint4(id::int + 9)) % 500000 END,
      CASE WHEN id % 3 = 0 THEN NULL ELSE 1 + abs(hashint4(id::int + 10)) % 5 END,
      CASE WHEN id % 3 = 0 THEN NULL ELSE 1 + abs(hashint4(id::int + 11)) % 5 END,
      CASE WHEN id % 3 = 0 THEN NULL ELSE 1 + abs(hashint4(id::int + 12)) % 5 END
    FROM customers`);
  const [run] = await database.query<{ id: string }>(
    `INSERT INTO model_runs (task, algorithm, version, status, is_active, activated_at) VALUES ('churn', 'bench', 1, 'succeeded', true, now()) RETURNING id`,
  );
  await database.query(
    `INSERT INTO customer_scores (model_run_id, customer_id, score) SELECT $1, id, (abs(hashint4(id::int + 13)) % 10000) / 10000.0 FROM customers`,
    [run?.id],
  );
  await database.query("VACUUM ANALYZE");
}

const CASES: ReadonlyArray<[string, Partial<ListCustomersInput>]> = [
  ["default", {}],
  ["page-2", { page: 2 }],
  ["page-400", { page: 400 }],
  ["page-400-signup", { page: 400, sort: "signupAt", direction: "desc" }],
  ["signup-desc", { sort: "signupAt", direction: "desc" }],
  ["region-filter", { region: "Shanghai" }],
  ["region-tier-consent", { region: "Sichuan", cityTier: 2, consent: true, sort: "signupAt", direction: "desc" }],
  ["search-prefix", { search: "C000123" }],
  ["search-exact", { search: "C00012345" }],
  ["monetary-desc", { sort: "monetaryCents", direction: "desc" }],
  ["recency-asc", { sort: "recencyDays" }],
  ["rfm-desc", { sort: "rfm", direction: "desc" }],
  ["r5-filter", { rScore: 5 }],
  ["r5-f5-m-sort", { rScore: 5, fScore: 5, sort: "monetaryCents", direction: "desc" }],
  ["risk-high", { risk: "high" }],
  ["risk-desc", { sort: "risk", direction: "desc" }],
  ["channel-device-age", { channel: "ads", device: "ios", ageBand: "25-34", sort: "region" }],
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

export default async function customers(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { customers: { type: "string" }, repeat: { type: "string" }, verbose: { type: "boolean" } } });
  const parsed = FlagsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench customers: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  const fresh = await freshDatabase("postgres", "customers", { max: 4 });
  const { database } = fresh;
  try {
    await migrate(database);
    await generate(database, flags.customers);
    const timings: number[] = [];
    for (const [label, partial] of CASES) {
      const query = ZListCustomers.parse(partial);
      await listCustomers(database.db, "marketer", query); // warm the cache and the plan
      const mine: number[] = [];
      for (let i = 0; i < flags.repeat; i++) {
        const started = performance.now();
        const result = await listCustomers(database.db, "marketer", query);
        mine.push(performance.now() - started);
        if (i === 0 && values.verbose) console.error(`${label}: total=${result.total}${result.more ? "+" : ""} rows=${result.rows.length}`);
      }
      mine.sort((a, b) => a - b);
      if (values.verbose) console.error(`${label}: p50_ms=${percentile(mine, 0.5).toFixed(1)} max_ms=${(mine.at(-1) ?? 0).toFixed(1)}`);
      timings.push(...mine);
    }
    timings.sort((a, b) => a - b);
    console.log(
      `bench customers-page p50_ms=${percentile(timings, 0.5).toFixed(1)} p95_ms=${percentile(timings, 0.95).toFixed(1)} max_ms=${(timings.at(-1) ?? 0).toFixed(1)} customers=${flags.customers} cases=${CASES.length} samples=${timings.length}`,
    );
  } finally {
    await fresh.dispose();
  }
}
