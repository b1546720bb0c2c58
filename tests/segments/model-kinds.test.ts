import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { customerScores, modelRuns, segmentMembers } from "../../server/db/schema";
import type { SegmentDefinition } from "../../server/segments/segments.schemas";
import { ZSegmentDefinition } from "../../server/segments/segments.schemas";
import { PgDialect } from "drizzle-orm/pg-core";
import { definitionWhere } from "../../server/segments/definition.service";
import { countDefinition } from "../../server/segments/preview.service";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { AS_OF, insertSegmentFixture } from "./fixture";

type Caller = ReturnType<typeof createCaller>;

/** Propensity scores of customers 1-8 (5 is erased): all distinct, so deciles are unambiguous. */
const PROPENSITY: Record<number, number> = { 1: 0.91, 2: 0.15, 3: 0.62, 4: 0.33, 5: 0.99, 6: 0.48, 7: 0.07, 8: 0.74 };
/** Hierarchy leaves per customer; the tree joins 0+1 then 2+3, so a 2-group cut is {0,1} and {2,3}. */
const LEAF: Record<number, number> = { 1: 0, 2: 1, 3: 2, 4: 3, 6: 2, 7: 1 };

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string; field: string | undefined }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message, field: (error.cause as { field?: string } | undefined)?.field };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

/** ntile(10) by hand: the first n % 10 buckets hold one more row; bucket 1 has the highest scores. */
function decilesByHand(scores: Record<number, number>, erased: number[]): Map<number, number[]> {
  const ranked = Object.entries(scores)
    .map(([id, score]) => ({ id: Number(id), score }))
    .filter((row) => !erased.includes(row.id))
    .sort((a, b) => b.score - a.score);
  const n = ranked.length;
  const out = new Map<number, number[]>();
  let index = 0;
  for (let bucket = 1; bucket <= 10; bucket++) {
    const size = Math.floor(n / 10) + (bucket <= n % 10 ? 1 : 0);
    out.set(bucket, ranked.slice(index, index + size).map((r) => r.id).sort((a, b) => a - b));
    index += size;
  }
  return out;
}

