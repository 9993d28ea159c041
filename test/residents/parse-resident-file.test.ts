import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNames, parseResidentFile } from '../../src/residents/parse-resident-file.js';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../fixtures/residents/${name}`, import.meta.url));

describe('parseResidentFile: a clean UTF-8 CSV', () => {
  const { rows, errors } = parseResidentFile(
    fixture('tilflyttere-2026-11.csv'),
    'tilflyttere-2026-11.csv',
  );

  it('when the list is clean, then ten households and no errors', () => {
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(10);
  });

  it('when a row names a couple on one door sign, then both get the surname', () => {
    expect(rows[0]).toEqual({
      line: 2,
      names: ['Ove Christensen', 'Else Christensen'],
      address: 'Gudrunsvej 10',
      unit: '1. th',
      block: 'B4',
      stairwell: '10',
      moveInDate: '2026-11-03',
      languageHints: ['da'],
      doNotVisit: false,
    });
  });

  it('when languages are written as Danish names, then they become ISO codes', () => {
    expect(rows[1]?.languageHints).toEqual(['ar', 'da']);
    expect(rows[4]?.languageHints).toEqual(['so', 'en']);
    expect(rows[6]?.languageHints).toEqual(['vi', 'en']);
  });

  it('when the do-not-visit column says "ja", then the household is marked', () => {
    expect(rows.filter((row) => row.doNotVisit).map((row) => row.names)).toEqual([
      ['Hanne Jørgensen'],
    ]);
  });
});

describe('parseResidentFile: the Excel semicolon export with BOM', () => {
  const excel = parseResidentFile(fixture('tilflyttere-2026-11-excel.csv'), 'excel.csv');
  const clean = parseResidentFile(fixture('tilflyttere-2026-11.csv'), 'clean.csv');

  it('when Excel saved the list, then BOM, semicolons, CRLF and empty rows do not matter', () => {
    expect(excel.errors).toEqual([]);
    expect(excel.rows).toHaveLength(10);
  });

  it('when floor and door are separate and dates day-first, then rows read as in the clean CSV', () => {
    const comparable = (rows: typeof excel.rows) => rows.map(({ line: _line, ...rest }) => rest);
    expect(comparable(excel.rows)).toEqual(comparable(clean.rows));
  });
});

describe('parseResidentFile: encodings', () => {
  it('when the file is Windows-1252, then æ, ø and å come through', () => {
    const { rows, errors } = parseResidentFile(fixture('tilflyttere-2026-12-cp1252.csv'), 'x.csv');
    expect(errors).toEqual([]);
    expect(rows.map((row) => row.names)).toEqual([['Søren Ærø', 'Åse Ærø'], ['Bjørn Møller']]);
    expect(rows[1]?.doNotVisit).toBe(false);
  });

  it('when the file is UTF-16 (Excel "Unicode text", tab-separated), then it is read', () => {
    const text = 'Navn\tAdresse\tIndflytning\r\nBjørn Møller\tGudrunsvej 16\t02-12-2026\r\n';
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { rows, errors } = parseResidentFile(content, 'unicode.txt');
    expect(errors).toEqual([]);
    expect(rows).toMatchObject([{ names: ['Bjørn Møller'], moveInDate: '2026-12-02', unit: '' }]);
  });
});

describe('parseResidentFile: bad rows', () => {
  const { rows, errors } = parseResidentFile(fixture('tilflyttere-med-fejl.csv'), 'fejl.csv');

  it('when rows are bad, then each is reported with its line and a bilingual reason', () => {
    expect(errors).toEqual([
      { line: 3, reason: 'mangler adresse / missing address' },
      { line: 4, reason: "ugyldig dato '31-02-2026' / invalid date '31-02-2026'" },
      { line: 6, reason: 'mangler navn / missing name' },
      { line: 9, reason: 'mangler indflytningsdato / missing move-in date' },
      {
        line: 11,
        reason:
          "mangler adresse / missing address; ugyldig dato '2026-13-01' / invalid date '2026-13-01'",
      },
    ]);
  });

  it('when some rows are bad, then the good ones still come through with their own lines', () => {
    expect(rows.map((row) => [row.line, row.names])).toEqual([
      [2, ['Ove Christensen', 'Else Christensen']],
      [7, ['Peter Kristensen', 'Lene Kristensen']],
      [10, ['Nguyen Thi Lan']],
    ]);
    expect(rows[2]?.moveInDate).toBe('2026-11-18');
  });

  it('when a quote is never closed, then that line is reported and earlier rows survive', () => {
    const content = Buffer.from(
      'navn,adresse,indflytning\nOve Christensen,Gudrunsvej 10,2026-11-03\n"Jonas Madsen,Gudrunsvej 12,2026-11-04\n',
    );
    const parsed = parseResidentFile(content, 'x.csv');
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.errors).toEqual([
      { line: 3, reason: 'anførselstegn lukkes ikke / unclosed quote' },
    ]);
  });
});

describe('parseResidentFile: headers', () => {
  it('when headers are English, upper-case or without æøå, then they are recognised', () => {
    const content = Buffer.from(
      'NAME,Street,House number,Floor,Door,Stairwell,Move-in date,Languages,BESOEG IKKE\n' +
        'Kasper Andersen,Gudrunsvej,14,st,th,14,2026-11-20,da,x\n',
    );
    const { rows, errors } = parseResidentFile(content, 'en.csv');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        names: ['Kasper Andersen'],
        address: 'Gudrunsvej 14',
        unit: 'st. th',
        stairwell: '14',
        moveInDate: '2026-11-20',
        languageHints: ['da'],
        doNotVisit: true,
      },
    ]);
  });

  it('when a title line sits above the header, then the header is still found', () => {
    const content = Buffer.from(
      'Tilflytterliste november 2026;;\nnavn;adresse;indflytningsdato\nJonas Madsen;Gudrunsvej 10;08-11-2026\n',
    );
    const { rows, errors } = parseResidentFile(content, 'x.csv');
    expect(errors).toEqual([]);
    expect(rows).toMatchObject([{ line: 3, names: ['Jonas Madsen'] }]);
  });

  it('when a required column is missing, then line 1 says which and no row is read', () => {
    const content = Buffer.from('navn;lejlighed\nJonas Madsen;3. tv\n');
    const { rows, errors } = parseResidentFile(content, 'x.csv');
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 1, reason: "mangler kolonnen 'adresse' / missing column 'address'" },
      { line: 1, reason: "mangler kolonnen 'indflytningsdato' / missing column 'move-in date'" },
    ]);
  });

  it('when the file is a spreadsheet or empty, then a UserError', () => {
    expect(() => parseResidentFile(Buffer.from('PK\u0003\u0004rest'), 'liste.xlsx')).toThrow(/CSV/);
    expect(() => parseResidentFile(Buffer.from('  \n'), 'tom.csv')).toThrow(
      expect.objectContaining({ name: 'UserError', code: 'IMPORT_FAILED' }),
    );
  });
});

describe('parseNames', () => {
  it('when names are joined by og, &, comma or lines, then each person is one name', () => {
    expect(parseNames('Ove og Else Christensen')).toEqual(['Ove Christensen', 'Else Christensen']);
    expect(parseNames('Mehmet & Ayse Yilmaz')).toEqual(['Mehmet Yilmaz', 'Ayse Yilmaz']);
    expect(parseNames('Sara Holm, Mikkel Berg')).toEqual(['Sara Holm', 'Mikkel Berg']);
    expect(parseNames('Peter Kristensen\nLene Kristensen')).toEqual([
      'Peter Kristensen',
      'Lene Kristensen',
    ]);
  });

  it('when first names stand alone with no surname anywhere, then they stay as written', () => {
    expect(parseNames('Ove og Else')).toEqual(['Ove', 'Else']);
    expect(parseNames('  ')).toEqual([]);
  });

  it('when a name merely contains "og", then it is not split', () => {
    expect(parseNames('Jógvan Ogmundsen')).toEqual(['Jógvan Ogmundsen']);
  });
});
