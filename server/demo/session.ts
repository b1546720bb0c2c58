import { discountCents, pickBrowse, pickCoupon, pickPurchase } from "./choices";
import type { PersonaParams } from "./personas";
import type { Rng } from "./prng";
import type { CustomerProfile } from "./profiles";
import { reviewText } from "./reviews";
import type { SimulationContext } from "./simulation-context";
import { NONE, type EventSink } from "./sink";
import { SUBSCRIPTION_PERIOD_DAYS, type CustomerState } from "./state";

/** One visit: a session event, views and clicks, then maybe a purchase, learning or a rating. */
export function session(
  ctx: SimulationContext,
  rng: Rng,
  profile: CustomerProfile,
  params: PersonaParams,
  state: CustomerState,
  sink: EventSink,
  day: number,
  start: number,
  decay: number,
  promo: number,
): void {
  const { tables } = ctx;
  const fading = decay < 1;
  const views = 1 + rng.poisson(params.viewsPerSession - 1);
  const learns = state.learnItems.length > 0 && rng.chance(params.learnProb * (fading ? 0.3 : 1));
  const duration = 90 + views * (30 + rng.int(120)) + (learns ? 300 + rng.int(2400) : 0);
  sink.event("session", NONE, start, NONE, duration, NaN, 0, "", "");
  let t = start;

  for (let v = 0; v < views; v++) {
    t += 10 + rng.int(90);
    const product = pickBrowse(tables, rng, profile, params, state.trackStep);
    sink.event("view", product, t, NONE, 10 + rng.int(170), NaN, 0, "", "");
    if (rng.chance(params.clickProb)) {
      t += 5 + rng.int(40);
      sink.event("click", product, t, NONE, NONE, NaN, 0, "", "");
    }
    if (tables.isFree[product] === 1 && state.owned[product] === 0 && rng.chance(params.enrolFreeProb)) {
      t += 5 + rng.int(30);
      state.owned[product] = 1;
      sink.event("enrol", product, t, 0, NONE, NaN, 0, "", "");
      if (tables.learnable[product] === 1) addLearning(state, product);
    }
  }

  if (state.subscription >= 0 && rng.chance(0.15)) t = memberEnrol(ctx, rng, state, sink, t);
  if (state.subscription < 0 && !fading && state.nextRenewDay < 0 && rng.chance(params.subscribeProb * (profile.persona === "subscriber" ? 1 : 0.02))) {
    t += 20 + rng.int(60);
    const product = tables.catalogue.subscriptionByCategory[profile.interestCategory] ?? 0;
    state.subscription = product;
    state.nextRenewDay = day + SUBSCRIPTION_PERIOD_DAYS;
    sink.event("subscribe", product, t, tables.price[product] ?? 0, NONE, NaN, 0, "", "");
  }

  const promoBuy = promo === 0 ? 1 : 1 + params.promoBoost;
  const newcomerBuy = profile.persona === "newcomer" && state.purchases === 0 ? 2 : 1;
  if (rng.chance(Math.min(0.95, params.buyProb * decay * promoBuy * newcomerBuy))) {
    t = purchase(ctx, rng, profile, params, state, sink, day, t, promo > 0);
  }

  if (learns) t = learn(rng, profile, params, state, sink, t, fading);
  else if (fading && state.learnItems.length > 0 && rng.chance(0.08)) {
    // Frustrated, fading learners leave low ratings on what they stopped studying.
    const product = state.learnItems[0] ?? 0;
    t += 30 + rng.int(120);
    rate(rng, profile, sink, product, t, 1 + rng.int(2));
  }
}

function addLearning(state: CustomerState, product: number): void {
  state.learnItems.push(product);
  state.learnProgress.push(0);
}

function memberEnrol(ctx: SimulationContext, rng: Rng, state: CustomerState, sink: EventSink, t: number): number {
  const category = ctx.tables.catalogue.products[state.subscription]?.categoryIndex ?? 0;
  const candidates = ctx.tables.catalogue.paidByCategory[category] ?? [];
  const product = candidates.length > 0 ? rng.pick(candidates) : -1;
  if (product < 0 || state.owned[product] === 1 || ctx.tables.learnable[product] === 0) return t;
  state.owned[product] = 1;
  addLearning(state, product);
  const at = t + 10 + rng.int(60);
  sink.event("enrol", product, at, 0, NONE, NaN, 0, "", '{"via":"membership"}');
  return at;
}

