/**
 * Addresses as households are stored and as ambassadors write them.
 *
 * A Danish flat is a street, a house number and a unit: floor ("st." = ground floor, "kld." =
 * basement, "1.", "2. sal") and side ("th." right, "tv." left, "mf." middle), or a flat number
 * ("lejl. 12"). Ambassadors write the parts in any order and spelling: "nr 12 2 tv", "12 2tv",
 * "stuen th på 8", "st.th.", "3. sal tv", "Lærkevej 3 1tv", "kælderen", "første sal til venstre",
 * "2nd floor left". This module reads both sides into the same shape so they can be compared.
 */
import { editDistance } from './fuzzy.js';
import { MONTHS } from './lexicon.js';
import { foldDiacritics, looseKey, tokenize, type Token } from './normalize.js';

export type Side = 'th' | 'tv' | 'mf';

/** A flat within a house: any part may be unknown. */
export interface Unit {
  /** 'st' (ground floor), 'kld' (basement) or the floor number as digits. */
  floor: string | null;
  side: Side | null;
  /** A flat number or letter ("lejl. 12"). */
  door: string | null;
}

/** A household's address in comparable form. */
export interface StoredAddress {
  /** Distinctive words of the street name, folded ("gudrunsvej"; "andersens" in "H.C. Andersens Vej"). */
  street: string[];
  /** House number with its letter, lower case ("10", "14b"); null when the address has none. */
  number: string | null;
  unit: Unit | null;
}

/** Words that end street names; alone they name no street. */
export const STREET_SUFFIXES = [
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
  'street',
  'road',
  'lane',
  'avenue',
  'close',
];
const GENERIC_STREET_WORDS = new Set([
  'vej',
  'gade',
  'alle',
  'allee',
  'plads',
  'vaenge',
  'street',
  'road',
  'lane',
  'avenue',
  'st',
  'rd',
]);

const SIDES: ReadonlyMap<string, Side> = new Map([
  ['th', 'th'],
  ['tv', 'tv'],
  ['mf', 'mf'],
  ['hoejre', 'th'],
  ['hojre', 'th'],
  ['venstre', 'tv'],
  ['right', 'th'],
  ['left', 'tv'],
  ['midt', 'mf'],
  ['midten', 'mf'],
]);
/** Side words that are only a side right after a floor ("2. sal til venstre", "2nd floor left"). */
const SIDE_WORDS_AFTER_FLOOR_ONLY = new Set([
  'hoejre',
  'hojre',
  'venstre',
  'right',
  'left',
  'midt',
  'midten',
]);
const GROUND_FLOOR = new Set([
  'st',
  'stuen',
  'stue',
  'stueetagen',
  'stueetage',
  'ground',
  'groundfloor',
]);
const BASEMENT = new Set([
  'kld',
  'kaelder',
  'kaelderen',
  'kaeld',
  'kaelderlejlighed',
  'kaelderlejligheden',
  'basement',
]);
const FLOOR_WORDS = new Set(['sal', 'salen', 'etage', 'etagen', 'floor', 'sals']);
const ORDINAL_FLOORS: ReadonlyMap<string, string> = new Map([
  ['foerste', '1'],
  ['forste', '1'],
  ['anden', '2'],
  ['andet', '2'],
  ['tredje', '3'],
  ['fjerde', '4'],
  ['femte', '5'],
  ['sjette', '6'],
  ['syvende', '7'],
  ['first', '1'],
  ['second', '2'],
  ['third', '3'],
  ['fourth', '4'],
  ['fifth', '5'],
  ['sixth', '6'],
]);
const DOOR_WORDS = new Set([
  'lejlighed',
  'lejl',
  'lejligheden',
  'apt',
  'apartment',
  'flat',
  'doer',
  'door',
  'unit',
]);
const NUMBER_WORDS_STRONG = new Set(['nr', 'nummer', 'no', 'number', 'husnummer', 'num']);
const NUMBER_WORDS_WEAK = new Set([
  'paa',
  'pa',
  'i',
  'in',
  'at',
  'hos',
  'ved',
  'til',
  'fra',
  'from',
  'on',
  'opgang',
  'blok',
]);
/** After a number these make it a count or a length, not a house ("14 dage", "2 børn"). */
const MEASURES = new Set(
  `dag dage dagen days day uge uger ugen weeks week time timer timen hours hour min minut minutter
   minutes mins sek sekunder seconds gang gange times aar years year maaned maaneder mdr months month
   boern born barn kids kid children kr kroner stk styk personer person people mennesker voksne
   katte kat hunde hund cats dogs pm am procent pct gaester sal etage forsoeg forsog tries attempts`
    .split(/\s+/)
    .filter(Boolean),
);
/** Before a number these make it a time, a date or a count ("kl 14", "d. 10", "om 14 dage"). */
const NOT_HOUSE_BEFORE = new Set([
  'kl',
  'klokken',
  'd',
  'den',
  'om',
  'ca',
  'cirka',
  'omkring',
  'around',
  'max',
  'maks',
  'hver',
  'every',
  'x',
]);

