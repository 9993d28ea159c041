/**
 * Calendar dates (a move-in day, a revisit day) are not instants. They are exchanged as
 * 'YYYY-MM-DD' strings and stored as a Date at UTC midnight of that day: independent of the
 * server's zone, and shown in Danish time (UTC+1/+2) it is still the same day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** 'YYYY-MM-DD' → UTC midnight; undefined for anything that is not a real calendar day. */
export function calendarDateToUtc(value: string): Date | undefined {
  return isCalendarDate(value) ? new Date(`${value}T00:00:00.000Z`) : undefined;
}

export function utcToCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
