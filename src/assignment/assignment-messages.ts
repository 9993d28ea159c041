import type { NaboDatabase } from '../../models/database.js';
import type { Area, Person, VisitWithResident } from '../../models/types.js';
import type { OutboundMessage } from '../core/outbound.js';
import { householdAddress } from '../visits/households.js';
import { householdSection } from '../visits/my-visits.js';
import type { Catalog } from '../i18n/catalog.js';
import type { UnreachableOn } from './messages.js';
import type { Locale } from '../i18n/locale.js';
import type { ExclusionReason, UnassignedReason } from './assign-households.js';
import { monthLabel } from './assignment-month.js';
import { planMonthlyAssignment } from './run-monthly-assignment.js';

/** A coordinator's summary lists at most this many unassigned households by address. */
const MAX_UNASSIGNED_LINES = 20;

/** The ambassador's one message of the month: every household handed to them, with buttons. */
export function ambassadorAssignmentMessage(
  text: Catalog,
  locale: Locale,
  month: string,
  visits: readonly VisitWithResident[],
): OutboundMessage {
  return {
    residentData: true,
    text: text.assignmentIntro(visits.length, monthLabel(month, locale)),
    sections: [
      ...visits.map((visit) => householdSection(text, locale, visit)),
      { text: text.assignmentFooter() },
    ],
  };
}

/** The open visits an ambassador got in this area's hand-out for the month, oldest first. */
export async function visitsHandedOut(
  db: NaboDatabase,
  area: Area,
  month: string,
  ambassadorId: string,
): Promise<VisitWithResident[]> {
  const visits = await db.visits.listOpenForAmbassador(ambassadorId);
  return visits.filter((visit) => visit.areaId === area.id && visit.assignmentMonth === month);
}

export interface AssignmentSummary {
  areaName: string;
  month: string;
  perAmbassador: Array<{
    personId: string;
    name: string;
    count: number;
    unreachable?: UnreachableOn;
  }>;
  unassigned: Array<{ address: string; reason: UnassignedReason }>;
  excluded: Array<{ name: string; reason: ExclusionReason }>;
}

/**
 * What the coordinator needs after a hand-out, read from MongoDB as it stands: how many
 * households each ambassador got this month, who cannot be reached, and which households are
 * left and why (the plan computed again on what is still unassigned gives the reasons).
 */
export async function summariseAssignment(
  db: NaboDatabase,
  input: {
    area: Area;
    month: string;
    now: Date;
    reachability: (person: Person) => Promise<UnreachableOn | undefined>;
  },
): Promise<AssignmentSummary> {
  const { area, month, now } = input;
  const [visits, people, residents, remaining] = await Promise.all([
    db.visits.listByArea(area.id),
    db.people.listByArea(area.id),
    db.residents.listUnassigned(area.id),
    planMonthlyAssignment(db, area, month, now),
  ]);
  const byId = new Map(people.map((person) => [person.id, person]));
  const counts = new Map<string, number>();
  for (const visit of visits) {
    if (visit.assignmentMonth !== month) continue;
    counts.set(visit.ambassadorId, (counts.get(visit.ambassadorId) ?? 0) + 1);
  }
  const perAmbassador: AssignmentSummary['perAmbassador'] = [];
  for (const [personId, count] of counts) {
    const person = byId.get(personId) ?? (await db.people.findById(personId));
    if (!person) continue;
    const unreachable = await input.reachability(person);
    perAmbassador.push({
      personId,
      name: person.name,
      count,
      ...(unreachable ? { unreachable } : {}),
    });
  }
  perAmbassador.sort(
    (a, b) => a.name.localeCompare(b.name, 'da') || (a.personId < b.personId ? -1 : 1),
  );
  const residentsById = new Map(residents.map((resident) => [resident.id, resident]));
  return {
    areaName: area.name,
    month,
    perAmbassador,
    unassigned: remaining.unassigned.map((household) => {
      const resident = residentsById.get(household.residentId);
      return { address: resident ? householdAddress(resident) : '?', reason: household.reason };
    }),
    excluded: remaining.excluded.map((entry) => ({
      name: byId.get(entry.personId)?.name ?? '?',
      reason: entry.reason,
    })),
  };
}

export function coordinatorSummaryMessage(
  text: Catalog,
  locale: Locale,
  summary: AssignmentSummary,
): OutboundMessage {
  const month = monthLabel(summary.month, locale);
  const assigned = summary.perAmbassador.reduce((sum, entry) => sum + entry.count, 0);
  if (assigned === 0 && summary.unassigned.length === 0) {
    return { text: text.summaryNothingNew(summary.areaName, month) };
  }
  const lines = [text.summaryTitle(summary.areaName, month, assigned)];
  for (const entry of summary.perAmbassador) {
    const unreachable = entry.unreachable ? text.summaryUnreachable(entry.unreachable) : '';
    lines.push(`${text.summaryAmbassadorLine(entry.name, entry.count)}${unreachable}`);
  }
  if (summary.unassigned.length > 0) {
    lines.push('', text.summaryUnassignedTitle(summary.unassigned.length));
    for (const household of summary.unassigned.slice(0, MAX_UNASSIGNED_LINES)) {
      lines.push(text.summaryUnassignedLine(household.address, household.reason));
    }
    if (summary.unassigned.length > MAX_UNASSIGNED_LINES) {
      lines.push(text.summaryMoreUnassigned(summary.unassigned.length - MAX_UNASSIGNED_LINES));
    }
  }
  // Those who left are gone, and those who are full got their share: neither needs a word here.
  const notIncluded = summary.excluded.filter(
    (entry) => entry.reason === 'paused' || entry.reason === 'no_confidentiality',
  );
  if (notIncluded.length > 0) {
    lines.push('', text.summaryExcludedTitle());
    for (const entry of notIncluded) lines.push(text.summaryExcludedLine(entry.name, entry.reason));
  }
  return { text: lines.join('\n') };
}