/** A piece of an address found in a message, with the tokens it spans. */
export type AddressPart =
  | { kind: 'street'; key: string; known: boolean; from: number; to: number }
  | { kind: 'number'; value: string; cue: 'strong' | 'weak' | 'none'; from: number; to: number }
  | { kind: 'unit'; unit: Unit; complete: boolean; from: number; to: number };

// ── Stored addresses ──────────────────────────────────────────────────────────────────────────

/** Reads a unit as stored ("1. th", "st. tv", "st.tv", "kld.", "3. sal", "lejl. 12", "12"). */
export function parseStoredUnit(text: string | null | undefined): Unit | null {
  if (!text || text.trim() === '') return null;
  const parts = readAddressParts(tokensOf(text), { streets: [], allowBareSide: true });
  const unit = parts.find((part) => part.kind === 'unit');
  if (unit?.kind === 'unit') return unit.unit;
  const number = parts.find((part) => part.kind === 'number');
  if (number?.kind === 'number') return { floor: null, side: null, door: number.value };
  return null;
}

/** Reads a stored address ("Gudrunsvej 10", "H.C. Andersens Vej 3", "Birkevej 14B, 2. tv"). */
export function parseStoredAddress(address: string, unit?: string | null): StoredAddress {
  const folded = foldDiacritics(address);
  const match = /^([^\d]*?)\s*(\d{1,4})\s*([a-h])?\b(.*)$/.exec(folded);
  const streetText = match ? (match[1] ?? '') : folded;
  const street = streetText
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 3 && !GENERIC_STREET_WORDS.has(word))
    .map((word) => looseKey(word));
  const number = match ? `${match[2] ?? ''}${match[3] ?? ''}` : null;
  const storedUnit = parseStoredUnit(unit) ?? (match ? parseStoredUnit(match[4]) : null);
  return { street, number, unit: storedUnit };
}

// ── Reading a message ─────────────────────────────────────────────────────────────────────────

/**
 * Tokens for address reading: "1th" (a Danish floor and side written together) is split into
 * "1" and "th", which the general tokenizer reads as the English ordinal.
 */
