import { DateTime } from 'luxon';
import { NaboError } from '../../kernel/errors.js';
import type { Locale } from '../i18n/locale.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The hand-out month ('YYYY-MM') that `now` falls in, in the area's zone. */
export function assignmentMonthOf(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM');
}

export function assertAssignmentMonth(month: string): string {
  if (!MONTH.test(month)) {
    throw new NaboError('INVALID_INPUT', `Month must be YYYY-MM, e.g. 2026-12: '${month}'`, {
      userFacing: true,
    });
  }
  return month;
}

/** "december 2026" / "December 2026" */
export function monthLabel(month: string, locale: Locale): string {
  // Every message of a hand-out names the same month: formatted once, not once per message.
  const key = `${locale}:${month}`;
  const known = monthLabels.get(key);
  if (known !== undefined) return known;
  const label = DateTime.fromFormat(month, 'yyyy-MM', { zone: 'UTC' })
    .setLocale(locale === 'da' ? 'da' : 'en-GB')
    .toFormat('LLLL yyyy');
  if (monthLabels.size >= 256) monthLabels.clear();
  monthLabels.set(key, label);
  return label;
}

const monthLabels = new Map<string, string>();
