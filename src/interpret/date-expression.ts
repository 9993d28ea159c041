/**
 * Finds the dates and time markers in a message and resolves them to local calendar dates
 * relative to "now" in the area's time zone (luxon):
 * - "i dag"/"today" = today; "i morgen"/"tomorrow" +1; "i overmorgen" +2;
 * - a weekday ("mandag", "on friday", "torsdag kl 17") = the next such day strictly after today;
 * - "om en uge", "om 3 dage", "in 2 days", "om 2 uger" = today plus that much;
 * - "i weekenden"/"this weekend" = the coming Saturday (today when today is Saturday);
 * - "næste uge"/"next week" = Monday of next week; "næste måned" = the 1st of next month;
 * - "d. 3.", "den 3.", "the 3rd" = the next 3rd of a month on or after today;
 * - "3/12", "3. december", "december 3" = the next such date on or after today;
 * - "i går", "yesterday", "sidste uge", "i morges" … are past markers (no date, but they order
 *   the events in a message); "senere"/"later" give no date.
 * Times of day ("kl 17", "17:30", "5pm") are recognised so they do not end up in notes; only the
 * date is kept.
 */
import { DateTime } from 'luxon';
import type { Analysis } from './analysis.js';
import { MONTHS, NUMBER_WORDS, WEEKDAYS } from './lexicon.js';

export type DateTiming = 'past' | 'today' | 'future' | 'neutral';

export interface DateFinding {
  readonly start: number;
  readonly end: number;
  readonly clause: number;
  /** YYYY-MM-DD, or null for markers without a date ("i går"). */
  readonly date: string | null;
  /** future: the words themselves point ahead ("i morgen", "på mandag"); neutral: they do not. */
  readonly timing: DateTiming;
  /** Order of events: -7 last week … -1 yesterday, 0 today/unmarked. */
  readonly rank: number;
  readonly inQuestion: boolean;
}

export interface Clock {
  readonly now: Date;
  readonly zone: string;
}

const alt = (words: Iterable<string>): string =>
  [...words].sort((a, b) => b.length - a.length).join('|');

const FULL_WEEKDAYS = alt([...WEEKDAYS.keys()].filter((w) => w.length >= 6));
const SHORT_WEEKDAYS = alt([...WEEKDAYS.keys()].filter((w) => w.length < 6));
const MONTH_NAMES = alt(MONTHS.keys());
const COUNT_WORDS = alt(NUMBER_WORDS.keys());
const DAY_PART =
  '(?:(?:tidlig|formiddag|eftermiddag|aften|morgen|morning|afternoon|evening|night) )?';
const FUTURE_PREFIX = 'paa|on|naeste|next|kommende|this|til|until|by|fra|from|coming';
const START = '(?<=^| )';

type Resolver = (
  today: DateTime,
  groups: readonly (string | undefined)[],
) => {
  date: DateTime | null;
  timing: DateTiming;
  rank: number;
};

