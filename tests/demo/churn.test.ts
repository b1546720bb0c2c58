import { describe, expect, it } from "vitest";
import { record, TYPE } from "./record";

const DAY = 86_400;
const END_AT = new Date("2026-01-01T00:00:00Z");

describe("planted churn after the cut-off", () => {
  const r = record({ customers: 1000, days: 365, seed: 11, endAt: END_AT });
  const { cutoffSec } = r.plan.calendar;
  const n = r.profiles.length;
  const sessionsIn = (from: number, to: number) => {
    const counts = new Float64Array(n);
    for (let i = 0; i < r.type.length; i++) {
      const t = r.sec[i]!;
      if (r.type[i] === TYPE.session && t >= from && t < to) counts[r.customer[i]!]!++;
    }
    return counts;
  };
  const eventsAfter = new Float64Array(n);
  for (let i = 0; i < r.type.length; i++) if (r.sec[i]! >= cutoffSec) eventsAfter[r.customer[i]!]!++;
  // Only customers who signed up well before the decay window can show a trend.
  const established = r.profiles.filter((p) => p.signupSec < cutoffSec - 120 * DAY);
  const churners = established.filter((p) => p.churns);
  const stayers = established.filter((p) => !p.churns);
  const sum = (counts: Float64Array, group: typeof established) => group.reduce((s, p) => s + counts[p.index]!, 0);

  it("plants a meaningful share of churners", () => {
    expect(churners.length).toBeGreaterThan(100);
    expect(stayers.length).toBeGreaterThan(400);
  });

  it("churners' activity falls before the cut-off; non-churners' does not", () => {
    const early = sessionsIn(cutoffSec - 100 * DAY, cutoffSec - 70 * DAY);
    const late = sessionsIn(cutoffSec - 30 * DAY, cutoffSec);
    const churnerRatio = sum(late, churners) / sum(early, churners);
    const stayerRatio = sum(late, stayers) / sum(early, stayers);
    expect(churnerRatio).toBeLessThan(0.5);
    expect(stayerRatio).toBeGreaterThan(0.85);
  });

  it("churners are silent after the cut-off while nearly all others stay active", () => {
    expect(r.profiles.filter((p) => p.churns).every((p) => eventsAfter[p.index] === 0)).toBe(true);
    const nonChurners = r.profiles.filter((p) => !p.churns);
    const active = nonChurners.filter((p) => eventsAfter[p.index]! > 0).length / nonChurners.length;
    expect(active).toBeGreaterThan(0.8);
  });

  it("churners leave visible signals before the cut-off: low ratings and cancellations", () => {
    const window = cutoffSec - 60 * DAY;
    const low = new Float64Array(n);
    const ratings = new Float64Array(n);
    const cancels = new Float64Array(n);
    for (let i = 0; i < r.type.length; i++) {
      if (r.sec[i]! < window || r.sec[i]! >= cutoffSec) continue;
      const c = r.customer[i]!;
      if (r.type[i] === TYPE.rate) {
        ratings[c]!++;
        if (r.rating[i]! <= 2) low[c]!++;
      }
      if (r.type[i] === TYPE.cancel) cancels[c]!++;
    }
    const lowShare = (group: typeof established) => sum(low, group) / Math.max(1, sum(ratings, group));
    expect(lowShare(churners)).toBeGreaterThan(lowShare(stayers) + 0.2);
    expect(sum(cancels, churners) / churners.length).toBeGreaterThan((3 * sum(cancels, stayers)) / stayers.length);
  });
});
