import { DateTime } from 'luxon';
import { MONTHS, WEEKDAYS } from '../interpret/lexicon.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { parseMeetingWhen } from '../meetings/parse-agenda.js';

/**
 * A coordinator's announcement in her own words — "kursus i konfliktnedtrapning 14/1 kl 17-19 i
 * fælleshuset" — read as a title (the words before the date), a start and end (the meeting
 * parser's "when", so agendas and events read dates alike) and a place (what follows the time,
 * kept with its preposition so it reads naturally: "i fælleshuset").
 */
export interface Announcement {
  title: string;
  startsAt: Date;
  endsAt?: Date;
  place?: string;
}

export type AnnouncementProblem = 'missing_title' | 'missing_date' | 'missing_time' | 'in_the_past';

export type ParsedAnnouncement =
  { ok: true; announcement: Announcement } | { ok: false; problem: AnnouncementProblem };

const MAX_TITLE = 120;
const MAX_PLACE = 80;

/** Words that start the "when" rather than belong to the title. */
const WHEN_WORDS = new Set([
  ...WEEKDAYS.keys(),
  ...MONTHS.keys(),
  'kl',
  'klokken',
  'den',
  'd',
  'imorgen',
  'overmorgen',
  'naeste',
  'on',
  'at',
  'tomorrow',
  'next',
]);

export function parseAnnouncement(
  text: string,
  options: { now: Date; zone: string },
): ParsedAnnouncement {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const whenAt = words.findIndex(
    (word, index) =>
      /\d/.test(word) ||
      WHEN_WORDS.has(foldWord(word)) ||
      (foldWord(word) === 'i' && ['morgen', 'overmorgen'].includes(foldWord(words[index + 1]))),
  );
  const titleWords = whenAt === -1 ? words : words.slice(0, whenAt);
  const title = tidy(titleWords.join(' ')).slice(0, MAX_TITLE);
  if (title === '') return { ok: false, problem: 'missing_title' };

  const when = parseMeetingWhen(words.slice(Math.max(whenAt, 0)).join(' '), options);
  if (when.problems.includes('missing_date') || whenAt === -1) {
    return { ok: false, problem: 'missing_date' };
  }
  if (when.startsAt === null) return { ok: false, problem: 'missing_time' };
  if (when.startsAt.getTime() < options.now.getTime()) return { ok: false, problem: 'in_the_past' };

  const lastTimeWord = words.findLastIndex((word) => /\d/.test(word));
  const place = tidy(words.slice(lastTimeWord + 1).join(' '))
    .replace(/^(?:kl\.?|klokken)$/i, '')
    .slice(0, MAX_PLACE);
  const endsAt =
    when.plannedMinutes !== null
      ? DateTime.fromJSDate(when.startsAt).plus({ minutes: when.plannedMinutes }).toJSDate()
      : undefined;
  return {
    ok: true,
    announcement: {
      title: title.charAt(0).toLocaleUpperCase('da') + title.slice(1),
      startsAt: when.startsAt,
      ...(endsAt ? { endsAt } : {}),
      ...(/\p{L}/u.test(place) ? { place } : {}),
    },
  };
}

function foldWord(word: string | undefined): string {
  return foldDiacritics(word ?? '').replace(/[^\p{L}\p{N}]/gu, '');
}

function tidy(text: string): string {
  return text.replace(/^[\s,.:;–—-]+|[\s,.:;–—-]+$/g, '');
}
