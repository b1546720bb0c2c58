import { EVENT_TYPES } from "../../server/db/schema/enums";
import { planDemo, simulateAll, type DemoPlan } from "../../server/demo/generate";
import type { DemoOptions } from "../../server/demo/options";
import type { CustomerProfile } from "../../server/demo/profiles";
import type { EventSink, EventType } from "../../server/demo/sink";

export const TYPE = Object.fromEntries(EVENT_TYPES.map((t, i) => [t, i])) as Record<EventType, number>;

/** Columnar copy of every simulated event, so tests can measure behaviour without a database. */
export interface Recorded {
  plan: DemoPlan;
  profiles: CustomerProfile[];
  customer: number[];
  type: number[];
  product: number[];
  sec: number[];
  amount: number[];
  rating: number[];
  coupon: boolean[];
}

export function record(options: DemoOptions): Recorded {
  const plan = planDemo(options);
  const out: Recorded = { plan, profiles: [], customer: [], type: [], product: [], sec: [], amount: [], rating: [], coupon: [] };
  let current = -1;
  const sink: EventSink = {
    beginCustomer(index) {
      current = index;
    },
    event(type, product, sec, amount, _duration, _progress, rating, _review, extra) {
      out.customer.push(current);
      out.type.push(TYPE[type]);
      out.product.push(product);
      out.sec.push(sec);
      out.amount.push(amount);
      out.rating.push(rating);
      out.coupon.push(extra.includes('"coupon"'));
    },
  };
  simulateAll(plan, sink, (p) => out.profiles.push(p));
  return out;
}

/** Mean of per-group values, keyed by group name. */
export function meanBy<K extends string>(keys: readonly K[], values: readonly number[]): Map<K, number> {
  const sums = new Map<K, { sum: number; n: number }>();
  keys.forEach((key, i) => {
    const entry = sums.get(key) ?? { sum: 0, n: 0 };
    entry.sum += values[i] ?? 0;
    entry.n++;
    sums.set(key, entry);
  });
  return new Map([...sums].map(([key, { sum, n }]) => [key, n > 0 ? sum / n : 0]));
}

export function argMax<K>(map: Map<K, number>): K | undefined {
  let best: K | undefined;
  let bestValue = -Infinity;
  for (const [key, value] of map) if (value > bestValue) [best, bestValue] = [key, value];
  return best;
}
