import { TRPCError } from "@trpc/server";
import { createCaller } from "../../server/api/root";
import type { CampaignInput } from "../../server/campaigns/campaigns.schemas";
import type { Database } from "../../server/db/client";
import { PERSONA_PARAMS, PERSONAS } from "../../server/demo/personas";
import { createStaff } from "../../server/staff/staff.service";

export type Caller = ReturnType<typeof createCaller>;

export interface Team {
  marketer: Caller;
  otherMarketer: Caller;
  manager: Caller;
  admin: Caller;
  ids: Record<"marketer" | "otherMarketer" | "manager" | "admin", string>;
}

export async function createTeam(database: Database): Promise<Team> {
  const make = async (email: string, role: "marketer" | "manager" | "admin") => {
    const s = await createStaff(database.db, null, { email, name: email.split("@")[0] ?? email, role, password: "long enough 1" });
    return { id: s.id, caller: createCaller({ db: database.db, user: { id: s.id, email: s.email, name: s.name, role } }) };
  };
  const m = await make("mk@example.com", "marketer");
  const o = await make("mk2@example.com", "marketer");
  const g = await make("mg@example.com", "manager");
  const a = await make("ad@example.com", "admin");
  return { marketer: m.caller, otherMarketer: o.caller, manager: g.caller, admin: a.caller, ids: { marketer: m.id, otherMarketer: o.id, manager: g.id, admin: a.id } };
}

/**
 * `count` customers with ids from `firstId`: every 10th without consent, every 25th erased, each
 * with a planted persona (cycling) and that persona's true uplift, all in one new segment.
 */
export async function seedAudience(database: Database, options: { count: number; firstId?: number; segmentName: string }): Promise<string> {
  const first = options.firstId ?? 1;
  const last = first + options.count - 1;
  await database.query(
    `INSERT INTO customers (id, external_id, email, marketing_consent, erased_at)
     SELECT g, 'cust-' || g, 'c' || g || '@example.com', g % 10 <> 0, CASE WHEN g % 25 = 0 THEN now() ELSE NULL END
     FROM generate_series($1::bigint, $2::bigint) g ON CONFLICT DO NOTHING`,
    [first, last],
  );
  await database.query(`SELECT setval(pg_get_serial_sequence('customers', 'id'), (SELECT max(id) FROM customers))`);
  const [run] = await database.query<{ id: number }>(`SELECT id FROM demo_runs ORDER BY id LIMIT 1`);
  let runId = run?.id;
  if (runId === undefined) {
    const [created] = await database.query<{ id: number }>(
      `INSERT INTO demo_runs (seed, customers, days, start_at, end_at, churn_cutoff_at) VALUES (1, 0, 30, now() - interval '30 days', now(), now()) RETURNING id`,
    );
    runId = created?.id;
  }
  const personas = JSON.stringify(PERSONAS.map((p) => ({ p, u: PERSONA_PARAMS[p].uplift })));
  await database.query(
    `INSERT INTO demo_customer_truth (customer_id, demo_run_id, persona, churns_after_cutoff, true_uplift)
     SELECT g, $3, (x->>'p'), false, (x->>'u')::real
     FROM generate_series($1::bigint, $2::bigint) g,
          LATERAL (SELECT x FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(x, i) WHERE i = (g % ${PERSONAS.length}) + 1) pick
     ON CONFLICT DO NOTHING`,
    [first, last, runId, personas],
  );
  const [segment] = await database.query<{ id: string }>(
    `INSERT INTO segments (name, kind, definition, member_count) VALUES ($1, 'rule', $2::jsonb, $3) RETURNING id`,
    [options.segmentName, JSON.stringify({ kind: "rule", rule: { kind: "group", combinator: "and", children: [] } }), options.count],
  );
  if (!segment) throw new Error("segment insert failed");
  await database.query(`INSERT INTO segment_members (segment_id, customer_id) SELECT $1::uuid, g FROM generate_series($2::bigint, $3::bigint) g`, [segment.id, first, last]);
  return segment.id;
}

export function campaignInput(segmentId: string, overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: "Spring coupon",
    goal: "first_purchase",
    segmentId,
    channel: "email",
    allocation: "fixed",
    holdoutShare: 0.1,
    startsAt: new Date("2026-01-01T00:00:00Z"),
    endsAt: new Date("2026-12-31T00:00:00Z"),
    attributionDays: 14,
    primaryMetric: null,
    correction: "holm",
    winsorise: "off",
    variants: [
      { key: "control", name: "Control", isControl: true, weight: 1, message: null, couponPercentOff: null, offerProductId: null },
      { key: "coupon20", name: "20% coupon", isControl: false, weight: 1, message: "20% off this week", couponPercentOff: 20, offerProductId: null },
    ],
    ...overrides,
  };
}

export async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string; field: string | undefined }> {
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

/**
 * Campaigns get a random salt at creation, so assignments (and every number read out of them)
 * would change from run to run; tests pin it so their expectations hold on every engine and run.
 */
export async function pinSalt(database: Database, campaignId: string, salt = "pinned-test-salt"): Promise<void> {
  await database.query(`UPDATE campaigns SET salt = $1 WHERE id = $2`, [salt, campaignId]);
}
