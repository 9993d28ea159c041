import { describe, expect, it } from 'vitest';
import { createEstate } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { visibleText } from './support/fake-slack-api.js';
import { TEAM, useSlackHarness } from './support/harness.js';
import { directMessage } from './support/payloads.js';

const db = useTestDatabase();
const slack = useSlackHarness(db, { allowedWorkspaces: [TEAM] });

async function ambassador(user: string) {
  const estate = await createEstate(db());
  const person = await estate.ambassador('Birgit Sørensen', {
    platform: 'slack',
    workspaceId: TEAM,
    userId: user,
  });
  await estate.assign(person, [
    { names: ['Ove Christensen', 'Else Christensen'], address: 'Gudrunsvej 10', unit: '1. th' },
  ]);
  return person;
}

describe('where Slack may carry residents’ data', () => {
  it('when an event comes from a workspace that is not allowed, then it is ignored and audit-logged', async () => {
    const message = directMessage('U0STRANGER', 'mine besøg');
    const response = await slack.postEvent({
      ...message,
      team_id: 'T0OTHER',
      event: { ...message.event, team: 'T0OTHER' },
    });

    expect(response.status).toBe(200);
    expect(slack.api.callsTo('chat.postMessage')).toEqual([]);
    const audit = await db().auditEvents.listForSubject('workspace', 'slack:T0OTHER');
    expect(audit.map((entry) => entry.action)).toEqual(['platform.workspace_refused']);
  });

  it('when a conversation is shared with another organisation (Slack Connect), then no resident names are posted there', async () => {
    await ambassador('U0CONNECT');
    const shared = { ...directMessage('U0CONNECT', 'mine besøg'), is_ext_shared_channel: true };

    await slack.postEvent(shared);

    const posted = slack.api.callsTo('chat.postMessage').map((call) => visibleText(call));
    expect(posted.join('\n')).not.toContain('Christensen');
    expect(posted.join('\n')).toContain('privat besked');
  });

  it('when the same ambassador writes in their own workspace, then the list with names comes back', async () => {
    await ambassador('U0HOME');

    await slack.postEvent(directMessage('U0HOME', 'mine besøg'));

    const posted = slack.api.callsTo('chat.postMessage').map((call) => visibleText(call));
    expect(posted.join('\n')).toContain('Ove og Else Christensen');
  });
});
