import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationScenarios, SCENARIO_NOW } from '../scenarios/conversation-scenarios.js';
import { runScenario, type BotAnswer, type ScenarioDriver } from '../scenarios/run-scenario.js';
import { choicesOf, textOf } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { SECRET, startWebhook, type WebhookHarness } from './support/harness.js';

/**
 * A third platform, added as one folder under adapters/ and one registration: the shared
 * scenarios run through it over HTTP exactly as they run through Slack and Teams.
 */
const db = useTestDatabase();
let webhook: WebhookHarness;

beforeAll(async () => {
  webhook = await startWebhook(db(), SCENARIO_NOW);
});
afterAll(async () => {
  await webhook?.close();
});

function driverFor(workspace: string, user: string): ScenarioDriver {
  const conversation = `dm-${user}`;
  const base = () => ({
    id: randomUUID(),
    workspace,
    user,
    conversation: { id: conversation, direct: true },
  });
  const mine = () => webhook.posted.filter((entry) => entry.conversation === conversation);

  async function answerTo(event: Record<string, unknown>): Promise<BotAnswer> {
    const before = mine().length;
    const status = await webhook.send(event);
    if (status !== 202) throw new Error(`webhook answered ${status}`);
    const answers = mine().slice(before);
    return {
      text: answers.map((entry) => textOf(entry.message)).join('\n'),
      buttons: answers.flatMap((entry) => choicesOf(entry.message).map((choice) => choice.label)),
    };
  }

  return {
    write: (text) => answerTo({ ...base(), type: 'message', text }),
    async press(label) {
      const wanted = label.toLocaleLowerCase('da');
      for (const entry of [...mine()].reverse()) {
        const choice = choicesOf(entry.message).find((candidate) =>
          candidate.label.toLocaleLowerCase('da').includes(wanted),
        );
        if (choice) {
          return answerTo({ ...base(), type: 'action', action: choice.action, source: entry.id });
        }
      }
      throw new Error(`no button "${label}" in the webhook conversation`);
    },
  };
}

let people = 0;

describe('shared conversation scenarios through the webhook platform', () => {
  it.each(conversationScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      await runScenario(db(), scenario, async () => {
        const user = `w-user-${++people}`;
        return {
          identities: [{ platform: 'webhook', workspaceId: 'acme', userId: user }],
          driver: driverFor('acme', user),
        };
      });
    },
  );
});

describe('the webhook platform itself', () => {
  it('when a request is not signed with the shared secret, then it is refused with 401 and nothing is answered', async () => {
    const before = webhook.posted.length;
    const status = await webhook.send(
      {
        id: randomUUID(),
        workspace: 'acme',
        user: 'forger',
        conversation: { id: 'c-forged', direct: true },
        type: 'message',
        text: 'hjælp',
      },
      { signature: `sha256=${'0'.repeat(64)}` },
    );
    expect(status).toBe(401);
    expect(webhook.posted.length).toBe(before);
    expect(SECRET).not.toBe('');
  });

  it('when a known person writes, then their conversation becomes the link jobs reach them on', async () => {
    const person = await db().people.add({
      name: 'Lise Nielsen',
      roles: [],
      identities: [{ platform: 'webhook', workspaceId: 'acme', userId: 'lise-w' }],
    });
    await webhook.send({
      id: randomUUID(),
      workspace: 'acme',
      user: 'lise-w',
      conversation: { id: 'dm-lise', direct: true },
      type: 'message',
      text: 'hjælp',
    });

    const sent = await webhook.platform.adapter.sendToPerson(person, { text: 'Påmindelse' });

    expect(sent).toMatchObject({ conversationKey: 'webhook:acme:dm-lise' });
    expect(webhook.posted.at(-1)).toMatchObject({
      conversation: 'dm-lise',
      message: { text: 'Påmindelse' },
    });
  });
});
