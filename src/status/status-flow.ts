import { DateTime } from 'luxon';
import type { Area, CheckIn, Person, VisitWithResident } from '../../models/types.js';
import type { Flow } from '../core/flow.js';
import type { Turn } from '../core/turn.js';
import type { Locale } from '../i18n/locale.js';
import { formatDay } from '../i18n/locale.js';
import type { VisitCounts } from '../meetings/messages.js';
import { MONTHS } from '../interpret/lexicon.js';
import { foldDiacritics } from '../interpret/normalize.js';
import { areaIdsWithRole, firstName, isCoordinator } from '../meetings/access.js';
import { clockTime, meetingTitle } from '../meetings/agenda-message.js';
import { AWAY_FROM_EVENTS_MONTHS, awayFromEvents } from '../events/community-events.js';

/**
 * "status" / "status december": how the programme is doing, for the coordinator who watches
 * whether it develops as intended. Per month of hand-out: visits assigned, attempted, met,
 * folder left, not reached, revisits pending and past the first-visit deadline, per ambassador;
 * check-ins done, missed and flagged; the next meeting. An ambassador gets their own numbers.
 */
export const STATUS_FLOW = 'status';

const STATUS = /^(?:status|statistik|stats|overblik|overview)(?:\s+(?:for|i|in|on)?\s*(.*))?$/iu;

/** 'YYYY-MM' of the period asked for; null when the words are no month. */
export function statusMonth(words: string, now: Date, zone: string): string | null {
  const today = DateTime.fromJSDate(now, { zone });
  const folded = foldDiacritics(words)
    .replace(/[.!?]+$/, '')
    .trim();
  if (folded === '' || /^(?:denne maaned|this month|nu|now)$/.test(folded)) {
    return today.toFormat('yyyy-MM');
  }
  if (/^(?:sidste maaned|forrige maaned|last month|previous month)$/.test(folded)) {
    return today.minus({ months: 1 }).toFormat('yyyy-MM');
  }
  const match = /^([a-z]+)(?:\s+(\d{4}))?$/.exec(folded);
  const month = match ? MONTHS.get(match[1] ?? '') : undefined;
  if (!match || month === undefined) return null;
  // "status december" in January means the December just past, not the one to come.
  const year = match[2] ? Number(match[2]) : month > today.month ? today.year - 1 : today.year;
  return DateTime.fromObject({ year, month }, { zone }).toFormat('yyyy-MM');
}

function monthLabel(month: string, locale: Locale): string {
  return DateTime.fromFormat(month, 'yyyy-MM')
    .setLocale(locale === 'da' ? 'da' : 'en-GB')
    .toFormat('LLLL yyyy');
}

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const match = STATUS.exec(text.trim());
  if (!match) return false;
  const month = statusMonth(match[1] ?? '', turn.now, turn.zone);
  if (month === null) return false;
  if (isCoordinator(turn.person)) await showAreaStatus(turn, month);
  else await showOwnStatus(turn, month);
  return true;
}

export function countVisits(
  visits: readonly VisitWithResident[],
  area: Area,
  now: Date,
): VisitCounts {
  const deadlineMs = area.settings.firstAttemptDeadlineDays * 24 * 60 * 60_000;
  return {
    assigned: visits.length,
    attempted: visits.filter((visit) => visit.attempts.length > 0).length,
    met: visits.filter((visit) => visit.attempts.some((attempt) => attempt.outcome === 'met'))
      .length,
    folderLeft: visits.filter((visit) => visit.folderLeft === true).length,
    notReached: visits.filter(
      (visit) =>
        visit.closingReason === 'not_reached' || visit.closingReason === 'folder_delivered_not_met',
    ).length,
    revisitsPending: visits.filter((visit) => visit.status === 'open' && visit.revisitDate !== null)
      .length,
    pastDeadline: visits.filter(
      (visit) =>
        visit.status === 'open' &&
        visit.attempts.length === 0 &&
        now.getTime() - visit.createdAt.getTime() > deadlineMs,
    ).length,
  };
}

