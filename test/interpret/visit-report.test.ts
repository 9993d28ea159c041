import { describe, expect, it } from 'vitest';
import { interpretVisitReport } from '../../src/interpret/index.js';
import { PHRASING_NOW, PHRASING_ZONE, PHRASINGS } from './visit-report-phrasings.js';

describe('interpretVisitReport — table of phrasings', () => {
  it('has at least 150 rows, at least 40 of them hard', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(150);
    expect(PHRASINGS.filter((row) => row.hard).length).toBeGreaterThanOrEqual(40);
  });

  it.each(PHRASINGS.map((row) => [row.text, row] as const))(
    'when the ambassador writes %j, then every field is read',
    (_text, row) => {
      const got = interpretVisitReport(row.text, { now: PHRASING_NOW, zone: PHRASING_ZONE });
      const folderLeft = row.folderLeft ?? null;
      const revisitDate = row.revisitDate ?? null;
      expect(got).toEqual({
        outcome: row.outcome,
        folderLeft,
        revisitDate,
        note: row.note ?? null,
        household: row.household ?? null,
        looksLikeReport:
          row.looksLikeReport ??
          (row.outcome !== null || folderLeft !== null || revisitDate !== null),
        isCorrection: row.isCorrection ?? false,
      });
    },
  );
});
