import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { enqueueJob, jobKinds } from "../jobs";
import { proportionSampleSize } from "../stats";
import { runSimulatedLoop } from "./bandit.service";
import { simulateThompson, type SimCustomer } from "./bandit-simulation";
import { listVariants } from "./campaigns.repo";
import { requireCampaign, type Actor } from "./campaigns.service";
import { outcomesFromEvents } from "./outcomes.repo";
import { dailyInflow, segmentPowerPlan } from "./power-plan";
import { segmentSupply } from "./segment-supply.repo";
import { isPersona, responseProbability } from "./simulated-channel";
import { audienceTruth } from "./simulation.repo";
import { webhookConfig } from "./webhook";

function requireRunning(campaign: { status: string }, what: string) {
  if (campaign.status !== "running") throw new AppError("PRECONDITION_FAILED", `${what} needs a running campaign; this one is ${campaign.status.replace("_", " ")}`, "status");
}

/** Queues one signed webhook delivery per treatment and control arm. */
export async function deliverCampaign(db: Db, actor: Actor, id: string) {
  const campaign = await requireCampaign(db, id);
  requireRunning(campaign, "Delivery");
  if (!webhookConfig()) throw new AppError("PRECONDITION_FAILED", "No webhook is configured (STRATUM_CAMPAIGN_WEBHOOK_URL and STRATUM_CAMPAIGN_WEBHOOK_SECRET); use the audience export instead", "url");
  const variants = await listVariants(db, id);
  const jobs = [];
  for (const v of variants) jobs.push(await enqueueJob(db, jobKinds.campaignsDeliver, { campaignId: id, variantId: v.id }, { createdBy: actor.id }));
  await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "campaigns.deliver", target: campaign.name, detail: { id, jobs: jobs.length } });
  return { jobs: jobs.map((j) => j.id) };
}

/** Demo channel: planted responses for everyone assigned (and the bandit's later waves). */
export async function simulateCampaign(db: Db, actor: Actor, id: string, seed: number) {
  const campaign = await requireCampaign(db, id);
  requireRunning(campaign, "Simulation");
  const result = await db.transaction((tx) => runSimulatedLoop(tx, campaign, seed));
  if (result.simulated === 0 && result.withoutTruth > 0) {
    throw new AppError("PRECONDITION_FAILED", "These customers are not demo customers (no planted truth): the simulated channel only answers for demo data", "id");
  }
  await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "campaigns.simulate", target: campaign.name, detail: { id, simulated: result.simulated, conversions: result.conversions } });
  return result;
}

/** Outcomes from the events table within each customer's attribution window. */
export async function refreshOutcomes(db: Db, id: string) {
  const campaign = await requireCampaign(db, id);
  if (campaign.origin === "imported") throw new AppError("PRECONDITION_FAILED", "An imported campaign's outcomes come from its file", "id");
  return { outcomes: await outcomesFromEvents(db, id, campaign.goal, campaign.attributionDays) };
}

export function powerCalculation(input: { baseline: number; mde: number; mdeType: "absolute" | "relative"; alpha: number; power: number; arms: number; dailyTraffic?: number }) {
  let result;
  try {
    result = proportionSampleSize({ baseline: input.baseline, mde: input.mde, mdeType: input.mdeType, alpha: input.alpha, power: input.power });
  } catch (error) {
    throw new AppError("BAD_REQUEST", error instanceof Error ? error.message : String(error), "mde");
  }
  const total = result.perArm * input.arms;
  return { ...result, total, days: input.dailyTraffic ? Math.ceil(total / input.dailyTraffic) : null };
}

/**
 * The sample size, and with a segment what that segment can supply: its eligible members now
 * (contactable, less the holdout, per arm) and how many days its inflow needs to make up the rest.
 */
export async function powerPlan(db: Db, input: { baseline: number; mde: number; mdeType: "absolute" | "relative"; alpha: number; power: number; arms: number; dailyTraffic?: number; segmentId?: string; holdoutShare: number; plannedDays?: number }) {
  const sample = powerCalculation(input);
  if (!input.segmentId) return { ...sample, segment: null };
  const supply = await segmentSupply(db, input.segmentId);
  if (!supply) throw new AppError("NOT_FOUND", "segmentId names no segment", "segmentId");
  const inflow = dailyInflow(supply.snapshots);
  const plan = segmentPowerPlan({
    requiredPerArm: sample.perArm,
    arms: input.arms,
    members: supply.members,
    eligible: supply.eligible,
    holdoutShare: input.holdoutShare,
    inflowPerDay: inflow?.perDay ?? null,
    plannedDays: input.plannedDays ?? null,
  });
  return { ...sample, segment: { ...plan, members: supply.members, holdoutShare: input.holdoutShare, plannedDays: input.plannedDays ?? null, inflowPerDay: inflow?.perDay ?? null, historyDays: inflow?.spanDays ?? 0 } };
}

/**
 * Thompson sampling replayed on this campaign's audience with the planted truth: each customer's
 * true response probability under each arm, customers in a fixed shuffled order.
 */
export async function banditSimulation(db: Db, id: string, seed = 7) {
  const campaign = await requireCampaign(db, id);
  const variants = await listVariants(db, id);
  const rows = await audienceTruth(db, campaign.id, campaign.salt);
  if (rows.length === 0) return null;
  const customers: SimCustomer[] = rows.flatMap((r) => {
    const persona = r.persona;
    return isPersona(persona) ? [{ probabilities: variants.map((v) => responseProbability(persona, Number(r.true_uplift), v)) }] : [];
  });
  // Replay the audience several times so the simulation runs long enough to separate close arms.
  const replay = Array.from({ length: Math.max(1, Math.ceil(5000 / Math.max(1, customers.length))) }, () => customers).flat();
  const sim = simulateThompson(replay, { seed, batchSize: 100 });
  return { arms: variants.map((v, i) => ({ key: v.key, name: v.name, share: sim.shares[i] ?? 0, pulls: sim.pulls[i] ?? 0 })), bestArm: variants[sim.bestArm]?.key ?? null, cumulativeRegret: sim.cumulativeRegret, uniformRegret: sim.uniformRegret, series: sim.regretSeries.filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 40)) === 0 || i === all.length - 1) };
}
