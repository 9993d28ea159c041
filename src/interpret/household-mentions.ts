/**
 * Where a message names households, and which of the ambassador's open households each place
 * can mean.
 *
 * The message is read against the ambassador's own list: a word counts as a name when it is a
 * name of someone on the list (every person of every household, first names and surnames, in
 * any case, spelling or genitive), or when it stands where names stand ("hos Jens", "Jens
 * Christensen", "familien Jensen") — then it may be a name nobody on the list has. Addresses are
 * read with `household-address.ts`.
 *
 * Neighbouring pieces ("Ove på 1. th", "Christensen, nr 10", "nr 12 2 tv") form one mention.
 * Each piece is evidence for some households and may rule others out:
 * - a name of the household: 1 (0.95 spelt another way, 0.85 one letter off, 0.8 two letters off
 *   in a long name); a name that is also an everyday word ("Else", "Per", "Bo") only 0.4 unless
 *   it stands where a name stands; a name cut short with a dot ("Ch.") 0.6;
 * - initials ("O.C.", "SH"): 0.8;
 * - the house number: 0.8, and a different number rules the household out;
 * - the unit: 0.85 with floor and side, 0.8 floor alone ("kælderen", "3. sal"), 0.5 side alone;
 *   a different floor or side rules it out;
 * - the street alone: 0.8; another street rules it out;
 * - a full name whose other part matches nobody in the household rules it out: "Jens
 *   Christensen" is not "Peter Kristensen", however close the surnames.
 * A mention's score for a household combines its pieces (1 − Π(1 − score)).
 */
import {
  compareNumbers,
  compareUnits,
  parseStoredAddress,
  readAddressParts,
  tokensOf,
  type AddressPart,
  type StoredAddress,
} from './household-address.js';
import {
  compareName,
  namePartsOf,
  nameKey,
  typedName,
  type NamePart,
  type TypedName,
} from './household-names.js';
import { MAX_ANALYSED_CHARS, type Token } from './normalize.js';
import type { HouseholdCandidate } from './types.js';
import { isKnownOrTypo, isKnownWord } from './vocabulary.js';

/** A mention decides a household when its score reaches this… */
export const DECIDING_SCORE = 0.8;
/** …and no other household comes strictly closer than this to it. */
export const CLOSE_CALL_MARGIN = 0.1;

const WEAK_NAME = 0.4;
const ABBREVIATED_NAME = 0.6;
const INITIALS = 0.8;
const HOUSE_NUMBER = 0.8;
const UNIT_COMPLETE = 0.85;
const UNIT_FLOOR = 0.8;
const UNIT_SIDE = 0.5;
const STREET_ONLY = 0.8;

/** Words after which the next word is a name ("hos Jens", "familien Hansen", "met lars"). */
const NAME_CUES = new Set([
  'hos',
  'familien',
  'familie',
  'fam',
  'family',
  'mr',
  'mrs',
  'ms',
  'miss',
  'hr',
  'fru',
  'frk',
  'moedte',
  'modte',
  'mødte',
  'traf',
  'met',
  'meet',
  'saw',
  'saa',
  'ved',
  'with',
  'med',
  'to',
  'til',
  'fra',
  'the',
  'hilste',
  'snakkede',
  'talte',
  'talked',
  'spoke',
]);
/** Words that introduce a name but are not part of it. */
const NAME_FRAME = new Set([
  'hos',
  'familien',
  'familie',
  'fam',
  'family',
  'mr',
  'mrs',
  'ms',
  'miss',
  'hr',
  'fru',
  'frk',
  'the',
]);
/** Verbs that follow a person as subject ("Jens var ikke hjemme", "Lars sagde nej"). */
const NAME_FOLLOWERS = new Set([
  'var',
  'er',
  'har',
  'havde',
  'ikke',
  'ik',
  'takkede',
  'sagde',
  'bor',
  'boede',
  'vil',
  'ville',
  'kunne',
  'aabnede',
  'abnede',
  'lukkede',
  'flyttet',
  'flyttede',
  'was',
  'were',
  'is',
  'are',
  'not',
  'said',
  'has',
  'had',
  'opened',
  'declined',
  'moved',
  'lives',
  'wants',
]);
/** Capitals that are abbreviations, not initials. */
const NOT_INITIALS = new Set(
  'ok tv th st mf nr dk en er ps og it us uk eu no sms tlf am pm hi obs mvh fyi btw lol omg kl ca nb aab ab fsb kab sos id cpr vvs dr tv2 mit'
    .split(' ')
    .filter(Boolean),
);
const JOINERS = new Set([
  'og',
  'and',
  '&',
  '+',
  'samt',
  'eller',
  'or',
  'plus',
  'hverken',
  'nor',
  'both',
  'begge',
]);
/** Words quoted with the mention they introduce ("nr 12", "familien Jensen"). */
const QUOTED_WITH = new Set(['nr', 'nummer', 'no', 'familien', 'fam', 'family', 'husnummer']);
/** Words that may stand between two pieces of one mention ("Ove på 1. th", "nr 12 i opgang 4"). */
const LINK_WORDS = new Set([
  'paa',
  'pa',
  'i',
  'in',
  'at',
  'on',
  'nr',
  'nummer',
  'no',
  'fra',
  'from',
  'ved',
  'hos',
]);

