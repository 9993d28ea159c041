/**
 * One message prepared for interpretation: tokens with offsets into the original text, their
 * canonical words, clauses and sentences, and bookkeeping of which words have been "used" by a
 * finding (so two findings never claim the same words, and the note is what nobody used).
 */
import type { CompiledPhrase } from './phrase.js';
import { MONTHS } from './lexicon.js';
import { tokenize, type Token } from './normalize.js';
import { canonicalWords } from './vocabulary.js';

export interface CanonicalWord {
  readonly text: string;
  /** Index into `tokens` (for `#`, the punctuation or emoji it stands for). */
  readonly token: number;
}

export interface PhraseMatch {
  /** First word (index into `words`). */
  readonly start: number;
  /** One past the last word. */
  readonly end: number;
  readonly clause: number;
}

/** Abbreviations whose dot is not the end of a sentence ("d. 3.", "kl. 17", "st. tv"). */
const ABBREVIATIONS = new Set([
  'd',
  'den',
  'kl',
  'nr',
  'st',
  'fam',
  'ca',
  'evt',
  'lejl',
  'tv',
  'th',
  'mf',
  'mr',
  'mrs',
  'ms',
  'dr',
  'hr',
  'fr',
  'bl',
  'f',
  'eks',
  'kld',
  'no',
  'pga',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'okt',
  'oct',
  'nov',
  'dec',
  'man',
  'tirs',
  'ons',
  'tors',
  'fre',
  'loer',
  'soen',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
  'etc',
  'osv',
  'mvh',
  'ps',
  'inkl',
  'vs',
  'apt',
  'tlf',
]);
const UNIT_SIDES = new Set(['th', 'tv', 'mf', 'sal']);
/** Words that start a new clause: events on either side are told apart ("ingen hjemme i går, men …"). */
const CLAUSE_STARTERS = new Set(['men', 'but', 'og', 'and', 'then', 'derefter', 'bagefter', 'so']);
const QUESTION_OPENERS = new Set([
  'hvad',
  'hvor',
  'hvordan',
  'hvorfor',
  'hvornaar',
  'hvem',
  'hvilken',
  'hvilke',
  'what',
  'where',
  'how',
  'why',
  'when',
  'who',
  'which',
]);

export class Analysis {
  readonly original: string;
  readonly tokens: readonly Token[];
  readonly words: readonly CanonicalWord[];
  /** Clause index of each word. */
  readonly clauseOf: readonly number[];
  /** Whether each word lies in a question ("hvad gør jeg når de ikke er hjemme?"). */
  readonly inQuestion: readonly boolean[];
  readonly clauseCount: number;
  /** Per token: claimed by some finding, so it is not part of the note. */
  readonly tokenUsed: boolean[];
  /** Per word: claimed by a finding every later layer must respect (households, dates). */
  private readonly globallyUsed: boolean[];
  /** The first content word (after greetings are skipped), for correction openers. */
  readonly firstWordIndex: number;

  constructor(text: string) {
    this.original = text;
    this.tokens = tokenize(text);
    const words: CanonicalWord[] = [];
    this.tokens.forEach((token, index) => {
      for (const text of this.wordsForToken(index, token)) words.push({ text, token: index });
    });
    this.words = words;
    this.tokenUsed = new Array<boolean>(this.tokens.length).fill(false);
    this.globallyUsed = new Array<boolean>(words.length).fill(false);

    const clauseOf: number[] = [];
    let clause = 0;
    words.forEach((word, i) => {
      if (word.text === '#') {
        if (i > 0 && words[i - 1]?.text !== '#') clause++;
      } else if (CLAUSE_STARTERS.has(word.text) && i > 0 && words[i - 1]?.text !== '#') {
        clause++;
      }
      clauseOf.push(clause);
    });
    this.clauseOf = clauseOf;
    this.clauseCount = clause + 1;
    this.inQuestion = this.markQuestions();
    this.firstWordIndex = words.findIndex((w) => w.text !== '#');
  }

  private distinctWords: readonly string[] | undefined;