const RULES: readonly { regex: RegExp; resolve: Resolver }[] = [
  {
    regex: new RegExp(`${START}(?:i forgaars|the day before yesterday) `, 'g'),
    resolve: () => ({ date: null, timing: 'past', rank: -2 }),
  },
  {
    regex: new RegExp(
      `${START}(?:i gaar|yesterday)(?: (?:morges|aftes|formiddags|eftermiddags|morning|evening|afternoon))? `,
      'g',
    ),
    resolve: () => ({ date: null, timing: 'past', rank: -1 }),
  },
  {
    regex: new RegExp(
      `${START}(?:i morges|i formiddags|this morning|tidligere i dag|earlier today|i nat|last night) `,
      'g',
    ),
    resolve: () => ({ date: null, timing: 'past', rank: -0.5 }),
  },
  {
    regex: new RegExp(
      `${START}(?:forleden(?: dag)?|the other day|(?:i )?sidste uge|last week|sidste gang|last time|foerste gang|the first time|first time|(?:sidste|last) (?:weekend|${FULL_WEEKDAYS}))(?: )`,
      'g',
    ),
    resolve: () => ({ date: null, timing: 'past', rank: -3 }),
  },
  {
    regex: new RegExp(
      `${START}(?:i overmorgen|overmorgen|the day after tomorrow|day after tomorrow) ${DAY_PART}`,
      'g',
    ),
    resolve: (today) => ({ date: today.plus({ days: 2 }), timing: 'future', rank: 0 }),
  },
  {
    regex: new RegExp(`${START}(?:i morgen|tomorrow) ${DAY_PART}`, 'g'),
    resolve: (today) => ({ date: today.plus({ days: 1 }), timing: 'future', rank: 0 }),
  },
  {
    // A weekday with a date ("mandag d. 30.", "friday the 4th"): the date is the more precise.
    regex: new RegExp(
      `${START}(?:(${FUTURE_PREFIX}) )?(${FULL_WEEKDAYS}|${SHORT_WEEKDAYS}) (?:(?:d|den|the) )?(\\d{1,2}) (?:nth )?(?:(${MONTH_NAMES}) )?${DAY_PART}`,
      'g',
    ),
    resolve: (today, g) => ({
      date: g[3]
        ? nextMonthDay(today, Number(g[2]), monthNumber(g[3]))
        : nextDayOfMonth(today, Number(g[2])),
      timing: g[0] ? 'future' : 'neutral',
      rank: 0,
    }),
  },
  {
    regex: new RegExp(`${START}(?:(${FUTURE_PREFIX}) )?(${FULL_WEEKDAYS}) ${DAY_PART}`, 'g'),
    resolve: (today, g) => ({
      date: nextWeekday(today, g[1]),
      timing: g[0] ? 'future' : 'neutral',
      rank: 0,
    }),
  },
  {
    // Abbreviations ("fre", "man", "sat") are ordinary words too; only read them after a preposition.
    regex: new RegExp(`${START}(${FUTURE_PREFIX}) (${SHORT_WEEKDAYS}) ${DAY_PART}`, 'g'),
    resolve: (today, g) => ({ date: nextWeekday(today, g[1]), timing: 'future', rank: 0 }),
  },
  {
    regex: new RegExp(
      `${START}(?:(?:d|den|the|on the|on|fra|til|until|from|by) )?(\\d{1,2}) (?:nth )?(?:of )?(${MONTH_NAMES}) (?:(\\d{4}) )?`,
      'g',
    ),
    resolve: (today, g) => ({
      date: nextMonthDay(today, Number(g[0]), monthNumber(g[1]), g[2]),
      timing: 'neutral',
      rank: 0,
    }),
  },
  {
    regex: new RegExp(`${START}(${MONTH_NAMES}) (?:the )?(\\d{1,2}) (?:nth )?(?:(\\d{4}) )?`, 'g'),
    resolve: (today, g) => ({
      date: nextMonthDay(today, Number(g[1]), monthNumber(g[0]), g[2]),
      timing: 'neutral',
      rank: 0,
    }),
  },
  {
    regex: new RegExp(
      `${START}(?:(?:d|den|on|the|til|until|by|fra) )?(\\d{1,2})/(\\d{1,2})(?:/(\\d{2,4}))? `,
      'g',
    ),
    resolve: (today, g) => ({
      date: nextMonthDay(today, Number(g[0]), Number(g[1]), g[2]),
      timing: 'neutral',
      rank: 0,
    }),
  },
  {
    // "d. 3." / "den 3." — but not "den 2. th" (a flat) or "den 3. sal".
    regex: new RegExp(
      `${START}(?:d|den|the|on the|til den|until the) (\\d{1,2}) (?:nth )?(?!(?:th|tv|mf|sal|etage|floor|gang|gange|time|times) )`,
      'g',
    ),
    resolve: (today, g) => ({
      date: nextDayOfMonth(today, Number(g[0])),
      timing: 'neutral',
      rank: 0,
    }),
  },
  {
    regex: new RegExp(
      `${START}(?:om|in|inden for|within|i|for) (${COUNT_WORDS}|\\d{1,2}) (dag|dage|days|day|uge|uger|week|weeks|maaned|maaneder|month|months) (?:tid )?`,
      'g',
    ),
    resolve: (today, g) => ({ date: addCount(today, g[0], g[1]), timing: 'future', rank: 0 }),
  },
  {
    regex: new RegExp(
      `${START}(?:(?:i|in|om) )?(?:naeste|next|kommende|the coming) (?:uge|week) `,
      'g',
    ),
    resolve: (today) => ({
      date: today.plus({ weeks: 1 }).startOf('week'),
      timing: 'future',
      rank: 0,
    }),
  },
  {
    regex: new RegExp(
      `${START}(?:(?:i|in|om) )?(?:naeste|next|kommende|the coming) (?:maaned|month) `,
      'g',
    ),
    resolve: (today) => ({
      date: today.plus({ months: 1 }).startOf('month'),
      timing: 'future',
      rank: 0,
    }),
  },
  {
    regex: new RegExp(
      `${START}(?:(?:i|this|the|til|over|naeste|next|on the|over the|in the|denne|kommende) )?(?:weekenden|weekend) `,
      'g',
    ),
    resolve: (today) => ({
      date: today.weekday === 6 ? today : nextWeekday(today, 'saturday'),
      timing: 'future',
      rank: 0,
    }),
  },
  {
    regex: new RegExp(
      `${START}(?:senere i dag|later today|i dag|today|tonight|i aften|i eftermiddag|i formiddag|this afternoon|this evening|lige nu|right now|nu|now)(?: ${DAY_PART.slice(0, -1)})? `,
      'g',
    ),
    resolve: (today) => ({ date: today, timing: 'today', rank: 0 }),
  },
];

