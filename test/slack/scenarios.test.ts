import { describe, it } from 'vitest';
import { fixedClock } from '../../kernel/clock.js';
import { conversationScenarios, SCENARIO_NOW } from '../scenarios/conversation-scenarios.js';
import { runScenario, type BotAnswer, type ScenarioDriver } from '../scenarios/run-scenario.js';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, visibleText, type RecordedCall } from './support/fake-slack-api.js';
import { TEAM, useSlackHarness, type SlackHarness } from './support/harness.js';
import { buttonPress, directMessage } from './support/payloads.js';

const db = useTestDatabase();
const slack = useSlackHarness(db, { clock: fixedClock(SCENARIO_NOW) });

/** A posted message as the person's Slack client shows it now (after any chat.update). */
interface ShownMessage {
  channel: string;
  ts: string;
  call: RecordedCall;
}

/**
 * Plays a shared scenario through Slack: each step is a signed HTTP request into the running web
 * process (a DM event, or a block_actions payload for the pressed button), and the answer is read
 * back from the Web API calls the bot made, as Block Kit.
 */
class SlackScenarioDriver implements ScenarioDriver {
  private readonly shown: ShownMessage[] = [];

  constructor(
    private readonly harness: SlackHarness,
    private readonly user: string,
  ) {}

  write(text: string): Promise<BotAnswer> {
    return this.step(() => this.harness.postEvent(directMessage(this.user, text)));
  }

  press(label: string): Promise<BotAnswer> {
    const wanted = label.toLocaleLowerCase('da');
    for (const message of [...this.shown].reverse()) {
      const button = buttonsOf(message.call).find((candidate) =>
        candidate.label.toLocaleLowerCase('da').includes(wanted),
      );
      if (button) {
        const payload = buttonPress({
          user: this.user,
          channel: message.channel,
          messageTs: message.ts,
          actionId: button.actionId,
          value: button.value,
          label: button.label,
        });
        return this.step(() => this.harness.postInteraction(payload));
      }
    }
    throw new Error(`no button "${label}" in the Slack conversation`);
  }

  private async step(send: () => Promise<{ status: number }>): Promise<BotAnswer> {
    const before = this.harness.api.calls.length;
    const response = await send();
    if (response.status !== 200) throw new Error(`Slack request answered ${response.status}`);
    const calls = this.harness.api.calls.slice(before);
    const posted: RecordedCall[] = [];
    for (const call of calls) {
      if (call.method === 'chat.postMessage') {
        posted.push(call);
        this.shown.push({
          channel: String(call.response.channel),
          ts: String(call.response.ts),
          call,
        });
      } else if (call.method === 'chat.update') {
        const target = this.shown.find(
          (message) => message.channel === call.params.channel && message.ts === call.params.ts,
        );
        if (!target)
          throw new Error(`chat.update of a message the bot never posted (${call.params.ts})`);
        target.call = call;
      }
    }
    return {
      text: posted.map(visibleText).join('\n'),
      buttons: posted.flatMap((call) => buttonsOf(call).map((button) => button.label)),
    };
  }
}

let people = 0;

describe('shared conversation scenarios through Slack', () => {
  it.each(conversationScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      await runScenario(db(), scenario, async () => {
        const user = `U${String(++people).padStart(4, '0')}SCN`;
        return {
          identities: [{ platform: 'slack', workspaceId: TEAM, userId: user }],
          driver: new SlackScenarioDriver(slack, user),
        };
      });
    },
  );
});
