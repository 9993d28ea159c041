import { describe, expect, it } from 'vitest';
import { foldHeader, ALIASES } from '../../src/residents/columns.js';
import { decodeResidentFile } from '../../src/residents/decode.js';
import { parseMoveInDate } from '../../src/residents/move-in-date.js';

describe('parseMoveInDate', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['01-12-2026', '2026-12-01'],
    ['1.12.2026', '2026-12-01'],
    ['01/12/2026', '2026-12-01'],
    ['2026-12-01 00:00:00', '2026-12-01'],
    ['2026-12-01T00:00:00Z', '2026-12-01'],
    [' 29.02.2028 ', '2028-02-29'],
  ])('when the list says %s, then the day is %s', (input, expected) => {
    expect(parseMoveInDate(input)).toBe(expected);
  });

  it.each(['31-02-2026', '2026-13-01', '12/31/2026', '1.12.26', 'december', '', '0001-01-01'])(
    'when the list says %j, then it is refused',
    (input) => {
      expect(parseMoveInDate(input)).toBeUndefined();
    },
  );
});

describe('column headers', () => {
  it('when aliases are folded, then no two fields share one', () => {
    const owner = new Map<string, string>();
    for (const [field, aliases] of Object.entries(ALIASES)) {
      for (const alias of aliases) {
        const folded = foldHeader(alias);
        expect(owner.get(folded) ?? field, `${alias} belongs to two fields`).toBe(field);
        owner.set(folded, field);
      }
    }
  });

  it('when headers differ only in case, æøå spelling or punctuation, then they fold alike', () => {
    expect(foldHeader('Besøg ikke')).toBe(foldHeader('besoeg_ikke'));
    expect(foldHeader('Besøg ikke')).toBe(foldHeader('BESOG IKKE'));
    expect(foldHeader('Må ikke besøges')).toBe(foldHeader('maa ikke besoeges'));
    expect(foldHeader('Dør')).toBe(foldHeader('dor'));
  });
});

describe('decodeResidentFile', () => {
  it('when bytes are not UTF-8, then they are Windows-1252 including the euro sign', () => {
    const decoded = decodeResidentFile(Buffer.from([0x80, 0x20, 0xf8, 0xe6, 0xe5]));
    expect(decoded).toEqual({ text: '€ øæå', encoding: 'windows-1252' });
  });

  it('when a Windows-1252 note has curly quotes and a dash, then they read as Excel showed them', () => {
    // „Kom igen“ – Ærø: what Danish Excel writes for quotes and an en dash in a note.
    const bytes = Buffer.from([0x84, 0x4b, 0x6f, 0x6d, 0x93, 0x20, 0x96, 0x20, 0xc6, 0x72, 0xf8]);
    expect(decodeResidentFile(bytes)).toEqual({ text: '„Kom“ – Ærø', encoding: 'windows-1252' });
  });

  it('when a UTF-8 BOM leads, then it is stripped', () => {
    const decoded = decodeResidentFile(Buffer.from('\uFEFFnavn', 'utf8'));
    expect(decoded).toEqual({ text: 'navn', encoding: 'utf-8' });
  });
});
