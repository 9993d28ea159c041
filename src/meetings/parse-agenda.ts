/**
 * parseAgenda: a coordinator's agenda in plain words, in Danish or English.
 *
 *   "Netværksmøde 12/12 kl 17: Velkommen 5 min; Erfaringer fra besøg 20 min; Evt. 10 min"
 *   "Network meeting Dec 12 5pm-6:30pm" followed by one item per line or bullet
 *
 * The header (before the first colon, or the first line) names the meeting, its day and start
 * time, and optionally its end ("kl 17-18:30") or length ("1½ time"), which gives the planned
 * minutes. Each item ends (or starts) with its timebox. Pure: no clock but the one passed in.
 *
 * Problems are codes, optionally with the item's title after a colon, so the chat can explain
 * them in the person's language: `missing_timebox:<title>`, `timebox_too_long:<title>`,
 * `missing_date`, `missing_start_time`, `in_the_past`.
 */
import { DateTime } from 'luxon';
import { Analysis } from '../interpret/analysis.js';
import { findDates } from '../interpret/date-expression.js';
import { MONTHS, WEEKDAYS } from '../interpret/lexicon.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { splitLeadingDuration, splitTrailingDuration, trimSeparators } from './duration.js';

export interface ParsedAgendaItem {
  title: string;
  timeboxMinutes: number;
}

export interface ParsedAgenda {
  /** The meeting's name as written ("Netværksmøde"); empty when the text names none. */
  title: string;
  startsAt: Date | null;
  plannedMinutes: number | null;
  items: ParsedAgendaItem[];
  problems: string[];
}

export interface ParseAgendaOptions {
  now: Date;
  zone: string;
}

/** An item written without a time gets this timebox, and a problem that says so. */
export const DEFAULT_TIMEBOX_MINUTES = 10;
/** A longer timebox is almost always a typo ("5 timer" for "5 min"). */
export const MAX_TIMEBOX_MINUTES = 240;
export const MAX_AGENDA_ITEMS = 30;
const MAX_TITLE_LENGTH = 120;

/** Words that make a header a meeting header: "netværksmøde", "julemødet", "agenda", "meeting". */
const MEETING_WORD = /(?:moede|moedet|meeting|dagsorden|agenda)$/;
/** Lines that only announce the list: "Dagsorden:", "Agenda". */
const LIST_ANNOUNCEMENT = /^(?:dagsorden|agenda|punkter|items|program|programme)$/;
/** Where a title stops and its date or time begins. */
const TITLE_STOP = new Set([
  'kl',
  'klokken',
  'at',
  'on',
  'd',
  'den',
  'the',
  'i',
  'in',
  'fra',
  'from',
  'naeste',
  'next',
  'paa',
  'tomorrow',
  'today',
  'imorgen',
  'idag',
  'overmorgen',
  'om',
  '@',
  ...MONTHS.keys(),
  ...WEEKDAYS.keys(),
]);

interface ClockTime {
  hour: number;
  minute: number;
}

export function parseAgenda(text: string, options: ParseAgendaOptions): ParsedAgenda | null {
  const trimmed = text.trim().slice(0, 4000);
  if (trimmed === '') return null;
  const { header, body } = splitHeader(trimmed);
  let when = header !== null ? parseHeader(header, options) : emptyHeader();

  // "18.15 Velkomst / 18.20 Erfaringer …": items by their start times.
  const clocked = header !== null ? clockedItems(body, when, options.zone) : null;
  if (header !== null && clocked !== null) {
    if (when.startsAt === null && clocked.first !== null) {
      when = parseHeader(`${header} kl ${clocked.first}`, options);
    }
    return {
      title: when.title,
      startsAt: when.startsAt,
      plannedMinutes: when.plannedMinutes ?? clocked.span,
      items: clocked.items,
      problems: [...when.problems, ...clocked.problems],
    };
  }

  const { items, problems, timed } = parseAgendaItems(body);
  // Without a meeting header, only a real list of timed items is an agenda: one "Kaffe 10 min"
  // is more likely a chat line than a meeting plan. Under a header that says when the meeting
  // is, a list of items is an agenda even before it has timeboxes.
  const listUnderWhen = header !== null && when.startsAt !== null && items.length >= 2;
  const isAgenda = header !== null ? timed >= 1 || listUnderWhen : timed >= 2 && items.length >= 2;
  if (!isAgenda) return null;
  if (timed === 0 && when.plannedMinutes !== null) {
    // "kl. 18.15-20.00" and no timeboxes: the meeting's time is shared out evenly.
    spreadEvenly(items, when.plannedMinutes);
    problems.splice(0, problems.length);
  }
  problems.unshift(...when.problems);
  return {
    title: when.title,
    startsAt: when.startsAt,
    plannedMinutes: when.plannedMinutes,
    items,
    problems,
  };
}