interface Prepared {
  readonly candidate: HouseholdCandidate;
  readonly parts: NamePart[];
  readonly address: StoredAddress;
}

type PieceKind = 'name' | 'initials' | 'street' | 'number' | 'unit';

/** One piece of evidence in the message and what it says about each household. */
interface Piece {
  kind: PieceKind;
  from: number;
  to: number;
  scores: Map<string, number>;
  ruledOut: Set<string>;
  /** A word where a name stands that matches nobody on the list. */
  unknownName?: boolean;
  /** Strength of a name slot: 'strong' when a person reading would take it for a name. */
  nameSlot?: 'strong' | 'weak';
  sure?: boolean;
}

export type MentionVerdict = 'one' | 'close_call' | 'not_on_list' | 'no_evidence';

/** A place in the message that names a household, and what it decides. */
export interface HouseholdMention {
  /** Offsets into the message. */
  readonly start: number;
  readonly end: number;
  /** As written ("Ove på 1. th", "Jens Christensen"). */
  readonly text: string;
  readonly verdict: MentionVerdict;
  /** 'one': the household; 'close_call': the households that fit about equally. */
  readonly ids: readonly string[];
  /** Score per household not ruled out. */
  readonly scores: ReadonlyMap<string, number>;
  readonly ruledOut: ReadonlySet<string>;
}

export function prepareCandidates(candidates: readonly HouseholdCandidate[]): Prepared[] {
  return candidates.map((candidate) => ({
    candidate,
    parts: namePartsOf(candidate.names),
    address: parseStoredAddress(candidate.address, candidate.unit),
  }));
}

function isWordToken(token: Token | undefined): token is Token & { kind: 'word' } {
  return token?.kind === 'word';
}

function isSentenceStart(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1];
  if (previous === undefined) return true;
  if (previous.kind === 'emoji') return true;
  return previous.kind === 'punct' && /^[.!?\n:…-]$/.test(previous.text.trim() || previous.text);
}

function noisyOr(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}

// ── Pieces ───────────────────────────────────────────────────────────────────────────────────

function addressPieces(parts: readonly AddressPart[], prepared: readonly Prepared[]): Piece[] {
  return parts.map((part) => {
    const piece: Piece = {
      kind: part.kind,
      from: part.from,
      to: part.to,
      scores: new Map(),
      ruledOut: new Set(),
      sure: true,
    };
    for (const { candidate, address } of prepared) {
      if (part.kind === 'street') {
        const same = address.street.includes(part.key);
        if (same) piece.scores.set(candidate.id, STREET_ONLY);
        else if (address.street.length > 0) piece.ruledOut.add(candidate.id);
      } else if (part.kind === 'number') {
        const fit = compareNumbers(part.value, address);
        if (fit === 'same') piece.scores.set(candidate.id, HOUSE_NUMBER);
        else if (fit === 'differs' && part.cue !== 'none') piece.ruledOut.add(candidate.id);
      } else {
        const fit = compareUnits(part.unit, address.unit);
        if (fit === 'differs') piece.ruledOut.add(candidate.id);
        else if (fit === 'same') {
          const unit = part.unit;
          const score =
            unit.door !== null || (unit.floor !== null && unit.side !== null)
              ? UNIT_COMPLETE
              : unit.floor !== null
                ? UNIT_FLOOR
                : UNIT_SIDE;
          piece.scores.set(candidate.id, score);
        }
      }
    }
    // Only a number a person would surely read as a house number ("nr 12", "Gudrunsvej 12",
    // "12 2tv") can be "not on your list".
    if (part.kind === 'number' && part.cue !== 'strong') piece.sure = false;
    return piece;
  });
}

