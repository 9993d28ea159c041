import { HOUSEHOLD_REPORT_CHOICES } from '../../kernel/door-outcomes.js';
import type { Visit, VisitWithResident } from '../../models/types.js';
import { withResidentData, type Choice, type MessageSection } from '../core/outbound.js';
import { refuseNotPrivate } from '../core/private-guard.js';
import type { Turn } from '../core/turn.js';
import { areaOf } from '../core/flow.js';
import type { Catalog, OutcomeChoice } from '../i18n/catalog.js';
import { formatShortDate, type Locale } from '../i18n/locale.js';
import { auditAreaReadInChat, auditReadInChat } from '../privacy/audit.js';
import { holdUntilAgreed } from '../corps/agreement.js';
import { householdAddress, householdName } from './households.js';

/**
 * Button actions of the report flow: `report` / `outcome` / `<visitId>:<choice>:<attempts>`.
 * `<attempts>` is how many tries the visit had when the buttons were shown: a button pressed
 * again, or one on an older message, no longer matches and records nothing (buttons answer once).
 */
export const REPORT_FLOW = 'report';
export const OUTCOME_CHOICES: readonly OutcomeChoice[] = HOUSEHOLD_REPORT_CHOICES;

/** The part of a visit its buttons carry: which visit, and how many tries it had then. */
export type ShownVisit = Pick<Visit, 'id' | 'attempts'>;

export function outcomeValue(visit: ShownVisit, choice: string): string {
  return `${visit.id}:${choice}:${visit.attempts.length}`;
}

/** Reads `<visitId>:<choice>[:<attempts>]`; buttons sent before the count was added have none. */
export function readOutcomeValue(value: string): {
  visitId: string;
  choice: string;
  afterAttempts: number | undefined;
} {
  const [visitId = '', choice = '', shown] = value.split(':');
  const count = shown !== undefined && /^\d{1,3}$/.test(shown) ? Number(shown) : undefined;
  return { visitId, choice, afterAttempts: count };
}

/** The report buttons of one household, as in "mine besøg" and in every message from the jobs. */
export function outcomeChoices(text: Catalog, visit: ShownVisit): Choice[] {
  return OUTCOME_CHOICES.map((choice) => ({
    label: text.outcomeButton(choice),
    action: { flow: REPORT_FLOW, step: 'outcome', value: outcomeValue(visit, choice) },
    ...(choice === 'met' ? { style: 'primary' as const } : {}),
  }));
}

/**
 * One household with its report buttons, so the ambassador can answer straight from any message
 * that names it (the month's hand-out, a first-visit nudge).
 */
export function householdSection(
  text: Catalog,
  locale: Locale,
  visit: VisitWithResident,
): MessageSection {
  const resident = visit.resident;
  return {
    text: text.householdLine(
      householdName(resident.names, locale),
      householdAddress(resident),
      formatShortDate(resident.moveInDate, locale, 'UTC'),
    ),
    choices: outcomeChoices(text, visit),
  };
}

/** The same, with how many tries there have been: for lists of open visits. */
export function visitSection(turn: Turn, visit: VisitWithResident): MessageSection {
  const section = householdSection(turn.text, turn.locale, visit);
  if (visit.attempts.length === 0) return section;
  return {
    ...section,
    text: `${section.text} (${turn.text.attemptsSoFar(visit.attempts.length)})`,
  };
}

/** "mine besøg": the ambassador's open households, each with its report buttons. */
export async function showMyVisits(turn: Turn): Promise<void> {
  // No resident's name before the volunteer agreement and confidentiality duty are confirmed.
  if (await holdUntilAgreed(turn)) return;
  // Residents' names go only into a one-to-one conversation with the ambassador.
  if (!turn.mayShowPersonalData) {
    await refuseNotPrivate(turn, 'visits:list');
    return;
  }
  // Read with the person at the start of the turn when the pipeline saw this coming.
  const visits =
    turn.held.openVisits ?? (await turn.deps.db.visits.listOpenForAmbassador(turn.person.id));
  if (visits.length === 0 && coordinatedAreas(turn).length > 0) {
    await showCoordinatorOverview(turn);
    return;
  }
  if (visits.length === 0) {
    await turn.say(turn.text.noOpenVisits());
    return;
  }
  await auditReadInChat(turn, 'visits.listed', visits);
  await turn.say(
    withResidentData({
      text: turn.text.openVisitsIntro(visits.length),
      sections: visits.map((visit) => visitSection(turn, visit)),
    }),
  );
}

function coordinatedAreas(turn: Turn): string[] {
  return turn.person.roles.filter((role) => role.role === 'coordinator').map((role) => role.areaId);
}

/**
 * A coordinator sees their own areas — and only those: open visits per ambassador, and how many
 * households still wait for the next hand-out.
 */
async function showCoordinatorOverview(turn: Turn): Promise<void> {
  const lines: string[] = [];
  for (const areaId of coordinatedAreas(turn)) {
    const area = await areaOf(turn, areaId);
    if (!area) continue;
    const [open, ambassadors, waiting] = await Promise.all([
      turn.deps.db.visits.listByArea(areaId, { status: 'open' }),
      turn.deps.db.people.listByArea(areaId, 'ambassador'),
      turn.deps.db.residents.listUnassigned(areaId),
    ]);
    const perAmbassador = ambassadors.map((ambassador) => ({
      name: ambassador.name.split(/\s+/)[0] ?? ambassador.name,
      open: open.filter((visit) => visit.ambassadorId === ambassador.id).length,
    }));
    await auditAreaReadInChat(turn, 'area.overview_viewed', areaId);
    lines.push(turn.text.areaOverview(area.name, open.length, perAmbassador, waiting.length));
  }
  await turn.say(lines.join('\n'));
}
