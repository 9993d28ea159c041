import { consoleIdentity } from '../../adapters/console/platform.js';
import { describe, it } from 'vitest';
import { Chat, choicesOf, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { conversationScenarios, SCENARIO_NOW } from './conversation-scenarios.js';
import { runScenario, type BotAnswer } from './run-scenario.js';

const db = useTestDatabase();

describe('shared conversation scenarios through the test adapter', () => {
  it.each(conversationScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      await runScenario(db(), scenario, async () => {
        const handle = `scenario-${Math.random().toString(36).slice(2, 10)}`;
        const chat = new Chat(db(), consoleIdentity(handle), { now: SCENARIO_NOW });
        const answer = (messages: Awaited<ReturnType<Chat['write']>>): BotAnswer => ({
          text: said(messages),
          buttons: messages.flatMap((message) => choicesOf(message).map((choice) => choice.label)),
        });
        return {
          identities: [consoleIdentity(handle)],
          driver: {
            write: async (text) => answer(await chat.write(text)),
            press: async (label) => answer(await chat.press(label)),
          },
        };
      });
    },
  );
});
