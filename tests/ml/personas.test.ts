import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { loadDemo } from "../../server/demo/load";
import { refreshFeatures } from "../../server/features/refresh";
import { adjustedRandIndex } from "../../server/ml/ari";
import { kmeans } from "../../server/ml/kmeans";
import { zeros } from "../../server/ml/matrix";
import { fitStandardiser, transform } from "../../server/ml/standardise";
import { engineUnderTest, openTestDatabase } from "../support/db";

const OPTIONS = { customers: 3000, days: 365, seed: 11, endAt: new Date("2026-01-01T00:00:00Z") };

interface Row {
  persona: string;
  [feature: string]: number | string | null;
}

/** Behaviour features as the feature refresh computes them; counts and money on a log scale. */
const FEATURES: Array<{ column: string; log?: boolean }> = [
  { column: "recency_days" },
  { column: "frequency", log: true },
  { column: "monetary_cents", log: true },
  { column: "tenure_days" },
  { column: "sessions_90d", log: true },
  { column: "browse_minutes_90d", log: true },
  { column: "active_days_30d", log: true },
  { column: "avg_order_cents", log: true },
  { column: "discount_share" },
  { column: "refund_rate" },
  { column: "completion_rate" },
  { column: "progress_velocity" },
  { column: "days_since_learning" },
  { column: "stalled_courses", log: true },
  { column: "avg_rating" },
  { column: "renewal_count", log: true },
  { column: "price_sensitivity" },
  { column: "subscribed" },
];

describe(`k-means on demo customers recovers the planted personas (${engineUnderTest})`, () => {
  let database: Database;
  let rows: Row[];

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database, OPTIONS);
    await refreshFeatures(database.db);
    rows = await database.query<Row>(
      `SELECT t.persona, ${FEATURES.filter((f) => f.column !== "subscribed").map((f) => `f.${f.column}::float8 AS ${f.column}`).join(", ")},
              (f.subscription_status = 'active')::int::float8 AS subscribed
         FROM customer_features f JOIN demo_customer_truth t ON t.customer_id = f.customer_id
        ORDER BY f.customer_id`,
    );
  }, 300_000);
  afterAll(async () => {
    await database.close();
  });

  /**
   * Measured: ARI 0.55 (demo seed 11) and 0.56 (seed 12), 0.55-0.56 across k-means seeds, while
   * the same k-means on recency/frequency/monetary alone reaches 0.32-0.33. Personas overlap by
   * design (a dormant customer and a lapsed free browser look alike), so 1 is not attainable.
   * Floor 0.45: ~0.1 below what we measure, and well clear of what RFM alone can do.
   */
  it("adjusted Rand index against the personas stays above the floor and beats RFM alone", () => {
    expect(rows.length).toBe(OPTIONS.customers);
    const X = zeros(rows.length, FEATURES.length);
    rows.forEach((r, i) =>
      FEATURES.forEach((f, j) => {
        const v = r[f.column];
        const x = v === null || v === undefined ? NaN : Number(v);
        X.data[i * FEATURES.length + j] = f.log && Number.isFinite(x) ? Math.log1p(Math.max(0, x)) : x;
      }),
    );
    // Missing values (no purchase yet, never learned) become the mean after standardising.
    const Z = transform(fitStandardiser(X), X);
    const personas = [...new Set(rows.map((r) => r.persona))].sort();
    const truth = Int32Array.from(rows, (r) => personas.indexOf(r.persona));
    const fit = kmeans(Z, { k: personas.length, seed: 1, restarts: 8 });
    const ari = adjustedRandIndex(fit.labels, truth);
    const rfm = zeros(rows.length, 3);
    rows.forEach((r, i) => {
      rfm.data[i * 3] = r.recency_days === null ? NaN : Number(r.recency_days);
      rfm.data[i * 3 + 1] = Math.log1p(Number(r.frequency));
      rfm.data[i * 3 + 2] = Math.log1p(Number(r.monetary_cents));
    });
    const rfmAri = adjustedRandIndex(kmeans(transform(fitStandardiser(rfm), rfm), { k: personas.length, seed: 1, restarts: 8 }).labels, truth);
    console.log(`personas ARI=${ari.toFixed(3)} (RFM only ${rfmAri.toFixed(3)}) k=${personas.length} customers=${rows.length}`);
    expect(ari).toBeGreaterThan(0.45);
    expect(ari).toBeGreaterThan(rfmAri + 0.1);
  });
});
