import { describe, it } from 'vitest';
import { conversationScenarios, SCENARIO_NOW } from '../scenarios/conversation-scenarios.js';
import { runScenario } from '../scenarios/run-scenario.js';
import { useTestDatabase } from '../support/database.js';
import { newUser, useTeamsHarness } from './support/harness.js';
import { teamsScenarioDriver } from './support/scenario-driver.js';

const db = useTestDatabase();
const { connector, teams } = useTeamsHarness(db, { now: SCENARIO_NOW });

describe('shared conversation scenarios through Teams over HTTP', () => {
  it.each(conversationScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    async (_name, scenario) => {
      await runScenario(db(), scenario, async () => {
        const user = newUser();
        return {
          identities: [{ platform: 'teams', workspaceId: user.tenantId, userId: user.aadObjectId }],
          driver: teamsScenarioDriver(teams, connector, user),
        };
      });
    },
  );
});
