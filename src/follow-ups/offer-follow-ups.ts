import type { VisitWithResident } from '../../models/types.js';
import type { Turn } from '../core/turn.js';
import { activityLine, contactLine } from '../welcome-folder/format.js';
import { detectFollowUps } from './detect.js';
import { offerAccompaniment } from '../accompaniment/accompaniment-flow.js';

/**
 * After a visit is recorded: when the note names a practical problem or an interest, the
 * ambassador gets the right line from the welcome folder at once, and the coordinator gets a
 * follow-up on their list. Says nothing when the note asks for nothing.
 */
export async function offerFollowUps(
  turn: Turn,
  visit: VisitWithResident,
  note: string,
): Promise<void> {
  const db = turn.deps.db;
  const folder = await db.welcomeFolders.get(visit.areaId);
  const candidates = detectFollowUps(note, folder);
  for (const candidate of candidates) {
    const { created } = await db.followUps.create({
      areaId: visit.areaId,
      visitId: visit.id,
      kind: candidate.kind,
      topic: candidate.topic,
      ...(candidate.contactKind ? { contactKind: candidate.contactKind } : {}),
      createdBy: turn.person.id,
    });
    turn.deps.logger.info(
      { visitId: visit.id, kind: candidate.kind, created },
      'follow-up from a visit note',
    );
    if (candidate.kind === 'interest') {
      const lines = candidate.activities.map((activity) =>
        activityLine(turn.text, activity, turn.locale),
      );
      await turn.say(turn.text.followUpInterestOffer(lines.join('\n')));
      // Phase 3: the first time is easier in company (følgeskab).
      if (created) await offerAccompaniment(turn, visit, candidate.topic);
      continue;
    }
    const contacts = folder.contacts.filter((contact) => contact.kind === candidate.contactKind);
    await turn.say(
      contacts.length > 0
        ? turn.text.followUpProblemOffer(
            turn.text.folderContactKind(contacts[0]?.kind ?? 'other'),
            contacts.map((contact) => contactLine(turn.text, contact)).join('\n'),
          )
        : turn.text.followUpNoContact(),
    );
  }
}
