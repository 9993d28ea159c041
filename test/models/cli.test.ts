import { consoleIdentity } from '../../adapters/console/platform.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerAreaCommands } from '../../adapters/cli/commands/area.js';
import { registerPersonCommands } from '../../adapters/cli/commands/person.js';
import { registerVisitsCommands } from '../../adapters/cli/commands/visits.js';
import { runCli, useTestDatabase } from '../support/database.js';

const db = useTestDatabase();
const nabo = (...args: string[]) =>
  runCli(db, [registerAreaCommands, registerPersonCommands, registerVisitsCommands], args);

describe('nabo area create', () => {
  it('when an area is created, then it is stored and confirmed in one line', async () => {
    const run = await nabo('area', 'create', 'gellerup', '--name', 'Gellerupparken');
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual(['Created area gellerup (Gellerupparken, Europe/Copenhagen)']);
    expect(run.closed).toBe(1);
    expect((await db().areas.findByKey('gellerup'))?.name).toBe('Gellerupparken');
  });

  it('when the key is taken, then a UserError (exit 1) and the connection is closed', async () => {
    const run = await nabo('area', 'create', 'gellerup', '--name', 'Again');
    expect(run.error).toMatchObject({ name: 'UserError', code: 'ALREADY_EXISTS' });
    expect(run.closed).toBe(run.opened);
  });

  it('when the time zone is unknown, then a UserError', async () => {
    const run = await nabo(
      'area',
      'create',
      'trige',
      '--name',
      'Trige',
      '--time-zone',
      'Europe/Aarhus',
    );
    expect(run.error).toMatchObject({ name: 'UserError', code: 'INVALID_INPUT' });
  });

  it('when --name is missing, then commander refuses', async () => {
    const run = await nabo('area', 'create', 'trige');
    expect(run.error).toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
    expect(run.opened).toBe(0);
  });
});

describe('nabo person add', () => {
  it('when an ambassador is added with every option, then all of it is stored', async () => {
    const run = await nabo(
      'person',
      'add',
      '--area',
      'gellerup',
      '--name',
      'Birgit Sørensen',
      '--role',
      'ambassador',
      '--languages',
      'da,ar',
      '--block',
      'B4',
      '--stairwell',
      '10',
      '--capacity',
      '3',
      '--slack',
      'T1:U1',
      '--teams',
      'tenant-1:aad-1',
      '--console',
      'Birgit',
      '--locale',
      'en',
    );
    expect(run.error).toBeUndefined();
    expect(run.lines[0]).toMatch(
      /^Added Birgit Sørensen as ambassador in gellerup \(id [0-9a-f]{24}\)$/,
    );
    const birgit = await db().people.findByIdentity(consoleIdentity('birgit'));
    expect(birgit).toMatchObject({
      name: 'Birgit Sørensen',
      languages: ['da', 'ar'],
      block: 'B4',
      stairwell: '10',
      monthlyCapacity: 3,
      locale: 'en',
      identities: [
        { platform: 'slack', workspaceId: 'T1', userId: 'U1' },
        { platform: 'teams', workspaceId: 'tenant-1', userId: 'aad-1' },
        consoleIdentity('birgit'),
      ],
    });
    expect(run.closed).toBe(1);
  });

  it('when a coordinator is added with defaults, then capacity 4 and Danish', async () => {
    const run = await nabo(
      'person',
      'add',
      '--area',
      'gellerup',
      '--name',
      'Mette Holm',
      '--role',
      'coordinator',
    );
    expect(run.error).toBeUndefined();
    const [mette] = await db().people.listByArea(
      (await db().areas.findByKey('gellerup'))!.id,
      'coordinator',
    );
    expect(mette).toMatchObject({ name: 'Mette Holm', monthlyCapacity: 4, locale: 'da' });
  });

  it('when the console handle is taken, then a UserError', async () => {
    const run = await nabo(
      'person',
      'add',
      '--area',
      'gellerup',
      '--name',
      'B',
      '--role',
      'ambassador',
      '--console',
      'BIRGIT',
    );
    expect(run.error).toMatchObject({ name: 'UserError', code: 'ALREADY_EXISTS' });
    expect(run.closed).toBe(run.opened);
  });

  it('when the area is unknown, then a UserError naming it', async () => {
    const run = await nabo(
      'person',
      'add',
      '--area',
      'nowhere',
      '--name',
      'X',
      '--role',
      'ambassador',
    );
    expect(run.error).toMatchObject({ name: 'UserError', message: "Unknown area 'nowhere'" });
    expect(run.closed).toBe(run.opened);
  });

  it('when role, capacity or Slack id are malformed, then commander refuses before the database', async () => {
    const base = ['person', 'add', '--area', 'gellerup', '--name', 'X'];
    for (const extra of [
      ['--role', 'boss'],
      ['--role', 'ambassador', '--capacity', 'four'],
      ['--role', 'ambassador', '--slack', 'U1'],
      ['--role', 'ambassador', '--locale', 'sv'],
    ]) {
      const run = await nabo(...base, ...extra);
      expect(run.error).toMatchObject({ name: 'CommanderError' });
      expect(run.opened).toBe(0);
    }
  });

  it('when a language is not an ISO code, then a UserError', async () => {
    const run = await nabo(
      'person',
      'add',
      '--area',
      'gellerup',
      '--name',
      'X',
      '--role',
      'ambassador',
      '--languages',
      'dansk',
    );
    expect(run.error).toMatchObject({ name: 'UserError', code: 'INVALID_INPUT' });
  });
});

