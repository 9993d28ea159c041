/**
 * Text normalisation shared by every interpreter: case folding, Danish letters folded to their
 * ASCII spellings (æ→ae, ø→oe, å→aa), a looser comparison key for people who drop the letters
 * altogether (æ→a, ø→o, å→a), chat markup removal and tokenisation that keeps the offsets into
 * the original text, so that notes and household mentions can be returned exactly as written.
 */

/** Messages are short; anything beyond this is not read (keeps the work bounded on huge input). */
export const MAX_ANALYSED_CHARS = 2000;

/** Fold case and diacritics: "Mødte" → "moedte", "PÅ" → "paa", "Ålborg" → "aalborg". */
export function foldDiacritics(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/**
 * A comparison key that also equates the a/o spellings of people without æ/ø/å on the keyboard:
 * "moedte", "mødte" and "modte" all become "modte"; "paa"/"pa" become "pa". Runs of three or more
 * identical letters ("hjemmmme", "neeej") are shortened to two, which undoes chat elongation.
 */
export function looseKey(folded: string): string {
  return folded
    .replace(/(.)\1{2,}/g, '$1$1')
    .replace(/aa/g, 'a')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o');
}

/**
 * Slack and Teams markup (`<!channel>`, `<@U123>`, `<https://…|label>`, `<at>…</at>`) carries no
 * report content. It is blanked with spaces of the same length so offsets stay valid.
 */
export function blankChatMarkup(text: string): string {
  return text.replace(/<[^<>\n]{0,300}>/g, (m) => ' '.repeat(m.length));
}

export type TokenKind = 'word' | 'number' | 'time' | 'slashDate' | 'punct' | 'emoji';

export interface Token {
  kind: TokenKind;
  /** The token as written. */
  text: string;
  /** Folded form (lower case, æ→ae …); for punctuation the character itself. */
  folded: string;
  start: number;
  end: number;
  /** Starts with an upper-case letter (names, street names). */
  capitalised: boolean;
  /** Every letter is upper case ("IKKE"): emphasis, never a name. */
  allCaps: boolean;
}

// Order matters: times ("17:30") and slash dates ("3/12") before plain numbers, words keep inner
// apostrophes and hyphens ("didn't", "Al-Hassan"), emoji sequences are one token.
const TOKEN_PATTERN = new RegExp(
  [
    /(\d{1,2}[:.]\d{2}(?!\d))/.source,
    /(\d{1,2}\/\d{1,2}(?:\/\d{2,4})?(?!\d))/.source,
    /(\d+(?:st|nd|rd|th)?(?![\p{L}\d]))/u.source,
    /(\d+)/.source,
    /([\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*)/u.source,
    /([.,;:!?…()[\]"“”«»+&/#*=|]|\s[-–—]\s|\n)/.source,
    // An emoji with its modifiers, variation selectors, joiners and keycaps; flags are pairs.
    /((?:\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}])(?:\p{Emoji_Modifier}|\u{FE0F}|\u{200D}|\u{20E3}|\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}])*)/u
      .source,
  ].join('|'),
  'gu',
);

/** Split a (possibly truncated) message into tokens with offsets into the original text. */
export function tokenize(original: string): Token[] {
  const text = blankChatMarkup(original.slice(0, MAX_ANALYSED_CHARS));
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_PATTERN)) {
    const raw = m[0];
    const start = m.index;
    let kind: TokenKind;
    if (m[1] !== undefined) kind = 'time';
    else if (m[2] !== undefined) kind = 'slashDate';
    else if (m[3] !== undefined || m[4] !== undefined) kind = 'number';
    else if (m[5] !== undefined) kind = 'word';
    else if (m[6] !== undefined) kind = 'punct';
    else kind = 'emoji';
    const trimmed = kind === 'punct' ? raw.trim() || raw : raw;
    const offset = raw.indexOf(trimmed);
    const first = trimmed.charAt(0);
    tokens.push({
      kind,
      text: trimmed,
      folded:
        kind === 'word' ? foldDiacritics(trimmed).replace(/['’]/g, '') : trimmed.toLowerCase(),
      start: start + offset,
      end: start + offset + trimmed.length,
      capitalised: kind === 'word' && first !== first.toLowerCase(),
      allCaps:
        kind === 'word' &&
        trimmed.length > 1 &&
        trimmed === trimmed.toUpperCase() &&
        /\p{Lu}/u.test(trimmed),
    });
  }
  return tokens;
}
