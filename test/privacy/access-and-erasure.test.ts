import { consoleIdentity } from '../../adapters/console/platform.js';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPrivacyCommands } from '../../adapters/cli/commands/privacy.js';
import { erasePerson, eraseResident } from '../../src/privacy/erase-subject.js';
import { exportPerson, exportResident } from '../../src/privacy/subject-export.js';
import { Chat, said } from '../support/conversation.js';
import { runCli, useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';
import { REDIS_URL, uniquePrefix } from '../jobs/support/jobs-harness.js';
import { uniqueHandle } from './support/privacy-harness.js';

const db = useTestDatabase();
const nabo = (...args: string[]) => runCli(db, [registerPrivacyCommands], args);
const cli = { platform: 'cli' as const };

const NOTE = 'vil gerne med i madklubben';
const OVE = { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' };
const PERSONAL = /\bOve\b|Christensen|Gudrunsvej|madklubben/;

// The CLI reads REDIS_URL and the queue prefix from the environment, as in production.
const prefix = uniquePrefix('privacy');
let redis: Redis;
const queues: Queue[] = [];
beforeAll(() => {
  process.env.REDIS_URL = REDIS_URL;
  process.env.NABO_QUEUE_PREFIX = prefix;
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  for (const queue of queues) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await redis.quit();
  delete process.env.NABO_QUEUE_PREFIX;
});

function queue(name: string): Queue {
  const created = new Queue(name, { connection: redis, prefix });
  queues.push(created);
  return created;
}

/** An ambassador who met Ove, wrote a note, and looked at the list in chat. */
async function visitedHousehold() {
  const estate = await createEstate(db());
  const handle = uniqueHandle();
  const ambassador = await estate.ambassador('Birgit Sørensen', handle);
  const [resident] = await estate.assign(ambassador, [OVE]);
  const chat = new Chat(db(), consoleIdentity(handle));
  await chat.write('mine besøg');
  await chat.write(`ikke hjemme, ${NOTE}`);
  const [visit] = await db().privacy.visitFactsOfResident(resident!.id);
  return { estate, ambassador, resident: resident!, visitId: visit!.id, chat };
}

describe('access request for a household', () => {
  it('when a household is exported, then its record, visits with notes and who looked it up are in it', async () => {
    const { ambassador, resident, visitId } = await visitedHousehold();

    const exported = await exportResident(db(), resident.id, cli, new Date());

    expect(exported.record).toMatchObject({ id: resident.id, names: ['Ove Christensen'] });
    const visits = exported.related.find((found) => found.collection === 'Visit');
    expect(visits?.documents).toHaveLength(1);
    expect(JSON.stringify(visits)).toContain(NOTE);
    const actions = exported.auditTrail.map((event) => [event.action, event.actorId ?? null]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['visits.listed', ambassador.id],
        ['visit.reported', ambassador.id],
        ['resident.exported', null],
      ]),
    );
    expect(exported.auditTrail.find((event) => event.action === 'visit.reported')).toMatchObject({
      platform: 'console',
      subjectId: resident.id,
      details: { visitId },
    });
  });

  it('when an unknown household is exported, then a NOT_FOUND user error', async () => {
    await expect(
      exportResident(db(), '0123456789abcdef01234567', cli, new Date()),
    ).rejects.toMatchObject({
      name: 'UserError',
      code: 'NOT_FOUND',
    });
  });
});

