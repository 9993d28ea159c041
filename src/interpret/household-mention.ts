/**
 * The household a message names, returned exactly as written:
 * - a street and number, with an optional unit: "Solvænget 3", "solvaenget 3, 1. th";
 * - a unit: "2. th", "st. tv", "1. sal", "nr 12", "lejlighed 4";
 * - a name: "familien Hansen", "hos Jensen", "Fatima", "Ove og Else Christensen",
 *   "the Nguyen family", lower-case surnames ending in -sen/-son ("christensen").
 * A name is a capitalised word the interpreter does not know as an ordinary word; at the start of
 * a sentence (where every word is capitalised) it must also look like a name: a surname ending,
 * a second name, or a verb/colon right after it ("Fatima var hjemme", "Ahmed: ikke hjemme").
 * When mentions sit next to each other ("familien Hansen, 2. th") they form one mention; otherwise
 * the first one is returned.
 */
import type { Analysis } from './analysis.js';
import type { Token } from './normalize.js';
import { isKnownOrTypo, isKnownWord } from './vocabulary.js';

export interface HouseholdMention {
  readonly text: string;
  readonly fromToken: number;
  /** One past the last token. */
  readonly toToken: number;
}

const STREET_SUFFIXES = [
  'vej',
  'gade',
  'vaenget',
  'vanget',
  'parken',
  'alle',
  'allee',
  'straede',
  'plads',
  'toften',
  'haven',
  'bakken',
  'hoej',
  'hoejen',
  'gaarden',
  'lunden',
  'marken',
  'stien',
  'engen',
  'vangen',
  'holm',
  'torvet',
  'tofte',
  'hegnet',
  'kaeret',
  'loekken',
  'ager',
  'agre',
  'skoven',
  'boulevard',
  'gyde',
  'passagen',
  'ringen',
  'dalen',
  'bjerget',
  'kvarteret',
  'tvaergade',
  'street',
  'road',
  'lane',
  'avenue',
  'close',
];
const UNIT_SIDES = new Set(['th', 'tv', 'mf']);
const UNIT_WORDS = new Set([
  'nr',
  'nummer',
  'no',
  'lejl',
  'lejlighed',
  'apt',
  'apartment',
  'flat',
  'unit',
  'blok',
  'opgang',
  'door',
  'doer',
]);
const FAMILY_WORDS = new Set(['familien', 'fam', 'family', 'familie']);
const TITLES = new Set(['mr', 'mrs', 'ms', 'hr', 'fru', 'frk']);
const NAME_FOLLOWERS = new Set([
  'var',
  'er',
  'har',
  'havde',
  'ikke',
  'ik',
  'ikk',
  'takkede',
  'sagde',
  'bor',
  'boede',
  'vil',
  'ville',
  'kunne',
  'was',
  'were',
  'is',
  'are',
  'not',
  'declined',
  'said',
  'has',
  'had',
  'wants',
  'lives',
  'moved',
  'og',
  'and',
  'aabnede',
  'lukkede',
  'flyttet',
  'flyttede',
  'mødte',
  'moedte',
  'snakkede',
  'i',
]);
const PLACE_PREPOSITIONS = new Set([
  'fra',
  'from',
  'til',
  'to',
  'i',
  'in',
  'ved',
  'near',
  'af',
  'of',
]);
const SURNAME_ENDING = /(?:sen|son|ssen|gaard|berg|strup|holm|lund)$/;
const SENTENCE_END = /^[.!?\n…]$/;

type WordToken = Token & { kind: 'word' };
type NumberToken = Token & { kind: 'number' };

function isWord(token: Token | undefined): token is WordToken {
  return token?.kind === 'word';
}

function isNumber(token: Token | undefined): token is NumberToken {
  return token?.kind === 'number';
}

function isStreetWord(token: Token): boolean {
  return STREET_SUFFIXES.some((s) => token.folded.endsWith(s) && token.folded.length >= s.length);
}