/** Whether a word stands where a name stands, judged without the list. */
function nameSlot(tokens: readonly Token[], i: number): 'strong' | 'weak' | null {
  const token = tokens[i];
  if (!isWordToken(token) || token.allCaps || token.text.length < 2) return null;
  const folded = token.folded;
  const known = isKnownWord(folded);
  const previous = tokens[i - 1];
  const afterCue =
    isWordToken(previous) && NAME_CUES.has(previous.folded) && previous.end + 1 >= token.start;
  const next = tokens[i + 1];
  if (token.capitalised) {
    if (known) return null;
    if (!isSentenceStart(tokens, i)) return 'strong';
    if (isKnownOrTypo(folded)) return null;
    const nextIsName = isWordToken(next) && next.capitalised && !isKnownWord(next.folded);
    const nextIsVerb = isWordToken(next) && NAME_FOLLOWERS.has(next.folded);
    const nextIsMark = next !== undefined && /^[:,\-–]$/.test(next.text);
    if (nextIsName || nextIsVerb || nextIsMark || /(?:sen|son)s?$/.test(folded)) return 'strong';
    return 'weak';
  }
  if (known || isKnownOrTypo(folded)) return null;
  if (afterCue && !['med', 'to', 'til', 'fra', 'with', 'saa'].includes(previous.folded))
    return 'strong';
  if (folded.length >= 5 && /(?:sen|son|ssen)s?$/.test(folded)) return 'strong';
  // "omar åbnede", "lars sagde nej": a subject before its verb.
  if (isSentenceStart(tokens, i) && isWordToken(next) && NAME_FOLLOWERS.has(next.folded))
    return 'strong';
  return 'weak';
}

function namePieces(
  tokens: readonly Token[],
  used: readonly boolean[],
  prepared: readonly Prepared[],
): Piece[] {
  const pieces: Piece[] = [];
  tokens.forEach((token, i) => {
    if (used[i] || !isWordToken(token) || token.text.length < 2) return;
    if (NAME_FRAME.has(token.folded) || JOINERS.has(token.folded)) return;
    const folded = token.folded;
    const known = isKnownWord(folded);
    const slot = nameSlot(tokens, i);
    const previous = tokens[i - 1];
    const afterCue =
      isWordToken(previous) && NAME_CUES.has(previous.folded) && previous.end + 1 >= token.start;
    const piece: Piece = {
      kind: 'name',
      from: i,
      to: i + 1,
      scores: new Map(),
      ruledOut: new Set(),
      ...(slot ? { nameSlot: slot } : {}),
    };
    const abbreviation = nameKey(token.text);
    const abbreviated =
      abbreviation.length >= 2 && abbreviation.length <= 4 && tokens[i + 1]?.text === '.';
    // "Holm-Berg": each half must be a name of the household.
    const whole = typedName(token.text);
    const halves = token.text
      .split(/[-‐]/)
      .filter((half) => half.length >= 2)
      .map((half) => typedName(half));
    for (const { candidate, parts } of prepared) {
      const bestOf = (typed: TypedName): number => {
        let best = 0;
        for (const part of parts) best = Math.max(best, compareName(typed, part, !known));
        return best;
      };
      let best = bestOf(whole);
      if (halves.length > 1) best = Math.max(best, Math.min(...halves.map(bestOf)));
      // "Ove Ch.": a name cut short with a dot supports the name it begins.
      if (best === 0 && abbreviated && parts.some((part) => part.key.startsWith(abbreviation)))
        best = ABBREVIATED_NAME;
      if (best === 0) continue;
      // An everyday word that is also a name ("Else", "Per") counts fully only where a name
      // stands: capitalised inside a sentence, after "hos"/"mødte", or as the subject of a verb.
      const next = tokens[i + 1];
      const subject =
        isSentenceStart(tokens, i) && isWordToken(next) && NAME_FOLLOWERS.has(next.folded);
      const plainWord =
        known && !(token.capitalised && !isSentenceStart(tokens, i)) && !afterCue && !subject;
      piece.scores.set(candidate.id, plainWord ? Math.min(best, WEAK_NAME) : best);
    }
    if (piece.scores.size > 0 || slot !== null) {
      piece.unknownName = piece.scores.size === 0;
      pieces.push(piece);
    }
  });
  return pieces;
}