describe('nabo visits list', () => {
  beforeAll(async () => {
    const area = (await db().areas.findByKey('gellerup'))!;
    const birgit = (await db().people.findByIdentity(consoleIdentity('birgit')))!;
    await db().residents.importMany(area.id, [
      {
        names: ['Ove Christensen', 'Else Christensen'],
        address: 'Gudrunsvej 10',
        unit: '1. th',
        moveInDate: '2026-11-03',
        source: { list: 't', row: 2 },
      },
      {
        names: ['Jonas Madsen'],
        address: 'Gudrunsvej 10',
        unit: '3. tv',
        moveInDate: '2026-11-08',
        source: { list: 't', row: 3 },
      },
    ]);
    const [ove, jonas] = await db().residents.listUnassigned(area.id);
    const first = await db().visits.open(ove!.id, birgit.id, '2026-11');
    await db().visits.recordAttempt(first.id, { outcome: 'met', folderLeft: true });
    await db().visits.close(first.id, 'met');
    await db().visits.open(jonas!.id, birgit.id, '2026-12');
    await db().areas.create({ key: 'trige', name: 'Trige' });
  });

  it('when visits exist, then one line each with area, month, status, door, names and ambassador', async () => {
    const run = await nabo('visits', 'list');
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([
      'gellerup  2026-11  closed (met)  Gudrunsvej 10, 1. th  Ove Christensen & Else Christensen  → Birgit Sørensen  1 attempt, last met',
      'gellerup  2026-12  open  Gudrunsvej 10, 3. tv  Jonas Madsen  → Birgit Sørensen  no attempts',
    ]);
    expect(run.closed).toBe(1);
    const gellerup = (await db().areas.findByKey('gellerup'))!;
    const [listed] = await db().visits.listByArea(gellerup.id);
    const trail = await db().auditEvents.listForSubject('resident', listed!.residentId);
    expect(trail).toContainEqual(
      expect.objectContaining({ action: 'visits.listed', platform: 'cli' }),
    );
  });

  it('when filtered by status and asked for JSON, then only those visits as JSON', async () => {
    const run = await nabo('visits', 'list', '--area', 'gellerup', '--status', 'open', '--json');
    expect(run.error).toBeUndefined();
    const listed = JSON.parse(run.lines.join('\n')) as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      areaKey: 'gellerup',
      assignmentMonth: '2026-12',
      status: 'open',
      ambassadorName: 'Birgit Sørensen',
      resident: { names: ['Jonas Madsen'], moveInDate: '2026-11-08T00:00:00.000Z' },
    });
  });

  it('when an area has no visits, then it says so', async () => {
    const run = await nabo('visits', 'list', '--area', 'trige');
    expect(run.lines).toEqual(['No visits.']);
  });

  it('when the area is unknown or the status invalid, then the user is told', async () => {
    const unknown = await nabo('visits', 'list', '--area', 'nowhere');
    expect(unknown.error).toMatchObject({ name: 'UserError', code: 'NOT_FOUND' });
    expect(unknown.closed).toBe(unknown.opened);
    const badStatus = await nabo('visits', 'list', '--status', 'pending');
    expect(badStatus.error).toMatchObject({ code: 'commander.invalidArgument' });
  });
});