export function findHouseholdMention(analysis: Analysis): HouseholdMention | null {
  const tokens = analysis.tokens;
  const spans: { from: number; to: number; kind: 'street' | 'unit' | 'name' }[] = [];
  const taken = new Array<boolean>(tokens.length).fill(false);
  const add = (from: number, to: number, kind: 'street' | 'unit' | 'name'): void => {
    spans.push({ from, to, kind });
    for (let i = from; i < to; i++) taken[i] = true;
  };

  // Streets (with their unit) first, so "3" in "Solvænget 3" is not read as anything else.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!isWord(token) || taken[i] || !isNumber(tokens[i + 1])) continue;
    const suffixWord = isStreetWord(token);
    const unknownCapital = token.capitalised && !token.allCaps && !isKnownOrTypo(token.folded);
    if (!suffixWord && !unknownCapital) continue;
    let from = i;
    // "H.C. Andersens Vej 3": a bare suffix word takes the capitalised words before it.
    if (STREET_SUFFIXES.includes(token.folded)) {
      while (from > 0 && tokens[from - 1]?.capitalised) from--;
    }
    let to = i + 2;
    const letter = tokens[to];
    if (
      isWord(letter) &&
      /^[a-h]$/i.test(letter.text) &&
      letter.start - (tokens[to - 1]?.end ?? 0) <= 1
    )
      to++;
    const unitEnd = unitAt(tokens, to + (tokens[to]?.text === ',' ? 1 : 0));
    if (unitEnd !== null) to = unitEnd;
    add(from, to, 'street');
  }

  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const end = unitAt(tokens, i);
    if (end !== null) {
      add(i, end, 'unit');
      i = end - 1;
    }
  }

  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const name = nameAt(tokens, i, taken);
    if (name !== null) {
      add(name.from, name.to, 'name');
      i = name.to - 1;
    }
  }

  if (spans.length === 0) return null;
  spans.sort((a, b) => a.from - b.from);
  const first = spans[0];
  if (first === undefined) return null;
  const from = first.from;
  let to = first.to;
  for (const next of spans.slice(1)) {
    const gap = analysis.original.slice(tokens[to - 1]?.end ?? 0, tokens[next.from]?.start ?? 0);
    if (/^[\s,]*$/.test(gap) || /^\s*(?:i|på|paa|in|at|,)\s*$/i.test(gap)) to = next.to;
    else break;
  }
  const start = tokens[from]?.start ?? 0;
  const end = tokens[to - 1]?.end ?? start;
  analysis.claimTokens(from, to);
  return { text: analysis.original.slice(start, end), fromToken: from, toToken: to };
}

/** End (exclusive) of a unit starting at token i: "2. th", "st tv", "1. sal", "nr 12", "nr. 12B". */
function unitAt(tokens: readonly Token[], i: number): number | null {
  const first = tokens[i];
  if (first === undefined) return null;
  let j = i + 1;
  const skipDot = (): void => {
    if (tokens[j]?.text === '.') j++;
  };
  if (isNumber(first) || (isWord(first) && (first.folded === 'st' || first.folded === 'stuen'))) {
    skipDot();
    const side = tokens[j];
    if (
      isWord(side) &&
      (UNIT_SIDES.has(side.folded) || (isNumber(first) && side.folded === 'sal'))
    ) {
      j++;
      return j;
    }
    return null;
  }
  if (isWord(first) && UNIT_WORDS.has(first.folded)) {
    skipDot();
    const number = tokens[j];
    if (!isNumber(number)) return null;
    j++;
    const letter = tokens[j];
    if (isWord(letter) && /^[a-h]$/i.test(letter.text) && letter.start === number.end) j++;
    return j;
  }
  return null;
}

function isSentenceStart(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t === undefined) break;
    if (t.kind === 'word' || t.kind === 'number') return false;
    if (t.kind === 'emoji' || SENTENCE_END.test(t.text)) return true;
  }
  return true;
}