/** Whole minutes per item, the remainder to the first items, never below one minute. */
function spreadEvenly(items: ParsedAgendaItem[], minutes: number): void {
  const share = Math.floor(minutes / items.length);
  if (share < 1) return;
  let left = minutes - share * items.length;
  for (const item of items) {
    item.timeboxMinutes = Math.min(MAX_TIMEBOX_MINUTES, share + (left > 0 ? 1 : 0));
    left -= 1;
  }
}

const CLOCKED_ITEM =
  /^(?:kl\.?\s*)?(\d{1,2})[.:](\d{2})(?:\s*(?:-|–|—|til|to)\s*(?:kl\.?\s*)?(\d{1,2})[.:](\d{2}))?\s*[:\-–—]?\s+(\S.*)$/i;

/**
 * Items that each start with their clock time ("18.15 Velkomst", "kl. 19.00-19.30 Oplæg"): an
 * item lasts until the next one starts, the last one until its own end, the meeting's end, or
 * the default timebox (with a problem that says so). Null when the lines are not all like that.
 */
function clockedItems(
  body: string,
  when: HeaderFacts,
  zone: string,
): { items: ParsedAgendaItem[]; problems: string[]; first: string | null; span: number } | null {
  const lines = segmentsOf(body)
    .map((line) => line.replace(/^(?:[-*•·–—▪◦]|\d{1,2}[)])\s+/u, '').trim())
    .filter((line) => line !== '' && !LIST_ANNOUNCEMENT.test(words(line).join(' ')));
  if (lines.length < 2) return null;
  const rows: { title: string; start: number; end: number | null }[] = [];
  for (const line of lines.slice(0, MAX_AGENDA_ITEMS)) {
    const match = CLOCKED_ITEM.exec(line);
    const start = match ? toClock(match[1], match[2], undefined) : null;
    if (!match || !start) return null;
    const end = match[3] !== undefined ? toClock(match[3], match[4], undefined) : null;
    rows.push({
      title: clip(trimSeparators(match[5] ?? '')),
      start: minutesOf(start),
      end: end ? minutesOf(end) : null,
    });
  }
  const meetingEnd =
    when.startsAt !== null && when.plannedMinutes !== null
      ? minutesOf(startClock(when.startsAt, zone)) + when.plannedMinutes
      : null;
  const items: ParsedAgendaItem[] = [];
  const problems: string[] = [];
  for (const [index, row] of rows.entries()) {
    const next = rows[index + 1];
    const until = row.end ?? next?.start ?? meetingEnd;
    if (until === null) {
      problems.push(`missing_timebox:${row.title}`);
      items.push({ title: row.title, timeboxMinutes: DEFAULT_TIMEBOX_MINUTES });
      continue;
    }
    const minutes = until - row.start;
    if (minutes <= 0) return null;
    if (minutes > MAX_TIMEBOX_MINUTES) problems.push(`timebox_too_long:${row.title}`);
    items.push({ title: row.title, timeboxMinutes: minutes });
  }
  const firstRow = rows[0];
  const first = firstRow
    ? `${Math.floor(firstRow.start / 60)}:${String(firstRow.start % 60).padStart(2, '0')}`
    : null;
  const span = items.reduce((sum, item) => sum + item.timeboxMinutes, 0);
  return { items, problems, first, span };
}

/** The local clock time of a start in the meeting's zone. */
function startClock(startsAt: Date, zone: string): ClockTime {
  const zoned = DateTime.fromJSDate(startsAt, { zone });
  return { hour: zoned.hour, minute: zoned.minute };
}

