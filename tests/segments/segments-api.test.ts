import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { auditLog, customers, jobs, segmentMembers, segments, segmentSnapshots } from "../../server/db/schema";
import { drainJobs, enqueueJob, getJob } from "../../server/jobs/queue";
import { JOB_DEFINITIONS } from "../../server/worker/registry";
import { ensureDailyRefresh, nextDailyRun, refreshSegmentsJob } from "../../server/segments/refresh.job";
import type { SegmentDefinition } from "../../server/segments/segments.schemas";
import { refreshSegment } from "../../server/segments/segments.service";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { insertSegmentFixture } from "./fixture";

type Caller = ReturnType<typeof createCaller>;

const shanghai: SegmentDefinition = { kind: "rule", rule: { kind: "group", combinator: "and", children: [{ kind: "attribute", field: "region", op: "eq", value: "Shanghai" }] } };
const recentBuyers: SegmentDefinition = {
  kind: "rule",
  rule: { kind: "group", combinator: "and", children: [{ kind: "behaviour", event: "purchase", minCount: 1, withinDays: 30 }] },
};

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string; field: string | undefined }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) {
      const cause = error.cause as { field?: string } | undefined;
      return { code: error.code, message: error.message, field: cause?.field };
    }
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describe(`segments CRUD, refresh, snapshots and overlap through the API (${engineUnderTest})`, () => {
  let database: Database;
  let marketer: Caller;
  let manager: Caller;
  let shanghaiId = "";
  let buyersId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertSegmentFixture(database.db);
    const m = await createStaff(database.db, null, { email: "mk@example.com", name: "Marketer", role: "marketer", password: "long enough 1" });
    const g = await createStaff(database.db, null, { email: "mg@example.com", name: "Manager", role: "manager", password: "long enough 1" });
    marketer = createCaller({ db: database.db, user: { id: m.id, email: m.email, name: m.name, role: "marketer" } });
    manager = createCaller({ db: database.db, user: { id: g.id, email: g.email, name: g.name, role: "manager" } });
  });
  afterAll(async () => {
    await database.close();
  });

  async function memberIds(id: string): Promise<number[]> {
    const rows = await database.db.select({ c: segmentMembers.customerId }).from(segmentMembers).where(eq(segmentMembers.segmentId, id));
    return rows.map((row) => row.c).sort((a, b) => a - b);
  }

  it("creates segments, refusing a duplicate name with a field error", async () => {
    const a = await marketer.segments.create({ name: "Shanghai", description: "Customers in Shanghai", definition: shanghai });
    const b = await marketer.segments.create({ name: "Recent buyers", definition: recentBuyers });
    shanghaiId = a.id;
    buyersId = b.id;
    expect(a.kind).toBe("rule");
    // Creation materialises the members straight away (customers 1 and 8; 5 is erased).
    expect(a.memberCount).toBe(2);
    expect(await memberIds(a.id)).toEqual([1, 8]);
    expect(a.lastRefreshedAt).not.toBeNull();
    const dup = await refusal(marketer.segments.create({ name: " Shanghai ", definition: recentBuyers }));
    expect(dup).toEqual({ code: "CONFLICT", message: 'A segment named "Shanghai" already exists', field: "name" });
    const bad = await refusal(marketer.segments.create({ name: "x", definition: { kind: "rule", rule: { kind: "group", combinator: "and", children: [{ kind: "attribute", field: "email", op: "eq", value: "a" }] } } as never }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain('unknown attribute field \\"email\\"');
    expect(bad.message).toContain('"definition",\n      "rule",\n      "children",\n      0,\n      "field"');
  });

  it("counts and previews a definition live", async () => {
    expect(await manager.segments.count({ definition: shanghai })).toBe(2);
    const preview = await manager.segments.preview({ definition: recentBuyers, pageSize: 1 });
    expect(preview.total).toBe(2);
    expect(preview.rows.map((r) => r.externalId)).toEqual(["c1"]);
    const page2 = await manager.segments.preview({ definition: recentBuyers, page: 2, pageSize: 1 });
    expect(page2.rows.map((r) => r.externalId)).toEqual(["c6"]);
    // Fixture: r 4/5 with fm >= 4 is only customer 1 (r 4, f 4, m 5); customer 5 is erased.
    expect(await manager.segments.count({ definition: { kind: "rfm", preset: "champions" } })).toBe(1);
  });

  it("refresh materialises members, records the size and today's snapshot; a second refresh replaces them", async () => {
    // Start from no history: creation wrote a snapshot for the wall-clock day.
    await database.db.delete(segmentSnapshots).where(eq(segmentSnapshots.segmentId, shanghaiId));
    const day1 = new Date("2025-07-01T08:00:00Z");
    expect(await refreshSegment(database.db, shanghaiId, { now: day1 })).toEqual({ id: shanghaiId, size: 2 });
    expect(await memberIds(shanghaiId)).toEqual([1, 8]);
    await database.db.update(customers).set({ region: "Shanghai" }).where(eq(customers.id, 4));
    await database.db.update(customers).set({ region: "Hangzhou" }).where(eq(customers.id, 8));
    expect((await refreshSegment(database.db, shanghaiId, { now: new Date("2025-07-01T20:00:00Z") })).size).toBe(2);
    expect(await memberIds(shanghaiId)).toEqual([1, 4]);
    await database.db.update(customers).set({ region: "Shanghai" }).where(eq(customers.id, 8));
    expect((await refreshSegment(database.db, shanghaiId, { now: new Date("2025-07-02T09:00:00Z") })).size).toBe(3);
    const snapshots = await database.db
      .select({ day: segmentSnapshots.snapshotDate, size: segmentSnapshots.size })
      .from(segmentSnapshots)
      .where(eq(segmentSnapshots.segmentId, shanghaiId))
      .orderBy(segmentSnapshots.snapshotDate);
    expect(snapshots).toEqual([
      { day: "2025-07-01", size: 2 },
      { day: "2025-07-02", size: 3 },
    ]);
    const got = await manager.segments.get({ id: shanghaiId });
    expect(got.memberCount).toBe(3);
    expect(got.lastRefreshedAt?.toISOString()).toBe("2025-07-02T09:00:00.000Z");
    expect(got.snapshots.map((s) => s.size)).toEqual([3, 2]);
    expect(got.definition).toEqual(shanghai);
  });

  it("overlap counts A only, both and B only from the materialised members", async () => {
    expect((await marketer.segments.refresh({ id: buyersId })).size).toBe(2);
    expect(await memberIds(buyersId)).toEqual([1, 6]);
    // Shanghai = {1, 4, 8}, recent buyers = {1, 6}.
    expect(await manager.segments.overlap({ a: shanghaiId, b: buyersId })).toEqual({ aOnly: 2, both: 1, bOnly: 1 });
    expect(await manager.segments.overlap({ a: buyersId, b: shanghaiId })).toEqual({ aOnly: 1, both: 1, bOnly: 2 });
    expect(await manager.segments.overlap({ a: buyersId, b: buyersId })).toEqual({ aOnly: 0, both: 2, bOnly: 0 });
  });

  it("the segments.refresh job refreshes every live segment", async () => {
    await database.db.update(customers).set({ region: "Shanghai" }).where(eq(customers.id, 2));
    expect(JOB_DEFINITIONS.map((d) => d.kind)).toContain("segments.refresh");
    const { id } = await enqueueJob(database.db, refreshSegmentsJob, {});
    expect(await drainJobs(database.db, JOB_DEFINITIONS)).toBe(1);
    const job = await getJob(database.db, id);
    expect(job?.status).toBe("succeeded");
    expect(job?.progress).toBe(1);
    expect(await memberIds(shanghaiId)).toEqual([1, 2, 4, 8]);
    const sizes = await database.db.select({ name: segments.name, size: segments.memberCount }).from(segments).orderBy(segments.name);
    expect(sizes).toEqual([
      { name: "Recent buyers", size: 2 },
      { name: "Shanghai", size: 4 },
    ]);
    const queued = await marketer.segments.refreshAll();
    expect(typeof queued.id).toBe("string");
  });

  it("creating a segment queues one daily refresh for after midnight, which re-queues itself", async () => {
    const daily = () => database.db.select().from(jobs).where(and(eq(jobs.kind, "segments.refresh"), eq(jobs.status, "queued")));
    const queued = (await daily()).filter((job) => (job.payload as { daily?: boolean }).daily === true);
    expect(queued).toHaveLength(1);
    expect(queued[0]?.runAt.toISOString()).toBe(nextDailyRun(new Date()).toISOString());
    expect(nextDailyRun(new Date("2025-07-01T23:59:00Z")).toISOString()).toBe("2025-07-02T00:05:00.000Z");
    await ensureDailyRefresh(database.db);
    expect((await daily()).filter((job) => (job.payload as { daily?: boolean }).daily === true)).toHaveLength(1);
    // Run it as if the day had come: it refreshes everything and queues tomorrow's.
    await database.db.update(jobs).set({ runAt: new Date(Date.now() - 1000) }).where(eq(jobs.id, queued[0]!.id));
    // Two jobs: the refreshAll queued by the previous test and the daily one; tomorrow's waits.
    expect(await drainJobs(database.db, JOB_DEFINITIONS)).toBe(2);
    expect((await getJob(database.db, queued[0]!.id))?.status).toBe("succeeded");
    const next = (await daily()).filter((job) => (job.payload as { daily?: boolean }).daily === true);
    expect(next).toHaveLength(1);
    expect(next[0]?.id).not.toBe(queued[0]?.id);
  });

  it("updates, lists with sorting and archives", async () => {
    const renamed = await refusal(marketer.segments.update({ id: buyersId, name: "Shanghai" }));
    expect(renamed).toEqual({ code: "CONFLICT", message: 'A segment named "Shanghai" already exists', field: "name" });
    const updated = await marketer.segments.update({ id: buyersId, name: "Buyers 30d", definition: recentBuyers });
    expect(updated?.name).toBe("Buyers 30d");
    const bySize = await manager.segments.list({ sort: "size", direction: "desc" });
    expect(bySize.rows.map((r) => r.name)).toEqual(["Shanghai", "Buyers 30d"]);
    const byName = await manager.segments.list({ sort: "name", direction: "asc", pageSize: 1 });
    expect(byName.total).toBe(2);
    expect(byName.rows.map((r) => r.name)).toEqual(["Buyers 30d"]);
    await marketer.segments.archive({ id: buyersId });
    expect((await manager.segments.list({})).rows.map((r) => r.name)).toEqual(["Shanghai"]);
    expect((await manager.segments.list({ includeArchived: true })).total).toBe(2);
    expect((await refusal(marketer.segments.refresh({ id: buyersId }))).code).toBe("PRECONDITION_FAILED");
    expect((await refusal(marketer.segments.update({ id: buyersId, name: "again" }))).code).toBe("PRECONDITION_FAILED");
    expect((await refusal(manager.segments.get({ id: "00000000-0000-4000-8000-000000000000" }))).code).toBe("NOT_FOUND");
  });

  it("audits every create, update and archive", async () => {
    const rows = await database.db.select({ action: auditLog.action, target: auditLog.target }).from(auditLog).orderBy(auditLog.createdAt, auditLog.id);
    const segmentRows = rows.filter((r) => r.action.startsWith("segments."));
    expect(segmentRows).toEqual([
      { action: "segments.create", target: "Shanghai" },
      { action: "segments.create", target: "Recent buyers" },
      { action: "segments.update", target: "Buyers 30d" },
      { action: "segments.archive", target: "Buyers 30d" },
    ]);
  });

  it("a manager can read but not write, and nothing is written", async () => {
    expect((await manager.segments.list({})).total).toBe(1);
    expect((await manager.segments.rfmGrid()).length).toBe(25);
    expect((await manager.segments.presets()).map((p) => p.name)).toContain("cant_lose");
    expect((await refusal(manager.segments.create({ name: "Mine", definition: shanghai }))).code).toBe("FORBIDDEN");
    expect((await refusal(manager.segments.update({ id: shanghaiId, name: "Mine" }))).code).toBe("FORBIDDEN");
    expect((await refusal(manager.segments.archive({ id: shanghaiId }))).code).toBe("FORBIDDEN");
    expect((await refusal(manager.segments.refresh({ id: shanghaiId }))).code).toBe("FORBIDDEN");
    expect((await refusal(manager.segments.refreshAll())).code).toBe("FORBIDDEN");
    const names = await database.db.select({ name: segments.name, archived: segments.archivedAt }).from(segments).orderBy(segments.name);
    expect(names.map((n) => [n.name, n.archived === null])).toEqual([
      ["Buyers 30d", false],
      ["Shanghai", true],
    ]);
  });
});