/** Times of day: recognised so they are not kept in the note, never a date by themselves. */
const TIME_OF_DAY = new RegExp(
  `${START}(?:(?:(?:kl|klokken|at|ved|omkring|around|cirka|ca|by) )?\\d{1,2}:\\d{2} (?:(?:am|pm) )?|(?:kl|klokken) \\d{1,2} (?:nth )?(?:(?:am|pm) )?|(?:(?:at|by|around|omkring) )?\\d{1,2} (?:am|pm) |(?:om )?(?:morgenen|formiddagen|eftermiddagen|aftenen|in the morning|in the evening|in the afternoon) )`,
  'g',
);

function monthNumber(name: string | undefined): number {
  return MONTHS.get(name ?? '') ?? 0;
}

function nextWeekday(today: DateTime, name: string | undefined): DateTime | null {
  const weekday = WEEKDAYS.get(name ?? '');
  if (weekday === undefined) return null;
  const ahead = (weekday - today.weekday + 7) % 7 || 7;
  return today.plus({ days: ahead });
}

/** The next date with this day of month, on or after today (months without it are skipped). */
function nextDayOfMonth(today: DateTime, day: number): DateTime | null {
  if (day < 1 || day > 31) return null;
  for (let m = 0; m < 3; m++) {
    const month = today.startOf('month').plus({ months: m });
    if (day > (month.daysInMonth ?? 0)) continue;
    const candidate = month.set({ day });
    if (candidate >= today) return candidate;
  }
  return null;
}

/** The next such calendar date on or after today, or the given year's date when a year is written. */
function nextMonthDay(today: DateTime, day: number, month: number, year?: string): DateTime | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (year !== undefined) {
    const y = Number(year) < 100 ? 2000 + Number(year) : Number(year);
    const explicit = DateTime.fromObject({ year: y, month, day }, { zone: today.zone });
    return explicit.isValid ? explicit : null;
  }
  for (let y = today.year; y <= today.year + 4; y++) {
    const candidate = DateTime.fromObject({ year: y, month, day }, { zone: today.zone });
    if (candidate.isValid && candidate >= today) return candidate;
  }
  return null;
}

function addCount(
  today: DateTime,
  count: string | undefined,
  unit: string | undefined,
): DateTime | null {
  const n = /^\d+$/.test(count ?? '') ? Number(count) : (NUMBER_WORDS.get(count ?? '') ?? NaN);
  if (!Number.isFinite(n) || n <= 0 || n > 366) return null;
  if (unit === undefined) return null;
  if (unit.startsWith('dag') || unit.startsWith('day')) return today.plus({ days: n });
  if (unit.startsWith('uge') || unit.startsWith('week')) return today.plus({ weeks: n });
  return today.plus({ months: n });
}

/** Today's date in the zone (start of day); falls back to UTC for an unknown zone. */
export function startOfToday(clock: Clock): DateTime {
  const now = DateTime.fromJSDate(clock.now, { zone: clock.zone });
  const valid = now.isValid ? now : DateTime.fromJSDate(clock.now, { zone: 'utc' });
  return valid.startOf('day');
}

/** Find and resolve every date marker; their words are claimed for all later layers. */
export function findDates(analysis: Analysis, clock: Clock): DateFinding[] {
  // Worked out only for a message that has a date in it: the zone's offset is costly, and most
  // messages ("mine besøg") have none.
  let today: DateTime | undefined;
  const layer = analysis.layer({ skipQuestions: false });
  const findings: DateFinding[] = [];
  for (const rule of RULES) {
    for (const match of layer.scan(rule.regex)) {
      today ??= startOfToday(clock);
      const resolved = rule.resolve(today, match.groups);
      // A date that does not exist ("31/2") is no date at all.
      if (resolved.timing !== 'past' && resolved.date === null) continue;
      analysis.claimGlobally(match.start, match.end);
      findings.push({
        start: match.start,
        end: match.end,
        clause: match.clause,
        date: resolved.date ? resolved.date.toISODate() : null,
        timing: resolved.timing,
        rank: resolved.rank,
        inQuestion: analysis.inQuestion[match.start] ?? false,
      });
    }
  }
  for (const match of layer.scan(TIME_OF_DAY)) analysis.claimGlobally(match.start, match.end);
  return findings.sort((a, b) => a.start - b.start);
}
