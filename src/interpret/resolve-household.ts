/**
 * resolveHouseholds: which of the ambassador's open households a message is about.
 *
 * The ambassador's own words come first (see `household-mentions.ts`); the conversation comes
 * second; a question comes last:
 * 1. Mentions that decide one household → that household. Mentions of two or more households
 *    ("nr 10 og nr 14 ikke hjemme", "mødte Sara, Kasper var ikke hjemme") → one report each,
 *    with the part of the message that is about it.
 * 2. Mentions that fit two households about equally ("nr 10" where two live) → ask between
 *    them; but if one of them is the household the conversation is about, that one.
 * 3. A name or address that is on nobody's list ("hos Jens Christensen", "nr 12") → say so.
 * 4. No mention at all: the household the conversation is about (the one Nabo just reminded of
 *    or asked about, the one just reported), or the only open household; otherwise ask.
 * Nothing here guesses: whenever two households fit about equally, the answer is a question.
 */
import {
  CLOSE_CALL_MARGIN,
  DECIDING_SCORE,
  findHouseholdMentions,
  type HouseholdMention,
} from './household-mentions.js';
import { MAX_ANALYSED_CHARS } from './normalize.js';
import type { HouseholdCandidate } from './types.js';

export interface HouseholdContext {
  /**
   * The household the conversation is about right now, if any: the one Nabo just reminded the
   * ambassador of or asked about, or the one just reported.
   */
  focus?: string | null;
  /**
   * Households the conversation just touched at the same moment (two reminders arriving
   * together): a message that names none of them is asked about between these only.
   */
  recent?: readonly string[];
}

/** One household's share of a message that names several. */
export interface HouseholdShare {
  /** The households this part is about (more than one when named together: "nr 10 og 14"). */
  ids: string[];
  /** The part of the message about them, as written. */
  text: string;
  /** Offsets of `text` in the message. */
  start: number;
  end: number;
}

export type HouseholdResolution =
  | { kind: 'one'; id: string; because: 'words' | 'context' | 'only_household' }
  | { kind: 'several'; shares: HouseholdShare[] }
  | { kind: 'ask'; ids: string[] }
  | { kind: 'not_on_list'; written: string };

/** Where the message names households: offsets that are not part of the note. */
export interface ResolvedHouseholds {
  resolution: HouseholdResolution;
  mentions: readonly HouseholdMention[];
}

export function resolveHouseholds(
  message: string,
  candidates: readonly HouseholdCandidate[],
  context: HouseholdContext = {},
  hasOutcome: (part: string) => boolean = () => false,
): ResolvedHouseholds {
  const ids = candidates.map((candidate) => candidate.id);
  if (candidates.length === 0) return { resolution: { kind: 'ask', ids }, mentions: [] };
  const text = typeof message === 'string' ? message.slice(0, MAX_ANALYSED_CHARS) : '';
  const mentions = findHouseholdMentions(text, candidates);
  const focus = context.focus && ids.includes(context.focus) ? context.focus : null;
  const recent = (context.recent ?? []).filter((id) => ids.includes(id));
  const offered = recent.length >= 2 ? recent : ids;
  const people = new Map(candidates.map((candidate) => [candidate.id, candidate.names.length]));
  return {
    resolution: decide(text, mentions, ids, focus, hasOutcome, offered, people),
    mentions,
  };
}

function decide(
  text: string,
  mentions: readonly HouseholdMention[],
  all: readonly string[],
  focus: string | null,
  hasOutcome: (part: string) => boolean,
  offered: readonly string[],
  people: ReadonlyMap<string, number>,
): HouseholdResolution {
  const deciding = mentions.filter((mention) => mention.verdict === 'one');
  const closeCalls = mentions.filter((mention) => mention.verdict === 'close_call');
  const unknown = mentions.filter((mention) => mention.verdict === 'not_on_list');
  const named = [...new Set(deciding.flatMap((mention) => mention.ids))];

  if (named.length >= 1) {
    // A close call that does not include a named household leaves a household unclear.
    const unclear = closeCalls.filter((call) => !call.ids.some((id) => named.includes(id)));
    if (unclear.length > 0) {
      return { kind: 'ask', ids: unique([...named, ...unclear.flatMap((call) => call.ids)]) };
    }
    if (named.length === 1) return { kind: 'one', id: named[0] ?? '', because: 'words' };
    const shares = shareOut(text, mentions, named, hasOutcome);
    return shares === null ? { kind: 'ask', ids: named } : { kind: 'several', shares };
  }
  if (closeCalls.length > 0) {
    const tied = unique(closeCalls.flatMap((call) => call.ids));
    // "parret på 14": of the households at no. 14, the one of two or more people.
    const couples = COUPLE.test(text) ? tied.filter((id) => (people.get(id) ?? 0) >= 2) : [];
    const [couple] = couples;
    if (couples.length === 1 && couple !== undefined)
      return { kind: 'one', id: couple, because: 'words' };
    if (focus !== null && tied.includes(focus))
      return { kind: 'one', id: focus, because: 'context' };
    return { kind: 'ask', ids: tied };
  }
  const firstUnknown = unknown[0];
  if (firstUnknown !== undefined) return { kind: 'not_on_list', written: firstUnknown.text };
  if (focus !== null) return { kind: 'one', id: focus, because: 'context' };
  if (all.length === 1) return { kind: 'one', id: all[0] ?? '', because: 'only_household' };
  return { kind: 'ask', ids: [...offered] };
}

