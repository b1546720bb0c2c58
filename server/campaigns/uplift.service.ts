import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { insertMembers, insertSegment, rebuildSegmentDays, updateSegmentRow } from "../segments";
import type { Actor } from "./campaigns.service";
import { requireCampaign } from "./campaigns.service";
import { qiniCurve, tLearner, upliftByDecile, upliftOrder, type UpliftExample } from "./uplift-model";
import { liveSegmentMemberships, upliftExampleRows } from "./uplift.repo";

/** Customer features the T-learner reads; counts and money are log-scaled, missing values are 0. */
const FEATURES = [
  ["recency_days", false],
  ["frequency", true],
  ["monetary_cents", true],
  ["tenure_days", false],
  ["sessions_30d", true],
  ["sessions_90d", true],
  ["browse_minutes_30d", true],
  ["active_days_30d", false],
  ["purchase_count", true],
  ["avg_order_cents", true],
  ["discount_share", false],
  ["refund_rate", false],
  ["completion_rate", false],
  ["days_since_learning", false],
  ["stalled_courses", false],
  ["avg_rating", false],
] as const;

interface CustomerExample extends UpliftExample {
  customerId: number;
}

async function loadExamples(db: Db, campaignId: string): Promise<CustomerExample[]> {
  const rows = await upliftExampleRows(db, campaignId, FEATURES.map(([name]) => name));
  return rows.map((r) => ({
    customerId: Number(r.customer_id),
    treated: r.is_control !== true,
    converted: r.converted === true,
    features: FEATURES.map(([name, log]) => {
      const value = r[name] === null || r[name] === undefined ? 0 : Number(r[name]);
      return log ? Math.log1p(Math.max(0, value)) : value;
    }),
  }));
}

/** Finished campaigns only: a model of a half-observed window would learn who converts early. */
function requireFinished(campaign: { status: string; origin: string }) {
  if (campaign.origin !== "imported" && campaign.status !== "completed" && campaign.status !== "stopped") {
    throw new AppError("PRECONDITION_FAILED", "Uplift is estimated from a finished campaign (completed or stopped)", "status");
  }
}

export async function estimateUplift(db: Db, campaignId: string) {
  const campaign = await requireCampaign(db, campaignId);
  requireFinished(campaign);
  const examples = await loadExamples(db, campaignId);
  let uplift: Float64Array;
  try {
    uplift = tLearner(examples);
  } catch (error) {
    throw new AppError("PRECONDITION_FAILED", error instanceof Error ? error.message : String(error), "id");
  }
  return { campaign, examples, uplift };
}

export async function upliftReport(db: Db, campaignId: string) {
  const { examples, uplift } = await estimateUplift(db, campaignId);
  const qini = qiniCurve(uplift, examples);
  const bySegment = await upliftBySegment(db, examples, uplift);
  return {
    customers: examples.length,
    treated: examples.filter((e) => e.treated).length,
    meanUplift: uplift.reduce((s, u) => s + u, 0) / Math.max(1, uplift.length),
    qini: qini.curve,
    qiniCoefficient: qini.coefficient,
    deciles: upliftByDecile(uplift, examples),
    bySegment,
  };
}

async function upliftBySegment(db: Db, examples: readonly CustomerExample[], uplift: Float64Array) {
  const index = new Map(examples.map((e, i) => [e.customerId, i]));
  const rows = await liveSegmentMemberships(db, examples.map((e) => e.customerId));
  const groups = new Map<string, { name: string; sum: number; n: number }>();
  for (const r of rows) {
    const i = index.get(Number(r.customer_id));
    if (i === undefined) continue;
    const g = groups.get(r.id) ?? { name: r.name, sum: 0, n: 0 };
    g.sum += uplift[i] ?? 0;
    g.n++;
    groups.set(r.id, g);
  }
  return [...groups.entries()]
    .map(([segmentId, g]) => ({ segmentId, name: g.name, n: g.n, meanUplift: g.sum / g.n }))
    .sort((a, b) => b.meanUplift - a.meanUplift)
    .slice(0, 12);
}

/**
 * One click: the top `topShare` of customers by estimated uplift (positive uplift only) saved as a
 * manual segment to target next time.
 */
export async function createPersuadablesSegment(db: Db, actor: Actor, input: { id: string; name: string; topShare: number }) {
  const { campaign, examples, uplift } = await estimateUplift(db, input.id);
  const order = upliftOrder(uplift);
  const chosen = order
    .slice(0, Math.max(1, Math.round(order.length * input.topShare)))
    .filter((i) => (uplift[i] ?? 0) > 0)
    .map((i) => examples[i]?.customerId ?? 0)
    .filter((id) => id > 0);
  if (chosen.length === 0) throw new AppError("PRECONDITION_FAILED", "No customer has a positive estimated uplift", "topShare");
  return db.transaction(async (tx) => {
    const created = await insertSegment(tx, {
      name: input.name,
      description: `Persuadables from "${campaign.name}": top ${Math.round(input.topShare * 100)}% by T-learner uplift`,
      kind: "manual",
      definition: { kind: "manual", customerIds: chosen },
      createdBy: actor.id,
      updatedBy: actor.id,
    });
    if (!created) throw new AppError("CONFLICT", `A segment named "${input.name}" already exists`, "name");
    await insertMembers(tx, created.id, chosen);
    await rebuildSegmentDays(tx, created.id);
    await updateSegmentRow(tx, created.id, { memberCount: chosen.length, lastRefreshedAt: new Date() });
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "segments.create", target: created.name, detail: { id: created.id, kind: "manual", fromCampaign: campaign.id, members: chosen.length } });
    return { id: created.id, name: created.name, members: chosen.length };
  });
}
