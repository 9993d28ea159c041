/**
 * matchHousehold: which of the ambassador's open households a mention (or a whole message) means.
 *
 * Evidence per candidate, each scored in [0, 1]:
 * - a name: the best similarity between a word of the mention and one of the household's names
 *   (1 − edit distance / length, on folded, a/o-tolerant spellings: "christiansen" ~ "Christensen"
 *   = 0.83). Ordinary words only count when they match exactly, so "hjemme" never fuzzily
 *   matches a name; a first name and a surname together add a little;
 * - the address: the street word must match (≥ 0.8) and, when the mention gives a house number,
 *   the number must be the same — a different number is a different household (score 0); a
 *   street without a number counts 0.7;
 * - the unit ("2. th", "st tv", "nr 12"): floor and side both equal (0.9);
 * and the candidate's score is the best of them plus a small bonus when two kinds agree.
 *
 * Threshold: a candidate must score at least 0.8 (MATCH_THRESHOLD) — that admits one typo in a
 * six-letter name or two in a long one. If the runner-up is within 0.05 of the best, the mention
 * is ambiguous and null is returned so the bot asks.
 */
import { similarity } from './fuzzy.js';
import { foldDiacritics, looseKey } from './normalize.js';
import type { HouseholdCandidate, HouseholdMatch } from './types.js';
import { isKnownWord } from './vocabulary.js';

export const MATCH_THRESHOLD = 0.8;
export const AMBIGUITY_MARGIN = 0.05;

const IGNORED = new Set([
  'familien',
  'fam',
  'familie',
  'family',
  'the',
  'hos',
  'og',
  'and',
  'nr',
  'nummer',
  'no',
  'lejlighed',
  'lejl',
  'mr',
  'mrs',
  'ms',
  'hr',
  'fru',
  'i',
  'paa',
  'on',
  'at',
  'in',
  'den',
  'de',
  'der',
  'st',
  'th',
  'tv',
  'mf',
  'sal',
  'stuen',
  'apt',
  'flat',
  'unit',
  'vej',
  'gade',
]);

interface Unit {
  floor: string | null;
  side: string | null;
  number: string | null;
}

interface MentionParts {
  words: string[];
  numbers: string[];
  /** Numbers written right after a word ("Solvænget 3"): house numbers. */
  wordNumbers: Map<string, string>;
  unit: Unit | null;
}

