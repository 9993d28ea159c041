import { DateTime } from 'luxon';
import type { ActionItem, Meeting, Person } from '../../models/types.js';
import type { Catalog } from '../i18n/catalog.js';
import { formatDay, formatShortDate, type Locale } from '../i18n/locale.js';
import type { ActionLine } from './messages.js';
import { firstName } from './access.js';
import { endsAt, itemStarts, overrunMinutes, totalMinutes } from './agenda.js';
import { summarise } from './timebox.js';

/**
 * How a meeting reads in chat: the agenda with its times, the warning when it overruns its
 * planned length, the action items, and the summary at the end. Shared by the flows and the jobs.
 */
export interface RenderContext {
  text: Catalog;
  locale: Locale;
  zone: string;
}

export function clockTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');
}

export function meetingTitle(meeting: Pick<Meeting, 'title'>, text: Catalog): string {
  return meeting.title.trim() === '' ? text.defaultMeetingTitle() : meeting.title;
}

export function agendaHeading(meeting: Meeting, context: RenderContext): string {
  const { text, locale, zone } = context;
  const minutes = totalMinutes(meeting.items);
  return text.agendaHeading(
    meetingTitle(meeting, text),
    formatDay(meeting.startsAt, locale, zone),
    clockTime(meeting.startsAt, zone),
    clockTime(endsAt(meeting.startsAt, meeting.items), zone),
    minutes,
  );
}

/** The numbered items with their planned start times. */
export function agendaLines(meeting: Meeting, context: RenderContext): string[] {
  if (meeting.items.length === 0) return [context.text.agendaNoItems()];
  const starts = itemStarts(meeting.startsAt, meeting.items);
  return meeting.items.map((item, index) => {
    const start = starts[index];
    return context.text.agendaItemLine(
      index + 1,
      item.title,
      item.timeboxMinutes,
      meeting.status === 'running' || !start ? null : clockTime(start, context.zone),
      item.status,
    );
  });
}

/** The planned length, and a warning when the items do not fit in it. */
export function lengthLines(meeting: Meeting, context: RenderContext): string[] {
  if (meeting.plannedMinutes === undefined) return [];
  const total = totalMinutes(meeting.items);
  if (overrunMinutes(meeting.plannedMinutes, meeting.items) > 0) {
    return [context.text.agendaOverrun(total, meeting.plannedMinutes)];
  }
  return [context.text.agendaPlanned(meeting.plannedMinutes)];
}

export function actionLine(
  action: ActionItem,
  number: number,
  people: ReadonlyMap<string, Person>,
  context: RenderContext,
): ActionLine {
  const owner = action.owner ? people.get(action.owner) : undefined;
  return {
    number,
    text: action.text,
    owner: owner ? firstName(owner.name) : (action.ownerName ?? null),
    // Due dates are calendar dates (UTC midnight): shown in UTC so the day never shifts.
    due: action.due ? formatShortDate(action.due, context.locale, 'UTC') : null,
  };
}

/** Open action items, numbered as "aktion 1 klar" refers to them. */
export function openActionLines(
  meeting: Meeting,
  people: ReadonlyMap<string, Person>,
  context: RenderContext,
): string[] {
  const lines: string[] = [];
  meeting.actionItems.forEach((action, index) => {
    if (!action.done)
      lines.push(context.text.actionLine(actionLine(action, index + 1, people, context)));
  });
  return lines;
}

/** The whole agenda as the coordinator sees it while planning. */
export function agendaText(
  meeting: Meeting,
  people: ReadonlyMap<string, Person>,
  context: RenderContext,
): string {
  const carried = openActionLines(meeting, people, context);
  return [
    agendaHeading(meeting, context),
    ...agendaLines(meeting, context),
    ...lengthLines(meeting, context),
    ...(carried.length > 0 ? [context.text.carriedActionsTitle(), ...carried] : []),
  ].join('\n');
}

/** Planned against actual minutes per item and in all, the notes and the action items. */
export function summaryText(
  meeting: Meeting,
  people: ReadonlyMap<string, Person>,
  context: RenderContext,
): string {
  const { text } = context;
  const summary = summarise(meeting);
  const notes = summary.rows.flatMap((row) =>
    row.notes.map((note) => text.summaryNoteLine(row.title, note)),
  );
  const actions = meeting.actionItems.map((action, index) =>
    text.actionLine(actionLine(action, index + 1, people, context)),
  );
  return [
    text.meetingSummaryTitle(meetingTitle(meeting, text)),
    ...summary.rows.map((row) =>
      text.summaryRow(row.number, row.title, row.plannedMinutes, row.actualMinutes),
    ),
    text.summaryTotal(summary.plannedTotal, summary.actualTotal, summary.differenceOnDiscussed),
    ...(notes.length > 0 ? [text.summaryNotesTitle(), ...notes] : []),
    text.summaryActionsTitle(),
    ...(actions.length > 0 ? actions : [text.summaryNoActions()]),
    text.summaryFooter(),
  ].join('\n');
}

export async function peopleOfArea(
  db: { people: { listByArea(areaId: string): Promise<Person[]> } },
  areaId: string,
): Promise<Map<string, Person>> {
  const people = await db.people.listByArea(areaId);
  return new Map(people.map((person) => [person.id, person]));
}
