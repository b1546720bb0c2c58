import type { Db } from "../db";
import { DEMO_STAFF, findStaffByEmail } from "../staff";
import { HIGH_CHURN_STARTER_NAME, findLiveSegmentByName } from "../segments";
import { countCampaigns, shiftCampaignDates } from "./campaigns.repo";
import { createCampaign, transitionCampaign } from "./campaigns.service";
import { simulateCampaign } from "./operations.service";

export const DEMO_CAMPAIGN_NAME = "Win-back coupon test (demo)";
const DAY_MS = 86_400_000;
const ATTRIBUTION_DAYS = 14;
/** The demo's experiment ran three weeks ago for two weeks, so its whole window lies in the past. */
const RAN_DAYS_AGO = ATTRIBUTION_DAYS + 7;

async function demoActor(db: Db, role: "marketer" | "manager") {
  const account = DEMO_STAFF.find((a) => a.role === role);
  const row = account ? await findStaffByEmail(db, account.email) : undefined;
  return row ? { id: row.id, email: row.email, role: row.role } : null;
}

/**
 * Demo out of the box: one finished experiment on the high churn-risk starter segment, run the way
 * a team would (the demo marketer builds and submits it, the demo manager approves it, the simulated
 * channel answers from the planted uplift, then it is completed), so the results, uplift and
 * bandit-free readout screens have something real to show. Only when no campaign exists yet.
 */
export async function ensureDemoCampaign(db: Db): Promise<{ name: string; assigned: number } | null> {
  if ((await countCampaigns(db)) > 0) return null;
  const segment = await findLiveSegmentByName(db, HIGH_CHURN_STARTER_NAME);
  const marketer = await demoActor(db, "marketer");
  const manager = await demoActor(db, "manager");
  if (!segment || !marketer || !manager) return null;

  // Launching stamps the real time, so the plan is written from it too.
  const now = new Date();

  const created = await createCampaign(db, marketer, {
    name: DEMO_CAMPAIGN_NAME,
    goal: "revenue_per_customer",
    segmentId: segment.id,
    channel: "email",
    allocation: "fixed",
    holdoutShare: 0.1,
    startsAt: now,
    endsAt: new Date(now.getTime() + ATTRIBUTION_DAYS * DAY_MS),
    attributionDays: ATTRIBUTION_DAYS,
    primaryMetric: null,
    correction: "holm",
    winsorise: "off",
    variants: [
      { key: "control", name: "Control", isControl: true, weight: 1, message: null, couponPercentOff: null, offerProductId: null },
      { key: "reminder", name: "Learning-path reminder", isControl: false, weight: 1, message: "Pick up where you left off: your next lesson is ready.", couponPercentOff: null, offerProductId: null },
      { key: "coupon-20", name: "20% coupon", isControl: false, weight: 1, message: "We miss you: 20% off your next course this fortnight.", couponPercentOff: 20, offerProductId: null },
    ],
  });
  await transitionCampaign(db, marketer, created.id, "submit");
  const launched = await transitionCampaign(db, manager, created.id, "approve");
  await simulateCampaign(db, marketer, created.id, 7);
  await transitionCampaign(db, manager, created.id, "complete");
  // A launch stamps "now" and the simulated answers fall in the window after it; the finished demo
  // experiment's own dates move back so its window lies in the past (the audit log keeps real times).
  await shiftCampaignDates(db, created.id, -RAN_DAYS_AGO);
  return { name: DEMO_CAMPAIGN_NAME, assigned: launched.assignment?.assigned ?? 0 };
}

