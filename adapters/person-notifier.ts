import type { NaboDatabase } from '../models/database.js';
import type { OutboundMessage } from '../src/core/outbound.js';
import type { PersonNotifier } from '../src/core/turn.js';
import type { MessagingPlatform } from './platform.js';

/**
 * Reaches a person outside the current conversation (a new ambassador's welcome, a coordinator's
 * alert) on whichever platform they are known: Slack first, then Teams. "Unreachable" is an
 * answer the flow tells the coordinator about, never an error. The list of platforms is read at
 * send time, so the notifier can be handed to the platforms while they are being built.
 */
export function createPersonNotifier(
  db: NaboDatabase,
  platforms: readonly MessagingPlatform[],
): PersonNotifier {
  return {
    async sendToPerson(personId: string, message: OutboundMessage) {
      const person = await db.people.findById(personId);
      if (!person) return 'unreachable';
      for (const platform of platforms) {
        if (!person.identities[platform.name]) continue;
        const result = await platform.sendToPerson(personId, message);
        if (!('unreachable' in result)) return 'sent';
      }
      return 'unreachable';
    },
  };
}
