import { beforeEach, describe, expect, it } from 'vitest';
import { createEstate, type Household } from '../support/estate.js';
import { useTestDatabase } from '../support/database.js';
import { buttonsOf, visibleText } from './support/cards.js';
import { newUser, submitFrom, textFrom, useTeamsHarness } from './support/harness.js';
import { teamsAmbassador } from './support/people.js';

/**
 * How the adapter behaves when the Bot Connector pushes back: throttling and transient gateway
 * errors are retried (with a sleep that does not wait, so nothing here depends on time), an
 * oversize message is never sent again as it was, and replays are handled once.
 */

const db = useTestDatabase();
const delays: number[] = [];
const { connector, teams } = useTeamsHarness(db, {
  options: {
    retry: {
      sleep: async (ms) => {
        delays.push(ms);
      },
      random: () => 0.5,
    },
  },
});

// The harness has already cleared the connector (its beforeEach runs first).
beforeEach(() => {
  delays.length = 0;
});

async function knownUser(households: Household[] = []) {
  const estate = await createEstate(db());
  const user = newUser();
  const person = await teamsAmbassador(estate, user);
  if (households.length > 0) await estate.assign(person, households);
  return { user, person };
}

describe('Teams connector failures', () => {
  it('when the connector answers 429 with Retry-After, then the send is retried after that wait and arrives once', async () => {
    const { user } = await knownUser();
    connector.failNext({ status: 429, headers: { 'Retry-After': '2' } });

    await teams.deliver(textFrom(user, 'hjælp'));

    expect(connector.attempts).toHaveLength(2);
    expect(connector.calls).toHaveLength(1);
    expect(visibleText(connector.calls[0]?.body ?? {})).toContain(
      'Jeg holder styr på dine velkomstbesøg',
    );
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(2_000);
  });

  it.each([412, 502, 504])(
    'when the connector answers %i once, then the send is retried and arrives once',
    async (status) => {
      const { user } = await knownUser();
      connector.failNext({ status });

      await teams.deliver(textFrom(user, 'hjælp'));

      expect(connector.attempts).toHaveLength(2);
      expect(connector.calls).toHaveLength(1);
    },
  );

  it('when the connector keeps answering 429, then the attempts are bounded and nothing is sent twice', async () => {
    const { user } = await knownUser();
    connector.failNext({ status: 429, headers: { 'Retry-After': '1' } }, 10);

    const response = await teams.deliver(textFrom(user, 'hjælp'));

    expect(response.status).toBe(200);
    expect(connector.attempts).toHaveLength(4);
    expect(connector.calls).toHaveLength(0);
  });

  it('when the connector answers 400, then nothing is retried', async () => {
    const { user } = await knownUser();
    connector.failNext({ status: 400 });

    await teams.deliver(textFrom(user, 'hjælp'));

    expect(connector.attempts).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('when an update is throttled, then it is retried as well', async () => {
    const { user } = await knownUser([
      { names: ['Jonas Madsen'], address: 'Gudrunsvej 10', unit: '3. tv' },
    ]);
    await teams.deliver(textFrom(user, 'mine besøg'));
    const list = connector.calls[0];
    const met = buttonsOf(list?.body ?? {}).find((button) => button.title === 'Mødt');
    connector.clear();
    connector.failNext({ status: 429, headers: { 'Retry-After': '0' } });

    await teams.deliver(submitFrom(user, met?.data, list?.resultId ?? ''));

    expect(connector.attempts.map((attempt) => attempt.method)).toEqual(['PUT', 'PUT', 'POST']);
    expect(connector.calls.map((call) => call.method)).toEqual(['PUT', 'POST']);
  });

  it('when the connector answers 413, then that message is not retried but sent again in smaller parts', async () => {
    const households: Household[] = Array.from({ length: 6 }, (_, index) => ({
      names: [`Husstand ${index}`],
      address: `Lange Allé ${index}`,
    }));
    const { user } = await knownUser(households);
    connector.failNext({ status: 413 });

    await teams.deliver(textFrom(user, 'mine besøg'));

    const [refused, ...rest] = connector.attempts;
    expect(rest.length).toBeGreaterThanOrEqual(2);
    for (const attempt of rest)
      expect(JSON.stringify(attempt.body)).not.toEqual(JSON.stringify(refused?.body));
    expect(delays).toEqual([]);
    const text = connector.calls.map((call) => visibleText(call.body)).join('\n');
    for (const index of [0, 5]) expect(text).toContain(`Husstand ${index}`);
  });
});
