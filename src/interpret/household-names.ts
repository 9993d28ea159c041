/**
 * Comparing a word an ambassador typed with the names of a household.
 *
 * Volunteers write names the way they hear them: without æ/ø/å ("sorensen", "soerensen",
 * "jorgensen"), with the common Danish spelling variants ("Kristensen" for Christensen,
 * "Hanssen" for Hansen), with one slip of the thumb ("Petersen" for Pedersen), in the genitive or
 * plural ("Hansens dør", "the Hansens") and in lower case. Each comparison says how sure it is:
 *
 * - 1.0   the same name, diacritics and case aside ("sorensen" = "Sørensen");
 * - 0.95  the same name in another spelling (ch/k, c/k, ph/f, th/t, w/v, z/s, doubled letters);
 * - 0.85  one letter off (a wrong, missing, extra or swapped letter) in a name of five or more
 *         letters;
 * - 0.8   two letters off in a name of nine or more letters ("Christiansen" for Christensen);
 * - 0     anything else. Short names (under five letters) must be written right.
 */
import { editDistance } from './fuzzy.js';
import { foldDiacritics, looseKey } from './normalize.js';

export const NAME_EXACT = 1;
export const NAME_SPELLING = 0.95;
export const NAME_ONE_OFF = 0.85;
export const NAME_TWO_OFF = 0.8;

/** Words in a household's name that are not a person's name ("Familien Hansen"). */
const NOT_NAMES = new Set([
  'familien',
  'familie',
  'fam',
  'family',
  'the',
  'og',
  'and',
  'hr',
  'fru',
  'frk',
  'mr',
  'mrs',
  'ms',
  'dr',
]);

/** Folded, with æ/ø/å and their spellings equated ("Sørensen", "soerensen", "sorensen"). */
export function nameKey(word: string): string {
  return looseKey(foldDiacritics(word).replace(/['’`´\-‐]/g, ''));
}

/** The spelling-insensitive key: sounds that are written in more than one way become one. */
export function spellingKey(key: string): string {
  return (
    key
      .replace(/ch/g, 'k')
      .replace(/ck/g, 'k')
      .replace(/c(?=[eiy])/g, 's')
      .replace(/c/g, 'k')
      .replace(/ph/g, 'f')
      .replace(/th/g, 't')
      .replace(/dt/g, 't')
      .replace(/w/g, 'v')
      .replace(/z/g, 's')
      .replace(/x/g, 'ks')
      .replace(/q/g, 'k')
      // A silent h after the last vowel: "Sarah", "Hannah".
      .replace(/([aeiouy])h$/, '$1')
      .replace(/(.)\1+/g, '$1')
  );
}

/** One part of a person's name ("ove", "christensen", "al-hassan" and "alhassan"). */
export interface NamePart {
  /** nameKey of the part. */
  key: string;
  spelling: string;
  /** Index of the person in the household's list of names. */
  person: number;
  /** The person's first written name ("Ove" in "Ove Christensen"). */
  first: boolean;
  /** The person's last written name. */
  last: boolean;
}

/** The name parts of every person in a household. */
export function namePartsOf(names: readonly string[]): NamePart[] {
  const parts: NamePart[] = [];
  names.forEach((name, person) => {
    const words = foldDiacritics(name)
      .replace(/['’`´.]/g, '')
      .split(/[^a-z0-9-]+/)
      .filter((word) => word.length >= 2 && !NOT_NAMES.has(word));
    words.forEach((word, index) => {
      const pieces = word.includes('-') ? [word.replace(/-/g, ''), ...word.split('-')] : [word];
      for (const piece of pieces) {
        if (piece.length < 2) continue;
        const key = looseKey(piece);
        parts.push({
          key,
          spelling: spellingKey(key),
          person,
          first: index === 0,
          last: index === words.length - 1,
        });
      }
    });
  });
  return parts;
}

/** The forms a typed word may stand for: as written, and without a genitive or plural "s". */
export function typedForms(word: string): string[] {
  const key = nameKey(word);
  const forms = [key];
  // "Hansens", "the Hansens", "Christensen's", "Hansenernes": the name without its ending.
  if (key.length >= 4 && key.endsWith('s')) forms.push(key.slice(0, -1));
  if (key.length >= 8 && key.endsWith('ernes')) forms.push(key.slice(0, -5));
  else if (key.length >= 7 && key.endsWith('erne')) forms.push(key.slice(0, -4));
  return forms;
}

/** A typed word prepared once for comparing with many name parts. */
export interface TypedName {
  forms: readonly { key: string; spelling: string }[];
}

export function typedName(word: string): TypedName {
  return { forms: typedForms(word).map((key) => ({ key, spelling: spellingKey(key) })) };
}

/** How sure it is that `typed` (a word as written) is the name part; see the file comment. */
export function compareName(
  typed: string | TypedName,
  part: NamePart,
  allowTypos: boolean,
): number {
  const prepared = typeof typed === 'string' ? typedName(typed) : typed;
  let best = 0;
  for (const { key, spelling } of prepared.forms) {
    if (key === part.key) return NAME_EXACT;
    if (spelling === part.spelling) {
      best = Math.max(best, NAME_SPELLING);
      continue;
    }
    if (!allowTypos || key.length < 4) continue;
    // A different first letter is rarely a slip ("Hansen" is not "Jansen").
    if (spelling.charAt(0) !== part.spelling.charAt(0)) continue;
    const length = Math.min(spelling.length, part.spelling.length);
    const budget = length >= 9 ? 2 : length >= 5 ? 1 : 0;
    if (budget === 0 || Math.abs(spelling.length - part.spelling.length) > budget) continue;
    const distance = editDistance(spelling, part.spelling, budget);
    if (distance > budget) continue;
    best = Math.max(best, distance === 1 ? NAME_ONE_OFF : NAME_TWO_OFF);
  }
  return best;
}