function purchase(
  ctx: SimulationContext,
  rng: Rng,
  profile: CustomerProfile,
  params: PersonaParams,
  state: CustomerState,
  sink: EventSink,
  day: number,
  t: number,
  inPromotion: boolean,
): number {
  const { tables } = ctx;
  const product = chooseProduct(ctx, rng, profile, params, state);
  if (product < 0) return t;
  t += 20 + rng.int(60);
  sink.event("view", product, t, NONE, 20 + rng.int(200), NaN, 0, "", "");
  t += 10 + rng.int(60);
  sink.event("add_to_cart", product, t, NONE, NONE, NaN, 0, "", "");
  const price = tables.price[product] ?? 0;
  const couponProb = inPromotion ? Math.min(0.95, params.couponProb + 0.5) : params.couponProb;
  let amount = price;
  let extra = "";
  if (rng.chance(couponProb)) {
    const coupon = pickCoupon(rng, inPromotion, ctx.calendar.promotion.couponCode, state.purchases === 0, profile.persona === "newcomer");
    const discount = discountCents(price, coupon.percent);
    amount = price - discount;
    extra = `{"coupon":"${coupon.code}","discount_cents":${discount},"list_price_cents":${price}}`;
  }
  t += 30 + rng.int(120);
  sink.event("purchase", product, t, amount, NONE, NaN, 0, "", extra);
  state.owned[product] = 1;
  state.purchases++;
  if (tables.learnable[product] === 1) addLearning(state, product);
  else if (tables.isConsultation[product] === 1 && rng.chance(params.rateProb)) {
    t += 1800 + rng.int(3600);
    rate(rng, profile, sink, product, t, satisfiedRating(rng, params));
  }
  if (state.refundDay < 0 && rng.chance(params.refundProb)) {
    state.refundProduct = product;
    state.refundAmount = amount;
    state.refundDay = day + 1 + rng.int(7);
  }
  return t;
}

/** Track followers buy the next step once the previous one is well under way. */
function chooseProduct(ctx: SimulationContext, rng: Rng, profile: CustomerProfile, params: PersonaParams, state: CustomerState): number {
  const track = profile.track >= 0 ? ctx.tables.catalogue.trackCourses[profile.track] : undefined;
  if (track && state.trackStep < track.length && rng.chance(params.trackFocus)) {
    const previous = state.trackStep > 0 ? (track[state.trackStep - 1] ?? -1) : -1;
    const at = previous >= 0 ? state.learnItems.indexOf(previous) : -1;
    if (at >= 0 && (state.learnProgress[at] ?? 0) < 0.4) return -1;
    const next = track[state.trackStep] ?? -1;
    state.trackStep++;
    if (next >= 0 && state.owned[next] === 0) return next;
  }
  return pickPurchase(ctx.tables, rng, profile, state.owned);
}

function learn(
  rng: Rng,
  profile: CustomerProfile,
  params: PersonaParams,
  state: CustomerState,
  sink: EventSink,
  t: number,
  fading: boolean,
): number {
  const slot = rng.chance(0.7) ? 0 : rng.int(state.learnItems.length);
  const product = state.learnItems[slot] ?? 0;
  const step = params.progressStep * (0.5 + rng.next()) * (fading ? 0.3 : 1);
  const progress = Math.min(1, Math.round(((state.learnProgress[slot] ?? 0) + step) * 100) / 100);
  t += 60 + rng.int(120);
  sink.event("progress", product, t, NONE, 300 + rng.int(2400), progress, 0, "", "");
  if (progress < 1) {
    state.learnProgress[slot] = progress;
    return t;
  }
  state.learnItems.splice(slot, 1);
  state.learnProgress.splice(slot, 1);
  t += 30 + rng.int(300);
  sink.event("complete", product, t, NONE, NONE, 1, 0, "", "");
  if (rng.chance(params.rateProb)) {
    t += 20 + rng.int(200);
    rate(rng, profile, sink, product, t, satisfiedRating(rng, params));
  }
  return t;
}

function satisfiedRating(rng: Rng, params: PersonaParams): number {
  return Math.max(1, Math.min(5, Math.round(params.ratingMean + 0.8 * rng.normal())));
}

function rate(rng: Rng, profile: CustomerProfile, sink: EventSink, product: number, t: number, rating: number): void {
  const language = rng.chance(0.9) ? profile.language : profile.language === "zh" ? "en" : "zh";
  const review = rng.chance(0.6) ? reviewText(rng, rating, language) : "";
  sink.event("rate", product, t, NONE, NONE, NaN, rating, review, review ? `{"lang":"${language}"}` : "");
}
