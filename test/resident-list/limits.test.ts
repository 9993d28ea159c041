import { describe, expect, it } from 'vitest';
import { LIST_LIMITS, type ListLimits } from '../../src/resident-list/limits.js';
import { parseList } from '../../src/resident-list/parse-list.js';
import { xlsxOf, zipBomb } from './support/workbooks.js';

/**
 * The limits on an uploaded list, checked where the list is read (the list worker runs exactly
 * this). Small limits stand in for the real ones where a file at the real limit would only make
 * the test slow; the zip bombs meet the real limits.
 */
const small: ListLimits = { ...LIST_LIMITS, rows: 4, cells: 12 };

function csvWith(rows: number, columns = 3): Buffer {
  const header = ['Navn', 'Adresse', 'Indflytningsdato', 'Etage', 'Dør', 'Sprog'].slice(0, columns);
  const lines = [header.join(';')];
  for (let i = 1; i < rows; i++) {
    lines.push(
      ['Maja Holm', `Gudrunsvej ${i}`, '05-12-2026', '1', 'th', 'dansk']
        .slice(0, columns)
        .join(';'),
    );
  }
  return Buffer.from(lines.join('\r\n'));
}

function sheetWith(rows: number, columns = 3): Buffer {
  const cell = (column: number, row: number, text: string) =>
    `<c r="${String.fromCharCode(65 + column)}${row}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const header = ['Navn', 'Adresse', 'Indflytningsdato', 'Etage', 'Dør', 'Sprog'].slice(0, columns);
  let xml = `<row r="1">${header.map((text, column) => cell(column, 1, text)).join('')}</row>`;
  for (let row = 2; row <= rows; row++) {
    const values = ['Maja Holm', `Gudrunsvej ${row}`, '05-12-2026', '1', 'th', 'dansk'];
    xml += `<row r="${row}">${values
      .slice(0, columns)
      .map((text, column) => cell(column, row, text))
      .join('')}</row>`;
  }
  return xlsxOf({ sheets: [{ name: 'Liste', file: 'sheet1.xml', rows: xml }] });
}

describe('limits on an uploaded list', () => {
  it('when a zip bomb states its true size (1 GB of sheet in a 1 MB file), then it is refused before anything is inflated', async () => {
    const bomb = zipBomb(1024, 'honest');
    expect(bomb.file.length).toBeLessThan(1.2 * 1024 * 1024);

    const refusal = parseList(bomb.file, 'xlsx', 'bombe.xlsx', LIST_LIMITS);

    await expect(refusal).rejects.toMatchObject({
      name: 'LimitExceededError',
      code: 'LIMIT_EXCEEDED',
      limit: 'unpacked_bytes',
      max: LIST_LIMITS.unpackedBytes,
      counted: 0,
    });
  });

  it('when a zip bomb claims its sheet is 4 kB, then inflating stops at the unpack limit, not at 1 GB', async () => {
    const bomb = zipBomb(1024, 'small');

    const error = await parseList(bomb.file, 'xlsx', 'bombe.xlsx', LIST_LIMITS).catch(
      (caught: unknown) => caught,
    );

    expect(error).toMatchObject({ limit: 'unpacked_bytes', max: LIST_LIMITS.unpackedBytes });
    const counted = (error as { counted: number }).counted;
    // One inflate chunk past the limit at most: the count stopped there.
    expect(counted).toBeGreaterThan(LIST_LIMITS.unpackedBytes);
    expect(counted).toBeLessThanOrEqual(LIST_LIMITS.unpackedBytes + 64 * 1024);
    expect(counted).toBeLessThan(bomb.sheetBytes / 20);
  });

  it('when a list has one row more than the limit, then it is refused; at the limit it is read', async () => {
    await expect(parseList(csvWith(5), 'csv', 'liste.csv', small)).rejects.toMatchObject({
      limit: 'rows',
      max: 4,
    });
    await expect(parseList(sheetWith(5), 'xlsx', 'liste.xlsx', small)).rejects.toMatchObject({
      limit: 'rows',
      max: 4,
    });

    expect((await parseList(csvWith(4), 'csv', 'liste.csv', small)).rows).toHaveLength(3);
    expect((await parseList(sheetWith(4), 'xlsx', 'liste.xlsx', small)).rows).toHaveLength(3);
  });

  it('when rows times columns pass the cell limit, then the list is refused', async () => {
    // 4 rows × 4 columns = 16 cells > 12; 4 × 3 = 12 is read.
    await expect(parseList(csvWith(4, 4), 'csv', 'liste.csv', small)).rejects.toMatchObject({
      limit: 'cells',
      max: 12,
      counted: 16,
    });
    await expect(parseList(sheetWith(4, 4), 'xlsx', 'liste.xlsx', small)).rejects.toMatchObject({
      limit: 'cells',
      max: 12,
      counted: 16,
    });
    expect((await parseList(csvWith(4, 3), 'csv', 'liste.csv', small)).rows).toHaveLength(3);
  });

  it('when one far-away cell would stretch the sheet to millions of cells, then it is refused by the cell limit', async () => {
    const sheet = xlsxOf({
      sheets: [
        {
          name: 'Liste',
          file: 'sheet1.xml',
          rows:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Navn</t></is></c><c r="XFD1"><v>1</v></c></row>' +
            '<row r="200"><c r="A200"><v>1</v></c></row>',
        },
      ],
    });
    await expect(parseList(sheet, 'xlsx', 'liste.xlsx', LIST_LIMITS)).rejects.toMatchObject({
      limit: 'cells',
      counted: 200 * 16_384,
    });
  });

  it('when the file itself is larger than the limit, then it is refused unread', async () => {
    await expect(
      parseList(csvWith(4), 'csv', 'liste.csv', { ...LIST_LIMITS, fileBytes: 10 }),
    ).rejects.toMatchObject({ limit: 'file_bytes', max: 10 });
  });
});
