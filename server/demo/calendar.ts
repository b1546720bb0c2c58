import { cumulativeWeights } from "./prng";

const DAY = 86_400;
/** Learners live on China time; rhythm is simulated in local hours and stored as UTC. */
export const LOCAL_OFFSET_SECONDS = 8 * 3600;

/** Local-hour session weights: lunch bump, heavy evenings, quiet nights. */
const WEEKDAY_HOURS = [0.3, 0.15, 0.08, 0.05, 0.05, 0.1, 0.4, 0.9, 1.1, 0.8, 0.7, 0.8, 1.3, 1.1, 0.7, 0.7, 0.7, 0.8, 1.2, 1.9, 2.4, 2.6, 2.0, 1.0];
const WEEKEND_HOURS = [0.5, 0.3, 0.15, 0.08, 0.05, 0.08, 0.2, 0.4, 0.8, 1.3, 1.6, 1.6, 1.4, 1.3, 1.5, 1.6, 1.5, 1.3, 1.3, 1.9, 2.3, 2.4, 2.0, 1.2];
const WEEKEND_FACTOR = 1.35;
const WEEKDAY_FACTOR = 0.9;

export interface Promotion {
  key: string;
  zh: string;
  en: string;
  /** Day indices [firstDay, lastDay] inclusive; lastDay is the peak (e.g. 11 November). */
  firstDay: number;
  lastDay: number;
  couponCode: string;
}

export interface Calendar {
  days: number;
  startSec: number;
  endSec: number;
  cutoffDay: number;
  cutoffSec: number;
  /** Days before the cut-off over which future churners fade out. */
  decayDays: number;
  /** Activity multiplier per day (weekday/weekend rhythm, promotion boost applied separately). */
  dayFactor: Float64Array;
  /** 0 = normal day, 1 = promotion week, 2 = promotion peak day. */
  promo: Uint8Array;
  promotion: Promotion;
  weekdayHours: Float64Array;
  weekendHours: Float64Array;
  isWeekend: Uint8Array;
}

/** Floors to a UTC day boundary so day indices and local hours line up for any endAt. */
export function utcDayStart(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000 / DAY) * DAY * 1000);
}

export function buildCalendar(endAt: Date, days: number): Calendar {
  const endSec = utcDayStart(endAt).getTime() / 1000;
  const startSec = endSec - days * DAY;
  // Churn is judged on the last 30 days; short windows scale it down so history remains.
  const churnWindow = Math.max(3, Math.min(30, Math.floor(days / 4)));
  const cutoffDay = days - churnWindow;
  const decayDays = Math.max(5, Math.min(60, Math.floor(days / 4)));
  const dayFactor = new Float64Array(days);
  const isWeekend = new Uint8Array(days);
  for (let d = 0; d < days; d++) {
    const weekday = new Date((startSec + d * DAY) * 1000).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    isWeekend[d] = weekend ? 1 : 0;
    dayFactor[d] = weekend ? WEEKEND_FACTOR : WEEKDAY_FACTOR;
  }
  const promotion = findPromotion(startSec, days);
  const promo = new Uint8Array(days);
  for (let d = promotion.firstDay; d <= promotion.lastDay; d++) promo[d] = d === promotion.lastDay ? 2 : 1;
  return {
    days,
    startSec,
    endSec,
    cutoffDay,
    cutoffSec: startSec + cutoffDay * DAY,
    decayDays,
    dayFactor,
    promo,
    promotion,
    weekdayHours: cumulativeWeights(WEEKDAY_HOURS),
    weekendHours: cumulativeWeights(WEEKEND_HOURS),
    isWeekend,
  };
}

/** The latest "Double 11" week inside the window, or a mid-window sale when none fits. */
function findPromotion(startSec: number, days: number): Promotion {
  const lastYear = new Date((startSec + (days - 1) * DAY) * 1000).getUTCFullYear();
  for (let year = lastYear; year >= lastYear - 4; year--) {
    const peak = Math.round((Date.UTC(year, 10, 11) / 1000 - startSec) / DAY);
    if (peak >= 6 && peak < days) {
      return { key: `double11-${year}`, zh: `${year} 双十一`, en: `Double 11 ${year}`, firstDay: peak - 6, lastDay: peak, couponCode: `D11-${year}` };
    }
  }
  const peak = Math.max(6, Math.floor(days * 0.6));
  return { key: "mid-window-sale", zh: "年中大促", en: "Mid-season Sale", firstDay: Math.max(0, peak - 6), lastDay: peak, couponCode: "SALE-MID" };
}

export { DAY };