function isNameToken(token: Token | undefined, lowerCaseAllowed: boolean): token is WordToken {
  if (!isWord(token) || token.allCaps || token.text.length < 2) return false;
  if (token.capitalised) return !isKnownWord(token.folded);
  return lowerCaseAllowed && !isKnownOrTypo(token.folded);
}

/** The extent of a run of names starting at i ("Ove og Else Christensen"). */
function nameRun(tokens: readonly Token[], i: number, lowerCaseAllowed: boolean): number {
  let to = i + 1;
  for (;;) {
    const next = tokens[to];
    if (isNameToken(next, false) && next.start - (tokens[to - 1]?.end ?? 0) <= 1) {
      to++;
      continue;
    }
    const joiner = tokens[to];
    const afterJoiner = tokens[to + 1];
    // "Ove og Else Christensen": a capitalised ordinary word ("Else") is a first name when a
    // surname follows it.
    const firstName =
      isWord(afterJoiner) &&
      afterJoiner.capitalised &&
      !afterJoiner.allCaps &&
      isNameToken(tokens[to + 2], false);
    if (
      (joiner?.folded === 'og' || joiner?.folded === 'and' || joiner?.text === '&') &&
      (isNameToken(afterJoiner, lowerCaseAllowed) || firstName)
    ) {
      to += 2;
      continue;
    }
    return to;
  }
}

function nameAt(
  tokens: readonly Token[],
  i: number,
  taken: readonly boolean[],
): { from: number; to: number } | null {
  const token = tokens[i];
  if (!isWord(token)) return null;
  const next = tokens[i + 1];
  // "familien Hansen", "fam. hansen", "hos Jensen", "fru Larsen": the word after names the household.
  if (FAMILY_WORDS.has(token.folded) || TITLES.has(token.folded)) {
    const at = next?.text === '.' ? i + 2 : i + 1;
    const candidate = tokens[at];
    if (
      !taken[at] &&
      isWord(candidate) &&
      (candidate.capitalised ? !candidate.allCaps : isNameToken(candidate, true))
    ) {
      return { from: i, to: nameRun(tokens, at, true) };
    }
    return null;
  }
  if (token.folded === 'hos' && !taken[i + 1] && isNameToken(next, true)) {
    return { from: i + 1, to: nameRun(tokens, i + 1, true) };
  }
  if (token.folded === 'the' && isNameToken(next, false)) {
    const end = nameRun(tokens, i + 1, false);
    const family = tokens[end];
    if (family !== undefined && /^famil(y|ien)$/.test(family.folded))
      return { from: i + 1, to: end + 1 };
  }
  if (token.capitalised) {
    if (!isNameToken(token, false)) return null;
    // "kommer fra Syrien", "moved here from Poland": a place, not the household.
    const before = tokens[i - 1];
    if (before !== undefined && PLACE_PREPOSITIONS.has(before.folded)) return null;
    if (!isSentenceStart(tokens, i)) return { from: i, to: nameRun(tokens, i, false) };
    // At a sentence start every word is capitalised: require more evidence of a name.
    if (isKnownOrTypo(token.folded)) return null;
    const followedByName = isNameToken(next, false);
    const followedByVerb = isWord(next) && NAME_FOLLOWERS.has(next.folded);
    const followedByMark = next !== undefined && /^[:\-–,]$/.test(next.text);
    if (SURNAME_ENDING.test(token.folded) || followedByName || followedByVerb || followedByMark) {
      return { from: i, to: nameRun(tokens, i, false) };
    }
    return null;
  }
  if (
    token.folded.length >= 5 &&
    /(?:sen|son|ssen)$/.test(token.folded) &&
    !isKnownOrTypo(token.folded)
  ) {
    return { from: i, to: i + 1 };
  }
  return null;
}
