import { DAY } from "./calendar";

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/**
 * Formats epoch seconds as Postgres timestamptz text ("YYYY-MM-DD HH:MM:SS+00") without a
 * Date object per event: the date part is cached per day, the clock built from a lookup table.
 */
export class TimestampFormatter {
  private readonly dayText = new Map<number, string>();

  format(sec: number): string {
    const day = Math.floor(sec / DAY);
    let prefix = this.dayText.get(day);
    if (prefix === undefined) {
      prefix = `${new Date(day * DAY * 1000).toISOString().slice(0, 10)} `;
      this.dayText.set(day, prefix);
    }
    let rest = sec - day * DAY;
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const m = Math.floor(rest / 60);
    return `${prefix}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[rest - m * 60]}+00`;
  }
}