/** The items alone, one per line, semicolon or bullet (the form's items field). */
export function parseAgendaItems(body: string): {
  items: ParsedAgendaItem[];
  problems: string[];
  /** How many items had a timebox written. */
  timed: number;
} {
  const items: ParsedAgendaItem[] = [];
  const problems: string[] = [];
  let timed = 0;
  for (const segment of segmentsOf(body).slice(0, MAX_AGENDA_ITEMS)) {
    const item = parseItem(segment);
    if (!item) continue;
    if (item.timeboxMinutes === null) {
      problems.push(`missing_timebox:${item.title}`);
      items.push({ title: item.title, timeboxMinutes: DEFAULT_TIMEBOX_MINUTES });
      continue;
    }
    timed += 1;
    if (item.timeboxMinutes > MAX_TIMEBOX_MINUTES) {
      problems.push(`timebox_too_long:${item.title}`);
    }
    items.push({ title: item.title, timeboxMinutes: item.timeboxMinutes });
  }
  return { items, problems, timed };
}

// ── Header and body ───────────────────────────────────────────────────────────────────────────

/**
 * The header is what stands before the first colon that is not part of a time ("kl 17:00"), when
 * it names a meeting; otherwise the first line, when it names a meeting and more lines follow.
 */
function splitHeader(text: string): { header: string | null; body: string } {
  const firstLine = text.split('\n')[0] ?? '';
  const colon = /(?<!\d):|:(?!\d)/.exec(firstLine);
  if (colon && namesMeeting(firstLine.slice(0, colon.index))) {
    return {
      header: firstLine.slice(0, colon.index),
      body: text.slice(colon.index + 1),
    };
  }
  const rest = text.slice(firstLine.length + 1);
  if (namesMeeting(firstLine) && rest.trim() !== '') return { header: firstLine, body: rest };
  return { header: null, body: text };
}

function namesMeeting(text: string): boolean {
  return words(text).some((word) => MEETING_WORD.test(word));
}

function words(text: string): string[] {
  return foldDiacritics(text)
    .split(/[^\p{L}\p{N}@]+/u)
    .filter((word) => word !== '');
}

/** Items are separated by newlines or semicolons; on one line, commas also do when all are timed. */
function segmentsOf(body: string): string[] {
  const segments = body
    .split(/[\n;]+/)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '');
  if (segments.length === 1) {
    const parts = (segments[0] ?? '').split(/,\s+/);
    if (parts.length > 1 && parts.every((part) => splitTrailingDuration(part) !== null)) {
      return parts;
    }
  }
  return segments;
}

function parseItem(segment: string): { title: string; timeboxMinutes: number | null } | null {
  const unbulleted = segment.replace(/^(?:[-*•·–—▪◦]|\d{1,2}[.)]|[a-z][.)])\s+/iu, '').trim();
  if (unbulleted === '' || LIST_ANNOUNCEMENT.test(words(unbulleted).join(' '))) return null;
  const trailing = splitTrailingDuration(unbulleted);
  const found = trailing && trailing.rest !== '' ? trailing : splitLeadingDuration(unbulleted);
  if (found && found.rest !== '') {
    return { title: clip(found.rest), timeboxMinutes: found.minutes };
  }
  return { title: clip(trimSeparators(unbulleted)), timeboxMinutes: null };
}

function clip(title: string): string {
  return title.length > MAX_TITLE_LENGTH ? `${title.slice(0, MAX_TITLE_LENGTH - 1)}…` : title;
}

// ── When ──────────────────────────────────────────────────────────────────────────────────────

interface HeaderFacts {
  title: string;
  startsAt: Date | null;
  plannedMinutes: number | null;
  problems: string[];
}

function emptyHeader(): HeaderFacts {
  return { title: '', startsAt: null, plannedMinutes: null, problems: ['missing_date'] };
}

const TIME = String.raw`(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?`;
const TIME_PREFIX = String.raw`(?:(?<=^|\s)(?:kl\.?|klokken|fra|from|at|@)\s*)`;
const RANGE = new RegExp(
  String.raw`(${TIME_PREFIX})?(?<![\d/.])${TIME}\s*(?:-|–|—|til|to|until)\s*(?:kl\.?\s*)?${TIME}(?![\d/])`,
  'i',
);
const SINGLE_TIMES = [
  new RegExp(String.raw`${TIME_PREFIX}${TIME}(?![\d/])`, 'i'),
  new RegExp(String.raw`(?<![\d/.])(\d{1,2}):(\d{2})\s*(am|pm)?(?![\d/])`, 'i'),
  new RegExp(String.raw`(?<![\d/.])(\d{1,2})()\s*(am|pm)(?![\p{L}])`, 'iu'),
];

