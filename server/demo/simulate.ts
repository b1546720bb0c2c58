import type { Calendar } from "./calendar";
import { LOCAL_OFFSET_SECONDS } from "./calendar";
import { buildChoiceTables } from "./choices";
import type { SimulationContext } from "./simulation-context";

export type { SimulationContext };
import type { Catalogue } from "./catalogue";
import { PERSONA_PARAMS, type PersonaParams } from "./personas";
import { Rng } from "./prng";
import { STREAM_EVENTS, type CustomerProfile } from "./profiles";
import { session } from "./session";
import { NONE, type EventSink } from "./sink";
import { CustomerState, SUBSCRIPTION_PERIOD_DAYS } from "./state";

const DAY = 86_400;


export function simulationContext(seed: number, calendar: Calendar, catalogue: Catalogue): SimulationContext {
  return { seed, calendar, tables: buildChoiceTables(catalogue) };
}

/** Simulates one customer's whole history into the sink, in chronological order. */
export function simulateCustomer(ctx: SimulationContext, profile: CustomerProfile, sink: EventSink): void {
  const { calendar, tables } = ctx;
  const rng = new Rng(ctx.seed, profile.index, STREAM_EVENTS);
  const params = PERSONA_PARAMS[profile.persona];
  const state = new CustomerState(tables.price.length);
  sink.beginCustomer(profile.index);
  sink.event("signup", NONE, profile.signupSec, NONE, NONE, NaN, 0, "", "");

  const lastDay = Math.min(calendar.days - 1, profile.lastActiveDay);
  const times: number[] = [];
  for (let day = profile.signupDay; day <= lastDay; day++) {
    const dayStart = calendar.startSec + day * DAY - LOCAL_OFFSET_SECONDS;
    const decay = activityLevel(profile, day);
    if (state.subscription >= 0 && day === state.nextRenewDay) renewOrCancel(ctx, rng, params, state, sink, day, dayStart, decay);
    if (state.refundDay === day) emitRefund(rng, sink, state, dayStart);

    const promo = calendar.promo[day] ?? 0;
    const promoMultiplier = promo === 0 ? 1 : 1 + params.promoBoost * (promo === 2 ? 1.5 : 1);
    const newcomerBoost = profile.persona === "newcomer" && day - profile.signupDay < 14 ? 1.6 : 1;
    const rate = params.sessionRate * (calendar.dayFactor[day] ?? 1) * decay * promoMultiplier * newcomerBoost;
    const sessions = rng.poisson(rate);
    if (sessions === 0) continue;
    const hours = calendar.isWeekend[day] === 1 ? calendar.weekendHours : calendar.weekdayHours;
    times.length = 0;
    for (let s = 0; s < sessions; s++) times.push(dayStart + rng.weighted(hours) * 3600 + rng.int(3600));
    if (sessions > 1) times.sort((a, b) => a - b);
    for (const start of times) {
      if (start < profile.signupSec) continue;
      session(ctx, rng, profile, params, state, sink, day, start, decay, promo);
    }
  }
}

/** 1 while active; future churners fade linearly to ~15% before their last active day. */
function activityLevel(profile: CustomerProfile, day: number): number {
  if (day < profile.decayStartDay) return 1;
  const span = profile.lastActiveDay - profile.decayStartDay + 1;
  return 1 - (0.85 * (day - profile.decayStartDay)) / span;
}

function renewOrCancel(
  ctx: SimulationContext,
  rng: Rng,
  params: PersonaParams,
  state: CustomerState,
  sink: EventSink,
  day: number,
  dayStart: number,
  decay: number,
): void {
  const at = dayStart + 3600 + rng.int(3600);
  // Fading customers cancel far more often: a visible signal before the churn cut-off.
  const cancelProb = decay < 1 ? 0.5 : params.cancelProb;
  if (rng.chance(cancelProb)) {
    sink.event("cancel", state.subscription, at, NONE, NONE, NaN, 0, "", "");
    state.subscription = -1;
    return;
  }
  sink.event("renew", state.subscription, at, ctx.tables.price[state.subscription] ?? 0, NONE, NaN, 0, "", "");
  state.nextRenewDay = day + SUBSCRIPTION_PERIOD_DAYS;
}

function emitRefund(rng: Rng, sink: EventSink, state: CustomerState, dayStart: number): void {
  const product = state.refundProduct;
  sink.event("refund", product, dayStart + 10 * 3600 + rng.int(10 * 3600), state.refundAmount, NONE, NaN, 0, "", "");
  const at = state.learnItems.indexOf(product);
  if (at >= 0) {
    state.learnItems.splice(at, 1);
    state.learnProgress.splice(at, 1);
  }
  state.refundDay = -1;
  state.refundProduct = -1;
}

