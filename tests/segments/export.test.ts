import { TRPCError } from "@trpc/server";
import { desc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { auditLog, customers } from "../../server/db/schema";
import { parseEnv } from "../../server/env";
import { exportAudience } from "../../server/segments/export.service";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { insertSegmentFixture } from "./fixture";

type Caller = ReturnType<typeof createCaller>;

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError || (error instanceof Error && "code" in error)) return { code: String((error as { code: unknown }).code), message: error.message };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describe(`audience export (${engineUnderTest})`, () => {
  let database: Database;
  let marketer: Caller;
  let manager: Caller;
  let actor = { id: "", email: "", role: "marketer" as const };
  let segmentId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertSegmentFixture(database.db);
    // A formula a customer typed into their own region, and one hidden behind a tab (the exported
    // columns are ids and non-personal attributes: a marketer's export has no name, e-mail or phone).
    await database.db.update(customers).set({ region: '=HYPERLINK("http://evil","x")', email: "c1@example.com" }).where(eq(customers.id, 1));
    await database.db.update(customers).set({ region: "\t=1+1", acquisitionChannel: "+c7", email: "c7@example.com" }).where(eq(customers.id, 7));
    const m = await createStaff(database.db, null, { email: "mk@example.com", name: "Marketer", role: "marketer", password: "long enough 1" });
    const g = await createStaff(database.db, null, { email: "mg@example.com", name: "Manager", role: "manager", password: "long enough 1" });
    actor = { id: m.id, email: m.email, role: "marketer" };
    marketer = createCaller({ db: database.db, user: { id: m.id, email: m.email, name: m.name, role: "marketer" } });
    manager = createCaller({ db: database.db, user: { id: g.id, email: g.email, name: g.name, role: "manager" } });
    // Everyone but the erased customer 5: consent is true for 1, 3 and 7.
    const segment = await marketer.segments.create({ name: "All listed", definition: { kind: "manual", customerIds: [1, 2, 3, 4, 6, 7, 8] } });
    segmentId = segment.id;
    expect(segment.memberCount).toBe(7);
    // Customer 3 is erased after the refresh: still a stored member, never exported.
    await database.db.update(customers).set({ erasedAt: new Date() }).where(eq(customers.id, 3));
  });
  afterAll(async () => {
    await database.close();
  });

  it("exports only consenting, not-erased members, says how many were left out, neutralises cells and audits", async () => {
    const result = await exportAudience(database.db, actor, segmentId, 2);
    expect(result).toMatchObject({ exported: 2, excludedNoConsent: 4, excludedErased: 1 });
    expect(result.filename).toMatch(/^All-listed-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = result.csv.trim().split("\r\n");
    expect(lines[0]).toBe("external_id,region,acquisition_channel");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["c1", "c7"]);
    expect(result.csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(result.csv).toContain("'\t=1+1");
    expect(result.csv).toContain("'+c7");
    expect(result.csv).not.toContain("@example.com");
    expect(result.csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "segments.export")).orderBy(desc(auditLog.createdAt));
    expect(audit).toMatchObject({ actorEmail: "mk@example.com", target: "All listed" });
    expect(audit?.detail).toMatchObject({ exported: 2, excludedNoConsent: 4, excludedErased: 1, minSize: 2 });
  });

  it("refuses an audience below the minimum size with a clear message, and audits the refusal", async () => {
    const refused = await refusal(exportAudience(database.db, actor, segmentId, 3));
    expect(refused).toEqual({
      code: "PRECONDITION_FAILED",
      message: "This audience has 2 contactable customers (after removing 4 without marketing consent and 1 erased); exports need at least 3",
    });
    // Through the API the configured minimum (default 50) applies.
    const viaApi = await refusal(marketer.segments.export({ id: segmentId }));
    expect(viaApi.code).toBe("PRECONDITION_FAILED");
    expect(viaApi.message).toContain("exports need at least 50");
    const refusals = await database.db.select().from(auditLog).where(like(auditLog.action, "segments.export_refused"));
    expect(refusals).toHaveLength(2);
  });

  it("the minimum is configurable and validated", () => {
    expect(parseEnv({}).STRATUM_EXPORT_MIN_SIZE).toBe(50);
    expect(parseEnv({ STRATUM_EXPORT_MIN_SIZE: "200" }).STRATUM_EXPORT_MIN_SIZE).toBe(200);
    expect(() => parseEnv({ STRATUM_EXPORT_MIN_SIZE: "0" })).toThrow(/STRATUM_EXPORT_MIN_SIZE must be at least 1/);
  });

  it("a manager cannot export (the role is checked on the server)", async () => {
    expect((await refusal(manager.segments.export({ id: segmentId }))).code).toBe("FORBIDDEN");
  });
});
