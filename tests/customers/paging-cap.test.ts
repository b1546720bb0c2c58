import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";

describe(`customer paging stops at 10,000 rows (${engineUnderTest})`, () => {
  let database: Database;
  let marketer: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    database = await openTestDatabase();
    await database.query(
      `INSERT INTO customers (external_id, region) SELECT 'x' || lpad(g::text, 5, '0'), CASE WHEN g <= 40 THEN 'Tibet' ELSE 'Shanghai' END FROM generate_series(1, 10050) g`,
    );
    marketer = createCaller({ db: database.db, user: { id: "00000000-0000-4000-8000-000000000001", email: "m@example.com", name: "M", role: "marketer" } });
  });
  afterAll(async () => {
    await database.close();
  });

  it("counts exactly below the cap and reports 'more' above it", async () => {
    const all = await marketer.customers.list({ pageSize: 100 });
    expect(all.total).toBe(10_000);
    expect(all.more).toBe(true);
    const small = await marketer.customers.list({ region: "Tibet" });
    expect(small.total).toBe(40);
    expect(small.more).toBe(false);
    const last = await marketer.customers.list({ page: 100, pageSize: 100 });
    expect(last.rows.at(-1)?.externalId).toBe("x10000");
    const beyond = await marketer.customers.list({ page: 101, pageSize: 100 }).catch((e: unknown) => e);
    expect((beyond as TRPCError).code).toBe("BAD_REQUEST");
    expect((beyond as TRPCError).message).toMatch(/^page goes past the first 10000 customers/);
  });
});
