import { describe, expect, it } from "vitest";
import { PERSONAS, type Persona } from "../../server/demo/personas";
import { argMax, record, TYPE } from "./record";

const END_AT = new Date("2026-01-01T00:00:00Z");

interface Behaviour {
  couponShare: number;
  spendYuan: number;
  completionRate: number;
  freeViewShare: number;
  subscribed: number;
  tenureDays: number;
  churned: number;
  sessions: number;
}

/** Per-persona behaviour measured from the events alone (persona used only to group). */
function behaviour(): Map<Persona, Behaviour> {
  const r = record({ customers: 1000, days: 365, seed: 7, endAt: END_AT });
  const { isFree, learnable } = r.plan.context.tables;
  const acc = new Map(PERSONAS.map((p) => [p, { customers: 0, purchases: 0, coupons: 0, spend: 0, acquired: 0, completed: 0, views: 0, freeViews: 0, subscribed: 0, tenure: 0, churned: 0, sessions: 0 }]));
  for (const p of r.profiles) {
    const a = acc.get(p.persona)!;
    a.customers++;
    a.tenure += (r.plan.calendar.endSec - p.signupSec) / 86_400;
    if (p.churns) a.churned++;
  }
  for (let i = 0; i < r.type.length; i++) {
    const a = acc.get(r.profiles[r.customer[i]!]!.persona)!;
    const type = r.type[i]!;
    const product = r.product[i]!;
    if (type === TYPE.purchase) {
      a.purchases++;
      if (r.coupon[i]) a.coupons++;
    }
    if (type === TYPE.purchase || type === TYPE.subscribe || type === TYPE.renew) a.spend += r.amount[i]!;
    if (type === TYPE.refund) a.spend -= r.amount[i]!;
    if ((type === TYPE.purchase || type === TYPE.enrol) && learnable[product] === 1) a.acquired++;
    if (type === TYPE.complete) a.completed++;
    if (type === TYPE.view) {
      a.views++;
      if (isFree[product] === 1) a.freeViews++;
    }
    if (type === TYPE.subscribe) a.subscribed++;
    if (type === TYPE.session) a.sessions++;
  }
  return new Map(
    [...acc].map(([persona, a]) => [
      persona,
      {
        couponShare: a.coupons / Math.max(1, a.purchases),
        spendYuan: a.spend / 100 / a.customers,
        completionRate: a.completed / Math.max(1, a.acquired),
        freeViewShare: a.freeViews / Math.max(1, a.views),
        subscribed: a.subscribed / a.customers,
        tenureDays: a.tenure / a.customers,
        churned: a.churned / a.customers,
        sessions: a.sessions / a.customers,
      },
    ]),
  );
}

describe("planted personas", () => {
  const measured = behaviour();
  const metric = (key: keyof Behaviour) => new Map([...measured].map(([p, b]) => [p, b[key]]));

  it("every persona is present", () => {
    expect([...measured.keys()].sort()).toEqual([...PERSONAS].sort());
  });

  it("bargain hunters buy with coupons far more than anyone else", () => {
    expect(argMax(metric("couponShare"))).toBe("bargain_hunter");
    const others = PERSONAS.filter((p) => p !== "bargain_hunter").map((p) => measured.get(p)!.couponShare);
    expect(measured.get("bargain_hunter")!.couponShare).toBeGreaterThan(0.75);
    expect(measured.get("bargain_hunter")!.couponShare).toBeGreaterThan(Math.max(...others) + 0.2);
  });

  it("power learners spend the most and complete the most", () => {
    expect(argMax(metric("spendYuan"))).toBe("power_learner");
    expect(argMax(metric("completionRate"))).toBe("power_learner");
    expect(argMax(metric("sessions"))).toBe("power_learner");
  });

  it("free-content browsers mostly view free items and spend almost nothing", () => {
    expect(argMax(metric("freeViewShare"))).toBe("free_browser");
    expect(measured.get("free_browser")!.freeViewShare).toBeGreaterThan(0.6);
    expect(measured.get("free_browser")!.spendYuan).toBeLessThan(measured.get("power_learner")!.spendYuan / 10);
  });

  it("subscribers subscribe, newcomers are new, dormant customers churn", () => {
    expect(argMax(metric("subscribed"))).toBe("subscriber");
    expect(measured.get("subscriber")!.subscribed).toBeGreaterThan(0.9);
    const tenure = metric("tenureDays");
    expect([...tenure].sort((a, b) => a[1] - b[1])[0]?.[0]).toBe("newcomer");
    expect(measured.get("newcomer")!.tenureDays).toBeLessThan(60);
    expect(argMax(metric("churned"))).toBe("dormant");
    expect(measured.get("dormant")!.churned).toBeGreaterThan(0.7);
  });
});
