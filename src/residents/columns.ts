/**
 * Which column of the housing organisation's list holds what. Headers are Danish as a rule,
 * sometimes English, written with or without æøå, in any case, with stray spaces or punctuation:
 * they are folded to bare letters before matching (docs/residents-file.md lists them).
 */

export type ResidentField =
  | 'names'
  | 'address'
  | 'street'
  | 'houseNumber'
  | 'unit'
  | 'floor'
  | 'door'
  | 'block'
  | 'stairwell'
  | 'moveInDate'
  | 'languages'
  | 'doNotVisit';

export const ALIASES: Record<ResidentField, readonly string[]> = {
  names: [
    'navn',
    'navne',
    'beboer',
    'beboere',
    'lejer',
    'lejere',
    'name',
    'names',
    'resident',
    'residents',
    'tenant',
    'tenants',
  ],
  address: ['adresse', 'address', 'gadeadresse', 'street address'],
  street: ['vej', 'vejnavn', 'gade', 'gadenavn', 'street'],
  houseNumber: ['husnr', 'husnummer', 'nr', 'nummer', 'house number', 'number'],
  unit: [
    'lejlighed',
    'lejl',
    'lejlighedsnr',
    'etage/dør',
    'etage og dør',
    'unit',
    'apartment',
    'flat',
  ],
  floor: ['etage', 'sal', 'floor'],
  door: ['dør', 'side', 'door'],
  block: ['blok', 'block', 'bygning', 'building'],
  stairwell: ['opgang', 'indgang', 'stairwell', 'entrance', 'staircase'],
  moveInDate: [
    'indflytning',
    'indflytningsdato',
    'indflytningsdag',
    'indflyttet',
    'overtagelse',
    'overtagelsesdato',
    'move-in',
    'move-in date',
    'move in date',
    'moved in',
  ],
  languages: ['sprog', 'language', 'languages'],
  doNotVisit: [
    'besøg ikke',
    'må ikke besøges',
    'ikke besøg',
    'ingen besøg',
    'do not visit',
    'no visit',
  ],
};

/** "Besøg ikke", "besoeg_ikke" and "BESOG IKKE" all fold to the same letters. */
export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]/g, '')
    .replace(/oe/g, 'o')
    .replace(/aa/g, 'a');
}

const FIELD_BY_FOLDED = new Map<string, ResidentField>(
  (Object.entries(ALIASES) as Array<[ResidentField, readonly string[]]>).flatMap(
    ([field, aliases]) =>
      aliases.map((alias): [string, ResidentField] => [foldHeader(alias), field]),
  ),
);

export interface ColumnMap {
  /** Column index per recognised field; the first column wins when a header repeats. */
  readonly indexes: Partial<Record<ResidentField, number>>;
  /** Required fields the header lacks. */
  readonly missing: Array<'names' | 'address' | 'moveInDate'>;
}

export function mapColumns(header: readonly string[]): ColumnMap {
  const indexes: Partial<Record<ResidentField, number>> = {};
  header.forEach((cell, index) => {
    const field = FIELD_BY_FOLDED.get(foldHeader(cell));
    if (field !== undefined && indexes[field] === undefined) indexes[field] = index;
  });
  const missing: ColumnMap['missing'] = [];
  if (indexes.names === undefined) missing.push('names');
  if (indexes.address === undefined && indexes.street === undefined) missing.push('address');
  if (indexes.moveInDate === undefined) missing.push('moveInDate');
  return { indexes, missing };
}
