import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { customerFeatures, customers } from "../../server/db/schema";
import { outlierReport } from "../../server/features";
import { engineUnderTest, openTestDatabase } from "../support/db";

const AS_OF = new Date("2025-06-30T00:00:00Z");
const user = (role: "admin" | "marketer" | "manager") => ({ id: "00000000-0000-4000-8000-000000000001", email: `${role}@test.local`, name: role, role });

/**
 * 41 customers with hand-picked values, plus an erased one whose extreme values must not count.
 * - tenure_days 1..41: p95 at position 40 * 0.95 = 38 -> 39 (2 values above: 40, 41);
 *   p99 at position 39.6 -> 40 + 0.6 * 1 = 40.6 (1 value above: 41).
 * - monetary_cents 100, 200, ..., 4000 and one whale at 1,000,000: p95 -> sorted[38] = 3900
 *   (2 above: 4000 and the whale); p99 -> 4000 + 0.6 * (1,000,000 - 4000) = 601,600 (1 above).
 * - recency_days 1..10 for the first ten, missing for the rest: n = 10; p95 at position 8.55
 *   -> 9.55 (1 above); p99 at 8.91 -> 9.91 (1 above).
 * - frequency 0 everywhere: caps at 0 and nothing strictly above them.
 * - avg_rating missing everywhere: no row in the report.
 */
async function insertFixture(db: Database["db"]) {
  const ids = Array.from({ length: 42 }, (_, i) => i + 1);
  await db.insert(customers).values(ids.map((id) => ({ id, externalId: `c${id}`, displayName: `C${id}`, signupAt: new Date("2025-01-01T00:00:00Z"), erasedAt: id === 42 ? new Date() : null })));
  await db.insert(customerFeatures).values(
    ids.map((id) =>
      id === 42
        ? { customerId: id, asOf: AS_OF, tenureDays: 1e6, monetaryCents: 1e9, recencyDays: 1e6, frequency: 999 }
        : { customerId: id, asOf: AS_OF, tenureDays: id, monetaryCents: id === 41 ? 1_000_000 : id * 100, recencyDays: id <= 10 ? id : null, frequency: 0 },
    ),
  );
}

describe(`outlier report on the live features (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it("is empty before there are any features", async () => {
    const report = await outlierReport(database.db);
    expect(report).toEqual({ asOf: null, customers: 0, features: [] });
  });

  it("counts values above the 95th and 99th percentile caps as computed by hand, leaving erased customers out", async () => {
    await insertFixture(database.db);
    const report = await outlierReport(database.db);
    expect(report.customers).toBe(41);
    expect(report.asOf?.toISOString()).toBe(AS_OF.toISOString());
    const row = (feature: string) => report.features.find((f) => f.feature === feature);

    const tenure = row("tenure_days")!;
    expect(tenure).toMatchObject({ count: 41, min: 1, max: 41, above95: 2, above99: 1, money: false });
    expect(tenure.cap95).toBeCloseTo(39, 9);
    expect(tenure.cap99).toBeCloseTo(40.6, 9);
    expect(tenure.share95).toBeCloseTo(2 / 41, 12);

    const money = row("monetary_cents")!;
    expect(money).toMatchObject({ count: 41, min: 100, max: 1_000_000, above95: 2, above99: 1, money: true });
    expect(money.cap95).toBeCloseTo(3900, 6);
    expect(money.cap99).toBeCloseTo(601_600, 6);

    const recency = row("recency_days")!;
    expect(recency).toMatchObject({ count: 10, min: 1, max: 10, above95: 1, above99: 1 });
    expect(recency.cap95).toBeCloseTo(9.55, 9);
    expect(recency.cap99).toBeCloseTo(9.91, 9);

    expect(row("frequency")).toMatchObject({ count: 41, min: 0, max: 0, cap95: 0, cap99: 0, above95: 0, above99: 0 });
    expect(row("avg_rating")).toBeUndefined();
    // Rows follow the column order of the report's feature list.
    expect(report.features.map((f) => f.feature).slice(0, 4)).toEqual(["recency_days", "frequency", "monetary_cents", "tenure_days"]);
  });

  it("is served to admins through features.outliers; a marketer or manager is refused", async () => {
    const admin = createCaller({ db: database.db, user: user("admin") });
    const viaApi = await admin.features.outliers();
    expect(viaApi.features.find((f) => f.feature === "tenure_days")).toMatchObject({ above95: 2, above99: 1 });
    for (const role of ["marketer", "manager"] as const) {
      const caller = createCaller({ db: database.db, user: user(role) });
      await expect(caller.features.outliers()).rejects.toSatisfy((error: unknown) => error instanceof TRPCError && error.code === "FORBIDDEN");
    }
  });
});
