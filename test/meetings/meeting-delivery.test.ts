import { describe, expect, it } from 'vitest';
import { PersonMessenger } from '../../jobs/delivery/person-messenger.js';
import { createMeetingDelivery } from '../../jobs/meetings/meeting-delivery.js';
import { createLogger } from '../../kernel/logger.js';
import type { Person } from '../../models/types.js';
import type { OutboundMessage } from '../../src/core/outbound.js';
import { createPlatformRegistry, type PlatformAdapter } from '../../src/core/platform.js';
import { RecordingAdapter } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

const db = useTestDatabase();

/** Slack as the jobs see it: conversations answered through its outbound, DMs through sendToPerson. */
function slackStandIn() {
  const outbound = new RecordingAdapter();
  const direct: Array<{ personId: string; message: OutboundMessage }> = [];
  const adapter: PlatformAdapter = {
    id: 'slack',
    displayName: 'Slack',
    outbound,
    async sendToPerson(person: Person, message: OutboundMessage) {
      direct.push({ personId: person.id, message });
      return { conversationKey: `slack:dm:${person.id}`, id: `dm-${direct.length}` };
    },
  };
  return { adapter, outbound, direct };
}

async function coordinatorOnSlack() {
  const estate = await createEstate(db());
  return db().people.add({
    name: 'Mette Holm',
    roles: [{ areaId: estate.area.id, role: 'coordinator' }],
    identities: [{ platform: 'slack', workspaceId: 'T0NABO', userId: `U${Date.now() % 1e6}` }],
  });
}

const channel = {
  platform: 'slack',
  key: 'slack:T0NABO:C0MEETING',
  isDirect: false,
  address: { teamId: 'T0NABO', channel: 'C0MEETING' },
};

describe('where a meeting timer speaks', () => {
  it('when the meeting was started in a channel, then the warning goes to that channel, not to the DM', async () => {
    const mette = await coordinatorOnSlack();
    const slack = slackStandIn();
    const platforms = createPlatformRegistry([slack.adapter]);
    const deliver = createMeetingDelivery({
      db: db(),
      platforms,
      messenger: new PersonMessenger(platforms),
      logger: createLogger({ level: 'silent' }),
    });

    await deliver({ personId: mette.id, conversation: channel }, { text: '⏳ 1 min tilbage' });

    expect(slack.outbound.sent.map((entry) => entry.conversation.key)).toEqual([channel.key]);
    expect(slack.direct).toEqual([]);
  });

  it('when there is no meeting conversation (an agenda), or its platform is not run here, then the person gets it directly', async () => {
    const mette = await coordinatorOnSlack();
    const slack = slackStandIn();
    const platforms = createPlatformRegistry([slack.adapter]);
    const deliver = createMeetingDelivery({
      db: db(),
      platforms,
      messenger: new PersonMessenger(platforms),
      logger: createLogger({ level: 'silent' }),
    });

    await deliver({ personId: mette.id }, { text: 'Dagsorden' });
    await deliver(
      { personId: mette.id, conversation: { ...channel, platform: 'teams' } },
      { text: '⏳ 1 min tilbage' },
    );

    expect(slack.outbound.sent).toEqual([]);
    expect(slack.direct.map((entry) => entry.message.text)).toEqual([
      'Dagsorden',
      '⏳ 1 min tilbage',
    ]);
  });
});
