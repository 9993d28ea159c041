import { describe, expect, it } from 'vitest';
import {
  flatKey,
  normaliseAddress,
  normaliseUnit,
  residentNaturalKey,
} from '../../models/resident-keys.js';

const base = {
  areaId: '65f000000000000000000001',
  address: 'Gudrunsvej 10',
  unit: '1. th',
  moveInDate: '2026-12-01',
  names: ['Ove Christensen', 'Else Christensen'],
};

describe('residentNaturalKey', () => {
  it('when the names come in another order, then the key is the same', () => {
    expect(residentNaturalKey({ ...base, names: ['Else Christensen', 'Ove Christensen'] })).toBe(
      residentNaturalKey(base),
    );
  });

  it('when case, spacing and unit punctuation differ, then the key is the same', () => {
    const typedDifferently = {
      ...base,
      address: ' gudrunsvej  10, ',
      unit: '1.TH',
      names: ['OVE  christensen', 'else christensen '],
    };
    expect(residentNaturalKey(typedDifferently)).toBe(residentNaturalKey(base));
  });

  it('when the move-in date differs, then it is another household', () => {
    expect(residentNaturalKey({ ...base, moveInDate: '2026-12-02' })).not.toBe(
      residentNaturalKey(base),
    );
  });

  it('when the area differs, then it is another household', () => {
    expect(residentNaturalKey({ ...base, areaId: '65f000000000000000000002' })).not.toBe(
      residentNaturalKey(base),
    );
  });

  it('when a name is composed or decomposed Unicode, then the key is the same', () => {
    const composed = { ...base, names: ['Søren Ågård'] };
    const decomposed = { ...base, names: ['Søren A\u030agård'] };
    expect(residentNaturalKey(decomposed)).toBe(residentNaturalKey(composed));
  });
});

describe('flatKey', () => {
  it('when the same flat gets new residents, then the flat key stays the same', () => {
    expect(flatKey(base.areaId, 'Gudrunsvej 10', '1. th')).toBe(
      flatKey(base.areaId, 'GUDRUNSVEJ 10', '1.th'),
    );
  });

  it('when the flat differs by door, then the flat key differs', () => {
    expect(flatKey(base.areaId, 'Gudrunsvej 10', '1. th')).not.toBe(
      flatKey(base.areaId, 'Gudrunsvej 10', '1. tv'),
    );
  });
});

describe('normalisers', () => {
  it('when a house letter is spaced, then "10 A" and "10A" are one address', () => {
    expect(normaliseAddress('Sigridsvej 10 A')).toBe(normaliseAddress('Sigridsvej 10A'));
  });

  it('when a unit is written with dots and spaces, then only letters and digits count', () => {
    expect(normaliseUnit('st. tv.')).toBe('sttv');
  });
});

describe('normaliseAddress with Danish house letters', () => {
  it('when the house letter is æ, ø or å, then spacing does not matter either', () => {
    expect(normaliseAddress('Sigridsvej 10 Ø')).toBe(normaliseAddress('Sigridsvej 10Ø'));
  });
});
