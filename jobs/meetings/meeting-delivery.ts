import type { Logger } from '../../kernel/logger.js';
import type { NaboDatabase } from '../../models/database.js';
import type { PlatformRegistry } from '../../src/core/platform.js';
import { isNoRoute, isUnreachable, type PersonMessenger } from '../delivery/person-messenger.js';
import type { Deliver } from './meeting-processor.js';

/**
 * How meeting messages reach people. A running meeting's timer warnings go to the conversation
 * where the meeting was started (a channel, a group chat, the coordinator's DM), when this
 * process runs that platform; everything else — and a warning whose conversation cannot be
 * reached — goes to the person the way assignments do.
 */
export function createMeetingDelivery(deps: {
  db: NaboDatabase;
  platforms: PlatformRegistry;
  messenger: PersonMessenger;
  logger: Logger;
}): Deliver {
  const { db, platforms, messenger, logger } = deps;
  return async ({ personId, conversation }, message) => {
    const platform = conversation ? platforms.get(conversation.platform) : undefined;
    if (conversation && platform) {
      try {
        await platform.outbound.send(conversation, message);
        return;
      } catch (error) {
        logger.warn(
          { err: error, platform: conversation.platform },
          "meeting message: the meeting's conversation failed; sending to the person",
        );
      }
    }
    const person = await db.people.findById(personId);
    if (!person) return;
    const route = await messenger.route(person);
    if (isNoRoute(route)) {
      logger.warn({ personId }, 'meeting message: person cannot be reached');
      return;
    }
    const result = await messenger.send(route, person, message);
    if (isUnreachable(result)) {
      logger.warn({ personId, reason: result.reason }, 'meeting message not delivered');
    }
  };
}