describe(`cluster, score, cross-sell and manual segments (${engineUnderTest})`, () => {
  let database: Database;
  let marketer: Caller;
  let manager: Caller;

  async function ids(definition: SegmentDefinition): Promise<number[]> {
    const segment = await marketer.segments.create({ name: `s-${Math.random().toString(36).slice(2)}`, definition });
    const rows = await database.db.select({ c: segmentMembers.customerId }).from(segmentMembers).where(eq(segmentMembers.segmentId, segment.id));
    const members = rows.map((r) => r.c).sort((a, b) => a - b);
    expect(await countDefinition(database.db, definition, AS_OF)).toBe(members.length);
    return members;
  }

  async function handSql(query: ReturnType<typeof sql>): Promise<number[]> {
    const rows = await selectRows<{ id: number | string }>(database.db, query);
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertSegmentFixture(database.db);
    const [propensity, hierarchy, baskets] = await database.db
      .insert(modelRuns)
      .values([
        { task: "propensity", algorithm: "logistic", version: 1, status: "succeeded", isActive: true, artifact: { kind: "classifier", algorithm: "logistic", features: ["frequency"], mean: [0], scale: [1], threshold: 0.5, model: {} } },
        {
          task: "hierarchy",
          algorithm: "ward",
          version: 1,
          status: "succeeded",
          isActive: true,
          artifact: {
            kind: "hierarchy",
            features: ["frequency"],
            mean: [0],
            scale: [1],
            leafCount: 4,
            leafSizes: [1, 2, 2, 1],
            leafCentroids: [[0], [1], [5], [6]],
            merges: [
              { a: 0, b: 1, height: 1, size: 2 },
              { a: 2, b: 3, height: 1.5, size: 2 },
              { a: 4, b: 5, height: 9, size: 4 },
            ],
          },
        },
        {
          task: "baskets",
          algorithm: "fpgrowth",
          version: 1,
          status: "succeeded",
          isActive: true,
          artifact: {
            kind: "baskets",
            basketCount: 5,
            minSupport: 0.1,
            minConfidence: 0.1,
            maxLength: 3,
            rules: [
              { antecedent: [1], consequent: [2], support: 0.2, confidence: 0.33, lift: 0.8 },
              { antecedent: [1], consequent: [3], support: 0.1, confidence: 0.2, lift: 1.2 },
            ],
          },
        },
      ])
      .returning({ id: modelRuns.id });
    if (!propensity || !hierarchy || !baskets) throw new Error("runs not inserted");
    await database.db.insert(customerScores).values([
      ...Object.entries(PROPENSITY).map(([id, score]) => ({ modelRunId: propensity.id, customerId: Number(id), score })),
      ...Object.entries(LEAF).map(([id, cluster]) => ({ modelRunId: hierarchy.id, customerId: Number(id), cluster })),
    ]);
    const m = await createStaff(database.db, null, { email: "mk@example.com", name: "Marketer", role: "marketer", password: "long enough 1" });
    const g = await createStaff(database.db, null, { email: "mg@example.com", name: "Manager", role: "manager", password: "long enough 1" });
    marketer = createCaller({ db: database.db, user: { id: m.id, email: m.email, name: m.name, role: "marketer" } });
    manager = createCaller({ db: database.db, user: { id: g.id, email: g.email, name: g.name, role: "manager" } });
  });
  afterAll(async () => {
    await database.close();
  });

  it("a K-means cluster segment holds the active run's cluster members, erased left out", async () => {
    const expected = await handSql(sql`SELECT c.id FROM customers c JOIN customer_scores s ON s.customer_id = c.id
      JOIN model_runs r ON r.id = s.model_run_id WHERE r.task = 'clusters' AND r.is_active AND s.cluster = 1 AND c.erased_at IS NULL`);
    expect(expected).toEqual([2, 3]);
    expect(await ids({ kind: "cluster", cluster: 1 })).toEqual(expected);
    expect(await ids({ kind: "cluster", cluster: 7 })).toEqual([]);
  });

  it("a hierarchy cut segment holds the leaves of its group", async () => {
    const expected = await handSql(sql`SELECT c.id FROM customers c JOIN customer_scores s ON s.customer_id = c.id
      JOIN model_runs r ON r.id = s.model_run_id WHERE r.task = 'hierarchy' AND s.cluster IN (2, 3) AND c.erased_at IS NULL`);
    expect(expected).toEqual([3, 4, 6]);
    expect(await ids({ kind: "cluster", cut: { groups: 2, group: 1 } })).toEqual(expected);
    expect(await ids({ kind: "cluster", cut: { groups: 2, group: 0 } })).toEqual([1, 2, 7]);
    expect(await ids({ kind: "cluster", cut: { groups: 4, group: 2 } })).toEqual([3, 6]);
    const tooFine = await refusal(marketer.segments.count({ definition: { kind: "cluster", cut: { groups: 9, group: 0 } } }));
    expect(tooFine).toMatchObject({ code: "BAD_REQUEST", field: "cut.groups" });
  });

  it("propensity deciles match ntile computed by hand, churn tiers match their bounds", async () => {
    const deciles = decilesByHand(PROPENSITY, [5]);
    for (const decile of [1, 2, 3, 7, 8, 10]) expect(await ids({ kind: "score", task: "propensity", decile })).toEqual(deciles.get(decile));
    expect(deciles.get(1)).toEqual([1]);
    // Active churn run: 1 -> 0.9, 2 -> 0.2, 6 -> 0.5 (5 is erased; the inactive run is ignored).
    expect(await ids({ kind: "score", task: "churn", tier: "high" })).toEqual([1]);
    expect(await ids({ kind: "score", task: "churn", tier: "medium" })).toEqual([6]);
    expect(await ids({ kind: "score", task: "churn", tier: "low" })).toEqual([2]);
  });

  it("a cross-sell segment holds buyers of the antecedent who never bought the consequent", async () => {
    const expected = await handSql(sql`SELECT c.id FROM customers c WHERE c.erased_at IS NULL
      AND EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.type = 'purchase' AND e.product_id = 1)
      AND NOT EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.type = 'purchase' AND e.product_id = 2)`);
    expect(expected).toEqual([8]);
    expect(await ids({ kind: "cross_sell", antecedent: [1], consequent: [2] })).toEqual(expected);
    expect(await ids({ kind: "cross_sell", antecedent: [1], consequent: [3] })).toEqual([1, 8]);
    const missing = await refusal(marketer.segments.create({ name: "no rule", definition: { kind: "cross_sell", antecedent: [2], consequent: [1] } }));
    expect(missing).toMatchObject({ code: "BAD_REQUEST", field: "antecedent" });
    const sources = await manager.segments.modelSources();
    expect(sources.baskets?.rules.map((r) => r.lift)).toEqual([1.2, 0.8]);
    expect(sources.baskets?.rules[0]?.antecedentTitles).toEqual([{ en: "Data course", zh: "数据课" }]);
    expect(sources.hierarchy?.leafCount).toBe(4);
    expect(sources.classifiers.propensity).not.toBeNull();
  });

  it("manual lists: uploaded ids are resolved, unmatched and erased reported, members fixed", async () => {
    const resolved = await marketer.segments.resolveExternalIds({ externalIds: ["c1", "c2", " c2", "nope", "c5", "", "x,'y\"--", "中文"] });
    expect(resolved).toEqual({ customerIds: [1, 2], matched: 2, unmatched: ["nope", "x,'y\"--", "中文"], unmatchedCount: 3, erasedCount: 1, duplicates: 1 });
    expect(await ids({ kind: "manual", customerIds: resolved.customerIds })).toEqual([1, 2]);
    // An id erased after upload drops out at the next refresh.
    expect(await ids({ kind: "manual", customerIds: [1, 5, 8, 999] })).toEqual([1, 8]);
    expect(await ids({ kind: "manual", customerIds: [] })).toEqual([]);
    expect((await refusal(manager.segments.resolveExternalIds({ externalIds: ["c1"] }))).code).toBe("FORBIDDEN");
  });

  it("the schema refuses ambiguous or malformed definitions, naming the field", () => {
    const issues = (value: unknown) => ZSegmentDefinition.safeParse(value).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(issues({ kind: "cluster", cluster: 1, cut: { groups: 2, group: 0 } })).toEqual(["cluster: give a cluster (K-means) or a cut (hierarchy), exactly one"]);
    expect(issues({ kind: "cluster", cut: { groups: 2, group: 2 } })).toEqual(["cut.group: cut.group must be below cut.groups"]);
    expect(issues({ kind: "score", task: "churn", decile: 1, tier: "high" })).toEqual(["decile: give a decile or a tier, exactly one"]);
    expect(issues({ kind: "score", task: "churn", decile: 11 })).toEqual(["decile: decile must be 1-10"]);
    expect(issues({ kind: "cross_sell", antecedent: [1], consequent: [1] })).toEqual(["consequent: consequent must not repeat an antecedent product"]);
    expect(issues({ kind: "manual", customerIds: [1.5] })[0]).toMatch(/^customerIds\.0:/);
    expect(issues({ kind: "manual", customerIds: ["1; DROP TABLE customers"] })[0]).toMatch(/^customerIds\.0:/);
    expect(issues({ kind: "manual", customerIds: [1], extra: true })[0]).toMatch(/extra/);
  });

  it("model-based and manual definitions bind every value as a parameter; hostile scopes stay values", async () => {
    const text = async (d: SegmentDefinition) => new PgDialect().sqlToQuery(await definitionWhere(database.db, d, AS_OF));
    const manual = await text({ kind: "manual", customerIds: [101, 202] });
    expect(manual.params).toContain("101,202");
    expect(manual.sql).not.toMatch(/101|202/);
    const cross = await text({ kind: "cross_sell", antecedent: [17], consequent: [23] });
    expect(cross.params).toEqual(expect.arrayContaining(["17", "23"]));
    expect(cross.sql).not.toMatch(/17|23/);
    const cut = await text({ kind: "cluster", cut: { groups: 2, group: 1 } });
    expect(cut.params).toContain("2,3");
    for (const category of ["data'; DROP TABLE events; --", "数据 -- 🙂", 'x" OR 1=1;']) {
      const definition = ZSegmentDefinition.parse({
        kind: "rule",
        rule: { kind: "group", combinator: "or", children: [{ kind: "behaviour", event: "view", category, minCount: 1, withinDays: 30 }, { kind: "inactive", event: "purchase", category, sinceDays: 10 }] },
      });
      const q = await text(definition);
      expect(q.params).toContain(category);
      expect(q.sql).not.toContain(category);
      // Nobody viewed such a category, and nobody bought in it: everyone not erased is "inactive".
      expect(await countDefinition(database.db, definition, AS_OF)).toBe(7);
    }
  });

  it("model-based kinds without an active run are refused with a clear message", async () => {
    await database.db.update(modelRuns).set({ isActive: false }).where(eq(modelRuns.task, "clusters"));
    const refused = await refusal(marketer.segments.count({ definition: { kind: "cluster", cluster: 0 } }));
    expect(refused).toEqual({ code: "PRECONDITION_FAILED", message: "No active clusters model run; train and activate one first", field: "cluster" });
    await database.db.update(modelRuns).set({ isActive: true }).where(eq(modelRuns.task, "clusters"));
  });
});