  /** Whether any of `words` is one of the message's canonical words (used or not). */
  hasAnyWord(words: ReadonlySet<string>): boolean {
    // A message has a few words, a phrase's slot many alternatives: look the few up.
    this.distinctWords ??= [...new Set(this.words.flatMap((word) => word.text.split(' ')))];
    for (const word of this.distinctWords) if (words.has(word)) return true;
    return false;
  }

  /** Canonical words of one token (punctuation becomes `#` or nothing). */
  private wordsForToken(index: number, token: Token): readonly string[] {
    switch (token.kind) {
      case 'word':
        return canonicalWords(token.folded);
      case 'number': {
        const digits = /^\d+/.exec(token.text)?.[0] ?? token.text;
        return digits.length < token.text.length ? [digits, 'nth'] : [digits];
      }
      case 'time': {
        const [a = '', b = ''] = token.text.split(/[:.]/);
        const previous = this.tokens[index - 1];
        const afterClock =
          previous !== undefined && /^(kl|klokken|at|ved|omkring|around)$/.test(previous.folded);
        // "3.12" is a date more often than a time, "17.30" never is one.
        if (
          token.text.includes('.') &&
          !afterClock &&
          Number(b) >= 1 &&
          Number(b) <= 12 &&
          Number(a) >= 1
        ) {
          return [`${Number(a)}/${Number(b)}`];
        }
        return [`${Number(a)}:${b}`];
      }
      case 'slashDate':
        return [token.text];
      case 'emoji':
        return ['#'];
      case 'punct':
        return this.punctuation(index, token);
    }
  }

