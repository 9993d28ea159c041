import { describe, expect, it } from 'vitest';
import { consoleIdentity } from '../../adapters/console/platform.js';
import { Chat, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { createEstate } from '../support/estate.js';

/** One guard for what only coordinators may do: the refusal is kind, and it is audited. */
const db = useTestDatabase();

describe('coordinator-only actions', () => {
  it('when an ambassador tries them, then each refusal is one kind line and an audit entry with ids only', async () => {
    const estate = await createEstate(db());
    const birgit = await estate.ambassador('Birgit Sørensen', 'birgit-guard');
    await estate.ambassador('Ahmed Karimi', 'ahmed-guard');
    const chat = new Chat(db(), consoleIdentity('birgit-guard'));

    for (const command of [
      'pause Ahmed til 1. februar',
      'kontakt: varmemester Jens, 12 34 56 78',
      'opfølgninger',
    ]) {
      expect(said(await chat.write(command)), command).toContain('koordinatoren');
    }

    const trail = await db().auditEvents.listForSubject('person', birgit.id);
    expect(trail.map((entry) => [entry.action, entry.details.tried])).toEqual(
      expect.arrayContaining([
        ['chat.coordinator_only_refused', 'corps:pause'],
        ['chat.coordinator_only_refused', 'welcome-folder:change'],
        ['chat.coordinator_only_refused', 'follow-ups:list'],
      ]),
    );
    expect(JSON.stringify(trail)).not.toContain('Jens');
  });
});
