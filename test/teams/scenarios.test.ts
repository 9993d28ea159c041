import { afterAll, beforeAll, describe, it } from 'vitest';
import { conversationScenarios, SCENARIO_NOW } from '../scenarios/conversation-scenarios.js';
import { runScenario } from '../scenarios/run-scenario.js';
import { useTestDatabase } from '../support/database.js';
import { FakeConnector } from './support/connector.js';
import { AUTH_OFF, newUser, startTeams, type TeamsHarness } from './support/harness.js';
import { teamsScenarioDriver } from './support/scenario-driver.js';

const db = useTestDatabase();
const connector = new FakeConnector();
let harness: TeamsHarness;

beforeAll(async () => {
  connector.install();
  harness = await startTeams(db(), AUTH_OFF, {}, SCENARIO_NOW);
});

afterAll(async () => {
  await harness?.close();
});

describe('shared conversation scenarios through Teams over HTTP', () => {
  it.each(conversationScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      await runScenario(db(), scenario, async () => {
        const user = newUser();
        return {
          identities: [{ platform: 'teams', workspaceId: user.tenantId, userId: user.aadObjectId }],
          driver: teamsScenarioDriver(harness, connector, user),
        };
      });
    },
  );
});