  private punctuation(index: number, token: Token): readonly string[] {
    const text = token.text;
    if (text === '+' || text === '&') return ['og'];
    if (text === '.') {
      const previous = this.tokens[index - 1];
      const next = this.tokens[index + 1];
      const attached = previous !== undefined && previous.end === token.start;
      if (attached && previous.kind === 'number') {
        // "3. december", "2. th", "d. 3." — an ordinal dot, unless a new sentence starts.
        if (next === undefined) return ['nth'];
        const nextIsOrdinalContext =
          next.kind === 'number' ||
          (next.kind === 'word' &&
            (!next.capitalised || MONTHS.has(next.folded) || UNIT_SIDES.has(next.folded)));
        return nextIsOrdinalContext ? ['nth'] : ['#'];
      }
      if (attached && previous.kind === 'word' && ABBREVIATIONS.has(previous.folded)) return [];
      return ['#'];
    }
    if (/^[,;:!?…()[\]"“”«»\n\-–—|]$/.test(text)) return ['#'];
    return [];
  }

  private markQuestions(): boolean[] {
    const flags = new Array<boolean>(this.words.length).fill(false);
    // Sentences end at . ! ? or a line break; a sentence opened by a question word is a question.
    let sentenceStart = 0;
    let clauseStart = 0;
    for (let i = 0; i <= this.words.length; i++) {
      const word = this.words[i];
      const token = word?.text === '#' ? this.tokens[word.token] : undefined;
      const endsSentence =
        word === undefined || (token !== undefined && /[.!?\n…]/.test(token.text));
      const endsClause = word === undefined || word.text === '#';
      if (endsClause) {
        const isQuestionMark = token?.text === '?';
        const opener = this.words[sentenceStart]?.text ?? '';
        if (isQuestionMark || QUESTION_OPENERS.has(opener)) {
          const from =
            isQuestionMark && !QUESTION_OPENERS.has(opener) ? clauseStart : sentenceStart;
          for (let j = from; j < i; j++) flags[j] = true;
        }
        clauseStart = i + 1;
        if (endsSentence) sentenceStart = i + 1;
      }
    }
    return flags;
  }

  /** Claim words for a finding every later layer must respect, and keep them out of the note. */
  claimGlobally(start: number, end: number): void {
    for (let i = start; i < end; i++) {
      this.globallyUsed[i] = true;
      this.markTokenUsed(i);
    }
  }

  /** Claim whole tokens (household mentions are found on tokens, not words). */
  claimTokens(fromToken: number, toToken: number): void {
    this.words.forEach((word, i) => {
      if (word.token >= fromToken && word.token < toToken) this.globallyUsed[i] = true;
    });
    for (let t = fromToken; t < toToken; t++) this.tokenUsed[t] = true;
  }

  markTokenUsed(wordIndex: number): void {
    const word = this.words[wordIndex];
    if (word && word.text !== '#') this.tokenUsed[word.token] = true;
  }

  isGloballyUsed(wordIndex: number): boolean {
    return this.globallyUsed[wordIndex] ?? false;
  }

  /** A fresh layer for one kind of finding (outcome, folder …). */
  layer(options: { skipQuestions: boolean }): Layer {
    return new Layer(this, options.skipQuestions);
  }

  /** The canonical words from `start` to `end` as one string (for debugging and tests). */
  text(start: number, end: number): string {
    return this.words
      .slice(start, end)
      .map((w) => w.text)
      .join(' ');
  }
}

/**
 * Words claimed within one layer block later phrases of the same layer ("ikke hjemme" keeps
 * "var hjemme" from matching) but not other layers: "ville ikke have mappen" is both a refusal
 * and a folder that was not left.
 */
export class Layer {
  private readonly used: boolean[];
  private masked = '';
  private offsets: number[] = [];
  private dirty = true;

  constructor(
    private readonly analysis: Analysis,
    skipQuestions: boolean,
  ) {
    this.used = analysis.words.map(
      (_, i) => analysis.isGloballyUsed(i) || (skipQuestions && (analysis.inQuestion[i] ?? false)),
    );
  }

  private rebuild(): void {
    const parts: string[] = [];
    const offsets: number[] = [];
    let offset = 0;
    this.analysis.words.forEach((word, i) => {
      const text = this.used[i] ? '~'.repeat(word.text.length) : word.text;
      offsets.push(offset);
      parts.push(text);
      offset += text.length + 1;
    });
    this.masked = parts.join(' ') + ' ';
    this.offsets = offsets;
    this.dirty = false;
  }

  private wordAt(charOffset: number): number {
    // Binary search: offsets are increasing.
    let low = 0;
    let high = this.offsets.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.offsets[mid] ?? 0) <= charOffset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** All non-overlapping matches of a phrase; each match is claimed in this layer. */
  /**
   * `claim: 'layer'` claims the words in this layer only and leaves them in the note.
   */
  find(phrase: CompiledPhrase, options: { claim?: 'all' | 'layer' } = {}): PhraseMatch[] {
    if (phrase.needs && !this.analysis.hasAnyWord(phrase.needs)) return [];
    if (this.dirty) this.rebuild();
    const matches: PhraseMatch[] = [];
    phrase.regex.lastIndex = 0;
    for (const m of this.masked.matchAll(phrase.regex)) {
      if (m[0].length === 0) continue;
      const start = this.wordAt(m.index);
      const end = this.wordAt(m.index + m[0].length - 1) + 1;
      matches.push({ start, end, clause: this.analysis.clauseOf[start] ?? 0 });
    }
    for (const match of matches) this.claim(match.start, match.end, options.claim !== 'layer');
    return matches;
  }

  /** Claim words in this layer and keep their tokens out of the note. */
  claim(start: number, end: number, outOfNote = true): void {
    for (let i = start; i < end; i++) {
      this.used[i] = true;
      if (outOfNote) this.analysis.markTokenUsed(i);
    }
    this.dirty = true;
  }

  /** Matches of a raw regular expression (with capture groups), claimed in this layer. */
  scan(regex: RegExp): (PhraseMatch & { groups: readonly (string | undefined)[] })[] {
    if (this.dirty) this.rebuild();
    const found: (PhraseMatch & { groups: readonly (string | undefined)[] })[] = [];
    regex.lastIndex = 0;
    for (const m of this.masked.matchAll(regex)) {
      if (m[0].length === 0) continue;
      const start = this.wordAt(m.index);
      const end = this.wordAt(m.index + m[0].length - 1) + 1;
      found.push({ start, end, clause: this.analysis.clauseOf[start] ?? 0, groups: m.slice(1) });
    }
    for (const match of found) this.claim(match.start, match.end);
    return found;
  }

  isUsed(wordIndex: number): boolean {
    return this.used[wordIndex] ?? true;
  }
}
