import { expect } from 'vitest';
import type { NaboDatabase } from '../../models/database.js';
import type { PlatformIdentity, Resident } from '../../models/types.js';
import { createEstate } from '../support/estate.js';
import { SCENARIO_NOW, type ConversationScenario } from './conversation-scenarios.js';

/** What the bot answered to one step, as the person sees it on their platform. */
export interface BotAnswer {
  /** All visible text of the bot's messages in answer to the step. */
  text: string;
  /** Labels of the buttons those messages offer. */
  buttons: string[];
}

/** One platform's way of talking to the bot: the test adapter, Slack over HTTP, Teams over HTTP. */
export interface ScenarioDriver {
  write(text: string): Promise<BotAnswer>;
  press(label: string): Promise<BotAnswer>;
}

/**
 * Runs a shared scenario: sets up an estate whose ambassador has the driver's platform identity,
 * plays the steps and checks the answers and the stored visits afterwards.
 */
export async function runScenario(
  db: NaboDatabase,
  scenario: ConversationScenario,
  connect: () => Promise<{ identities: PlatformIdentity[]; driver: ScenarioDriver }>,
): Promise<void> {
  const estate = await createEstate(db);
  const { identities, driver } = await connect();
  let residents: Resident[] = [];
  if (scenario.knownPerson !== false) {
    const ambassador = await db.people.add({
      name: 'Birgit Sørensen',
      roles: [{ areaId: estate.area.id, role: 'ambassador' }],
      identities,
      volunteerAgreementAt: new Date('2026-01-01T00:00:00Z'),
      confidentialityAt: new Date('2026-01-01T00:00:00Z'),
      ...(scenario.locale ? { locale: scenario.locale } : {}),
    });
    if (scenario.households.length > 0)
      residents = await estate.assign(ambassador, scenario.households);
    if (scenario.welcomeFolder)
      await db.welcomeFolders.replace(estate.area.id, scenario.welcomeFolder);
    if (scenario.invitedTo) {
      const event = await db.communityEvents.create({
        areaIds: [estate.area.id],
        title: scenario.invitedTo.title,
        startsAt: new Date(scenario.invitedTo.startsAt),
        ...(scenario.invitedTo.place ? { place: scenario.invitedTo.place } : {}),
        createdBy: ambassador.id,
        invitedPersonIds: [ambassador.id],
      });
      await db.communityEvents.markSent(event.id, new Date(SCENARIO_NOW));
    }
  }

  for (const [index, step] of scenario.steps.entries()) {
    const where = `${scenario.name}, step ${index + 1}`;
    const answer =
      'write' in step ? await driver.write(step.write) : await driver.press(step.press);
    for (const expected of step.expect) expect(answer.text, where).toContain(expected);
    for (const unexpected of step.expectNot ?? [])
      expect(answer.text, where).not.toContain(unexpected);
    if (step.expectButtons)
      expect(answer.buttons, where).toEqual(expect.arrayContaining(step.expectButtons));
  }

  const visits = await db.visits.listByArea(estate.area.id);
  for (const expected of scenario.visitsAfter ?? []) {
    const resident = residents[expected.household];
    const visit = visits.find((candidate) => candidate.residentId === resident?.id);
    const { household: _household, attempts, ...fields } = expected;
    expect(visit, scenario.name).toMatchObject(fields);
    expect(visit?.attempts, scenario.name).toHaveLength(attempts);
  }
  if (scenario.knownPerson === false) {
    expect(await db.people.listByArea(estate.area.id)).toEqual([]);
  }
}
