import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingJobIds } from '../../jobs/meetings/index.js';
import type { Meeting, Person } from '../../models/types.js';
import { said, textOf } from '../support/conversation.js';
import { fixedClock } from '../../kernel/clock.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate, type TestEstate } from '../support/estate.js';
import { startHarness, type Harness, type MeetingChat } from './support/meeting-harness.js';

/**
 * Running the network meeting: the current item and its timebox, the warning at 80 % and at the
 * end (delayed BullMQ jobs, promoted here), "næste", notes, action items, and the summary.
 * The meeting starts Saturday 12 December 2026, 17:00 in Copenhagen.
 */
const START = '2026-12-12T17:00:00+01:00';
// The store stamps its records on the harness's clock, so createdAt and "now" agree.
const clock = fixedClock(START);
const db = useTestDatabase({ now: () => clock.now() });
const MINUTE = 60_000;

let harness: Harness;
let estate: TestEstate;
let mette: Person;
let birgit: Person;
let coordinator: MeetingChat;
let handles = 0;

beforeEach(async () => {
  clock.set(START);
  harness = await startHarness(db(), clock);
  estate = await createEstate(db());
  handles += 1;
  mette = await estate.coordinator('Mette Sørensen', `mette-run-${handles}`);
  birgit = await estate.ambassador('Birgit Holm', `birgit-run-${handles}`);
  coordinator = harness.chat(mette);
  await coordinator.write(
    'Netværksmøde 12/12 kl 17: Velkommen 5 min; Erfaringer fra besøg 20 min; Evt. 10 min',
  );
  await coordinator.press('Gem dagsorden');
});

afterEach(async () => {
  await harness.close();
});

async function theMeeting(): Promise<Meeting> {
  const [meeting] = await db().meetings.listByArea(estate.area.id);
  if (!meeting) throw new Error('no meeting');
  return meeting;
}

function lastSaid(): string {
  return coordinator.transcript().at(-1) ?? '';
}

