import { describe, expect, it } from "vitest";
import { LOCAL_OFFSET_SECONDS } from "../../server/demo/calendar";
import { record, TYPE } from "./record";

const DAY = 86_400;

describe("activity rhythm and the promotion spike", () => {
  const r = record({ customers: 800, days: 365, seed: 21, endAt: new Date("2026-01-01T00:00:00Z") });
  const { calendar } = r.plan;
  const byHour = new Float64Array(24);
  let weekend = 0;
  let weekday = 0;
  for (let i = 0; i < r.type.length; i++) {
    if (r.type[i] !== TYPE.session) continue;
    const local = r.sec[i]! + LOCAL_OFFSET_SECONDS;
    byHour[Math.floor((local % DAY) / 3600)]!++;
    const day = new Date(local * 1000).getUTCDay();
    if (day === 0 || day === 6) weekend++;
    else weekday++;
  }

  it("is busiest in the evening (China time) and quiet before dawn", () => {
    const evening = byHour[19]! + byHour[20]! + byHour[21]! + byHour[22]!;
    const night = byHour[2]! + byHour[3]! + byHour[4]! + byHour[5]!;
    expect(evening).toBeGreaterThan(8 * night);
  });

  it("has more sessions per weekend day than per weekday", () => {
    expect(weekend / 2).toBeGreaterThan((weekday / 5) * 1.2);
  });

  it("spikes coupon purchases during the promotion week", () => {
    const { firstDay, lastDay } = calendar.promotion;
    expect(calendar.promotion.key).toBe("double11-2025");
    const promoStart = calendar.startSec + firstDay * DAY - LOCAL_OFFSET_SECONDS;
    const promoEnd = calendar.startSec + (lastDay + 1) * DAY - LOCAL_OFFSET_SECONDS;
    let inPromo = 0;
    let outside = 0;
    for (let i = 0; i < r.type.length; i++) {
      if (r.type[i] !== TYPE.purchase || !r.coupon[i]) continue;
      if (r.sec[i]! >= promoStart && r.sec[i]! < promoEnd) inPromo++;
      else outside++;
    }
    const perDayPromo = inPromo / (lastDay - firstDay + 1);
    const perDayOutside = outside / (calendar.days - (lastDay - firstDay + 1));
    expect(perDayPromo).toBeGreaterThan(5 * perDayOutside);
  });
});
