import { Info } from 'luxon';
import type { WelcomeActivity, WelcomeContact } from '../../models/types.js';
import type { Catalog } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locale.js';

export function weekdayName(weekday: number, locale: Locale): string {
  return Info.weekdays('long', { locale: locale === 'da' ? 'da' : 'en-GB' })[weekday - 1] ?? '';
}

export function contactLine(text: Catalog, contact: WelcomeContact): string {
  return text.folderContactLine(contact.name, contact.phone, contact.hours);
}

export function activityLine(text: Catalog, activity: WelcomeActivity, locale: Locale): string {
  return text.folderActivityLine(
    activity.name,
    activity.weekday !== undefined ? weekdayName(activity.weekday, locale) : undefined,
    activity.time,
    activity.when,
    activity.place,
  );
}
