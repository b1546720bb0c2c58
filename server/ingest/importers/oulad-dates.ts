import { AppError } from "../../errors";

const DAY_MS = 86_400_000;

/**
 * OULAD gives every date as a day offset from the start of the module presentation. The code
 * names the start: year + "B" = a February start, year + "J" = an October start (the Open
 * University's two intakes). We anchor day 0 at the 1st of that month, UTC.
 */
export function presentationStart(code: string): Date {
  const match = /^(\d{4})([BJ])$/.exec(code);
  if (!match) throw new AppError("BAD_REQUEST", `Unknown OULAD presentation code "${code}" (expected e.g. 2013J or 2014B)`, "code_presentation");
  const year = Number(match[1]);
  return new Date(Date.UTC(year, match[2] === "B" ? 1 : 9, 1));
}

/** The calendar instant of a day offset, or null when the offset is blank. */
export function dayOffsetToDate(code: string, offset: string): Date | null {
  if (offset.trim() === "") return null;
  const days = Number(offset);
  if (!Number.isFinite(days)) throw new AppError("BAD_REQUEST", `OULAD day offset "${offset}" is not a number`, "date");
  return new Date(presentationStart(code).getTime() + days * DAY_MS);
}