describe('running the network meeting', () => {
  it('when the meeting runs item by item, then the timers warn on time and the summary adds up', async () => {
    const started = said(await coordinator.write('start møde'));
    expect(started).toContain('Netværksmøde er i gang: 3 punkter, 35 min.');
    expect(started).toContain('Punkt 1/3: Velkommen — 5 min (til 17:05)');
    const meeting = await theMeeting();
    expect(meeting).toMatchObject({ status: 'running', currentItem: 0, runBy: mette.id });

    // The 80 % warning falls 4 minutes into the 5-minute item; the end at 5 minutes.
    const warn = await harness.jobs.queue.getJob(meetingJobIds.itemTimer(meeting.id, 0, 'warn80'));
    const end = await harness.jobs.queue.getJob(meetingJobIds.itemTimer(meeting.id, 0, 'end'));
    expect(warn?.opts.delay).toBe(4 * MINUTE);
    expect(end?.opts.delay).toBe(5 * MINUTE);

    harness.clock.advance(4 * MINUTE);
    await harness.run(meetingJobIds.itemTimer(meeting.id, 0, 'warn80'));
    expect(lastSaid()).toBe('⏳ 1 min tilbage af «Velkommen».');
    // The timer spoke in the coordinator's own conversation.
    expect(harness.delivered.at(-1)?.to.conversation?.key).toBe(
      coordinator.adapter.sent[0]?.conversation.key,
    );

    harness.clock.advance(2 * MINUTE);
    await harness.run(meetingJobIds.itemTimer(meeting.id, 0, 'end'));
    expect(lastSaid()).toBe(
      '⏰ Tiden for «Velkommen» (5 min) er gået. Skriv «næste» for at gå videre.',
    );

    expect(said(await coordinator.write('note: Alle præsenterede sig'))).toContain(
      'Noteret under «Velkommen»',
    );
    expect(said(await coordinator.write('næste'))).toContain(
      'Punkt 2/3: Erfaringer fra besøg — 20 min (til 17:26)',
    );
    expect((await theMeeting()).items[0]).toMatchObject({ status: 'done', actualMinutes: 6 });

    expect(
      said(await coordinator.write('aktion: Birgit ringer til varmemesteren – fredag')),
    ).toContain('Aktion 1: Birgit ringer til varmemesteren — Birgit, senest');
    const action = (await theMeeting()).actionItems[0];
    expect(action).toMatchObject({
      text: 'Birgit ringer til varmemesteren',
      owner: birgit.id,
      done: false,
    });
    expect(action?.due?.toISOString()).toBe('2026-12-18T00:00:00.000Z');

    // Re-timing the item under way moves its timers.
    await coordinator.write('punkt 2 25 min');
    const retimed = await harness.jobs.queue.getJob(meetingJobIds.itemTimer(meeting.id, 1, 'end'));
    expect(retimed?.data).toMatchObject({ kind: 'item-timer', timeboxMinutes: 25 });

    harness.clock.advance(22 * MINUTE);
    expect(said(await coordinator.press('Næste punkt'))).toContain('Punkt 3/3: Evt. — 10 min');
    harness.clock.advance(13 * MINUTE);
    const summary = said(await coordinator.write('næste'));
    expect(summary).toContain('Netværksmøde er slut. Tid pr. punkt (planlagt → brugt):');
    expect(summary).toContain('1. Velkommen: 5 → 6 min (+1)');
    expect(summary).toContain('2. Erfaringer fra besøg: 25 → 22 min (-3)');
    expect(summary).toContain('3. Evt.: 10 → 13 min (+3)');
    expect(summary).toContain(
      'I alt: planlagt 40 min, brugt 41 min (+1 min på de punkter, I nåede).',
    );
    expect(summary).toContain('• Velkommen: Alle præsenterede sig');
    expect(summary).toContain('1. Birgit ringer til varmemesteren — Birgit, senest');

    const finished = await theMeeting();
    expect(finished.status).toBe('finished');
    expect(finished.items.map((item) => item.actualMinutes)).toEqual([6, 22, 13]);
    expect((await harness.delayedIds()).filter((id) => id.includes(meeting.id))).toEqual([]);
  });

  it('when a timer fires for an item the meeting has left, then it does nothing', async () => {
    await coordinator.write('start møde');
    const meeting = await theMeeting();
    const firstStarted = meeting.items[0]?.startedAt?.toISOString() ?? '';
    harness.clock.advance(2 * MINUTE);
    await coordinator.write('næste');
    const before = harness.delivered.length;

    await harness.jobs.queue.add(
      'item-timer',
      {
        kind: 'item-timer',
        meetingId: meeting.id,
        itemIndex: 0,
        timer: 'end',
        startedAt: firstStarted,
        timeboxMinutes: 5,
      },
      { jobId: 'late-timer', delay: 60 * MINUTE },
    );
    await harness.run('late-timer');
    expect(harness.delivered.length).toBe(before);
  });

  it('when the coordinator ends early, then items not reached are shown as such', async () => {
    await coordinator.write('start møde');
    harness.clock.advance(3 * MINUTE);
    const summary = said(await coordinator.write('slut møde'));
    expect(summary).toContain('1. Velkommen: 5 → 3 min (-2)');
    expect(summary).toContain('2. Erfaringer fra besøg: 20 min → ikke nået');
    expect(summary).toContain(
      'I alt: planlagt 35 min, brugt 3 min (-2 min på de punkter, I nåede).',
    );
    expect(summary).toContain('Ingen aktioner.');
    expect(said(await coordinator.write('næste'))).toContain('Der er ikke noget møde i gang');
  });

  it('when Redis loses the timers, then the reconcile rebuilds them from MongoDB', async () => {
    await coordinator.write('start møde');
    const meeting = await theMeeting();
    await harness.jobs.queue.obliterate({ force: true });
    expect(await harness.delayedIds()).toEqual([]);
    await harness.jobs.reconcile();
    expect(await harness.delayedIds()).toEqual(
      expect.arrayContaining([
        meetingJobIds.itemTimer(meeting.id, 0, 'warn80'),
        meetingJobIds.itemTimer(meeting.id, 0, 'end'),
      ]),
    );
  });

  it('when open action items remain, then they come onto the next agenda until marked done', async () => {
    await coordinator.write('start møde');
    await coordinator.write('aktion: Find en dato for kurset');
    await coordinator.write('slut møde');

    const next = said(
      await coordinator.write('Netværksmøde 16/1 kl 17: Velkommen 5 min; Opfølgning 15 min'),
    );
    expect(next).toContain('Åbne aktioner fra sidste møde:');
    expect(next).toContain('1. Find en dato for kurset — ingen ansvarlig');
    expect(said(await coordinator.write('aktion 1 klar'))).toContain('Aktion 1 er klar.');
    expect(said(await coordinator.write('dagsorden'))).not.toContain('Find en dato for kurset');
  });

  it('when an ambassador writes "start møde" or "næste", then no meeting moves', async () => {
    const ambassador = harness.chat(birgit);
    await ambassador.write('start møde');
    await ambassador.write('næste');
    expect((await theMeeting()).status).toBe('planned');
    expect(harness.deliveredTo(mette).map(textOf)).toEqual([]);
  });
});