describe('erasure of a household', () => {
  it('when a household is exported, erased and exported again, then the second export holds no personal data', async () => {
    const { estate, resident, visitId } = await visitedHousehold();
    expect(JSON.stringify(await exportResident(db(), resident.id, cli, new Date()))).toMatch(
      PERSONAL,
    );

    const erased = await eraseResident(db(), resident.id, cli, new Date());

    expect(erased).toMatchObject({
      erased: true,
      householdBlanked: true,
      notesDeleted: 1,
      openVisitsClosed: 1,
    });
    const again = JSON.stringify(await exportResident(db(), resident.id, cli, new Date()));
    expect(again).not.toMatch(PERSONAL);
    expect(again).toContain('resident.erasure_requested');
    const visit = await db().visits.findById(visitId);
    expect(visit).toMatchObject({ status: 'closed', closingReason: 'erased', note: null });
    expect(await db().residents.listUnassigned(estate.area.id)).toEqual([]);
  });

  it('when the same household is erased twice, then the second time there is nothing to erase', async () => {
    const { resident } = await visitedHousehold();
    await eraseResident(db(), resident.id, cli, new Date());

    const second = await eraseResident(db(), resident.id, cli, new Date());

    expect(second).toMatchObject({ erased: false, notesDeleted: 0, openVisitsClosed: 0 });
    const requests = (await db().auditEvents.listForSubject('resident', resident.id)).filter(
      (event) => event.action === 'resident.erasure_requested',
    );
    expect(requests.map((event) => event.details.erased)).toEqual([true, false]);
  });

  it('when a half-finished report mentions the household, then that conversation state goes too', async () => {
    const { estate, resident, chat } = await visitedHousehold();
    const ambassador = await estate.ambassador('Aisha Khan', uniqueHandle());
    await db().conversationStates.save({
      personId: ambassador.id,
      conversationKey: 'console:aisha',
      flow: 'report',
      step: 'outcome',
      data: { pending: { visitId: 'x', residentHint: resident.id, note: NOTE } },
      ttlSeconds: 3600,
    });

    const erased = await eraseResident(db(), resident.id, cli, new Date());

    // Hers. Birgit's memory of her report rides on the visit's attempt, which the erasure closes:
    // her "fortryd" finds nothing to take back.
    expect(erased.conversationStatesDeleted).toBe(1);
    expect(await db().conversationStates.get(ambassador.id, 'console:aisha')).toBeNull();
    expect(said(await chat.write('fortryd'))).toContain('ikke noget at fortryde');
  });
});

