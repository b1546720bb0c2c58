import { describe, expect, it } from "vitest";
import { Rng } from "../../server/demo/prng";
import { record, TYPE } from "./record";

const END_AT = new Date("2026-01-01T00:00:00Z");

describe("planted co-purchase tracks", () => {
  const r = record({ customers: 1000, days: 365, seed: 5, endAt: END_AT });
  const { catalogue } = r.plan;
  const baskets = r.profiles.map(() => new Set<number>());
  for (let i = 0; i < r.type.length; i++) if (r.type[i] === TYPE.purchase) baskets[r.customer[i]!]!.add(r.product[i]!);
  const n = baskets.length;
  const support = (items: number[]) => baskets.filter((b) => items.every((item) => b.has(item))).length / n;
  const lift = (a: number, b: number) => {
    const both = support([a, b]);
    return both === 0 ? 0 : both / (support([a]) * support([b]));
  };

  it("consecutive track steps are bought together with high lift", () => {
    const lifts: number[] = [];
    for (const track of catalogue.trackCourses) for (let s = 0; s + 1 < track.length; s++) lifts.push(lift(track[s]!, track[s + 1]!));
    const mean = lifts.reduce((a, b) => a + b, 0) / lifts.length;
    const rng = new Rng(99);
    const inTrack = new Set(catalogue.trackCourses.flat());
    const paid = catalogue.products.filter((p) => !p.isFree && p.kind !== "subscription" && !inTrack.has(p.index)).map((p) => p.index);
    const random: number[] = [];
    while (random.length < 200) {
      const a = rng.pick(paid);
      const b = rng.pick(paid);
      if (a !== b) random.push(lift(a, b));
    }
    const randomMean = random.reduce((a, b) => a + b, 0) / random.length;
    expect(Math.min(...lifts)).toBeGreaterThan(3);
    expect(mean).toBeGreaterThan(5 * Math.max(randomMean, 0.5));
  });

  it("track steps are bought in order by the customers who follow a track", () => {
    let ordered = 0;
    let pairs = 0;
    const first = new Map<string, number>();
    for (let i = 0; i < r.type.length; i++) if (r.type[i] === TYPE.purchase) first.set(`${r.customer[i]}:${r.product[i]}`, r.sec[i]!);
    for (const p of r.profiles) {
      if (p.track < 0) continue;
      const track = catalogue.trackCourses[p.track]!;
      for (let s = 0; s + 1 < track.length; s++) {
        const a = first.get(`${p.index}:${track[s]}`);
        const b = first.get(`${p.index}:${track[s + 1]}`);
        if (a === undefined || b === undefined) continue;
        pairs++;
        if (a < b) ordered++;
      }
    }
    expect(pairs).toBeGreaterThan(100);
    expect(ordered / pairs).toBeGreaterThan(0.9);
  });
});
