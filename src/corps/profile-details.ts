import type { ProfileChanges } from '../../models/types.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { parseLanguageHints } from '../residents/languages.js';

/**
 * The details a coordinator writes after a name: "kapacitet 3, sprog arabisk og dansk, blok B4,
 * opgang 10" (or "capacity 3, languages Arabic, block B4, stairwell 10"). Each part starts with
 * the field's word; a part that starts with none is given back, so the flow can ask about it
 * instead of guessing.
 */
export interface ParsedDetails {
  changes: ProfileChanges;
  /** Parts that name no field, as written. */
  unknown: string[];
  /** Fields given with a value that cannot be right (a capacity that is no number). */
  invalid: Array<keyof ProfileChanges>;
}

type Field = 'monthlyCapacity' | 'languages' | 'block' | 'stairwell' | 'name';

const FIELD_WORDS: Array<[Field, RegExp]> = [
  ['monthlyCapacity', /^(?:kapacitet|kap|capacity|antal|max|maks|hoejst)\b/],
  ['languages', /^(?:sprog|languages?|taler|speaks)\b/],
  ['stairwell', /^(?:opgang|indgang|stairwell|entrance)\b/],
  ['block', /^(?:blok|block|bygning|building)\b/],
  ['name', /^(?:navn|name)\b/],
];

/** Words that start a field; the name before them ends where the first one begins. */
export const DETAIL_START =
  /\s(?=(?:kapacitet|capacity|sprog|languages?|opgang|stairwell|blok|block|navn|name)\b)/i;

export function parseDetails(text: string): ParsedDetails {
  const result: ParsedDetails = { changes: {}, unknown: [], invalid: [] };
  // "sprog arabisk, dansk" keeps its comma: a part without a field word continues the languages.
  let previous: Field | undefined;
  for (const raw of text.split(
    /[,;\n]|\s+(?=(?:og|and)\s+(?:kapacitet|capacity|blok|block|opgang|stairwell)\b)/i,
  )) {
    const part = raw.trim().replace(/^(?:og|and)\s+/i, '');
    if (part === '') continue;
    const folded = foldDiacritics(part);
    const field = FIELD_WORDS.find(([, pattern]) => pattern.test(folded))?.[0];
    const perMonth = /^(\d{1,2})\s*(?:om|per|pr\.?|a|each)\s*(?:maaneden|maaned|month)$/.exec(
      folded,
    );
    if (!field && perMonth) {
      result.changes.monthlyCapacity = Number(perMonth[1]);
      continue;
    }
    if (!field) {
      if (previous === 'languages') {
        const more = parseLanguageHints(part);
        result.changes.languages = [...(result.changes.languages ?? []), ...more];
      } else {
        result.unknown.push(part);
      }
      continue;
    }
    previous = field;
    const value = part.replace(/^\S+\s*:?\s*/, '').trim();
    apply(result, field, value);
  }
  return result;
}

function apply(result: ParsedDetails, field: Field, value: string): void {
  switch (field) {
    case 'monthlyCapacity': {
      const number = /^(\d{1,3})\b/.exec(value);
      if (number) result.changes.monthlyCapacity = Number(number[1]);
      else result.invalid.push('monthlyCapacity');
      return;
    }
    case 'languages': {
      const codes = parseLanguageHints(value);
      if (codes.length > 0) result.changes.languages = codes;
      else result.invalid.push('languages');
      return;
    }
    case 'block':
    case 'stairwell':
    case 'name':
      // An empty value ("blok -", "opgang ingen") clears the field.
      result.changes[field] = /^(?:-|ingen|none)$/i.test(value) ? '' : value;
      return;
  }
}

/** Language words that are no ISO code ("klingonsk") make the repository refuse: say which. */
export function unknownLanguages(codes: readonly string[]): string[] {
  return codes.filter((code) => !/^[a-z]{2,3}$/.test(code));
}
