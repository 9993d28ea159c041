import type { BotAnswer, ScenarioDriver } from '../../scenarios/run-scenario.js';
import { buttonsOf, visibleText } from './cards.js';
import type { ConnectorCall, FakeConnector } from './connector.js';
import { submitFrom, textFrom, type TeamsHarness, type TeamsUser } from './harness.js';

/**
 * The shared scenarios as a person in Teams plays them: writing posts a message activity,
 * pressing posts the Action.Submit of the button with that label on the latest card that has
 * one (as it looks now, after any update). The answer is everything the bot sent or replaced.
 */
export function teamsScenarioDriver(
  harness: TeamsHarness,
  connector: FakeConnector,
  user: TeamsUser,
): ScenarioDriver {
  const mine = (call: ConnectorCall) => call.conversationId === user.conversationId;

  async function answerTo(activity: Record<string, unknown>): Promise<BotAnswer> {
    const before = connector.calls.length;
    const response = await harness.deliver(activity);
    if (response.status !== 200) throw new Error(`Teams answered ${response.status}`);
    const calls = connector.calls.slice(before).filter(mine);
    return {
      text: calls.map((call) => visibleText(call.body)).join('\n'),
      buttons: calls.flatMap((call) => buttonsOf(call.body).map((button) => button.title)),
    };
  }

  return {
    write: (text) => answerTo(textFrom(user, text)),
    async press(label) {
      const wanted = label.toLocaleLowerCase('da');
      const sent = connector.calls.filter((call) => mine(call) && call.method === 'POST');
      for (const call of [...sent].reverse()) {
        const current = connector.current(call.resultId) ?? call.body;
        const button = buttonsOf(current).find((candidate) =>
          candidate.title.toLocaleLowerCase('da').includes(wanted),
        );
        if (button) return answerTo(submitFrom(user, button.data, call.resultId));
      }
      throw new Error(`no button "${label}" in the Teams conversation`);
    },
  };
}
