/**
 * Maps a word as typed to the canonical word(s) the phrase tables use: chat aliases first, then
 * the folded spelling, then the loose a/o spelling ("modte" → "moedte"), then a typo-tolerant
 * match against the known vocabulary ("snakkde" → "snakkede"). Unknown words stay as they are.
 */
import { allowedEdits, editDistance } from './fuzzy.js';
import { ALIASES, COMMON_WORDS, MONTHS, NUMBER_WORDS, WEEKDAYS } from './lexicon.js';
import { looseKey } from './normalize.js';
import { PHRASE_WORDS } from './phrases.js';

interface Vocabulary {
  readonly words: ReadonlySet<string>;
  /** loose key → canonical word (the first registered wins, phrase words before common words). */
  readonly byLooseKey: ReadonlyMap<string, string>;
  /** Candidates for typo matching, bucketed by the first letter of their loose key. */
  readonly fuzzyBuckets: ReadonlyMap<string, readonly { word: string; key: string }[]>;
}

let vocabulary: Vocabulary | undefined;

function buildVocabulary(): Vocabulary {
  const ordered = [
    ...PHRASE_WORDS,
    ...WEEKDAYS.keys(),
    ...MONTHS.keys(),
    ...NUMBER_WORDS.keys(),
    ...COMMON_WORDS,
    ...[...ALIASES.values()].flat(),
  ].filter((w) => /^[a-z]+$/.test(w));
  const words = new Set(ordered);
  const byLooseKey = new Map<string, string>();
  const buckets = new Map<string, { word: string; key: string }[]>();
  for (const word of words) {
    const key = looseKey(word);
    if (!byLooseKey.has(key)) byLooseKey.set(key, word);
    // Short words are only ever matched exactly: "dem"/"den", "ikke"/"ikk" are handled by aliases.
    if (key.length >= 4) {
      const first = key.charAt(0);
      const bucket = buckets.get(first) ?? [];
      bucket.push({ word, key });
      buckets.set(first, bucket);
    }
  }
  return { words, byLooseKey, fuzzyBuckets: buckets };
}

function getVocabulary(): Vocabulary {
  vocabulary ??= buildVocabulary();
  return vocabulary;
}

/** Bounded memo: the same typo is looked up once, however long the message. */
const memo = new Map<string, readonly string[]>();
const MEMO_LIMIT = 5000;

/** True when the folded word is an everyday or phrase word (exactly or in its loose spelling). */
export function isKnownWord(folded: string): boolean {
  const vocab = getVocabulary();
  return vocab.words.has(folded) || ALIASES.has(folded) || vocab.byLooseKey.has(looseKey(folded));
}

/** True when the word is known or within typo distance of a known word. */
export function isKnownOrTypo(folded: string): boolean {
  return isKnownWord(folded) || fuzzyMatch(looseKey(folded)) !== undefined;
}

function fuzzyMatch(key: string): string | undefined {
  const max = allowedEdits(key.length);
  if (max === 0 || /\d/.test(key)) return undefined;
  const candidates = getVocabulary().fuzzyBuckets.get(key.charAt(0)) ?? [];
  let bestDistance = max + 1;
  let best: { word: string; key: string }[] = [];
  for (const candidate of candidates) {
    // The allowance is set by the shorter word so "dag" never becomes "dage"-like neighbours.
    const limit = Math.min(max, allowedEdits(candidate.key.length));
    if (limit === 0 || Math.abs(candidate.key.length - key.length) > limit) continue;
    const distance = editDistance(key, candidate.key, limit);
    if (distance > limit || distance > bestDistance) continue;
    if (distance < bestDistance) best = [];
    bestDistance = distance;
    if (!best.some((b) => b.word === candidate.word)) best.push(candidate);
  }
  if (best.length === 1) return best[0]?.word;
  // A tie: phone typos drop letters more often than they add them ("snakkde" is "snakkede",
  // not "snakke"), so a single candidate at least as long as the typed word wins; otherwise we
  // do not guess.
  const longer = best.filter((b) => b.key.length >= key.length);
  return longer.length === 1 ? longer[0]?.word : undefined;
}

/** Canonical words for one folded word token. */
export function canonicalWords(folded: string): readonly string[] {
  const cached = memo.get(folded);
  if (cached) return cached;
  const result = lookUp(folded);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(folded, result);
  return result;
}

function lookUp(folded: string): readonly string[] {
  const alias = ALIASES.get(folded);
  if (alias) return alias;
  const vocab = getVocabulary();
  if (vocab.words.has(folded)) return [folded];
  if (folded.includes('-')) {
    const joined = folded.replace(/-/g, '');
    if (vocab.words.has(joined)) return [joined];
    return folded
      .split('-')
      .filter(Boolean)
      .flatMap((part) => lookUp(part));
  }
  const key = looseKey(folded);
  const loose = vocab.byLooseKey.get(key);
  if (loose) return [loose];
  const aliasOfLoose = ALIASES.get(key);
  if (aliasOfLoose) return aliasOfLoose;
  const typo = fuzzyMatch(key);
  if (typo) return [typo];
  return [folded];
}