function inMonth(checkIn: CheckIn, month: string, zone: string): boolean {
  return DateTime.fromJSDate(checkIn.due, { zone }).toFormat('yyyy-MM') === month;
}

async function showAreaStatus(turn: Turn, month: string): Promise<void> {
  const sections: string[] = [];
  for (const areaId of areaIdsWithRole(turn.person, 'coordinator')) {
    const area = await turn.deps.db.areas.findById(areaId);
    if (!area) continue;
    const [visits, ambassadors, checkIns, meetings] = await Promise.all([
      turn.deps.db.visits.listByArea(areaId),
      turn.deps.db.people.listByArea(areaId, 'ambassador'),
      turn.deps.db.checkIns.listByArea(areaId),
      turn.deps.db.meetings.listByArea(areaId),
    ]);
    const ofMonth = visits.filter((visit) => visit.assignmentMonth === month);
    const monthCheckIns = checkIns.filter((checkIn) => inMonth(checkIn, month, area.timeZone));
    const lines = [
      turn.text.statusTitle(area.name, monthLabel(month, turn.locale)),
      turn.text.statusVisits(countVisits(ofMonth, area, turn.now)),
      turn.text.statusAmbassadorsTitle(),
      ...ambassadorLines(turn, ambassadors, ofMonth, area),
      turn.text.statusCheckIns(
        monthCheckIns.filter((checkIn) => checkIn.status === 'answered').length,
        monthCheckIns.filter((checkIn) => checkIn.status === 'missed').length,
        monthCheckIns.filter((checkIn) => checkIn.followUp).length,
        monthCheckIns.filter((checkIn) => checkIn.status === 'pending').length,
      ),
    ];
    const away = await awayFromEvents(turn.deps.db, areaId, ambassadors, turn.now);
    if (away.length > 0) {
      lines.push(
        turn.text.statusInactive(
          away.map((person) => firstName(person.name)),
          AWAY_FROM_EVENTS_MONTHS,
        ),
      );
    }
    const next = meetings.find(
      (meeting) =>
        (meeting.status === 'planned' || meeting.status === 'running') &&
        meeting.startsAt.getTime() >= turn.now.getTime() - 12 * 60 * 60_000,
    );
    lines.push(
      next
        ? turn.text.statusNextMeeting(
            meetingTitle(next, turn.text),
            formatDay(next.startsAt, turn.locale, area.timeZone),
            clockTime(next.startsAt, area.timeZone),
            next.items.length,
          )
        : turn.text.statusNoMeeting(),
    );
    sections.push(lines.join('\n'));
  }
  await turn.say(sections.join('\n\n'));
}

function ambassadorLines(
  turn: Turn,
  ambassadors: readonly Person[],
  visits: readonly VisitWithResident[],
  area: Area,
): string[] {
  return ambassadors
    .map((ambassador) => ({
      ambassador,
      mine: visits.filter((visit) => visit.ambassadorId === ambassador.id),
    }))
    .filter(({ ambassador, mine }) => mine.length > 0 || ambassador.status.state !== 'left')
    .map(({ ambassador, mine }) =>
      turn.text.statusAmbassadorLine(firstName(ambassador.name), countVisits(mine, area, turn.now)),
    );
}

/** An ambassador asking for status gets their own short numbers, never anyone else's. */
async function showOwnStatus(turn: Turn, month: string): Promise<void> {
  const [open, all] = await Promise.all([
    turn.deps.db.visits.listOpenForAmbassador(turn.person.id),
    Promise.all(
      areaIdsWithRole(turn.person, 'ambassador').map((areaId) =>
        turn.deps.db.visits.listByArea(areaId),
      ),
    ),
  ]);
  const mine = all
    .flat()
    .filter((visit) => visit.ambassadorId === turn.person.id && visit.assignmentMonth === month);
  await turn.say(
    turn.text.statusOwn(
      monthLabel(month, turn.locale),
      mine.length,
      mine.filter((visit) => visit.attempts.some((attempt) => attempt.outcome === 'met')).length,
      open.length,
    ),
  );
}

export const statusFlow: Flow = { name: STATUS_FLOW, onMessage };