/** "O.C.", "O. C.", "SH": the first letters of a person's first name and surname. */
function initialsPieces(
  tokens: readonly Token[],
  used: boolean[],
  prepared: readonly Prepared[],
): Piece[] {
  const pieces: Piece[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const token = tokens[i];
    let letters = '';
    let end = i;
    if (isWordToken(token) && token.text.length === 1 && /\p{Lu}/u.test(token.text)) {
      let j = i;
      while (
        isWordToken(tokens[j]) &&
        tokens[j]?.text.length === 1 &&
        tokens[j + 1]?.text === '.' &&
        !used[j]
      ) {
        letters += tokens[j]?.folded ?? '';
        j += 2;
      }
      end = j;
    } else if (
      isWordToken(token) &&
      token.allCaps &&
      (token.text.length === 2 || token.text.length === 3) &&
      !NOT_INITIALS.has(token.folded) &&
      !isKnownWord(token.folded) &&
      // "OVE IKKE HJEMME": a name written in capitals is the name, not initials.
      !prepared.some(({ parts }) => parts.some((part) => compareName(token.text, part, false) > 0))
    ) {
      letters = token.folded;
      end = i + 1;
    }
    if (letters.length === 0 && isCapitalLetter(token)) {
      // "O&E", "S og M": the first letters of two people of one household.
      const firsts = firstLettersJoined(tokens, i);
      if (firsts.letters.length >= 2) {
        const piece: Piece = {
          kind: 'initials',
          from: i,
          to: firsts.end,
          scores: new Map(),
          ruledOut: new Set(),
        };
        for (const { candidate } of prepared) {
          const people = candidate.names.map((name) => nameKey(name).charAt(0));
          const everyone = firsts.letters.every((letter) => people.includes(letter));
          if (everyone && new Set(firsts.letters).size === firsts.letters.length)
            piece.scores.set(candidate.id, INITIALS);
        }
        for (let k = i; k < firsts.end; k++) used[k] = true;
        pieces.push(piece);
        i = firsts.end - 1;
        continue;
      }
    }
    if (letters.length < 2 || letters.length > 3) continue;
    const piece: Piece = {
      kind: 'initials',
      from: i,
      to: end,
      scores: new Map(),
      ruledOut: new Set(),
    };
    for (const { candidate } of prepared) {
      const matches = candidate.names.some((name) => {
        const words = name.split(/[\s-]+/).filter(Boolean);
        const firstLetters = words.map((w) => nameKey(w).charAt(0));
        return (
          firstLetters[0] === letters.charAt(0) &&
          firstLetters[firstLetters.length - 1] === letters.charAt(letters.length - 1)
        );
      });
      if (matches) piece.scores.set(candidate.id, INITIALS);
    }
    for (let k = i; k < end; k++) used[k] = true;
    pieces.push(piece);
    i = end - 1;
  }
  return pieces;
}

function isCapitalLetter(token: Token | undefined): boolean {
  return isWordToken(token) && token.text.length === 1 && /\p{Lu}/u.test(token.text);
}

/** Single capitals joined by "&", "+", "/", "og" or "and", starting at i. */
function firstLettersJoined(
  tokens: readonly Token[],
  i: number,
): { letters: string[]; end: number } {
  const letters: string[] = [];
  let j = i;
  while (isCapitalLetter(tokens[j])) {
    letters.push(tokens[j]?.folded ?? '');
    const joiner = tokens[j + 1];
    const joined =
      joiner !== undefined &&
      (/^[&+/]$/.test(joiner.text) || joiner.folded === 'og' || joiner.folded === 'and');
    if (!joined || !isCapitalLetter(tokens[j + 2])) {
      j += 1;
      break;
    }
    j += 2;
  }
  return { letters, end: j };
}

