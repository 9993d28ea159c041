/**
 * How the store recognises a household it has seen before. The housing organisation sends a new
 * list every month and lists overlap, so importing must be idempotent: two rows describe the same
 * household when area, address, unit, move-in date and the set of names agree after normalising
 * case, spacing and punctuation that people type differently ("2. th" / "2.th", "Ove og Else" in
 * any order).
 */

/** Case, Unicode form and whitespace do not distinguish two spellings of the same text. */
function normaliseText(value: string): string {
  return value.normalize('NFC').toLocaleLowerCase('da').replace(/\s+/g, ' ').trim();
}

/** "Gudrunsvej 10," and "gudrunsvej  10" are one address; "10A" and "10 A" too. */
export function normaliseAddress(address: string): string {
  return normaliseText(address)
    .replace(/[.,]/g, ' ')
    .replace(/(\d)\s+([a-zæøå])(?=\s|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Units are written "2. th", "2.th", "2 TH": only letters and digits carry meaning. */
export function normaliseUnit(unit: string): string {
  return normaliseText(unit).replace(/[^\p{L}\p{N}]/gu, '');
}

export function normaliseName(name: string): string {
  return normaliseText(name);
}

/** One flat, whoever lives there: lets a later feature see "visited before, new name". */
export function flatKey(areaId: string, address: string, unit: string): string {
  return [areaId, normaliseAddress(address), normaliseUnit(unit)].join('|');
}

/** One household moving into one flat on one day. */
export function residentNaturalKey(input: {
  areaId: string;
  address: string;
  unit: string;
  moveInDate: string;
  names: readonly string[];
}): string {
  const names = input.names.map(normaliseName).filter((name) => name !== '');
  names.sort();
  return [flatKey(input.areaId, input.address, input.unit), input.moveInDate, names.join(',')].join(
    '|',
  );
}
