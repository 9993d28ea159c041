import { describe, expect, it, vi } from 'vitest';
import {
  interpretVisitReport,
  matchHousehold,
  recognizeIntent,
} from '../../src/interpret/index.js';

const now = new Date('2026-11-27T10:00:00+01:00');

const ODD_INPUTS = [
  '',
  '   ',
  '\n\n\t',
  '<!channel>',
  '<@U0123ABC> <!here> <https://example.com|link>',
  '{"$where": "sleep(1000)"}',
  '{"$gt": ""}',
  "'; DROP TABLE visits; --",
  '${process.exit(1)}',
  '🙂🙂🙂🙂',
  '🇩🇰',
  '.........',
  '?!?!',
  '\u0000\u0001\u0002',
  'a'.repeat(10_000),
  'ikke hjemme '.repeat(1_000),
  'mødte dem, '.repeat(900) + 'kommer igen i morgen',
  'Å'.repeat(5_000),
  '1. th 2. tv st. mf '.repeat(500),
  'd. 31/2 d. 99. 45/13 32. december',
];

describe('robustness', () => {
  it.each(ODD_INPUTS.map((input) => [input.slice(0, 40), input] as const))(
    'when the text is %j, then nothing throws and the result is well-formed',
    (_label, input) => {
      const report = interpretVisitReport(input, { now });
      expect(['met', 'not_home', 'declined', 'moved', 'postponed', null]).toContain(report.outcome);
      expect(typeof report.looksLikeReport).toBe('boolean');
      expect(typeof report.isCorrection).toBe('boolean');
      if (report.revisitDate !== null) expect(report.revisitDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(recognizeIntent(input, { now }).kind).toBeTypeOf('string');
      expect(() =>
        matchHousehold(input, [{ id: 'x', names: ['Hansen'], address: 'Birkevej 1' }]),
      ).not.toThrow();
    },
  );

  it('when the text is empty, then it is not a report', () => {
    expect(interpretVisitReport('', { now })).toEqual({
      outcome: null,
      folderLeft: null,
      revisitDate: null,
      note: null,
      household: null,
      looksLikeReport: false,
      isCorrection: false,
    });
    expect(recognizeIntent('', { now })).toEqual({ kind: 'unknown' });
  });

  it('when the input is huge, then only the first part is read', () => {
    const report = interpretVisitReport('ikke hjemme. ' + 'bla '.repeat(5_000) + 'mødte dem', {
      now,
    });
    expect(report.outcome).toBe('not_home');
  });

  it('when Slack markup surrounds a report, then the report is still read', () => {
    const report = interpretVisitReport('<@U123ABC> ikke hjemme, lagde mappen', { now });
    expect(report).toMatchObject({
      outcome: 'not_home',
      folderLeft: true,
      household: null,
      note: null,
    });
  });

  it('when the zone is unknown, then dates fall back to UTC instead of failing', () => {
    const report = interpretVisitReport('ikke hjemme, kommer igen i morgen', {
      now,
      zone: 'Mars/Olympus',
    });
    expect(report.revisitDate).toBe('2026-11-28');
  });

  it('when no clock is given, then "i morgen" is tomorrow in Copenhagen', () => {
    // The default reads Date: fake only Date, at 00:30 in Copenhagen while UTC is still the 27th.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-27T23:30:00Z') });
    try {
      const report = interpretVisitReport('ikke hjemme, kommer igen i morgen');
      expect(report.revisitDate).toBe('2026-11-29');
    } finally {
      vi.useRealTimers();
    }
  });

  it('when the same words recur across a long message, then work stays bounded', () => {
    // Not a timing assertion: this only has to finish (the analysed text is capped).
    const report = interpretVisitReport('snakkde med dem '.repeat(2_000), { now });
    expect(report.outcome).toBe('met');
  });
});
