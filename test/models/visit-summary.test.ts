import { describe, expect, it } from 'vitest';
import { summariseAttempts } from '../../models/visit-summary.js';

describe('summariseAttempts', () => {
  it('when there are no attempts, then everything is unknown', () => {
    expect(summariseAttempts([])).toEqual({
      outcome: null,
      folderLeft: null,
      note: null,
      noteBy: null,
      revisitDate: null,
    });
  });

  it('when the folder went in the mailbox first and nobody answered later, then it stays delivered', () => {
    const summary = summariseAttempts([
      { outcome: 'not_home', folderLeft: true },
      { outcome: 'not_home', folderLeft: null, revisitDate: '2026-12-08' },
    ]);
    expect(summary.folderLeft).toBe(true);
    expect(summary.outcome).toBe('not_home');
    expect(summary.revisitDate).toBe('2026-12-08');
  });

  it('when the latest attempt has no note, then the earlier note and its author are kept', () => {
    const summary = summariseAttempts([
      { outcome: 'not_home', folderLeft: false, note: 'Ring after 16', noteBy: 'birgit' },
      { outcome: 'met', folderLeft: true },
    ]);
    expect(summary).toMatchObject({ outcome: 'met', note: 'Ring after 16', noteBy: 'birgit' });
  });

  it('when attempts only said the folder was not left, then folderLeft is false', () => {
    expect(summariseAttempts([{ outcome: 'declined', folderLeft: false }]).folderLeft).toBe(false);
  });

  it('when the latest attempt has no revisit date, then the earlier one no longer applies', () => {
    const summary = summariseAttempts([
      { outcome: 'postponed', folderLeft: null, revisitDate: '2026-12-08' },
      { outcome: 'met', folderLeft: true },
    ]);
    expect(summary.revisitDate).toBeNull();
  });
});
