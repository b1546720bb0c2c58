/**
 * Planted personas. Their names live only in demo_customer_truth; the parameters below are
 * what makes each one recognisable from behaviour alone.
 */
export const PERSONAS = [
  "power_learner",
  "bargain_hunter",
  "free_browser",
  "career_upskiller",
  "dormant",
  "newcomer",
  "subscriber",
] as const;
export type Persona = (typeof PERSONAS)[number];

export interface PersonaParams {
  label: { zh: string; en: string };
  share: number;
  /** Expected sessions per day while fully active. */
  sessionRate: number;
  viewsPerSession: number;
  clickProb: number;
  /** Chance that a session ends in a paid purchase. */
  buyProb: number;
  /** Chance a purchase uses a coupon outside the promotion. */
  couponProb: number;
  /** Extra session/purchase multiplier during the promotion week. */
  promoBoost: number;
  /** Share of browsing that lands on free items. */
  freeShare: number;
  /** Chance a free item viewed is also enrolled in. */
  enrolFreeProb: number;
  /** Chance a purchase follows the customer's track (when they have one). */
  trackFocus: number;
  /** Chance a session includes learning, and progress gained per learning session. */
  learnProb: number;
  progressStep: number;
  /** Chance a finished (or abandoned) item gets rated; mean rating when satisfied. */
  rateProb: number;
  ratingMean: number;
  subscribeProb: number;
  /** Monthly chance an active subscription is cancelled. */
  cancelProb: number;
  refundProb: number;
  churnProb: number;
  /** Campaign response: conversion without treatment and the true uplift a campaign adds. */
  baseline: number;
  uplift: number;
  /** Chance the customer is given a track at all. */
  trackProb: number;
}

export const PERSONA_PARAMS: Record<Persona, PersonaParams> = {
  power_learner: {
    label: { zh: "高频高价值学习者", en: "Power learner" },
    share: 0.08, sessionRate: 0.2, viewsPerSession: 2, clickProb: 0.45, buyProb: 0.15, couponProb: 0.1,
    promoBoost: 0.3, freeShare: 0.1, enrolFreeProb: 0.2, trackFocus: 0.5, learnProb: 0.7, progressStep: 0.18,
    rateProb: 0.7, ratingMean: 4.5, subscribeProb: 0.5, cancelProb: 0.02, refundProb: 0.01, churnProb: 0.03,
    baseline: 0.3, uplift: 0.01, trackProb: 0.7,
  },
  bargain_hunter: {
    label: { zh: "薅羊毛型（优惠敏感）", en: "Bargain hunter" },
    share: 0.17, sessionRate: 0.05, viewsPerSession: 2, clickProb: 0.35, buyProb: 0.2, couponProb: 0.85,
    promoBoost: 4, freeShare: 0.3, enrolFreeProb: 0.3, trackFocus: 0.1, learnProb: 0.3, progressStep: 0.1,
    rateProb: 0.3, ratingMean: 3.8, subscribeProb: 0.05, cancelProb: 0.2, refundProb: 0.08, churnProb: 0.1,
    baseline: 0.05, uplift: 0.15, trackProb: 0,
  },
  free_browser: {
    label: { zh: "免费内容浏览者", en: "Free-content browser" },
    share: 0.22, sessionRate: 0.06, viewsPerSession: 1.8, clickProb: 0.25, buyProb: 0.004, couponProb: 0.3,
    promoBoost: 0.5, freeShare: 0.85, enrolFreeProb: 0.25, trackFocus: 0, learnProb: 0.25, progressStep: 0.15,
    rateProb: 0.15, ratingMean: 3.6, subscribeProb: 0, cancelProb: 0.3, refundProb: 0.02, churnProb: 0.12,
    baseline: 0.02, uplift: 0.04, trackProb: 0,
  },
  career_upskiller: {
    label: { zh: "职业进阶者", en: "Career upskiller" },
    share: 0.15, sessionRate: 0.09, viewsPerSession: 1.6, clickProb: 0.4, buyProb: 0.2, couponProb: 0.15,
    promoBoost: 0.5, freeShare: 0.15, enrolFreeProb: 0.2, trackFocus: 0.9, learnProb: 0.6, progressStep: 0.1,
    rateProb: 0.5, ratingMean: 4.3, subscribeProb: 0.1, cancelProb: 0.05, refundProb: 0.02, churnProb: 0.05,
    baseline: 0.15, uplift: 0.06, trackProb: 1,
  },
  dormant: {
    label: { zh: "沉睡/流失风险用户", en: "Dormant / churning" },
    share: 0.13, sessionRate: 0.08, viewsPerSession: 1.6, clickProb: 0.3, buyProb: 0.03, couponProb: 0.2,
    promoBoost: 0.5, freeShare: 0.3, enrolFreeProb: 0.2, trackFocus: 0.2, learnProb: 0.4, progressStep: 0.08,
    rateProb: 0.35, ratingMean: 3.4, subscribeProb: 0.15, cancelProb: 0.1, refundProb: 0.05, churnProb: 0.85,
    baseline: 0.03, uplift: 0.08, trackProb: 0.2,
  },
  newcomer: {
    label: { zh: "新用户", en: "Newcomer" },
    share: 0.12, sessionRate: 0.25, viewsPerSession: 2.2, clickProb: 0.35, buyProb: 0.04, couponProb: 0.5,
    promoBoost: 0.5, freeShare: 0.5, enrolFreeProb: 0.4, trackFocus: 0.3, learnProb: 0.5, progressStep: 0.12,
    rateProb: 0.4, ratingMean: 4, subscribeProb: 0.05, cancelProb: 0.1, refundProb: 0.03, churnProb: 0,
    baseline: 0.08, uplift: 0.1, trackProb: 0.3,
  },
  subscriber: {
    label: { zh: "会员订阅者", en: "Subscriber" },
    share: 0.13, sessionRate: 0.09, viewsPerSession: 1.5, clickProb: 0.3, buyProb: 0.01, couponProb: 0.1,
    promoBoost: 0.3, freeShare: 0.3, enrolFreeProb: 0.2, trackFocus: 0.1, learnProb: 0.6, progressStep: 0.1,
    rateProb: 0.4, ratingMean: 4.2, subscribeProb: 1, cancelProb: 0.03, refundProb: 0.01, churnProb: 0.08,
    baseline: 0.12, uplift: -0.02, trackProb: 0.1,
  },
};

export const PERSONA_SHARES: readonly number[] = PERSONAS.map((p) => PERSONA_PARAMS[p].share);