function parseHeader(header: string, options: ParseAgendaOptions): HeaderFacts {
  const problems: string[] = [];
  let rest = header;
  let start: ClockTime | null = null;
  let plannedMinutes: number | null = null;

  const range = RANGE.exec(rest);
  const rangeStart = range ? toClock(range[2], range[3], range[4] ?? range[7]) : null;
  const rangeEnd = range ? toClock(range[5], range[6], range[7]) : null;
  if (
    range &&
    rangeStart &&
    rangeEnd &&
    (range[1] || range[3] || range[6] || range[4] || range[7])
  ) {
    start = rangeStart;
    const minutes = minutesOf(rangeEnd) - minutesOf(rangeStart);
    if (minutes > 0) plannedMinutes = minutes;
    rest = cut(rest, range.index, range[0].length);
  } else {
    for (const pattern of SINGLE_TIMES) {
      const match = pattern.exec(rest);
      const time = match ? toClock(match[1], match[2], match[3]) : null;
      if (match && time) {
        start = time;
        rest = cut(rest, match.index, match[0].length);
        break;
      }
    }
  }

  // A length written in the header: "Netværksmøde 12/12 kl 17, 1½ time".
  const length = splitTrailingDuration(rest.replace(/[()]/g, ' '));
  if (length && plannedMinutes === null) {
    plannedMinutes = length.minutes;
    rest = length.rest;
  }

  const dates = findDates(new Analysis(rest), { now: options.now, zone: options.zone }).filter(
    (finding) => finding.date !== null && finding.timing !== 'past',
  );
  const date = dates[0]?.date ?? null;
  let startsAt: Date | null = null;
  if (date === null) problems.push('missing_date');
  else if (start === null) problems.push('missing_start_time');
  else {
    const local = DateTime.fromISO(date, { zone: options.zone }).set({
      hour: start.hour,
      minute: start.minute,
    });
    startsAt = local.toJSDate();
    if (startsAt.getTime() < options.now.getTime()) problems.push('in_the_past');
  }
  return { title: titleOf(rest), startsAt, plannedMinutes, problems };
}

/**
 * Only the "when" of a meeting ("12/12 kl 17", "torsdag kl 17-18:30"): for the follow-up question
 * when an agenda came without a date or time.
 */
export function parseMeetingWhen(
  text: string,
  options: ParseAgendaOptions,
): Pick<ParsedAgenda, 'startsAt' | 'plannedMinutes' | 'problems'> {
  const facts = parseHeader(text.trim().slice(0, 200), options);
  return {
    startsAt: facts.startsAt,
    plannedMinutes: facts.plannedMinutes,
    problems: facts.problems,
  };
}

function toClock(
  hourText: string | undefined,
  minuteText: string | undefined,
  meridiem: string | undefined,
): ClockTime | null {
  if (hourText === undefined) return null;
  let hour = Number(hourText);
  const minute = minuteText ? Number(minuteText) : 0;
  const half = meridiem?.toLowerCase().replace(/\./g, '');
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

function minutesOf(time: ClockTime): number {
  return time.hour * 60 + time.minute;
}

function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`;
}

/** The words before the first date or time word, without "Dagsorden for" in front. */
function titleOf(rest: string): string {
  const kept: string[] = [];
  for (const word of rest.trim().split(/\s+/)) {
    const folded = foldDiacritics(word).replace(/[^\p{L}\p{N}@]/gu, '');
    if (/\d/.test(word) || TITLE_STOP.has(folded)) break;
    kept.push(word);
  }
  const title = trimSeparators(
    kept
      .join(' ')
      .replace(/^(?:dagsorden|agenda)(?:\s+(?:for|til|to))?\s*/i, '')
      .replace(/\s+(?:for|til|on|at|the)$/i, ''),
  );
  return title === '' ? '' : clip(title.charAt(0).toLocaleUpperCase('da') + title.slice(1));
}
