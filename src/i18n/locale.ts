import { DateTime } from 'luxon';

export type Locale = 'da' | 'en';

export const SUPPORTED_LOCALES: readonly Locale[] = ['da', 'en'];

export function isLocale(value: unknown): value is Locale {
  return value === 'da' || value === 'en';
}

/** "tirsdag 1. december" / "Tuesday, December 1": how people say a date in a chat. */
export function formatDay(date: Date | string, locale: Locale, zone: string): string {
  const moment =
    typeof date === 'string'
      ? DateTime.fromISO(date, { zone })
      : DateTime.fromJSDate(date, { zone });
  return moment.setLocale(locale === 'da' ? 'da' : 'en-GB').toLocaleString({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
}

/** "1. dec." / "1 Dec": compact, for lists. */
export function formatShortDate(date: Date | string, locale: Locale, zone: string): string {
  // Every list of households formats the same few move-in dates on every turn, and luxon's
  // zone and locale work is a noticeable part of a turn: the answers are kept.
  const key = `${typeof date === 'string' ? date : date.getTime()}|${locale}|${zone}`;
  const known = shortDates.get(key);
  if (known !== undefined) return known;
  const moment =
    typeof date === 'string'
      ? DateTime.fromISO(date, { zone })
      : DateTime.fromJSDate(date, { zone });
  const formatted = moment.setLocale(locale === 'da' ? 'da' : 'en-GB').toLocaleString({
    day: 'numeric',
    month: 'short',
  });
  if (shortDates.size >= MAX_SHORT_DATES) shortDates.clear();
  shortDates.set(key, formatted);
  return formatted;
}
const shortDates = new Map<string, string>();
const MAX_SHORT_DATES = 2_000;

/** "1. dec. 2026" / "1 Dec 2026": a calendar day ('YYYY-MM-DD') where the year may differ. */
export function formatCalendarDate(isoDate: string, locale: Locale): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' })
    .setLocale(locale === 'da' ? 'da' : 'en-GB')
    .toLocaleString({ day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB').format(value);
}
