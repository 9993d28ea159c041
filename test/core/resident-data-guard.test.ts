import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import type { Flow } from '../../src/core/flow.js';
import type { InboundEvent, PlatformIdentity } from '../../src/core/inbound.js';
import { withResidentData } from '../../src/core/outbound.js';
import { createInboundPipeline } from '../../src/core/pipeline.js';
import { createPlatformRegistry } from '../../src/core/platform.js';
import { RecordingAdapter, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

/**
 * The last check before a resident's name leaves: whatever a flow decided, a message marked as
 * naming a resident goes only into a one-to-one conversation. A flow allowed in group chats
 * (its buttons name nobody) that names a household anyway is caught here.
 */
const db = useTestDatabase();

const careless: Flow = {
  name: 'careless',
  answersInGroups: true,
  async onAction(turn) {
    await turn.say(withResidentData('Ove og Else Christensen, Gudrunsvej 10'));
    await turn.say('Næste punkt');
  },
};

function setUp() {
  const adapter = new RecordingAdapter();
  const pipeline = createInboundPipeline(
    {
      db: db(),
      platforms: createPlatformRegistry([
        {
          id: 'pigeon',
          displayName: 'Pigeon',
          outbound: adapter,
          sendToPerson: async () => ({ unreachable: true, reason: 'no_link' }),
        },
      ]),
      clock: fixedClock('2026-11-27T10:00:00+01:00'),
      timeZone: 'Europe/Copenhagen',
      locale: 'da',
      logger: createLogger({ level: 'silent' }),
    },
    [careless],
  );
  return { pipeline, adapter };
}

function press(actor: PlatformIdentity, isDirect: boolean): InboundEvent {
  return {
    eventId: randomUUID(),
    actor,
    conversation: { platform: 'pigeon', key: `pigeon:room-${isDirect}`, isDirect, address: {} },
    receivedAt: new Date('2026-11-27T09:00:00Z'),
    kind: 'action',
    action: { flow: 'careless', step: 'go', value: '' },
    source: undefined,
  };
}

describe('resident data on the way out', () => {
  it.each([
    ['a group chat', 'privat besked', false],
    ['a one-to-one chat', 'Christensen', true],
  ])(
    'when a message naming a resident is said in %s, then what shows there reads "%s"',
    async (_where, shown, isDirect) => {
      const { pipeline, adapter } = setUp();
      const estate = await createEstate(db());
      const actor: PlatformIdentity = {
        platform: 'pigeon',
        workspaceId: 'loft',
        userId: randomUUID(),
      };
      await db().people.add({
        name: 'Mette Holm',
        roles: [{ areaId: estate.area.id, role: 'coordinator' }],
        identities: [actor],
      });

      await pipeline.handle(press(actor, isDirect));

      const said = adapter.sent.map((entry) => textOf(entry.message));
      expect(said).toHaveLength(2);
      expect(said[0]).toContain(shown);
      if (!isDirect) expect(said.join('\n')).not.toContain('Christensen');
      expect(said[1]).toBe('Næste punkt');
    },
  );
});
