import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { compileRule } from "../../server/segments/compile.sql";
import { countSegment, previewMembers } from "../../server/segments/preview.service";
import type { Condition, Rule, RuleNode } from "../../server/segments/rule.schema";
import { ZRule } from "../../server/segments/rule.schema";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { AS_OF, HOSTILE_AGE, HOSTILE_CHANNEL, HOSTILE_REGION, HOSTILE_STATUS, insertSegmentFixture } from "./fixture";

const and = (...children: RuleNode[]): Rule => ({ kind: "group", combinator: "and", children });
const or = (...children: RuleNode[]): Rule => ({ kind: "group", combinator: "or", children });
const attr = (field: string, op: string, extra: Record<string, unknown> = {}) => ({ kind: "attribute", field, op, ...extra }) as Condition;
const feat = (field: string, op: string, extra: Record<string, unknown> = {}) => ({ kind: "feature", field, op, ...extra }) as Condition;

interface Case {
  name: string;
  rule: Rule;
  /** Independent, hand-written WHERE over customers c LEFT JOIN customer_features f. */
  hand: string;
  ids: number[];
}

const T = (days: number) => `'2025-06-30T12:00:00Z'::timestamptz - interval '${days} days'`;

const CASES: Case[] = [
  // text attribute, every operator
  { name: "region eq", rule: and(attr("region", "eq", { value: "Shanghai" })), hand: "c.region = 'Shanghai'", ids: [1, 8] },
  { name: "region neq", rule: and(attr("region", "neq", { value: "Shanghai" })), hand: "c.region <> 'Shanghai'", ids: [2, 3, 6, 7] },
  { name: "region in", rule: and(attr("region", "in", { values: ["Beijing", "Chengdu"] })), hand: "c.region IN ('Beijing','Chengdu')", ids: [2, 3] },
  { name: "region not_in", rule: and(attr("region", "not_in", { values: ["Beijing", "Shanghai"] })), hand: "c.region NOT IN ('Beijing','Shanghai')", ids: [3, 6, 7] },
  { name: "region is_null", rule: and(attr("region", "is_null")), hand: "c.region IS NULL", ids: [4] },
  { name: "region is_not_null", rule: and(attr("region", "is_not_null")), hand: "c.region IS NOT NULL", ids: [1, 2, 3, 6, 7, 8] },
  { name: "channel eq", rule: and(attr("acquisition_channel", "eq", { value: "search" })), hand: "c.acquisition_channel = 'search'", ids: [1, 4, 8] },
  { name: "age_band eq", rule: and(attr("age_band", "eq", { value: "25-34" })), hand: "c.age_band = '25-34'", ids: [1, 7] },
  { name: "device in", rule: and(attr("device", "in", { values: ["web", "ios"] })), hand: "c.device IN ('web','ios')", ids: [1, 3, 4, 6] },
  // numeric attribute, every operator
  { name: "city_tier eq", rule: and(attr("city_tier", "eq", { value: 2 })), hand: "c.city_tier = 2", ids: [3] },
  { name: "city_tier neq", rule: and(attr("city_tier", "neq", { value: 1 })), hand: "c.city_tier <> 1", ids: [3, 4, 6] },
  { name: "city_tier gt", rule: and(attr("city_tier", "gt", { value: 2 })), hand: "c.city_tier > 2", ids: [4, 6] },
  { name: "city_tier gte", rule: and(attr("city_tier", "gte", { value: 2 })), hand: "c.city_tier >= 2", ids: [3, 4, 6] },
  { name: "city_tier lt", rule: and(attr("city_tier", "lt", { value: 2 })), hand: "c.city_tier < 2", ids: [1, 2, 8] },
  { name: "city_tier lte", rule: and(attr("city_tier", "lte", { value: 2 })), hand: "c.city_tier <= 2", ids: [1, 2, 3, 8] },
  { name: "city_tier in", rule: and(attr("city_tier", "in", { values: [2, 3] })), hand: "c.city_tier IN (2,3)", ids: [3, 4, 6] },
  { name: "city_tier not_in", rule: and(attr("city_tier", "not_in", { values: [1, 3] })), hand: "c.city_tier NOT IN (1,3)", ids: [3] },
  { name: "city_tier between", rule: and(attr("city_tier", "between", { min: 2, max: 3 })), hand: "c.city_tier BETWEEN 2 AND 3", ids: [3, 4, 6] },
  { name: "city_tier is_null", rule: and(attr("city_tier", "is_null")), hand: "c.city_tier IS NULL", ids: [7] },
  { name: "city_tier is_not_null", rule: and(attr("city_tier", "is_not_null")), hand: "c.city_tier IS NOT NULL", ids: [1, 2, 3, 4, 6, 8] },
  // boolean attribute
  { name: "consent eq", rule: and(attr("marketing_consent", "eq", { value: true })), hand: "c.marketing_consent", ids: [1, 3, 7] },
  { name: "consent neq", rule: and(attr("marketing_consent", "neq", { value: true })), hand: "NOT c.marketing_consent", ids: [2, 4, 6, 8] },
  { name: "consent is_null", rule: and(attr("marketing_consent", "is_null")), hand: "c.marketing_consent IS NULL", ids: [] },
  { name: "consent is_not_null", rule: and(attr("marketing_consent", "is_not_null")), hand: "TRUE", ids: [1, 2, 3, 4, 6, 7, 8] },
  // timestamp attribute
  { name: "signup gt", rule: and(attr("signup_at", "gt", { value: "2025-03-01T00:00:00Z" })), hand: "c.signup_at > '2025-03-01T00:00:00Z'", ids: [3, 6, 7] },
  { name: "signup gte", rule: and(attr("signup_at", "gte", { value: "2025-03-01T00:00:00Z" })), hand: "c.signup_at >= '2025-03-01T00:00:00Z'", ids: [2, 3, 6, 7] },
  { name: "signup lt", rule: and(attr("signup_at", "lt", { value: "2025-01-10T00:00:00Z" })), hand: "c.signup_at < '2025-01-10T00:00:00Z'", ids: [8] },
  { name: "signup lte", rule: and(attr("signup_at", "lte", { value: "2025-01-10T00:00:00Z" })), hand: "c.signup_at <= '2025-01-10T00:00:00Z'", ids: [1, 8] },
  { name: "signup between", rule: and(attr("signup_at", "between", { min: "2025-01-01T00:00:00Z", max: "2025-05-31T00:00:00Z" })), hand: "c.signup_at >= '2025-01-01Z' AND c.signup_at <= '2025-05-31Z'", ids: [1, 2, 3] },
  { name: "signup is_null", rule: and(attr("signup_at", "is_null")), hand: "c.signup_at IS NULL", ids: [4] },
  { name: "signup is_not_null", rule: and(attr("signup_at", "is_not_null")), hand: "c.signup_at IS NOT NULL", ids: [1, 2, 3, 6, 7, 8] },
  // features (customers 4 and 7 have no feature row: every feature is unknown for them)
  { name: "recency lte", rule: and(feat("recency_days", "lte", { value: 10 })), hand: "f.recency_days <= 10", ids: [1, 6] },
  { name: "frequency eq", rule: and(feat("frequency", "eq", { value: 0 })), hand: "f.frequency = 0", ids: [3] },
  { name: "frequency neq", rule: and(feat("frequency", "neq", { value: 1 })), hand: "f.frequency <> 1", ids: [1, 3] },
  { name: "frequency gt", rule: and(feat("frequency", "gt", { value: 1 })), hand: "f.frequency > 1", ids: [1] },
  { name: "frequency lt", rule: and(feat("frequency", "lt", { value: 1 })), hand: "f.frequency < 1", ids: [3] },
  { name: "frequency in", rule: and(feat("frequency", "in", { values: [1, 2] })), hand: "f.frequency IN (1,2)", ids: [1, 2, 6, 8] },
  { name: "frequency not_in", rule: and(feat("frequency", "not_in", { values: [1] })), hand: "f.frequency NOT IN (1)", ids: [1, 3] },
  { name: "monetary between", rule: and(feat("monetary_cents", "between", { min: 5000, max: 10000 })), hand: "f.monetary_cents BETWEEN 5000 AND 10000", ids: [2, 8] },
  { name: "r_score is_null", rule: and(feat("r_score", "is_null")), hand: "f.r_score IS NULL", ids: [3, 4, 7] },
  { name: "discount is_not_null", rule: and(feat("discount_share", "is_not_null")), hand: "f.discount_share IS NOT NULL", ids: [1, 6, 8] },
  { name: "sessions gte", rule: and(feat("sessions_30d", "gte", { value: 2 })), hand: "f.sessions_30d >= 2", ids: [1, 8] },
  { name: "fm_score gte", rule: and(feat("fm_score", "gte", { value: 3 })), hand: "(f.f_score + f.m_score) >= 6", ids: [1, 6] },
  { name: "status eq", rule: and(feat("subscription_status", "eq", { value: "active" })), hand: "f.subscription_status = 'active'", ids: [2] },
  { name: "status in", rule: and(feat("subscription_status", "in", { values: ["active", "cancelled"] })), hand: "f.subscription_status IN ('active','cancelled')", ids: [2, 8] },
  { name: "status neq", rule: and(feat("subscription_status", "neq", { value: "active" })), hand: "f.subscription_status <> 'active'", ids: [6, 8] },
  // behaviour
  {
    name: "purchased >= 1 in 30 days",
    rule: and({ kind: "behaviour", event: "purchase", minCount: 1, withinDays: 30 }),
    hand: `EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.type = 'purchase' AND e.occurred_at > ${T(30)})`,
    ids: [1, 6],
  },
  {
    name: "purchased >= 2 in 90 days",
    rule: and({ kind: "behaviour", event: "purchase", minCount: 2, withinDays: 90 }),
    hand: `(SELECT count(*) FROM events e WHERE e.customer_id = c.id AND e.type = 'purchase' AND e.occurred_at > ${T(90)}) >= 2`,
    ids: [1],
  },
  {
    name: "sessions >= 2 in 7 days",
    rule: and({ kind: "behaviour", event: "session", minCount: 2, withinDays: 7 }),
    hand: `(SELECT count(*) FROM events e WHERE e.customer_id = c.id AND e.type = 'session' AND e.occurred_at > ${T(7)}) >= 2`,
    ids: [1, 8],
  },
  {
    name: "bought product 1 in 365 days",
    rule: and({ kind: "behaviour", event: "purchase", productId: 1, minCount: 1, withinDays: 365 }),
    hand: `c.id IN (SELECT customer_id FROM events WHERE type = 'purchase' AND product_id = 1 AND occurred_at > ${T(365)})`,
    ids: [1, 8],
  },
  {
    name: "bought in category data in 365 days",
    rule: and({ kind: "behaviour", event: "purchase", category: "data", minCount: 1, withinDays: 365 }),
    hand: `c.id IN (SELECT customer_id FROM events JOIN products p ON p.id = product_id WHERE type = 'purchase' AND p.category = 'data' AND occurred_at > ${T(365)})`,
    ids: [1, 2, 8],
  },
  {
    name: "no session in 30 days",
    rule: and({ kind: "inactive", event: "session", sinceDays: 30 }),
    hand: `c.id NOT IN (SELECT customer_id FROM events WHERE type = 'session' AND occurred_at > ${T(30)})`,
    ids: [3, 4, 7],
  },
  {
    name: "no purchase in 90 days",
    rule: and({ kind: "inactive", event: "purchase", sinceDays: 90 }),
    hand: `c.id NOT IN (SELECT customer_id FROM events WHERE type = 'purchase' AND occurred_at > ${T(90)})`,
    ids: [2, 3, 4, 7, 8],
  },
  {
    name: "no view of product 1 in 7 days",
    rule: and({ kind: "inactive", event: "view", productId: 1, sinceDays: 7 }),
    hand: `c.id NOT IN (SELECT customer_id FROM events WHERE type = 'view' AND product_id = 1 AND occurred_at > ${T(7)})`,
    ids: [1, 2, 4, 6, 7, 8],
  },
  // purchases ever
  { name: "purchased category design", rule: and({ kind: "purchased", category: "design" }), hand: "c.id IN (1, 6)", ids: [1, 6] },
  { name: "purchased product 3", rule: and({ kind: "purchased", productId: 3 }), hand: "c.id IN (SELECT customer_id FROM events WHERE type = 'purchase' AND product_id = 3)", ids: [2] },
  { name: "never purchased product 1", rule: and({ kind: "purchased", productId: 1, negate: true }), hand: "c.id NOT IN (SELECT customer_id FROM events WHERE type = 'purchase' AND product_id = 1)", ids: [2, 3, 4, 6, 7] },
  // model outputs: only the active run counts
  { name: "churn score gte", rule: and({ kind: "score", task: "churn", op: "gte", value: 0.5 }), hand: "c.id IN (SELECT customer_id FROM customer_scores s JOIN model_runs r ON r.id = s.model_run_id WHERE r.is_active AND r.task = 'churn' AND s.score >= 0.5)", ids: [1, 6] },
  { name: "churn score lte", rule: and({ kind: "score", task: "churn", op: "lte", value: 0.5 }), hand: "c.id IN (2, 6)", ids: [2, 6] },
  { name: "no active propensity run", rule: and({ kind: "score", task: "propensity", op: "gte", value: 0 }), hand: "FALSE", ids: [] },
  { name: "cluster 1", rule: and({ kind: "cluster", cluster: 1 }), hand: "c.id IN (SELECT customer_id FROM customer_scores s JOIN model_runs r ON r.id = s.model_run_id WHERE r.is_active AND r.task = 'clusters' AND s.cluster = 1)", ids: [2, 3] },
  // nesting
  { name: "empty and = everyone", rule: and(), hand: "TRUE", ids: [1, 2, 3, 4, 6, 7, 8] },
  { name: "empty or = no one", rule: or(), hand: "FALSE", ids: [] },
  {
    name: "and of or",
    rule: and(attr("city_tier", "eq", { value: 1 }), or(attr("device", "eq", { value: "ios" }), feat("sessions_30d", "gte", { value: 2 }))),
    hand: "c.city_tier = 1 AND (c.device = 'ios' OR f.sessions_30d >= 2)",
    ids: [1, 8],
  },
  {
    name: "or of and",
    rule: or(and(attr("region", "eq", { value: "Beijing" }), feat("frequency", "eq", { value: 1 })), and(attr("device", "eq", { value: "android" }), attr("marketing_consent", "eq", { value: true }))),
    hand: "(c.region = 'Beijing' AND f.frequency = 1) OR (c.device = 'android' AND c.marketing_consent)",
    ids: [2, 7],
  },
  {
    name: "five levels deep (customer 2 had a session 2 days before as-of)",
    rule: and(or(and(or(attr("region", "eq", { value: "Chengdu" }), and(attr("city_tier", "eq", { value: 1 }), { kind: "behaviour", event: "session", minCount: 1, withinDays: 3 }))))),
    hand: `c.region = 'Chengdu' OR (c.city_tier = 1 AND EXISTS (SELECT 1 FROM events e WHERE e.customer_id = c.id AND e.type = 'session' AND e.occurred_at > ${T(3)}))`,
    ids: [1, 2, 3, 8],
  },
];

