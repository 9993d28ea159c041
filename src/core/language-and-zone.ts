import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from '../../kernel/constants.js';
import { isLocale, type Locale } from '../i18n/locale.js';

/**
 * Which language to speak with someone, and which clock their dates follow, decided in one place
 * for the bot, the welcome, the jobs' messages and the meeting timers alike.
 */

/** The person's own language; else the area's; else the process's default (NABO_LOCALE). */
export function localeOf(
  person: { locale?: unknown } | null | undefined,
  area?: { locale?: unknown } | null,
  fallback: Locale = DEFAULT_LOCALE,
): Locale {
  if (isLocale(person?.locale)) return person.locale;
  if (isLocale(area?.locale)) return area.locale;
  return fallback;
}

/** The area's time zone; else the process's default (NABO_TIMEZONE). */
export function zoneOf(
  area: { timeZone?: string } | null | undefined,
  fallback: string = DEFAULT_TIME_ZONE,
): string {
  return area?.timeZone && area.timeZone.trim() !== '' ? area.timeZone : fallback;
}