function words(text: string): string[] {
  return foldDiacritics(text.slice(0, 500))
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Floor and side of a unit ("1. th" → 1/th, "st. tv" → st/tv, "nr 12" → number 12). */
export function parseUnit(text: string): Unit | null {
  const folded = foldDiacritics(text);
  const floorSide = /(?:^|[^a-z0-9])(\d{1,2}|st|stuen|kld)\s*\.?\s*(th|tv|mf)\b/.exec(folded);
  if (floorSide) {
    const floor = floorSide[1] === 'stuen' ? 'st' : (floorSide[1] ?? null);
    return { floor, side: floorSide[2] ?? null, number: null };
  }
  const floorOnly = /(?:^|[^a-z0-9])(\d{1,2})\s*\.\s*sal\b/.exec(folded);
  if (floorOnly) return { floor: floorOnly[1] ?? null, side: null, number: null };
  const numbered = /\b(?:nr|nummer|no|lejl|lejlighed|apt|flat|unit)\s*\.?\s*(\d{1,4}[a-h]?)\b/.exec(
    folded,
  );
  if (numbered) return { floor: null, side: null, number: numbered[1] ?? null };
  return null;
}

function splitAddress(address: string): {
  street: string[];
  number: string | null;
  unit: Unit | null;
} {
  const folded = foldDiacritics(address);
  const m = /^([^\d,]*?)\s*(\d{1,4}\s?[a-h]?)\b(.*)$/.exec(folded);
  if (!m)
    return { street: words(address).filter((w) => !IGNORED.has(w)), number: null, unit: null };
  return {
    street: (m[1] ?? '').split(/[^a-z]+/).filter((w) => w.length > 1),
    number: (m[2] ?? '').replace(/\s/g, ''),
    unit: parseUnit(m[3] ?? ''),
  };
}

function mentionParts(mention: string): MentionParts {
  const tokens = words(mention);
  const parts: MentionParts = {
    words: [],
    numbers: [],
    wordNumbers: new Map(),
    unit: parseUnit(mention),
  };
  tokens.forEach((token, i) => {
    if (/^\d/.test(token)) {
      parts.numbers.push(token);
      const before = tokens[i - 1];
      if (before !== undefined && /^[a-z]/.test(before) && !IGNORED.has(before)) {
        const letter = tokens[i + 1];
        parts.wordNumbers.set(before, letter && /^[a-h]$/.test(letter) ? token + letter : token);
      }
    } else if (token.length >= 2 && !IGNORED.has(token)) {
      parts.words.push(token);
    }
  });
  return parts;
}

/** Similarity of a mention word to a name word; ordinary words must match exactly. */
function wordScore(word: string, target: string): number {
  const a = looseKey(word);
  const b = looseKey(target);
  if (a === b) return 1;
  if (isKnownWord(word) || a.length < 4 || b.length < 4) return 0;
  return similarity(a, b);
}

function unitsEqual(a: Unit, b: Unit): boolean {
  if (a.number !== null || b.number !== null) return a.number !== null && a.number === b.number;
  return a.floor === b.floor && (a.side === b.side || a.side === null || b.side === null);
}

function scoreCandidate(parts: MentionParts, candidate: HouseholdCandidate): number {
  const nameWords = candidate.names
    .flatMap((name) => words(name))
    .filter((w) => !IGNORED.has(w) && w.length >= 2);
  const address = splitAddress(candidate.address);
  const unit = candidate.unit ? parseUnit(candidate.unit) : address.unit;

  let nameScore = 0;
  const matchedNames = new Set<string>();
  for (const word of parts.words) {
    for (const name of nameWords) {
      const s = wordScore(word, name);
      if (s >= MATCH_THRESHOLD) matchedNames.add(name);
      nameScore = Math.max(nameScore, s);
    }
  }
  if (matchedNames.size >= 2) nameScore = Math.min(1, nameScore + 0.1);

  let addressScore = 0;
  for (const word of parts.words) {
    for (const street of address.street) {
      const s = wordScore(word, street);
      if (s < MATCH_THRESHOLD) continue;
      const written = parts.wordNumbers.get(word);
      if (written === undefined) addressScore = Math.max(addressScore, 0.7 * s);
      else if (address.number !== null && written === address.number)
        addressScore = Math.max(addressScore, s);
    }
  }

  let unitScore = 0;
  const mentionUnit = parts.unit;
  if (mentionUnit && unit && unitsEqual(mentionUnit, unit)) unitScore = 0.9;
  // "nr 12" may mean the house number as well as a flat number.
  if (mentionUnit?.number && address.number === mentionUnit.number)
    unitScore = Math.max(unitScore, 0.85);

  const scores = [nameScore, addressScore, unitScore].sort((a, b) => b - a);
  const [best = 0, second = 0] = scores;
  return second >= MATCH_THRESHOLD * 0.75 ? Math.min(1, best + 0.05) : best;
}

export function matchHousehold(
  mention: string,
  candidates: readonly HouseholdCandidate[],
): HouseholdMatch | null {
  if (typeof mention !== 'string' || mention.trim().length === 0 || candidates.length === 0)
    return null;
  const parts = mentionParts(mention);
  const scored = candidates
    .map((candidate) => ({
      id: candidate.id,
      score: Math.round(scoreCandidate(parts, candidate) * 1000) / 1000,
    }))
    .sort((a, b) => b.score - a.score);
  const [best, runnerUp] = scored;
  if (best === undefined || best.score < MATCH_THRESHOLD) return null;
  if (runnerUp !== undefined && runnerUp.score >= best.score - AMBIGUITY_MARGIN) return null;
  return best;
}
