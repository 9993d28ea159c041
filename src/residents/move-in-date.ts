/**
 * Move-in dates as Danish lists write them. Always day before month (never the American order):
 * 2026-12-01, 01-12-2026, 1.12.2026, 01/12/2026. A time of day after an ISO date, as some
 * housing systems export it, is ignored. Anything else is refused rather than guessed.
 */

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const DAY_FIRST = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/;

/** 'YYYY-MM-DD' for a real calendar day, or undefined. */
export function parseMoveInDate(value: string): string | undefined {
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) return calendarDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return undefined;
}

function calendarDay(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date.toISOString().slice(0, 10) : undefined;
}
