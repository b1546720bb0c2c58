/**
 * `npm run bench -- features [--customers N] [--days D] [--seed S]`
 * Loads the demo set into a fresh temporary Postgres database (not timed), then times a full
 * feature refresh against a reference: one plain GROUP BY scan of the events table.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrate } from "../server/db/migrate";
import { freshDatabase } from "./support/fresh-database";
import { loadDemo } from "../server/demo/load";
import { refreshFeatures } from "../server/features/refresh";

const FlagsSchema = z.object({
  customers: z.coerce.number().int().min(100).max(2_000_000).default(100_000),
  days: z.coerce.number().int().min(14).max(1500).default(365),
  seed: z.coerce.number().int().default(42),
});

const END_AT = new Date("2026-01-01T00:00:00Z");

export default async function features(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { customers: { type: "string" }, days: { type: "string" }, seed: { type: "string" } } });
  const parsed = FlagsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench features: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  const fresh = await freshDatabase("postgres", "features", { max: 2 });
  const { database } = fresh;
  try {
    await migrate(database);
    const summary = await loadDemo(database, { customers: flags.customers, days: flags.days, seed: flags.seed, endAt: END_AT });
    await database.query("VACUUM ANALYZE");
    if (summary.rows.events < 5_000_000) console.error(`note: only ${summary.rows.events} events; raise --days for >= 5 million`);

    const scanStarted = performance.now();
    await database.query("SELECT customer_id, count(*), sum(amount_cents) FROM events GROUP BY 1");
    const scanSeconds = (performance.now() - scanStarted) / 1000;

    const refresh = await refreshFeatures(database.db);
    const [check] = await database.query<{ n: string | number; scored: string | number }>(
      "SELECT count(*)::float8 AS n, count(r_score)::float8 AS scored FROM customer_features",
    );
    console.log(
      `bench features-postgres customers=${flags.customers} events=${summary.rows.events} ours_s=${refresh.seconds.toFixed(2)} scan_ref_s=${scanSeconds.toFixed(2)} ratio=${(refresh.seconds / scanSeconds).toFixed(2)} rows=${Number(check?.n)} rfm_scored=${Number(check?.scored)} reviews=${refresh.distinctReviews}`,
    );
  } finally {
    await fresh.dispose();
  }
}
