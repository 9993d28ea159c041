import { consoleIdentity } from '../../adapters/console/platform.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttemptOutcome, VisitWithResident } from '../../models/types.js';
import { householdAddress, householdName } from '../../src/visits/households.js';
import { catalogFor } from '../../src/i18n/catalog.js';
import { revisitReminderMessage } from '../../src/visits/reminder-messages.js';
import { Chat, choicesOf, said } from '../support/conversation.js';
import { useTestDatabase } from '../support/database.js';
import { ESTATE, seedPhrasingEstate, type SeededEstate } from '../support/phrasing-estate.js';
import {
  DEFAULT_REVISIT,
  PHRASING_TABLE_NOW,
  PHRASING_ROWS,
  type PhrasingRow,
  type Step,
} from './household-phrasings.js';

/**
 * The phrasing table, end to end: the estate of test/support/phrasing-estate.ts, seeded once and
 * put back before every row (every visit open without attempts, no conversation state, no recent
 * reminder), the ambassador's chat through the test adapter, the earlier steps of the row, then
 * the row's message. Checked on every field: which households got a new attempt (and that no other did),
 * its outcome, whether the folder was left and the next try; or, for rows where Nabo must not
 * record, the question it asks and that nothing was recorded anywhere.
 */
const db = useTestDatabase();
let estate: SeededEstate;

beforeAll(async () => {
  estate = await seedPhrasingEstate(db());
});

/** Every visit open again with no attempts, no question pending, no reminder just sent. */
async function putBack(): Promise<void> {
  for (const visit of await db().visits.listByArea(estate.areaId)) {
    for (let i = 0; i < visit.attempts.length; i++) await db().visits.undoLastAttempt(visit.id);
    if (visit.status === 'closed' && visit.attempts.length === 0) {
      throw new Error('a visit was closed without a report: the table cannot put it back');
    }
    if (visit.promptedAt) await db().visits.markPrompted(visit.id, new Date(0));
  }
  for (const [key, person] of Object.entries(estate.people)) {
    const handle = estate.handles[key as keyof typeof estate.handles];
    const conversationKey = `test:${JSON.stringify(consoleIdentity(handle))}:dm`;
    await db().conversationStates.clear(person.id, conversationKey);
  }
}

interface Expected {
  keys: string[];
  outcome: (AttemptOutcome | null)[];
  folder: (boolean | null)[];
  revisit: (string | null)[];
}

function perHousehold<T>(
  value: T | T[] | undefined,
  count: number,
  fallback: (i: number) => T,
): T[] {
  if (Array.isArray(value)) return value;
  return Array.from({ length: count }, (_, i) => (value === undefined ? fallback(i) : value));
}

function expectedOf(row: PhrasingRow): Expected {
  const keys = typeof row.household === 'string' ? [row.household] : row.household;
  const outcome = perHousehold(row.outcome, keys.length, () => null);
  return {
    keys,
    outcome,
    folder: perHousehold(row.folder, keys.length, () => null),
    revisit: perHousehold(row.revisit, keys.length, (i) =>
      outcome[i] === 'not_home' || outcome[i] === 'postponed' ? DEFAULT_REVISIT : null,
    ),
  };
}

async function runStep(
  chat: Chat,
  estate: SeededEstate,
  row: PhrasingRow,
  step: Step,
): Promise<void> {
  if ('write' in step) await chat.write(step.write);
  else if ('press' in step) await chat.press(step.press);
  else {
    // What the revisit job does: the reminder arrives, and the visit notes that it was asked about.
    const visit = await estate.visitOf(step.remind);
    const locale = ESTATE[row.who].locale ?? 'da';
    await chat.receive(revisitReminderMessage(catalogFor(locale), locale, visit));
    await db().visits.markPrompted(visit.id, new Date(chat.clock.now().getTime() - 60 * 60 * 1000));
  }
}

function label(visit: VisitWithResident, locale: 'da' | 'en'): string {
  return `${householdName(visit.resident.names, locale)}, ${householdAddress(visit.resident)}`;
}

