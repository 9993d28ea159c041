import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerResidentsCommands } from '../../adapters/cli/commands/residents.js';
import { runCli, useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/residents/${name}`, import.meta.url));

const nabo = (...args: string[]) => runCli(db, [registerResidentsCommands], args);

beforeAll(async () => {
  await db().areas.create({ key: 'gellerup', name: 'Gellerup' });
  await db().areas.create({ key: 'loeget', name: 'Løget' });
});

describe('nabo residents import', () => {
  it('when a clean list is imported, then it reports the count and closes the database', async () => {
    const run = await nabo(
      'residents',
      'import',
      fixturePath('tilflyttere-2026-11.csv'),
      '--area',
      'gellerup',
    );
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([
      'Imported 10 households, skipped 0 already known, 0 rows with errors.',
    ]);
    expect(run.closed).toBe(run.opened);
  });

  it('when the same list is imported again, then everything is skipped as known', async () => {
    const run = await nabo(
      'residents',
      'import',
      fixturePath('tilflyttere-2026-11-excel.csv'),
      '--area',
      'gellerup',
    );
    expect(run.error).toBeUndefined();
    expect(run.lines[0]).toBe(
      'Imported 0 households, skipped 10 already known, 0 rows with errors.',
    );
  });

  it('when some rows are bad, then each is printed with its line and the exit is still 0', async () => {
    // Another area: the good rows are households the clean list already brought to Gellerup.
    const run = await nabo(
      'residents',
      'import',
      fixturePath('tilflyttere-med-fejl.csv'),
      '--area',
      'loeget',
    );
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([
      'Imported 3 households, skipped 0 already known, 5 rows with errors:',
      '  line 3: mangler adresse / missing address',
      "  line 4: ugyldig dato '31-02-2026' / invalid date '31-02-2026'",
      '  line 6: mangler navn / missing name',
      '  line 9: mangler indflytningsdato / missing move-in date',
      "  line 11: mangler adresse / missing address; ugyldig dato '2026-13-01' / invalid date '2026-13-01'",
    ]);
  });

  it('when every row fails, then the errors are printed and a UserError (exit 1) follows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabo-residents-'));
    const file = join(dir, 'alle-fejl.csv');
    writeFileSync(file, 'navn;adresse;indflytning\nJonas Madsen;;2026-11-08\n;Gudrunsvej 1;x\n');
    const run = await nabo('residents', 'import', file, '--area', 'gellerup');
    expect(run.lines[0]).toBe(
      'Imported 0 households, skipped 0 already known, 2 rows with errors:',
    );
    expect(run.lines).toHaveLength(3);
    expect(run.error).toMatchObject({ name: 'UserError', code: 'IMPORT_FAILED', userFacing: true });
    expect(run.closed).toBe(run.opened);
  });

  it('when the file cannot be read, then a UserError and no database is opened', async () => {
    const run = await nabo('residents', 'import', '/nonexistent/list.csv', '--area', 'gellerup');
    expect(run.error).toMatchObject({ name: 'UserError', code: 'IMPORT_FAILED' });
    expect((run.error as Error).message).toContain('ENOENT');
    expect(run.opened).toBe(0);
  });

  it('when the file is a spreadsheet, then a UserError and the database is closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabo-residents-'));
    const file = join(dir, 'liste.xlsx');
    writeFileSync(file, Buffer.from('PK\u0003\u0004 not really a spreadsheet'));
    const run = await nabo('residents', 'import', file, '--area', 'gellerup');
    expect(run.error).toMatchObject({ name: 'UserError', code: 'IMPORT_FAILED' });
    expect(run.closed).toBe(run.opened);
  });

  it('when the area is unknown, then a UserError naming it', async () => {
    const run = await nabo(
      'residents',
      'import',
      fixturePath('tilflyttere-2026-11.csv'),
      '--area',
      'nowhere',
    );
    expect(run.error).toMatchObject({ name: 'UserError', message: "Unknown area 'nowhere'" });
    expect(run.closed).toBe(run.opened);
  });

  it('when --area is missing, then commander refuses before anything runs', async () => {
    const run = await nabo('residents', 'import', fixturePath('tilflyttere-2026-11.csv'));
    expect(run.error).toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
    expect(run.opened).toBe(0);
  });
});