describe(`rule compiler against hand-written SQL (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await insertSegmentFixture(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  async function handIds(where: string, params: unknown[] = []): Promise<number[]> {
    const rows = await database.query<{ id: number | string }>(
      `SELECT c.id FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id
       WHERE c.erased_at IS NULL AND (${where}) ORDER BY c.id`,
      params,
    );
    return rows.map((row) => Number(row.id));
  }

  async function ruleIds(rule: Rule): Promise<number[]> {
    const page = await previewMembers(database.db, rule, { page: 1, pageSize: 100 });
    expect(page.total).toBe(page.rows.length);
    return page.rows.map((row) => row.id);
  }

  it("covers every operator on every field type", () => {
    const seen = new Set(CASES.flatMap((c) => c.rule.children.filter((n) => n.kind === "attribute" || n.kind === "feature").map((n) => ("op" in n ? n.op : ""))));
    expect([...seen].sort()).toEqual(["between", "eq", "gt", "gte", "in", "is_not_null", "is_null", "lt", "lte", "neq", "not_in"]);
  });

  for (const c of CASES) {
    it(`${c.name}: matches ${JSON.stringify(c.ids)} like the hand-written SQL`, async () => {
      const rule = ZRule.parse(c.rule);
      expect(await handIds(c.hand)).toEqual(c.ids);
      expect(await ruleIds(rule)).toEqual(c.ids);
      expect(await countSegment(database.db, rule)).toBe(c.ids.length);
    });
  }

  it("counts from the data's as-of time unless told otherwise", async () => {
    const rule = and({ kind: "behaviour", event: "purchase", minCount: 1, withinDays: 30 });
    expect(await countSegment(database.db, rule)).toBe(2);
    // Seen from a year later nobody bought in the last 30 days.
    expect(await countSegment(database.db, rule, new Date("2026-06-30T00:00:00Z"))).toBe(0);
    // Seen from 2024-12-20, customer 8's December purchase is recent.
    expect(await countSegment(database.db, rule, new Date("2024-12-20T00:00:00Z"))).toBe(1);
  });

  const HOSTILE: Array<{ field: "region" | "acquisition_channel" | "age_band"; value: string; ids: number[] }> = [
    { field: "region", value: HOSTILE_REGION, ids: [6] },
    { field: "region", value: "%", ids: [7] },
    { field: "region", value: "Shang%", ids: [] },
    { field: "region", value: "'; DROP TABLE customers; --", ids: [] },
    { field: "region", value: "Shanghai' OR '1'='1", ids: [] },
    { field: "acquisition_channel", value: "_", ids: [7] },
    { field: "acquisition_channel", value: "searc_", ids: [] },
    { field: "acquisition_channel", value: HOSTILE_CHANNEL, ids: [6] },
    { field: "acquisition_channel", value: "50%_off\\\\", ids: [] },
    { field: "age_band", value: HOSTILE_AGE, ids: [6] },
    { field: "age_band", value: "25-34 --", ids: [] },
  ];

  for (const h of HOSTILE) {
    it(`hostile value ${JSON.stringify(h.value)} on ${h.field} is matched literally`, async () => {
      const rule = ZRule.parse(and(attr(h.field, "eq", { value: h.value })));
      expect(await ruleIds(rule)).toEqual(h.ids);
      expect(await handIds(`c.${h.field} = $1`, [h.value])).toEqual(h.ids);
      const inRule = ZRule.parse(and(attr(h.field, "in", { values: [h.value, "nothing"] })));
      expect(await ruleIds(inRule)).toEqual(h.ids);
      const query = new PgDialect().sqlToQuery(compileRule(rule, { asOf: AS_OF }));
      expect(query.params).toContain(h.value);
      if (h.value.length > 2) expect(query.sql).not.toContain(h.value);
      expect(query.sql).not.toContain("'");
    });
  }

  it("hostile text in feature, category and status values stays a value", async () => {
    const status = ZRule.parse(and(feat("subscription_status", "eq", { value: HOSTILE_STATUS })));
    expect(await ruleIds(status)).toEqual([6]);
    const category = ZRule.parse(and({ kind: "purchased", category: "data' OR 'a'='a" }));
    expect(await ruleIds(category)).toEqual([]);
    const sqlText = new PgDialect().sqlToQuery(compileRule(category, { asOf: AS_OF })).sql;
    expect(sqlText).not.toContain("OR 'a'");
    const [{ n }] = (await database.query<{ n: number | string }>("SELECT count(*) AS n FROM customers")) as [{ n: number | string }];
    expect(Number(n)).toBe(8);
  });

  it("erased customers never match, even a rule only they satisfy", async () => {
    const rule = ZRule.parse(and(attr("signup_at", "between", { min: "2025-05-31T00:00:00Z", max: "2025-06-02T00:00:00Z" })));
    expect(await handIds("TRUE AND c.signup_at BETWEEN '2025-05-31Z' AND '2025-06-02Z'")).toEqual([]);
    expect(await countSegment(database.db, rule)).toBe(0);
  });
});