describe('the phrasing table: what ambassadors write → household, outcome, folder, next try', () => {
  it('has at least 200 rows, among them context, several households, "not on your list" and questions', () => {
    expect(PHRASING_ROWS.length).toBeGreaterThanOrEqual(200);
    expect(PHRASING_ROWS.filter((row) => row.before?.length).length).toBeGreaterThanOrEqual(15);
    expect(
      PHRASING_ROWS.filter((row) => Array.isArray(row.household)).length,
    ).toBeGreaterThanOrEqual(8);
    expect(
      PHRASING_ROWS.filter((row) => row.household === 'not_on_list').length,
    ).toBeGreaterThanOrEqual(8);
    expect(PHRASING_ROWS.filter((row) => row.household === 'ask').length).toBeGreaterThanOrEqual(
      15,
    );
  });

  it.each(PHRASING_ROWS.map((row) => [row.who, row.text, row] as const))(
    'when %s writes %j, then every field is as expected',
    async (_who, _text, row) => {
      await putBack();
      const locale = ESTATE[row.who].locale ?? 'da';
      const text = catalogFor(locale);
      const chat = new Chat(db(), consoleIdentity(estate.handles[row.who]), {
        now: PHRASING_TABLE_NOW,
        locale,
      });
      for (const step of row.before ?? []) await runStep(chat, estate, row, step);
      const before = new Map(
        (await db().visits.listByArea(estate.areaId)).map((visit) => [
          visit.id,
          visit.attempts.length,
        ]),
      );

      const answer = await chat.write(row.text);
      const answerText = said(answer);
      const after = await db().visits.listByArea(estate.areaId);
      const changed = after.filter((visit) => visit.attempts.length !== before.get(visit.id));
      const changedKeys = changed.map((visit) => estate.keyOf(visit.id)).sort();
      const mine = after.filter((visit) => visit.ambassadorId === estate.people[row.who].id);
      const buttons = answer.flatMap((message) => choicesOf(message).map((choice) => choice.label));

      if (row.household === 'ask' || row.household === 'not_on_list') {
        expect(changedKeys, 'nothing is recorded').toEqual([]);
        const question =
          row.household === 'ask' ? text.askWhichHousehold() : text.notOnYourList(row.quoted ?? '');
        expect(answerText).toContain(question);
        const offered = row.offered ?? Object.keys(ESTATE[row.who].households);
        const offeredVisits = await Promise.all(offered.map((key) => estate.visitOf(key)));
        expect(buttons.sort()).toEqual(offeredVisits.map((visit) => label(visit, locale)).sort());
        return;
      }

      const expected = expectedOf(row);
      if (expected.outcome.every((outcome) => outcome === null)) {
        // The household is clear but what happened is not: Nabo asks, and records nothing yet.
        expect(changedKeys, 'nothing is recorded').toEqual([]);
        const visit = await estate.visitOf(expected.keys[0] ?? '');
        expect(answerText).toContain(text.askOutcome(householdName(visit.resident.names, locale)));
        return;
      }
      const recordedKeys = expected.keys.filter((_, i) => expected.outcome[i] !== null);
      expect(changedKeys, 'the households that got a report').toEqual([...recordedKeys].sort());
      for (const [i, key] of expected.keys.entries()) {
        const visit = mine.find((candidate) => estate.keyOf(candidate.id) === key);
        if (expected.outcome[i] === null) continue;
        const attempt = visit?.attempts.at(-1);
        expect(visit?.attempts.length, key).toBe((before.get(visit?.id ?? '') ?? 0) + 1);
        expect(
          {
            household: key,
            outcome: attempt?.outcome ?? null,
            folder: attempt?.folderLeft ?? null,
            revisit: attempt?.revisitDate ?? null,
          },
          row.text,
        ).toEqual({
          household: key,
          outcome: expected.outcome[i],
          folder: expected.folder[i],
          revisit: expected.revisit[i],
        });
        expect(answerText).toContain(householdName(visit?.resident.names ?? [], locale));
      }
    },
  );
});