/** Words for two people together: they single out a household of two among households of one. */
const COUPLE =
  /(?:^|[^\p{L}])(?:parret|ægteparret|aegteparret|the couple|couple|begge to|dem begge|both of them)(?![\p{L}])/iu;

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

// ── Several households in one message ────────────────────────────────────────────────────────

/** Words between two mentions that name them together ("nr 10 og nr 14", "Ove, Jonas og Sara"). */
const TOGETHER =
  /^[\s,&+]*(?:(?:og|and|samt|plus|eller|or|hverken|nor|&|\+|,)[\s,]*(?:hos|ved|på|paa|i|at|nr\.?|nummer)?[\s.]*)*$/i;
/** Where a part about one household ends and the next begins. */
const BREAKS = /[.;!?\n]|,|\s(?:men|but|og|and|så|then|derefter|bagefter)\s|\s[-–—]\s/gi;
/** A trailing part about every household named ("mappe lagt begge steder", "both not home"). */
const ABOUT_ALL = /\b(?:begge|both|alle|all|hver|each|everyone|everybody|allesammen)\b/i;

interface Group {
  ids: string[];
  start: number;
  end: number;
}

/** The mentions of named households, grouped where they are named together. */
function groupsOf(
  text: string,
  mentions: readonly HouseholdMention[],
  named: readonly string[],
  hasOutcome: (part: string) => boolean,
): Group[] {
  const groups: Group[] = [];
  for (const mention of mentions) {
    if (mention.verdict !== 'one' && mention.verdict !== 'close_call') continue;
    const ids = mention.ids.filter((id) => named.includes(id));
    if (ids.length === 0) continue;
    const last = groups[groups.length - 1];
    if (last !== undefined) {
      const between = text.slice(last.end, mention.start);
      // "Sara, Kasper og Jonas: ikke hjemme" is a list; "mødte Sara, Kasper var ikke hjemme" is
      // two clauses, each with its own outcome.
      const commaOnly = /^[\s,]+$/.test(between);
      const together =
        TOGETHER.test(between) &&
        !(
          commaOnly &&
          hasOutcome(clauseBefore(text, last.end)) &&
          hasOutcome(clauseAfter(text, mention.end))
        );
      const again = ids.every((id) => last.ids.includes(id));
      if (together || again) {
        last.ids = unique([...last.ids, ...ids]);
        last.end = mention.end;
        continue;
      }
    }
    groups.push({ ids, start: mention.start, end: mention.end });
  }
  return groups;
}

function clauseBefore(text: string, end: number): string {
  const head = text.slice(0, end);
  let start = 0;
  for (const match of head.matchAll(BREAKS)) start = match.index + match[0].length;
  return head.slice(start);
}

function clauseAfter(text: string, start: number): string {
  const tail = text.slice(start);
  const first = tail.search(new RegExp(BREAKS.source, 'i'));
  return first < 0 ? tail : tail.slice(0, first);
}

/** Where the closing clause about all households starts ("…, lagde mappen begge steder"). */
function sharedTailStart(text: string, after: number): number | null {
  const tail = text.slice(after);
  const all = ABOUT_ALL.exec(tail);
  if (all === null) return null;
  let start: number | null = null;
  for (const match of tail.matchAll(BREAKS)) {
    if (match.index < all.index) start = match.index;
  }
  return start === null ? null : after + start;
}

/**
 * Splits a message that names several households into one share per household (or per group of
 * households named together). A share runs from the clause break after the previous group to the
 * clause break before the next; a closing clause about all of them ("lagde mappen begge steder")
 * is added to every share. Null when a household would get two shares.
 */
export function shareOut(
  text: string,
  mentions: readonly HouseholdMention[],
  named: readonly string[],
  hasOutcome: (part: string) => boolean,
): HouseholdShare[] | null {
  const groups = groupsOf(text, mentions, named, hasOutcome);
  const seen = new Set<string>();
  for (const group of groups) {
    for (const id of group.ids) {
      if (seen.has(id)) return null;
      seen.add(id);
    }
  }
  const cuts: number[] = [];
  for (let g = 1; g < groups.length; g++) {
    const previous = groups[g - 1];
    const next = groups[g];
    if (previous === undefined || next === undefined) continue;
    const between = text.slice(previous.end, next.start);
    let cut = -1;
    for (const match of between.matchAll(BREAKS)) cut = match.index;
    cuts.push(cut >= 0 ? previous.end + cut : next.start);
  }
  const lastGroup = groups[groups.length - 1];
  const tailStart = lastGroup ? sharedTailStart(text, lastGroup.end) : null;
  const shared = tailStart === null ? '' : text.slice(tailStart).replace(/^[\s,;.]+/, '');

  return groups.map((group, g) => {
    const start = g === 0 ? 0 : (cuts[g - 1] ?? group.start);
    const isLast = g === groups.length - 1;
    const end = isLast ? text.length : (cuts[g] ?? group.end);
    const own = text
      .slice(start, end)
      .replace(/^[\s,;.:\-–—]+/, '')
      .replace(/[\s,;.]+$/, '');
    const withShared = !isLast && shared !== '' ? `${own}, ${shared}` : own;
    return { ids: group.ids, text: withShared.trim(), start, end };
  });
}

export { CLOSE_CALL_MARGIN, DECIDING_SCORE };
