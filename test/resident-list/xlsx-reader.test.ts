import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LIST_LIMITS } from '../../src/resident-list/limits.js';
import { readFirstSheet, type SheetRecord } from '../../src/resident-list/xlsx.js';
import { xlsxOf } from './support/workbooks.js';

/**
 * The .xlsx reader gives the row rules the same text the exceljs-based reader gave, for files
 * from different writers. Every expectation below was first checked against the old reader's
 * output on the same file.
 */
const fixtures = join(import.meta.dirname, '../fixtures/resident-list');

async function read(file: Buffer, name = 'liste.xlsx') {
  return withoutTrailingBlanks(await readFirstSheet(file, name, LIST_LIMITS));
}

/** The grid pads short rows with empty cells; the row rules ignore them, so do the checks. */
function withoutTrailingBlanks(records: SheetRecord[]) {
  return records.map(({ line, cells }) => {
    const trimmed = [...cells];
    while (trimmed.at(-1) === '') trimmed.pop();
    return { line, cells: trimmed };
  });
}

describe('reading the first sheet of an .xlsx', () => {
  it('when exceljs wrote it (shared strings, rich text, formulas, dates, an error cell), then every cell reads as before', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tilflyttere');
    sheet.addRow(['Tilflyttere december 2026']);
    sheet.addRow(['Navn', 'Adresse', 'Etage', 'Dør', 'Indflytningsdato', 'Sprog']);
    sheet.addRow([
      { richText: [{ text: 'Ove og ' }, { font: { bold: true }, text: 'Else Christensen' }] },
      'Gudrunsvej 10',
      1,
      'th',
      new Date(Date.UTC(2026, 10, 3)),
      'dansk',
    ]);
    sheet.addRow([]);
    sheet.addRow([
      'Maja Holm',
      { formula: 'B2&" 20"', result: 'Gudrunsvej 20' },
      2.5,
      { error: '#N/A' },
      new Date(Date.UTC(2026, 11, 5, 13, 30)),
      true,
    ]);
    sheet.addRow([
      '',
      'Gudrunsvej 24',
      123456789012,
      'tv',
      { formula: 'DATE(2026,12,9)', result: new Date(Date.UTC(2026, 11, 9)) },
      '  æøå <&>  ',
    ]);
    workbook.addWorksheet('Noter').addRow(['ignored']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    expect(await read(file)).toEqual([
      { line: 1, cells: ['Tilflyttere december 2026'] },
      { line: 2, cells: ['Navn', 'Adresse', 'Etage', 'Dør', 'Indflytningsdato', 'Sprog'] },
      {
        line: 3,
        cells: ['Ove og Else Christensen', 'Gudrunsvej 10', '1', 'th', '2026-11-03', 'dansk'],
      },
      { line: 5, cells: ['Maja Holm', 'Gudrunsvej 20', '2.5', '', '2026-12-05', 'true'] },
      { line: 6, cells: ['', 'Gudrunsvej 24', '123456789012', 'tv', '2026-12-09', 'æøå <&>'] },
    ]);
  });

  it('when openpyxl wrote it (inline strings, date and datetime cells, a blank row, a formula without a result), then every cell reads as before', async () => {
    const file = readFileSync(join(fixtures, 'tilflyttere-openpyxl.xlsx'));
    expect(await read(file)).toEqual([
      { line: 1, cells: ['Tilflyttere januar 2027'] },
      {
        line: 3,
        cells: ['Navn', 'Adresse', 'Etage', 'Dør', 'Indflytningsdato', 'Sprog', 'Besøg ikke'],
      },
      {
        line: 4,
        cells: ['Ove og Else Christensen', 'Gudrunsvej 10', '1', 'th', '2027-01-03', 'dansk'],
      },
      {
        line: 5,
        cells: ['Maja Holm', 'Gudrunsvej 20', '2', 'tv', '2027-01-05', 'dansk, engelsk', 'nej'],
      },
      { line: 6, cells: ['', 'Gudrunsvej 24', '1', 'tv', '2027-01-09'] },
      {
        line: 7,
        cells: ['Ali Rahimi', 'Gudrunsvej 22', 'st', 'th', '07-01-2027', 'persisk', 'ja'],
      },
    ]);
  });

  it('when XlsxWriter wrote it with 1904 dates and custom date formats, then the calendar days come out right', async () => {
    const file = readFileSync(join(fixtures, 'tilflyttere-xlsxwriter-1904.xlsx'));
    expect(await read(file)).toEqual([
      { line: 1, cells: ['Navn', 'Vej', 'Husnr.', 'Opgang', 'Indflytning', 'Bemærk'] },
      { line: 2, cells: ['Søren Ørsted', 'Gudrunsvej', '14', 'B', '2027-01-15'] },
      { line: 3, cells: ['Amira Hassan', 'Gudrunsvej', '12A', 'A', '2027-02-01'] },
      {
        line: 4,
        // A plain number stays a number when its cell has no date format.
        cells: ['Peter Kristensen\nLene Kristensen', 'Gudrunsvej', '16.5', '', '45000', 'true'],
      },
    ]);
  });

  it('when the first sheet in the workbook is stored as sheet2.xml, then that sheet is read, with its shared rich text, escapes and error cells', async () => {
    const file = xlsxOf({
      sheets: [
        {
          name: 'Liste',
          file: 'sheet2.xml',
          rows:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
            '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>46390</v></c><c r="D2" t="s"><v>5</v></c></row>' +
            '<row r="4"><c r="A4" t="str"><f>"Maja"&amp;" Holm"</f><v>Maja Holm</v></c><c r="B4" t="inlineStr"><is><t>Gudrunsvej 20</t></is></c><c r="C4" s="2"><v>46392</v></c><c r="D4" t="e"><v>#N/A</v></c></row>' +
            '<row r="5"><c r="A5" t="b"><v>0</v></c><c r="C5"><v>3.5</v></c><c r="E5" s="1"><v>46390.75</v></c></row>',
        },
        {
          name: 'Arkiv',
          file: 'sheet1.xml',
          rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>Gammel</t></is></c></row>',
        },
      ],
      sharedStrings: [
        '<t>Navn</t>',
        '<t>Adresse</t>',
        '<t>Indflytningsdato</t>',
        '<r><t xml:space="preserve">Ove </t></r><r><rPr><b/></rPr><t>Christensen</t></r>',
        '<t xml:space="preserve">  Gudrunsvej 10  </t>',
        '<t>Linje_x000D_skift</t>',
      ],
      styles:
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>' +
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>',
    });

    expect(await read(file)).toEqual([
      { line: 1, cells: ['Navn', 'Adresse', 'Indflytningsdato'] },
      { line: 2, cells: ['Ove Christensen', 'Gudrunsvej 10', '2027-01-03', 'Linje\rskift'] },
      { line: 4, cells: ['Maja Holm', 'Gudrunsvej 20', '2027-01-05'] },
      { line: 5, cells: ['false', '', '3.5', '', '2027-01-03'] },
    ]);
  });

  it('when rows carry no row number (allowed, though exceljs refused such files), then their cells place them', async () => {
    const file = xlsxOf({
      sheets: [
        {
          name: 'Liste',
          file: 'sheet1.xml',
          rows:
            '<row><c r="A1" t="inlineStr"><is><t>Navn</t></is></c><c r="B1" t="inlineStr"><is><t>Adresse</t></is></c></row>' +
            '<row><c r="A3" t="inlineStr"><is><t>Maja Holm</t></is></c><c r="B3" t="inlineStr"><is><t>Gudrunsvej 20</t></is></c></row>',
        },
      ],
    });
    expect(await read(file)).toEqual([
      { line: 1, cells: ['Navn', 'Adresse'] },
      { line: 3, cells: ['Maja Holm', 'Gudrunsvej 20'] },
    ]);
  });

  it('when the zip holds no workbook, or is no zip at all, then it is a UserError', async () => {
    const notAWorkbook = xlsxOf({ sheets: [] });
    await expect(read(notAWorkbook)).rejects.toMatchObject({
      name: 'UserError',
      code: 'IMPORT_FAILED',
    });
    await expect(read(Buffer.from('PK not a zip'))).rejects.toMatchObject({
      name: 'UserError',
      code: 'IMPORT_FAILED',
    });
  });
});
