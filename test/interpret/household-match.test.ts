import { describe, expect, it } from 'vitest';
import {
  MATCH_THRESHOLD,
  matchHousehold,
  type HouseholdCandidate,
} from '../../src/interpret/index.js';

const CANDIDATES: HouseholdCandidate[] = [
  {
    id: 'christensen',
    names: ['Ove Christensen', 'Else Christensen'],
    address: 'Solvænget 3',
    unit: '1. th',
  },
  { id: 'hansen', names: ['Familien Hansen'], address: 'Birkevej 14B', unit: null },
  { id: 'al-hassan', names: ['Fatima Al-Hassan'], address: 'Gellerupparken 7', unit: 'st. tv' },
  { id: 'nguyen', names: ['Minh Nguyen'], address: 'Solvænget 5', unit: '2. tv' },
];

describe('matchHousehold', () => {
  it.each([
    ['Christensen', 'christensen'],
    ['christensen', 'christensen'],
    ['christiansen', 'christensen'],
    ['Ove', 'christensen'],
    ['familien Hansen', 'hansen'],
    ['hansen', 'hansen'],
    ['Hanssen', 'hansen'],
    ['Fatima', 'al-hassan'],
    ['Al-Hassan', 'al-hassan'],
    ['al hasan', 'al-hassan'],
    ['Solvaenget 3', 'christensen'],
    ['solvænget 3, 1. th', 'christensen'],
    ['Solvanget 5', 'nguyen'],
    ['Birkevej 14B', 'hansen'],
    ['st. tv', 'al-hassan'],
    ['2. tv', 'nguyen'],
    ['1.th', 'christensen'],
    ['nguen', 'nguyen'],
    ['ikke hjemme hos hansen, lagde mappen', 'hansen'],
    ['den på 2. tv', 'nguyen'],
  ])('when the mention is %j, then it matches %s', (mention, id) => {
    const match = matchHousehold(mention, CANDIDATES);
    expect(match?.id).toBe(id);
    expect(match?.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it.each([
    ['Solvænget', 'two households on the street'],
    ['Jensen', 'no such name'],
    ['Solvænget 9', 'a number nobody lives at'],
    ['mødte dem', 'no household words'],
    ['', 'nothing'],
    ['3. th', 'a unit nobody has'],
  ])('when the mention is %j (%s), then there is no match', (mention) => {
    expect(matchHousehold(mention, CANDIDATES)).toBeNull();
  });

  it('when two candidates are equally good, then it returns null so the bot asks', () => {
    const twins: HouseholdCandidate[] = [
      { id: 'a', names: ['Anna Jensen'], address: 'Birkevej 1' },
      { id: 'b', names: ['Peter Jensen'], address: 'Birkevej 9' },
    ];
    expect(matchHousehold('Jensen', twins)).toBeNull();
    expect(matchHousehold('Anna', twins)?.id).toBe('a');
    expect(matchHousehold('Birkevej 9', twins)?.id).toBe('b');
  });

  it('when a typo is close to two names, then the exact one wins', () => {
    const near: HouseholdCandidate[] = [
      { id: 'hansen', names: ['Hansen'], address: 'Birkevej 1' },
      { id: 'hanson', names: ['Hanson'], address: 'Birkevej 3' },
    ];
    expect(matchHousehold('Hansen', near)?.id).toBe('hansen');
    expect(matchHousehold('Hansan', near)).toBeNull();
  });

  it('when there are no candidates or odd input, then it returns null without throwing', () => {
    expect(matchHousehold('Hansen', [])).toBeNull();
    expect(matchHousehold('{"$where": "sleep(1000)"}', CANDIDATES)).toBeNull();
    expect(matchHousehold('<!channel>', CANDIDATES)).toBeNull();
    expect(matchHousehold('x'.repeat(10_000), CANDIDATES)).toBeNull();
  });
});