// ── Mentions ─────────────────────────────────────────────────────────────────────────────────

function consistent(a: Piece, b: Piece): boolean {
  for (const id of a.scores.keys()) if (b.scores.has(id)) return true;
  return false;
}

/** Whether piece b continues the mention that ends with piece a. */
function belongsTogether(tokens: readonly Token[], a: Piece, b: Piece): boolean {
  const gap = tokens.slice(a.to, b.from);
  if (gap.length > 3) return false;
  let soft = false;
  for (const token of gap) {
    const text = token.text.trim() || token.text;
    if (token.kind === 'word' && JOINERS.has(token.folded)) return false;
    if (token.kind === 'punct' && /^[&+]$/.test(text)) return false;
    if (token.kind === 'word' && LINK_WORDS.has(token.folded)) continue;
    if (token.kind === 'punct' && /^[.]$/.test(text)) continue;
    if (token.kind === 'punct' && /^[,(\-–/]$/.test(text)) {
      soft = true;
      continue;
    }
    if (token.kind === 'punct' && text === ')') continue;
    return false;
  }
  // An address goes on across a comma ("Lærkevej 3, 3. th"), even to a unit nobody has.
  const addressGoesOn = (a.kind === 'street' || a.kind === 'number') && b.kind === 'unit';
  // Two names in a row without a comma are one person ("Jens Christensen"); across a comma or a
  // bracket, other pieces join only when they fit the same household ("Christensen, 1. th").
  if (soft && !addressGoesOn) return consistent(a, b);
  if (a.kind === 'name' && b.kind === 'name' && gap.length > 0) return consistent(a, b);
  return true;
}

/**
 * A run of names written together ("Jens Christensen") is one person: a household that has the
 * surname but not the first name is ruled out.
 */
function applyFullNameRule(
  tokens: readonly Token[],
  pieces: readonly Piece[],
  prepared: readonly Prepared[],
  ruledOut: Set<string>,
): void {
  for (let k = 0; k + 1 < pieces.length; k++) {
    const a = pieces[k];
    const b = pieces[k + 1];
    if (a === undefined || b === undefined || a.kind !== 'name' || b.kind !== 'name') continue;
    if (b.from !== a.to) continue;
    const ta = tokens[a.from];
    const tb = tokens[b.from];
    if (ta === undefined || tb === undefined) continue;
    // Only words written as names count against a household: "gamle Christensen" is no first
    // name, "jens christensen" is (both written alike).
    const nameLike = (piece: Piece): boolean =>
      piece.scores.size > 0 ||
      piece.nameSlot === 'strong' ||
      (piece.nameSlot === 'weak' && ta.capitalised === tb.capitalised);
    if (!nameLike(a) || !nameLike(b)) continue;
    for (const id of new Set([...a.scores.keys(), ...b.scores.keys()])) {
      if (!a.scores.has(id) || !b.scores.has(id)) ruledOut.add(id);
    }
  }
  // "E. Christensen": the initial must be a first letter of someone in the household.
  for (const piece of pieces) {
    if (piece.kind !== 'name') continue;
    const dot = tokens[piece.from - 1];
    const letter = tokens[piece.from - 2];
    if (
      dot?.text !== '.' ||
      !isWordToken(letter) ||
      letter.text.length !== 1 ||
      !/\p{Lu}/u.test(letter.text)
    )
      continue;
    const before = tokens[piece.from - 3];
    if (before?.text === '.') continue;
    for (const id of piece.scores.keys()) {
      const household = prepared.find((p) => p.candidate.id === id);
      const initialFits = household?.candidate.names.some(
        (name) => nameKey(name).charAt(0) === letter.folded,
      );
      if (!initialFits) ruledOut.add(id);
    }
  }
}

function combine(
  tokens: readonly Token[],
  text: string,
  group: readonly Piece[],
  prepared: readonly Prepared[],
): HouseholdMention {
  const ruledOut = new Set<string>();
  const scores = new Map<string, number>();
  for (const piece of group) {
    for (const id of piece.ruledOut) ruledOut.add(id);
    for (const [id, score] of piece.scores) scores.set(id, noisyOr(scores.get(id) ?? 0, score));
  }
  applyFullNameRule(tokens, group, prepared, ruledOut);
  for (const id of ruledOut) scores.delete(id);

  const first = group[0];
  const last = group[group.length - 1];
  // The mention as a person would quote it: with its "nr", "familien" or initial.
  let from = first?.from ?? 0;
  const before = tokens[from - 1];
  if (isWordToken(before) && QUOTED_WITH.has(before.folded)) from--;
  else if (
    before?.text === '.' &&
    isWordToken(tokens[from - 2]) &&
    tokens[from - 2]?.text.length === 1
  )
    from -= 2;
  const start = tokens[from]?.start ?? 0;
  const end = tokens[(last?.to ?? 1) - 1]?.end ?? start;
  const written = text.slice(start, end);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best] = ranked;

  let verdict: MentionVerdict = 'no_evidence';
  let ids: string[] = [];
  if (best !== undefined && best[1] >= DECIDING_SCORE) {
    // Strictly closer than the margin (rounded, so 0.95 against 0.85 is not a close call).
    const close = (score: number): boolean =>
      Math.round((best[1] - score) * 1000) < Math.round(CLOSE_CALL_MARGIN * 1000);
    ids = ranked.filter(([, score]) => close(score)).map(([id]) => id);
    // A piece that points firmly elsewhere makes the mention contradict itself ("Ove på 3. tv").
    for (const piece of group) {
      const pointed = [...piece.scores.entries()].filter(([, s]) => s >= DECIDING_SCORE);
      if (pointed.length === 0 || pointed.some(([id]) => id === best[0])) continue;
      for (const [id] of pointed) if (!ids.includes(id)) ids.push(id);
    }
    verdict = ids.length === 1 ? 'one' : 'close_call';
  } else {
    // An address a person would read for sure ("nr 12", "Lærkevej 3, 3. th") that fits nobody.
    const sureAddress =
      scores.size === 0 &&
      group.some(
        (piece) =>
          piece.kind !== 'name' &&
          piece.kind !== 'initials' &&
          piece.sure === true &&
          piece.ruledOut.size > 0,
      );
    const namedSomeone = group.some(
      (piece) =>
        piece.kind === 'name' &&
        piece.nameSlot === 'strong' &&
        (piece.unknownName || ruledOut.size > 0),
    );
    if (sureAddress || namedSomeone) verdict = 'not_on_list';
  }
  return { start, end, text: written, verdict, ids, scores, ruledOut };
}

