import { randomUUID } from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../adapters/console/platform.js';
import { fixedClock } from '../../kernel/clock.js';
import { createLogger } from '../../kernel/logger.js';
import { connectDatabase } from '../../models/database.js';
import { allFlows } from '../../src/core/all-flows.js';
import type { InboundEvent } from '../../src/core/inbound.js';
import { createInboundPipeline } from '../../src/core/pipeline.js';
import { RecordingAdapter, testPlatforms, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

/**
 * MongoDB resets a connection in the very moment a turn's command is being written to it (a
 * restart, a failover). The driver (mongodb 7.8) then waits for a `drain` the dead socket never
 * emits, and the stuck-write watchdog (models/stuck-write-watchdog.ts) fails the command. The
 * MongoDB-restart trial (test/jobs/web-trials.test.ts) hit this in about 1 of 9 restarts under
 * load, each time losing one acknowledged report: the watchdog failed the command with a plain
 * Error, which the pipeline did not take for MongoDB being away, so the turn was not run again
 * and the report waited for the resumer a lease (90 s) later.
 *
 * Here the moment is hit every time: the connection's socket is destroyed as the command starts,
 * before the driver writes it — the state the race leaves behind.
 */
const clock = fixedClock('2026-11-27T10:00:00+01:00');
const db = useTestDatabase({ now: () => clock.now() });

/** The driver's internals reached for (as the watchdog reads them). */
interface ClientInternals {
  topology?: {
    s?: {
      servers?: Map<string, { pool?: { checkedOut?: Set<{ id?: unknown; socket?: Socket }> } }>;
    };
  };
}

/**
 * A command listener that resets the connection carrying the first `command` on `collection`
 * just as it is being written. Registered on the MongoClient, so `this` is that client.
 */
function resetWhileWriting(command: string, collection: string) {
  let armed = true;
  let reset = false;
  function listener(this: ClientInternals, event: CommandStartedEvent) {
    if (!armed || event.commandName !== command || event.command[command] !== collection) return;
    armed = false;
    for (const server of this.topology?.s?.servers?.values() ?? []) {
      for (const connection of server.pool?.checkedOut ?? []) {
        if (connection.id !== event.connectionId) continue;
        connection.socket?.destroy();
        reset = true;
      }
    }
  }
  return { listener, wasReset: () => reset };
}

describe('MongoDB resets the connection while a command is being written', () => {
  it('when the report write of a turn is caught this way, then the turn runs again once MongoDB answers: one attempt, one reply', async () => {
    const cut = resetWhileWriting('findAndModify', 'visits');
    const database = await connectDatabase(db.uri(), {
      dbName: db.dbName(),
      now: () => clock.now(),
      commandListener: cut.listener,
    });
    try {
      const estate = await createEstate(db());
      const handle = `birgit-${randomUUID().slice(0, 8)}`;
      const person = await estate.ambassador('Birgit Sørensen', handle);
      await estate.assign(person, [
        { names: ['Ove Christensen'], address: 'Gudrunsvej 10', unit: '1. th' },
      ]);
      const [visit] = await db().visits.listOpenForAmbassador(person.id);
      const outbound = new RecordingAdapter();
      const bot = createInboundPipeline(
        {
          db: database,
          clock,
          timeZone: 'Europe/Copenhagen',
          locale: 'da',
          logger: createLogger({ level: 'silent' }),
          platforms: testPlatforms(outbound),
        },
        allFlows,
      );
      const event: InboundEvent = {
        eventId: `Ev${randomUUID()}`,
        actor: consoleIdentity(handle),
        conversation: {
          platform: 'console',
          key: `console:${handle}`,
          isDirect: true,
          address: {},
        },
        receivedAt: clock.now(),
        kind: 'message',
        text: 'ikke hjemme, lagde mappen i postkassen',
      };

      await bot.handle(event);

      expect(cut.wasReset()).toBe(true);
      expect((await db().visits.findById(visit!.id))?.attempts).toHaveLength(1);
      expect(outbound.sent).toHaveLength(1);
      expect(textOf(outbound.sent[0]!.message)).toContain('Ove Christensen var ikke hjemme');
      expect(await db().inbox.isDone(`console:${event.eventId}`)).toBe(true);
    } finally {
      await database.close();
    }
  }, 30_000);
});