describe('nabo erase / nabo export (CLI, MongoDB and Redis)', () => {
  it('when a household is erased, then its waiting, delayed and finished jobs are gone and other jobs stay', async () => {
    const { resident, visitId } = await visitedHousehold();
    const schedule = queue('schedule');
    const other = '0123456789abcdef01234567';
    await schedule.add(
      'revisit',
      { kind: 'revisit', visitId, revisitDate: '2026-12-01' },
      { jobId: `revisit-${visitId}-2026-12-01`, delay: 3_600_000 },
    );
    await schedule.add(
      'revisit',
      { kind: 'revisit', visitId: other, revisitDate: '2026-12-01' },
      { jobId: `revisit-${other}-2026-12-01`, delay: 3_600_000 },
    );
    const sends = queue('send-console');
    await sends.add('nudge', { kind: 'first-attempt-nudge', visitId, personId: other });
    const finished = queue('done-test');
    await finished.add('x', { residentId: resident.id });
    const worker = new Worker(finished.name, async () => 'ok', { connection: redis, prefix });
    await waitUntil(async () => (await finished.getCompletedCount()) === 1);
    await worker.close();

    const run = await nabo('erase', 'resident', resident.id);

    expect(run.error).toBeUndefined();
    expect(run.lines[0]).toMatch(
      /^Erased resident [0-9a-f]{24}: personal fields blanked, 1 notes deleted, 1 open visits closed, 0 conversation states and 3 queued jobs removed\.$/,
    );
    expect(run.closed).toBe(run.opened);
    expect(await schedule.getJob(`revisit-${visitId}-2026-12-01`)).toBeUndefined();
    expect(await schedule.getJob(`revisit-${other}-2026-12-01`)).toBeDefined();
    expect(await sends.getJobCounts()).toMatchObject({ waiting: 0 });
    expect(await finished.getCompletedCount()).toBe(0);
    const leftovers = await redis.keys(`${prefix}:*${visitId}*`);
    expect(leftovers).toEqual([]);

    const again = await nabo('erase', 'resident', resident.id);

    expect(again.error).toBeUndefined();
    expect(again.lines).toEqual([
      `Nothing to erase for resident ${resident.id}: it is already erased.`,
    ]);
  });

  it('when a household id is unknown, then a user error (exit 1)', async () => {
    const run = await nabo('erase', 'resident', '0123456789abcdef01234567');
    expect(run.error).toMatchObject({ name: 'UserError', code: 'NOT_FOUND' });
  });

  it('when exported with --out, then the file is JSON readable by its owner only', async () => {
    const { resident } = await visitedHousehold();
    const file = join(await mkdtemp(join(tmpdir(), 'nabo-export-')), 'ove.json');

    const run = await nabo('export', 'resident', resident.id, '--out', file);

    expect(run.error).toBeUndefined();
    expect(run.lines[0]).toContain(`Wrote the export of resident ${resident.id} to ${file}`);
    const content = JSON.parse(await readFile(file, 'utf8')) as { record: { names: string[] } };
    expect(content.record.names).toEqual(['Ove Christensen']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('access and erasure for a person', () => {
  it("when an ambassador is exported, then their record, links, check-ins and their actions are in it, but not the residents' notes", async () => {
    const { estate, ambassador, visitId } = await visitedHousehold();
    await db().conversationLinks.upsert({
      personId: ambassador.id,
      platform: 'slack',
      address: { channel: 'D1' },
    });
    await db().checkIns.create({
      personId: ambassador.id,
      areaId: estate.area.id,
      due: new Date(),
    });

    const exported = await exportPerson(db(), ambassador.id, cli, new Date());

    expect(exported.record).toMatchObject({ name: 'Birgit Sørensen' });
    expect(exported.related.map((found) => found.collection).sort()).toEqual(
      expect.arrayContaining(['CheckIn', 'ConversationLink']),
    );
    expect(exported.references).toContainEqual({
      collection: 'Visit',
      id: visitId,
      fields: expect.arrayContaining(['ambassadorId']),
    });
    expect(exported.actionsByThem.map((event) => event.action)).toContain('visit.reported');
    expect(JSON.stringify(exported)).not.toMatch(PERSONAL);
  });

  it('when an ambassador with open visits is erased, then it refuses unless told to close them', async () => {
    const { ambassador } = await visitedHousehold();
    await expect(erasePerson(db(), ambassador.id, cli)).rejects.toMatchObject({ code: 'CONFLICT' });

    const run = await nabo('erase', 'person', ambassador.id, '--close-open-visits');

    expect(run.error).toBeUndefined();
    expect(run.lines[0]).toContain(`Erased person ${ambassador.id}: record deleted`);
    expect(await db().people.findById(ambassador.id)).toBeNull();
  });

  it('when a person is erased, then their send jobs go, the export is empty and a second erasure finds nothing', async () => {
    const estate = await createEstate(db());
    const handle = uniqueHandle();
    const person = await estate.ambassador('Karim Haddad', handle);
    await db().conversationLinks.upsert({
      personId: person.id,
      platform: 'console',
      address: { handle },
    });
    await db().conversationStates.save({
      personId: person.id,
      conversationKey: `console:${handle}`,
      flow: 'menu',
      step: 'x',
      ttlSeconds: 60,
    });
    const sends = queue('send-slack');
    await sends.add(
      'assignment',
      { kind: 'assignment', areaId: estate.area.id, month: '2026-12', personId: person.id },
      { jobId: `assign-${estate.area.key}-2026-12-${person.id}`, delay: 60_000 },
    );

    const run = await nabo('erase', 'person', person.id);

    expect(run.error).toBeUndefined();
    expect(run.lines[0]).toBe(
      `Erased person ${person.id}: record deleted, 1 conversation links, 1 conversation states, 0 check-ins, 0 send records, 0 event invitations, 0 open visits closed, 1 queued jobs removed.`,
    );
    expect(await sends.getJob(`assign-${estate.area.key}-2026-12-${person.id}`)).toBeUndefined();
    expect(await db().people.findByIdentity(consoleIdentity(handle))).toBeNull();
    const exported = await exportPerson(db(), person.id, cli, new Date());
    expect(exported.record).toBeNull();
    expect(exported.related).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain('Karim');

    const again = await nabo('erase', 'person', person.id);
    expect(again.error).toBeUndefined();
    expect(again.lines).toEqual([
      `Nothing to erase for person ${person.id}: it is already erased.`,
    ]);
  });

  it('when a person id was never known, then NOT_FOUND', async () => {
    const run = await nabo('erase', 'person', 'fedcba9876543210fedcba98');
    expect(run.error).toMatchObject({ name: 'UserError', code: 'NOT_FOUND' });
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('follow-ups of an erased household', () => {
  it('when a household with a follow-up is erased, then the follow-up goes with it', async () => {
    const { estate, ambassador, resident, visitId } = await visitedHousehold();
    await db().followUps.create({
      areaId: estate.area.id,
      visitId,
      kind: 'interest',
      topic: 'Madklub',
      createdBy: ambassador.id,
    });
    expect(await db().followUps.listOpen(estate.area.id)).toHaveLength(1);

    await eraseResident(db(), resident.id, cli, new Date());

    expect(await db().followUps.listOpen(estate.area.id)).toEqual([]);
  });
});
