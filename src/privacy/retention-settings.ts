import type { Area, RetentionSettings } from '../../models/types.js';

/**
 * Deletion deadlines (slettefrister). The housing organisation, as data controller, decides
 * them; these defaults are what PRIVACY.md documents and what an area gets until it sets its
 * own (`nabo retention set --area <key> …`). Keep the two in step.
 */
export const DEFAULT_RETENTION: Readonly<RetentionSettings> = {
  // Long enough for the half-year helhedsplan report and a follow-up, short enough not to keep a
  // register of who moved in where.
  householdMonths: 6,
  // Notes are the most personal part ("de vil gerne med i madklubben"); they serve the next
  // try and the follow-up, which happen within weeks.
  visitNotesMonths: 3,
  // A year of check-ins lets the coordinator see how an ambassador's year went.
  checkInMonths: 12,
  // A household nobody could visit is not kept "in case": a year after move-in it goes.
  neverVisitedMonths: 12,
  // An open visit nobody has touched for a year will not be finished; it is closed so the
  // household's own deadline can start.
  staleOpenVisitMonths: 12,
  // A follow-up names a household's address and a topic ("lyset", "madklub"): kept while the
  // coordinator acts on it, then a quarter for the next meeting's look back. One left open for
  // that long has been forgotten, not kept on purpose.
  followUpMonths: 3,
};

/** Deadlines that are the same for the whole installation, not per area. */
export const GLOBAL_RETENTION = {
  /** Half-finished conversations: a week covers a weekend and a late answer. */
  conversationStateDays: 7,
  /** Slack and Teams redeliver for minutes; a day of event ids is plenty. */
  processedEventDays: 1,
  /** Who looked at or changed what: two years, so a complaint can still be answered. */
  auditMonths: 24,
} as const;

export const RETENTION_KEYS: readonly (keyof RetentionSettings)[] = [
  'householdMonths',
  'visitNotesMonths',
  'checkInMonths',
  'neverVisitedMonths',
  'staleOpenVisitMonths',
  'followUpMonths',
];

/** The area's deadlines: its own choices over the defaults. */
export function retentionFor(area: Pick<Area, 'settings'>): RetentionSettings {
  const own = area.settings.retention ?? {};
  const settings = { ...DEFAULT_RETENTION };
  for (const key of RETENTION_KEYS) {
    const months = own[key];
    if (typeof months === 'number' && Number.isFinite(months) && months > 0) settings[key] = months;
  }
  return settings;
}
