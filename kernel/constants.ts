/**
 * Defaults every layer shares. They live here, below models/, src/, jobs/ and adapters/, so a
 * schema default, a configuration default and a job's fallback can never drift apart.
 */

/** The programme is Danish: dates, schedules and reminders are local to Copenhagen by default. */
export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen';

/** Nabo speaks Danish unless a person or the configuration says otherwise. */
export const DEFAULT_LOCALE = 'da' as const;

/** Households an ambassador takes per month when nobody said otherwise. */
export const DEFAULT_MONTHLY_CAPACITY = 4;

/** Upper bound for households per month: a typo like 40 instead of 4 should not pass silently. */
export const MAX_MONTHLY_CAPACITY = 30;
