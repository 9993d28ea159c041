/**
 * Timeboxes as people write them: "5 min", "5m", "½ time", "1 t", "1h30", "et kvarter",
 * "halvanden time", "1,5 time", "1 time og 15 min", "1 hour", "90 minutes", "half an hour".
 * Everything here is pure and returns whole minutes, or null when the words are no duration.
 */

import { NUMBER_WORDS } from '../interpret/lexicon.js';

// The same written-out numbers as everywhere else Nabo reads counts ("et kvarter", "tre timer").
const COUNT_WORDS = NUMBER_WORDS;

const NUMBER = String.raw`(\d+(?:[.,]\d+)?½?|½|${[...COUNT_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')})`;
const MINUTE_UNIT = String.raw`(?:m|min|mins|minut|minutter|minuts|minute|minutes)\.?`;
const HOUR_UNIT = String.raw`(?:t|tim|time|timer|timen|h|hr|hrs|hour|hours)\.?`;

interface DurationRule {
  pattern: RegExp;
  minutes: (groups: readonly (string | undefined)[]) => number | null;
}

const whole = (source: string): RegExp => new RegExp(`^${source}$`, 'u');

const RULES: readonly DurationRule[] = [
  // "1h30", "1 t 30", "1 time og 15 min", "1 hour 30 minutes", "2h 15m"
  {
    pattern: whole(
      String.raw`${NUMBER}\s*${HOUR_UNIT}\s*(?:og|and|&)?\s*(\d{1,2})\s*(?:${MINUTE_UNIT})?`,
    ),
    minutes: ([hours, extra]) => combine(count(hours), Number(extra)),
  },
  { pattern: whole(String.raw`${NUMBER}\s*${MINUTE_UNIT}`), minutes: ([n]) => scale(count(n), 1) },
  { pattern: whole(String.raw`${NUMBER}\s*${HOUR_UNIT}`), minutes: ([n]) => scale(count(n), 60) },
  // "en halv time", "½ time", "half an hour", "a half hour", "half hour"
  {
    pattern: whole(String.raw`(?:(?:en|a)\s+)?(?:halv|half)\s+(?:an\s+)?(?:time|timer|hour)`),
    minutes: () => 30,
  },
  { pattern: whole(String.raw`halvanden\s+time|one\s+and\s+a\s+half\s+hours?`), minutes: () => 90 },
  { pattern: whole(String.raw`an?\s+hour\s+and\s+a\s+half`), minutes: () => 90 },
  // "kvarter", "et kvarter", "tre kvarter", "a quarter of an hour", "quarter hour"
  {
    pattern: whole(
      String.raw`(?:(en|et|tre|three|a|one)\s+)?(?:kvarter|quarters?(?:\s+of\s+an)?\s+hour|quarter)`,
    ),
    minutes: ([n]) => (n === 'tre' || n === 'three' ? 45 : 15),
  },
  { pattern: whole(String.raw`three\s+quarters\s+of\s+an\s+hour`), minutes: () => 45 },
];

function count(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (COUNT_WORDS.has(word)) return COUNT_WORDS.get(word) ?? null;
  const half = word.endsWith('½');
  const digits = half ? word.slice(0, -1) : word;
  const base = digits === '' ? 0 : Number(digits.replace(',', '.'));
  if (!Number.isFinite(base)) return null;
  return base + (half ? 0.5 : 0);
}

function scale(n: number | null, factor: number): number | null {
  if (n === null) return null;
  const minutes = Math.round(n * factor);
  return minutes > 0 ? minutes : null;
}

function combine(hours: number | null, minutes: number): number | null {
  if (hours === null || !Number.isInteger(minutes) || minutes >= 60) return null;
  return scale(hours * 60 + minutes, 1);
}

/** Whole-string duration in minutes: "5 min" → 5, "½ time" → 30; null for anything else. */
export function parseDuration(text: string): number | null {
  const cleaned = text
    .toLowerCase()
    .replace(/^[\s([{:,–—-]+|[\s)\]}:,.–—-]+$/g, '')
    .replace(/^(?:ca\.?|cirka|omkring|about|approx\.?|~)\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned === '') return null;
  for (const rule of RULES) {
    const match = rule.pattern.exec(cleaned);
    if (match) {
      const minutes = rule.minutes(match.slice(1));
      if (minutes !== null) return minutes;
    }
  }
  return null;
}

export interface TextWithDuration {
  /** The words left over (an item's title), trimmed of the separators around the duration. */
  rest: string;
  minutes: number;
}

/** The longest run of words at the end of the text that reads as a duration. */
export function splitTrailingDuration(text: string, maxWords = 6): TextWithDuration | null {
  const words = text.trim().split(/\s+/);
  for (let take = Math.min(maxWords, words.length); take >= 1; take -= 1) {
    const minutes = parseDuration(words.slice(-take).join(' '));
    if (minutes !== null) return { rest: trimSeparators(words.slice(0, -take).join(' ')), minutes };
  }
  return null;
}

/** The same at the start ("10 min: Kaffe"). */
export function splitLeadingDuration(text: string, maxWords = 6): TextWithDuration | null {
  const words = text.trim().split(/\s+/);
  for (let take = Math.min(maxWords, words.length); take >= 1; take -= 1) {
    const minutes = parseDuration(words.slice(0, take).join(' '));
    if (minutes !== null) return { rest: trimSeparators(words.slice(take).join(' ')), minutes };
  }
  return null;
}

/** Separators people put between a title and its time: "Velkommen – 5 min", "Velkommen (5 min)". */
export function trimSeparators(text: string): string {
  return text
    .replace(/^[\s:,;–—-]+/, '')
    .replace(/[\s:,;(–—-]+$/, '')
    .replace(/\(\s*\)$/, '')
    .trim();
}
