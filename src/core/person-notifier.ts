import type { NaboDatabase } from '../../models/database.js';
import type { OutboundMessage } from './outbound.js';
import { isUnreachable, type PlatformRegistry } from './platform.js';
import type { PersonNotifier } from './turn.js';

/**
 * Reaches a person outside the current conversation (a new ambassador's welcome, a coordinator's
 * alert) on whichever registered platform they are known, in the registry's order. "Unreachable"
 * is an answer the flow tells the coordinator about, never an error.
 */
export function createPersonNotifier(
  db: NaboDatabase,
  platforms: PlatformRegistry,
): PersonNotifier {
  return {
    async sendToPerson(personId: string, message: OutboundMessage) {
      const person = await db.people.findById(personId);
      if (!person) return 'unreachable';
      for (const platform of platforms.list()) {
        if (!person.identities.some((identity) => identity.platform === platform.id)) continue;
        if (!isUnreachable(await platform.sendToPerson(person, message))) return 'sent';
      }
      return 'unreachable';
    },
  };
}
