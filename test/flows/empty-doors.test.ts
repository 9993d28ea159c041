import { consoleIdentity } from '../../adapters/console/platform.js';
import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../src/core/outbound.js';
import { botWithNotifier, messageEvent, RecordingNotifier } from '../corps/support/chat-extras.js';
import { textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();
let handles = 0;

/** Birgit has six households; before today she found nobody home at `emptyBefore` of them. */
async function ambassadorWithEmptyDoors(emptyBefore: number) {
  const estate = await createEstate(db());
  const mette = await estate.coordinator('Mette Holm', `mette-doors-${++handles}`);
  const handle = `birgit-doors-${handles}`;
  const birgit = await estate.ambassador('Birgit Sørensen', handle);
  const residents = await estate.assign(
    birgit,
    [
      'Ove Christensen',
      'Fatima Al-Sayed',
      'Jens Kløvermark',
      'Sofie Gudrunsen',
      'Mads Holm',
      'Aisha Thorsager',
    ].map((name, index) => ({ names: [name], address: `Gudrunsvej ${10 + 2 * index}` })),
  );
  const visits = await db().visits.listOpenForAmbassador(birgit.id);
  for (let index = 0; index < emptyBefore; index += 1) {
    const visit = visits.find((candidate) => candidate.residentId === residents[index]!.id)!;
    await db().visits.recordAttempt(visit.id, {
      at: new Date(`2026-11-2${index}T15:00:00Z`),
      outcome: 'not_home',
      folderLeft: true,
    });
  }
  return { mette, handle };
}

async function say(
  handle: string,
  notifier: RecordingNotifier,
  text: string,
): Promise<OutboundMessage[]> {
  const { bot, adapter } = botWithNotifier(db(), notifier);
  await bot.handle(messageEvent(consoleIdentity(handle), text));
  return adapter.sent.map((entry) => entry.message);
}

const reportEmptyDoor = (handle: string, notifier: RecordingNotifier) =>
  say(handle, notifier, 'Aisha Thorsager: ikke hjemme, lagde mappen');

describe('many empty doors in a row', () => {
  it('when the fifth empty door in a row is reported, then the coordinator is nudged to have a word, with no household named', async () => {
    const { mette, handle } = await ambassadorWithEmptyDoors(4);
    const notifier = new RecordingNotifier();

    const answered = await reportEmptyDoor(handle, notifier);

    expect(answered.map(textOf).join('\n')).toContain('Aisha');
    const nudges = notifier.sent.filter((sent) => sent.personId === mette.id);
    expect(nudges).toHaveLength(1);
    const text = textOf(nudges[0]!.message);
    expect(text).toContain('Birgit Sørensen har mødt en tom dør 5 gange i træk');
    expect(text).toContain('Overvej en snak');
    expect(text).not.toMatch(/\b(?:Aisha|Thorsager|Gudrunsvej|Ove|Fatima)\b/);
  });

  it('when it is only the fourth, then nobody is nudged', async () => {
    const { mette, handle } = await ambassadorWithEmptyDoors(3);
    const notifier = new RecordingNotifier();

    await reportEmptyDoor(handle, notifier);

    expect(notifier.sent.filter((sent) => sent.personId === mette.id)).toEqual([]);
  });

  it('when the fifth report is taken back with «fortryd» and given again, then the coordinator is still nudged only once', async () => {
    const { mette, handle } = await ambassadorWithEmptyDoors(4);
    const notifier = new RecordingNotifier();

    await reportEmptyDoor(handle, notifier);
    const undone = await say(handle, notifier, 'fortryd');
    expect(undone.map(textOf).join('\n')).toMatch(/fortrudt|taget tilbage|slettet/i);
    await reportEmptyDoor(handle, notifier);

    expect(notifier.sent.filter((sent) => sent.personId === mette.id)).toHaveLength(1);
  });
});