export function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const token of tokenize(text)) {
    const next = text.slice(token.end).trimStart().toLowerCase();
    const glued =
      token.kind === 'number' && !next.startsWith('floor') ? /^(\d+)(th)$/i.exec(token.text) : null;
    if (glued) {
      const digits = glued[1] ?? '';
      tokens.push({ ...token, text: digits, folded: digits, end: token.start + digits.length });
      tokens.push({
        ...token,
        kind: 'word',
        text: glued[2] ?? 'th',
        folded: 'th',
        start: token.start + digits.length,
        capitalised: false,
        allCaps: false,
      });
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

export interface ReadOptions {
  /** Street words of the ambassador's households, so "gudrunsv" and "Gudrunsvej" are read. */
  streets: readonly string[];
  /** A lone "th"/"tv" counts as a unit (stored units, not messages). */
  allowBareSide?: boolean;
  /**
   * House numbers and floors of the ambassador's households: "10 tv" is house 10, left, when
   * someone lives at no. 10 and nobody on a 10th floor.
   */
  houseNumbers?: ReadonlySet<string>;
  floors?: ReadonlySet<string>;
}

function word(token: Token | undefined): string | null {
  return token?.kind === 'word' ? token.folded : null;
}

function isDot(token: Token | undefined): boolean {
  return token?.kind === 'punct' && token.text === '.';
}

function digitsOf(token: Token | undefined): string | null {
  if (token?.kind !== 'number') return null;
  const match = /^(\d{1,4})(st|nd|rd|th)?$/i.exec(token.text);
  return match ? (match[1] ?? null) : null;
}

/** Whether the token names a street of the ambassador's households (or looks like any street). */
function streetAt(
  token: Token | undefined,
  streets: readonly string[],
): { key: string; known: boolean } | null {
  if (token?.kind !== 'word' || token.folded.length < 4) return null;
  const key = looseKey(token.folded.replace(/['’]/g, ''));
  for (const street of streets) {
    if (key === street) return { key: street, known: true };
    // "gudrunsv." and "Gudrunsvj": an abbreviation or one slip in a long street name.
    if (key.length >= 5 && street.startsWith(key) && street.length - key.length <= 3)
      return { key: street, known: true };
    if (
      street.length >= 6 &&
      key.charAt(0) === street.charAt(0) &&
      editDistance(key, street, 1) <= 1
    )
      return { key: street, known: true };
  }
  const isSuffixed = STREET_SUFFIXES.some(
    (suffix) => token.folded.endsWith(suffix) && token.folded.length > suffix.length + 2,
  );
  return isSuffixed ? { key, known: false } : null;
}

/** The side written at i ("th", "t.h.", "til højre"); returns the side and the next index. */
function sideAt(
  tokens: readonly Token[],
  i: number,
  afterFloor: boolean,
): { side: Side; next: number } | null {
  let j = i;
  if (word(tokens[j]) === 'til' && afterFloor) j++;
  const w = word(tokens[j]);
  if (w === null) return null;
  // "t.h." / "t. v."
  if (w === 't' && isDot(tokens[j + 1])) {
    const letter = word(tokens[j + 2]);
    if (letter === 'h' || letter === 'v') {
      let next = j + 3;
      if (isDot(tokens[next])) next++;
      return { side: letter === 'h' ? 'th' : 'tv', next };
    }
    return null;
  }
  const side = SIDES.get(w);
  if (!side) return null;
  if (SIDE_WORDS_AFTER_FLOOR_ONLY.has(w) && !afterFloor) return null;
  let next = j + 1;
  if (isDot(tokens[next])) next++;
  return { side, next };
}

/** A unit starting at token i; null when there is none. */
function unitAt(
  tokens: readonly Token[],
  i: number,
  options: ReadOptions,
): { unit: Unit; complete: boolean; next: number } | null {
  const token = tokens[i];
  const w = word(token);
  let floor: string | null = null;
  let j = i + 1;
  let floorSure = false;

  if (w !== null && GROUND_FLOOR.has(w)) {
    floor = 'st';
    floorSure = w !== 'st' || isDot(tokens[j]);
    if (w === 'ground' && FLOOR_WORDS.has(word(tokens[j]) ?? '')) j++;
  } else if (w !== null && BASEMENT.has(w)) {
    floor = 'kld';
    floorSure = true;
  } else if (w !== null && ORDINAL_FLOORS.has(w)) {
    if (!FLOOR_WORDS.has(word(tokens[j]) ?? '')) return null;
    floor = ORDINAL_FLOORS.get(w) ?? null;
    floorSure = true;
    j++;
  } else if (w !== null && DOOR_WORDS.has(w)) {
    if (isDot(tokens[j])) j++;
    // "dør 3 tv", "lejlighed 2. th": the word only introduces a floor and side.
    const flat = unitAt(tokens, j, options);
    if (flat && flat.unit.floor !== null) return flat;
    const door = digitsOf(tokens[j]);
    if (door === null) return null;
    j++;
    return { unit: { floor: null, side: null, door }, complete: true, next: j };
  } else if (token?.kind === 'number') {
    const digits = digitsOf(token);
    if (digits === null || Number(digits) > 40) return null;
    const ordinal = /(st|nd|rd|th)$/i.exec(token.text)?.[1]?.toLowerCase();
    if (ordinal && ordinal !== 'th') {
      if (!FLOOR_WORDS.has(word(tokens[j]) ?? '')) return null;
      floor = digits;
      floorSure = true;
      j++;
    } else {
      floor = digits;
    }
  } else if (options.allowBareSide) {
    const side = sideAt(tokens, i, false);
    if (side)
      return {
        unit: { floor: null, side: side.side, door: null },
        complete: false,
        next: side.next,
      };
    return null;
  } else {
    return null;
  }

  if (isDot(tokens[j])) j++;
  if (FLOOR_WORDS.has(word(tokens[j]) ?? '')) {
    floorSure = true;
    j++;
    if (isDot(tokens[j])) j++;
  }
  const side = sideAt(tokens, j, floorSure || floor !== null);
  if (side)
    return { unit: { floor, side: side.side, door: null }, complete: true, next: side.next };
  if (!floorSure) return null;
  return { unit: { floor, side: null, door: null }, complete: false, next: j };
}

/**
 * Address parts in a message, in order. A number is a house number only where a person would
 * read it so: after a street or "nr", before a unit ("12 2tv"), after "på"/"i" ("stuen th på 8"),
 * or opening a clause ("14: ingen hjemme"); "kl 14", "d. 10", "om 14 dage" and "2 børn" are not.
 */
export function readAddressParts(tokens: readonly Token[], options: ReadOptions): AddressPart[] {
  const parts: AddressPart[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    const street = streetAt(token, options.streets);
    if (street && (street.known || tokens[i + 1]?.kind === 'number')) {
      parts.push({ kind: 'street', key: street.key, known: street.known, from: i, to: i + 1 });
      i++;
      if (isDot(tokens[i])) i++;
      continue;
    }
    // Right after a street or "nr" the number is the house number ("Gudrunsvej 2 th", "nr 10
    // th"), and so is a number only a house has ("10 tv" where no. 10 is on the list).
    const afterStreet = parts.at(-1)?.kind === 'street' && parts.at(-1)?.to === i;
    const afterNr = NUMBER_WORDS_STRONG.has(
      word(tokens[isDot(tokens[i - 1]) ? i - 2 : i - 1]) ?? '',
    );
    const digits = digitsOf(token);
    // "3. th" with its ordinal dot is a floor, whatever the house numbers are.
    const onlyAHouse =
      digits !== null &&
      !isDot(tokens[i + 1]) &&
      options.houseNumbers?.has(digits) === true &&
      options.floors?.has(digits) !== true;
    if ((afterStreet || afterNr || onlyAHouse) && token.kind === 'number') {
      const house = houseNumberAt(tokens, i, parts, options);
      if (house) {
        parts.push(house.part);
        i = sideAfterHouse(tokens, house.next, parts);
        continue;
      }
    }
    const unit = unitAt(tokens, i, options);
    if (unit) {
      parts.push({
        kind: 'unit',
        unit: unit.unit,
        complete: unit.complete,
        from: i,
        to: unit.next,
      });
      i = unit.next;
      continue;
    }
    if (token.kind === 'number') {
      const house = houseNumberAt(tokens, i, parts, options);
      if (house) {
        parts.push(house.part);
        i = sideAfterHouse(tokens, house.next, parts);
        continue;
      }
    }
    i++;
  }
  return parts;
}

/** "nr 10 th": a side right after a house number is the flat's side (the floor unsaid). */
function sideAfterHouse(tokens: readonly Token[], i: number, parts: AddressPart[]): number {
  const w = word(tokens[i]);
  if (w !== 'th' && w !== 'tv' && w !== 'mf') return i;
  const side = sideAt(tokens, i, false);
  if (!side) return i;
  parts.push({
    kind: 'unit',
    unit: { floor: null, side: side.side, door: null },
    complete: false,
    from: i,
    to: side.next,
  });
  return side.next;
}

function houseNumberAt(
  tokens: readonly Token[],
  i: number,
  before: readonly AddressPart[],
  options: ReadOptions,
): { part: AddressPart; next: number } | null {
  const token = tokens[i];
  const digits = digitsOf(token);
  if (token === undefined || digits === null || /(st|nd|rd|th)$/i.test(token.text)) return null;
  let next = i + 1;
  let value = digits;
  const letter = tokens[next];
  if (letter?.kind === 'word' && /^[a-h]$/i.test(letter.text) && letter.start === token.end) {
    value += letter.folded;
    next++;
  }
  const after = tokens[next];
  const afterWord = word(after);
  if (afterWord !== null && (MEASURES.has(afterWord) || MONTHS.has(afterWord))) return null;
  if (after?.kind === 'punct' && after.text === '/') return null;
  if (isDot(after) && tokens[next + 1]?.kind === 'number') return null;
  if (isDot(after) && MONTHS.has(word(tokens[next + 1]) ?? '')) return null;

  let k = i - 1;
  if (isDot(tokens[k])) k--;
  const previous = word(tokens[k]);
  if (previous !== null && NOT_HOUSE_BEFORE.has(previous)) return null;
  let cue: 'strong' | 'weak' | 'none' = 'none';
  const lastPart = before.at(-1);
  if (lastPart?.kind === 'street' && lastPart.to >= k) cue = 'strong';
  else if (previous !== null && NUMBER_WORDS_STRONG.has(previous)) cue = 'strong';
  else if (previous === '#' || tokens[i - 1]?.text === '#') cue = 'strong';
  else if (previous !== null && NUMBER_WORDS_WEAK.has(previous)) cue = 'weak';
  else if (k < 0 || isClauseBreak(tokens[k])) cue = 'weak';
  // "12 2tv", "10, 1. th": a unit right after makes it the house number.
  const followingUnit = unitAt(tokens, next + (tokens[next]?.text === ',' ? 1 : 0), options);
  if (followingUnit?.unit.side || followingUnit?.unit.floor) cue = 'strong';
  return { part: { kind: 'number', value, cue, from: i, to: next }, next };
}

function isClauseBreak(token: Token | undefined): boolean {
  if (token === undefined) return true;
  if (token.kind === 'emoji') return true;
  return token.kind === 'punct' && /^[.;:!?\n\-–—]$/.test(token.text.trim() || token.text);
}

// ── Comparing ─────────────────────────────────────────────────────────────────────────────────

export type Fit = 'same' | 'differs' | 'unknown';

/** Whether a unit written in a message fits a stored one. */
export function compareUnits(written: Unit, stored: Unit | null): Fit {
  if (stored === null) return 'unknown';
  if (written.door !== null || stored.door !== null) {
    if (written.door === null || stored.door === null) return 'unknown';
    return written.door === stored.door ? 'same' : 'differs';
  }
  if (written.floor !== null && stored.floor !== null && written.floor !== stored.floor)
    return 'differs';
  if (written.side !== null && stored.side !== null && written.side !== stored.side)
    return 'differs';
  const floorSame = written.floor !== null && written.floor === stored.floor;
  const sideSame = written.side !== null && written.side === stored.side;
  if (floorSame || sideSame) return 'same';
  return 'unknown';
}

/** Whether a house number written in a message fits a stored address ("14" fits "14B"). */
export function compareNumbers(written: string, stored: StoredAddress): Fit {
  const unitDoor = stored.unit?.door ?? null;
  if (stored.number === null) {
    if (unitDoor === null) return 'unknown';
    return unitDoor === written ? 'same' : 'differs';
  }
  if (stored.number === written || unitDoor === written) return 'same';
  const writtenDigits = written.replace(/[a-h]$/, '');
  if (written === writtenDigits && stored.number.replace(/[a-h]$/, '') === written) return 'same';
  return 'differs';
}
