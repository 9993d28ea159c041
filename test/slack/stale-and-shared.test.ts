import { describe, expect, it } from 'vitest';
import type { Person } from '../../models/types.js';
import { createEstate, type Household } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, visibleText } from './support/fake-slack-api.js';
import { TEAM, useSlackHarness } from './support/harness.js';
import { buttonPress, directChannelOf, directMessage } from './support/payloads.js';

const db = useTestDatabase();
const slack = useSlackHarness(db);

const CHRISTENSEN: Household = {
  names: ['Ove Christensen', 'Else Christensen'],
  address: 'Gudrunsvej 10',
  unit: '1. th',
  moveInDate: '2026-11-18',
};

let users = 0;

async function ambassadorWith(households: Household[]): Promise<{ person: Person; user: string }> {
  const estate = await createEstate(db());
  const user = `U${String(++users).padStart(4, '0')}STL`;
  const person = await estate.ambassador('Birgit Sørensen', {
    platform: 'slack',
    workspaceId: TEAM,
    userId: user,
  });
  await estate.assign(person, households);
  return { person, user };
}

/** "mine besøg" in the DM: the list with the household's buttons, as Slack received it. */
async function listedButton(user: string, label: string) {
  await slack.postEvent(directMessage(user, 'mine besøg'));
  const list = slack.api.callsTo('chat.postMessage').at(-1)!;
  const button = buttonsOf(list).find((candidate) => candidate.label === label)!;
  slack.api.reset();
  return button;
}

describe('buttons answer once (Slack, signed block_actions over HTTP)', () => {
  it('when the same "Ikke hjemme" is pressed twice on one message, then one attempt is recorded and the second press shows what is recorded', async () => {
    const { person, user } = await ambassadorWith([CHRISTENSEN]);
    const button = await listedButton(user, 'Ikke hjemme');
    const press = () =>
      buttonPress({
        user,
        channel: directChannelOf(user),
        messageTs: '1790000000.000001',
        actionId: button.actionId,
        value: button.value,
        label: button.label,
      });

    const first = await slack.postInteraction(press());
    slack.api.reset();
    // A second press on the same (stale) message: a new action_ts, so not a replay of the first.
    const second = await slack.postInteraction(press());

    expect([first.status, second.status]).toEqual([200, 200]);
    const visit = (await db().visits.listOpenForAmbassador(person.id))[0];
    expect(visit?.attempts).toHaveLength(1);
    expect(visit?.status).toBe('open');
    const answer = slack.api.callsTo('chat.postMessage').map(visibleText).join('\n');
    expect(answer).toContain('Det er allerede registreret');
    expect(answer).toContain('«Ikke hjemme» (1 forsøg i alt)');
    expect(answer).toContain('Næste forsøg');
  });

  it('when the identical signed payload is replayed, then it is answered once and recorded once', async () => {
    const { person, user } = await ambassadorWith([CHRISTENSEN]);
    const button = await listedButton(user, 'Ikke hjemme');
    const payload = buttonPress({
      user,
      channel: directChannelOf(user),
      messageTs: '1790000000.000002',
      actionId: button.actionId,
      value: button.value,
      label: button.label,
    });

    await slack.postInteraction(payload);
    await slack.postInteraction(payload);

    const visit = (await db().visits.listOpenForAmbassador(person.id))[0];
    expect(visit?.attempts).toHaveLength(1);
    expect(slack.api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('when a button on an older list is pressed after the visit was reported, then nothing more is recorded', async () => {
    const { person, user } = await ambassadorWith([CHRISTENSEN]);
    const stale = await listedButton(user, 'Ikke hjemme');
    await slack.postEvent(directMessage(user, 'ikke hjemme hos Christensen'));
    slack.api.reset();

    await slack.postInteraction(
      buttonPress({
        user,
        channel: directChannelOf(user),
        messageTs: '1790000000.000003',
        actionId: stale.actionId,
        value: stale.value,
        label: stale.label,
      }),
    );

    const visit = (await db().visits.listOpenForAmbassador(person.id))[0];
    expect(visit?.attempts).toHaveLength(1);
    expect(visibleText(slack.api.callsTo('chat.postMessage')[0]!)).toContain(
      'Det er allerede registreret',
    );
  });
});

describe('resident data only in 1:1 conversations (Slack)', () => {
  it.each([
    ['a report button', 'Mødt'],
    ['a "not home" button', 'Ikke hjemme'],
  ])(
    'when %s arrives from a public channel, then nothing is recorded and no name is posted there',
    async (_name, label) => {
      const { person, user } = await ambassadorWith([CHRISTENSEN]);
      const button = await listedButton(user, label);

      const response = await slack.postInteraction(
        buttonPress({
          user,
          channel: 'C0GENERAL',
          messageTs: '1790000000.000004',
          actionId: button.actionId,
          value: button.value,
          label: button.label,
        }),
      );

      expect(response.status).toBe(200);
      const calls = slack.api.calls.filter((call) =>
        ['chat.postMessage', 'chat.update', 'chat.postEphemeral'].includes(call.method),
      );
      const shown = calls.map(visibleText).join('\n');
      expect(shown).not.toContain('Christensen');
      expect(shown).not.toContain('Gudrunsvej');
      expect(shown).toContain('privat besked');
      expect(calls.every((call) => call.method !== 'chat.update')).toBe(true);
      const visit = (await db().visits.listOpenForAmbassador(person.id))[0];
      expect(visit?.attempts).toEqual([]);
    },
  );

  it('when a revisit reminder button arrives from a public channel, then no name is posted there', async () => {
    const { person, user } = await ambassadorWith([CHRISTENSEN]);
    const [visit] = await db().visits.listOpenForAmbassador(person.id);

    await slack.postInteraction(
      buttonPress({
        user,
        channel: 'C0GENERAL',
        messageTs: '1790000000.000005',
        actionId: 'revisit:today#0',
        value: visit!.id,
        label: 'Jeg prøver i dag',
      }),
    );

    const shown = slack.api.calls.map(visibleText).join('\n');
    expect(shown).not.toContain('Christensen');
    expect(shown).toContain('privat besked');
  });
});