/**
 * The household mentions in a message, in order. Mentions that say nothing about any household
 * (a weak name-like word, a count) are left out.
 */
export function findHouseholdMentions(
  message: string,
  candidates: readonly HouseholdCandidate[],
): HouseholdMention[] {
  if (typeof message !== 'string' || message.trim() === '') return [];
  const text = message.slice(0, MAX_ANALYSED_CHARS);
  const prepared = prepareCandidates(candidates);
  const tokens = tokensOf(text);
  const streets = [...new Set(prepared.flatMap((p) => p.address.street))];
  const houseNumbers = new Set(
    prepared.flatMap((p) => (p.address.number ? [p.address.number.replace(/[a-h]$/, '')] : [])),
  );
  const floors = new Set(
    prepared.flatMap((p) => (p.address.unit?.floor ? [p.address.unit.floor] : [])),
  );
  const addressParts = readAddressParts(tokens, { streets, houseNumbers, floors });
  const used = new Array<boolean>(tokens.length).fill(false);
  for (const part of addressParts) for (let i = part.from; i < part.to; i++) used[i] = true;

  const pieces = [
    ...addressPieces(addressParts, prepared),
    ...initialsPieces(tokens, used, prepared),
    ...namePieces(tokens, used, prepared),
  ].sort((a, b) => a.from - b.from);

  const groups: Piece[][] = [];
  for (const piece of pieces) {
    const current = groups[groups.length - 1];
    const last = current?.[current.length - 1];
    if (current && last && belongsTogether(tokens, last, piece)) current.push(piece);
    else groups.push([piece]);
  }
  return groups
    .map((group) => combine(tokens, text, group, prepared))
    .filter((mention) => mention.verdict !== 'no_evidence' || mention.scores.size > 0);
}
