import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { ConversationState, Meeting, MeetingChanges } from '../../models/types.js';
import { refuseCoordinatorOnly } from '../core/coordinator-guard.js';
import type { Flow } from '../core/flow.js';
import { intentOf } from '../core/turn-intent.js';
import { forgetStep, rememberStep, sourceEventField, sourceEventOf } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { Choice, FormSpec } from '../core/outbound.js';
import type { Turn } from '../core/turn.js';
import { formatDay } from '../i18n/locale.js';
import { topicsFrom } from '../check-ins/questions.js';
import { areaIdsWithRole, firstName, isCoordinator, isCoordinatorOf } from './access.js';
import { AgendaEditError, addItem, moveItem, newItem, removeItem, retimeItem } from './agenda.js';
import { agendaLines, agendaText, peopleOfArea, type RenderContext } from './agenda-message.js';
import { recognizeMeetingCommand, type MeetingCommand } from './meeting-commands.js';
import { agendaSendAt } from './meeting-timers.js';
import { MEETING_AGENDA_FLOW, proposalMessage } from './proposal-message.js';
import {
  DEFAULT_TIMEBOX_MINUTES,
  parseAgenda,
  parseAgendaItems,
  parseMeetingWhen,
  type ParsedAgenda,
} from './parse-agenda.js';
import {
  changeMeeting,
  createDraft,
  meetingToEdit,
  newProposal,
  upcomingMeetingForAmbassador,
} from './plan-meeting.js';
import { scheduleCurrent } from './run-meeting.js';

/**
 * Planning a network meeting in chat. A coordinator writes the agenda in plain words (or fills
 * in the form); Nabo shows it with its times and total, warns when it overruns the planned
 * length, and stores it once confirmed. Items can then be added, moved, removed and re-timed in
 * chat. Ambassadors see the agenda and propose topics, which the coordinator approves.
 */
const STEP_WHEN = 'when';
const FORM_NEW = `${MEETING_AGENDA_FLOW}:new`;
const FORM_EDIT = `${MEETING_AGENDA_FLOW}:edit:`;

function render(turn: Turn): RenderContext {
  return { text: turn.text, locale: turn.locale, zone: turn.zone };
}

function action(step: string, value: string): ActionPayload {
  return { flow: MEETING_AGENDA_FLOW, step, value };
}

// ── Writing the agenda ──────────────────────────────────────────────────────────────────────────

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const command = recognizeMeetingCommand(text);
  if (command) return handleCommand(turn, command);
  const parsed = parseAgenda(text, { now: turn.now, zone: turn.zone });
  if (!parsed) return false;
  if (!isCoordinator(turn.person)) {
    // "snakkede med Ove i 10 min, Jonas i 5 min" has timeboxes but no meeting: it is a report.
    const noMeeting = parsed.title === '' && parsed.startsAt === null;
    if (noMeeting && intentOf(turn, text).kind === 'visit_report') return false;
    await refuseCoordinatorOnly(turn, 'meeting:plan', undefined, turn.text.onlyCoordinatorsPlan());
    return true;
  }
  await presentParsedAgenda(turn, parsed);
  return true;
}

async function presentParsedAgenda(turn: Turn, parsed: ParsedAgenda): Promise<void> {
  const areaId = areaIdsWithRole(turn.person, 'coordinator')[0];
  if (!areaId) return;
  if (parsed.startsAt === null) {
    await rememberStep(turn, MEETING_AGENDA_FLOW, STEP_WHEN, {
      title: parsed.title,
      plannedMinutes: parsed.plannedMinutes,
      items: parsed.items,
    });
    await turn.say(turn.text.askMeetingWhen());
    return;
  }
  const draft = await createDraft(turn.deps.db, {
    areaId,
    coordinatorId: turn.person.id,
    title: parsed.title === '' ? turn.text.defaultMeetingTitle() : parsed.title,
    startsAt: parsed.startsAt,
    plannedMinutes: parsed.plannedMinutes,
    items: parsed.items,
    ...sourceEventField(turn),
  });
  turn.deps.logger.info({ meetingId: draft.id, items: draft.items.length }, 'agenda drafted');
  await showDraft(turn, draft, parsed.problems);
}

async function showDraft(turn: Turn, draft: Meeting, problems: readonly string[]): Promise<void> {
  const people = await peopleOfArea(turn.deps.db, draft.areaId);
  const problemLines = problems
    .filter((problem) => !problem.startsWith('missing_date') && problem !== 'missing_start_time')
    .map((problem) => {
      const [code = '', ...detail] = problem.split(':');
      return turn.text.agendaProblem(code, detail.join(':'));
    });
  await turn.say({
    text: [
      agendaText(draft, people, render(turn)),
      ...problemLines,
      turn.text.confirmAgenda(),
    ].join('\n'),
    choices: [
      { label: turn.text.saveAgendaButton(), action: action('save', draft.id), style: 'primary' },
      { label: turn.text.editInFormButton(), action: action('form', draft.id) },
      {
        label: turn.text.discardAgendaButton(),
        action: action('discard', draft.id),
        style: 'danger',
      },
    ],
  });
  await offerCheckInTopics(turn, draft);
}

/** Wishes from check-ins (courses, activities) are offered as items, without names. */
async function offerCheckInTopics(turn: Turn, meeting: Meeting): Promise<void> {
  const since = await lastMeetingEnd(turn, meeting.areaId);
  const checkIns = (await turn.deps.db.checkIns.listByArea(meeting.areaId)).filter(
    (checkIn) => checkIn.updatedAt.getTime() >= since,
  );
  const present = new Set(meeting.items.map((item) => item.title.toLocaleLowerCase('da')));
  const topics = topicsFrom(checkIns, turn.text).filter(
    (topic) => !present.has(topic.toLocaleLowerCase('da')),
  );
  if (topics.length === 0) return;
  await turn.say({
    text: turn.text.checkInTopicsIntro(),
    choices: topics.slice(0, 5).map((topic) => ({
      label: turn.text.addTopicButton(topic),
      action: action('topic', `${meeting.id}|${topic}`),
    })),
  });
}

async function lastMeetingEnd(turn: Turn, areaId: string): Promise<number> {
  const finished = (await turn.deps.db.meetings.listByArea(areaId)).filter(
    (meeting) => meeting.status === 'finished',
  );
  return finished.reduce((latest, meeting) => Math.max(latest, meeting.endedAt?.getTime() ?? 0), 0);
}

/** The answer to "Hvornår er mødet?" after an agenda without a date or time. */
async function onReply(turn: Turn, text: string, state: ConversationState): Promise<boolean> {
  if (state.step !== STEP_WHEN) return false;
  if (recognizeMeetingCommand(text) || parseAgenda(text, { now: turn.now, zone: turn.zone })) {
    await forgetStep(turn);
    return false;
  }
  const when = parseMeetingWhen(text, { now: turn.now, zone: turn.zone });
  if (when.startsAt === null) {
    await turn.say(turn.text.meetingWhenNotUnderstood());
    return true;
  }
  await forgetStep(turn);
  const data = state.data as {
    title?: string;
    plannedMinutes?: number | null;
    items?: ParsedAgenda['items'];
  };
  await presentParsedAgenda(turn, {
    title: data.title ?? '',
    startsAt: when.startsAt,
    plannedMinutes: when.plannedMinutes ?? data.plannedMinutes ?? null,
    items: data.items ?? [],
    problems: when.problems,
  });
  return true;
}

// ── Commands: edit, show, propose ───────────────────────────────────────────────────────────────

async function handleCommand(turn: Turn, command: MeetingCommand): Promise<boolean> {
  switch (command.kind) {
    case 'show_agenda':
      await showAgenda(turn);
      return true;
    case 'agenda_form':
      if (!(await requireCoordinator(turn))) return true;
      await turn.say({ text: turn.text.formIntro(), form: agendaForm(turn, null) });
      return true;
    case 'add_item':
      if (!isCoordinator(turn.person)) await proposeTopic(turn, command.title, command.minutes);
      else await editAgenda(turn, command);
      return true;
    case 'move_item':
    case 'remove_item':
    case 'retime_item':
      if (await requireCoordinator(turn)) await editAgenda(turn, command);
      return true;
    default:
      // Starting, moving on and notes belong to the running meeting.
      return false;
  }
}

async function requireCoordinator(turn: Turn): Promise<boolean> {
  if (isCoordinator(turn.person)) return true;
  await refuseCoordinatorOnly(turn, 'meeting:edit', undefined, turn.text.onlyCoordinatorsPlan());
  return false;
}

async function editAgenda(
  turn: Turn,
  command: Extract<
    MeetingCommand,
    { kind: 'add_item' | 'move_item' | 'remove_item' | 'retime_item' }
  >,
): Promise<void> {
  const meeting = await meetingToEdit(turn.deps.db, turn.person, turn.now);
  if (!meeting) {
    await turn.say(turn.text.noMeetingToEdit());
    return;
  }
  let updated: Meeting;
  try {
    updated = await changeMeeting(
      turn.deps.db,
      meeting.id,
      (current) => ({
        items: (() => {
          switch (command.kind) {
            case 'add_item':
              return addItem(
                current.items,
                newItem(command.title, command.minutes ?? DEFAULT_TIMEBOX_MINUTES),
              );
            case 'move_item':
              return moveItem(current.items, command.item, command.to);
            case 'remove_item':
              return removeItem(current.items, command.item);
            case 'retime_item':
              return retimeItem(current.items, command.item, command.minutes);
          }
        })(),
      }),
      sourceEventOf(turn),
    );
  } catch (error) {
    if (error instanceof AgendaEditError) {
      const number = command.kind === 'add_item' ? meeting.items.length + 1 : command.item;
      await turn.say(turn.text.agendaEditProblem(error.problem, number));
      return;
    }
    throw error;
  }
  turn.deps.logger.info({ meetingId: meeting.id, edit: command.kind }, 'agenda edited');
  if (command.kind === 'retime_item' && updated.currentItem === command.item - 1) {
    // The item under way got a new timebox: its warnings move with it.
    await scheduleCurrent(
      {
        db: turn.deps.db,
        timers: turn.deps.meetingTimers,
        logger: turn.deps.logger,
        now: turn.now,
      },
      updated,
    );
  }
  const people = await peopleOfArea(turn.deps.db, updated.areaId);
  const lines = [turn.text.agendaUpdated(), agendaText(updated, people, render(turn))];
  if (command.kind === 'add_item' && command.minutes === null) {
    lines.push(turn.text.itemAddedWithDefaultTime(updated.items.length, DEFAULT_TIMEBOX_MINUTES));
  }
  await turn.say({ text: lines.join('\n'), choices: draftChoices(turn, updated) });
}

function draftChoices(turn: Turn, meeting: Meeting): Choice[] {
  if (meeting.status !== 'draft') return [];
  return [
    { label: turn.text.saveAgendaButton(), action: action('save', meeting.id), style: 'primary' },
    {
      label: turn.text.discardAgendaButton(),
      action: action('discard', meeting.id),
      style: 'danger',
    },
  ];
}

/** Coordinators see the agenda they work on; ambassadors the next one of their area. */
async function showAgenda(turn: Turn): Promise<void> {
  const meeting = isCoordinator(turn.person)
    ? await meetingToEdit(turn.deps.db, turn.person, turn.now)
    : await upcomingMeetingForAmbassador(turn.deps.db, turn.person, turn.now);
  if (!meeting) {
    await turn.say(
      isCoordinator(turn.person) ? turn.text.noMeetingToEdit() : turn.text.noUpcomingMeeting(),
    );
    return;
  }
  const people = await peopleOfArea(turn.deps.db, meeting.areaId);
  if (!isCoordinatorOf(turn.person, meeting.areaId)) {
    await turn.say(
      [
        ...agendaText(meeting, people, render(turn)).split('\n').slice(0, 1),
        ...agendaLines(meeting, render(turn)),
        turn.text.agendaInvitationFooter(),
      ].join('\n'),
    );
    return;
  }
  await turn.say({
    text: agendaText(meeting, people, render(turn)),
    choices: draftChoices(turn, meeting),
  });
  for (const proposal of meeting.proposals.filter((entry) => entry.status === 'pending')) {
    const proposer = people.get(proposal.proposedBy);
    await turn.say(
      proposalMessage(turn, meeting, proposal.id, proposer ? firstName(proposer.name) : '?'),
    );
  }
}

/** "tilføj punkt: …" from an ambassador: a proposal for the next meeting of their area. */
async function proposeTopic(turn: Turn, title: string, minutes: number | null): Promise<void> {
  const meeting = await upcomingMeetingForAmbassador(turn.deps.db, turn.person, turn.now);
  if (!meeting) {
    await turn.say(turn.text.noUpcomingMeeting());
    return;
  }
  const event = sourceEventOf(turn);
  const proposal = newProposal(
    // From the event when it has one, so a resumed turn names (and announces) the same proposal.
    event
      ? createHash('sha256').update(event).digest('hex').slice(0, 8)
      : randomBytes(4).toString('hex'),
    title,
    minutes ?? DEFAULT_TIMEBOX_MINUTES,
    turn.person.id,
    turn.now,
  );
  await turn.deps.db.meetings.addProposal(meeting.id, proposal, event);
  await turn.deps.meetingTimers?.announceProposal(meeting.id, proposal.id);
  turn.deps.logger.info({ meetingId: meeting.id, proposalId: proposal.id }, 'topic proposed');
  await turn.say(
    turn.text.proposalReceived(
      title,
      meeting.title,
      formatDay(meeting.startsAt, turn.locale, turn.zone),
    ),
  );
}

// ── Buttons and the form ────────────────────────────────────────────────────────────────────────

async function onAction(
  turn: Turn,
  payload: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  const [meetingId = '', ...rest] = payload.value.split(payload.step === 'topic' ? '|' : ':');
  const meeting = await turn.deps.db.meetings.findById(meetingId);
  if (!meeting || !isCoordinatorOf(turn.person, meeting.areaId)) {
    await refuseCoordinatorOnly(
      turn,
      `meeting:${payload.step}`,
      meeting?.areaId,
      turn.text.onlyCoordinatorsPlan(),
    );
    return;
  }
  switch (payload.step) {
    case 'save':
      return save(turn, meeting, source);
    case 'discard':
      return discard(turn, meeting, source);
    case 'form':
      await turn.say({ text: turn.text.formIntro(), form: agendaForm(turn, meeting) });
      return;
    case 'proposal':
      return decideProposal(turn, meeting, rest[0] ?? '', rest[1] === 'approve', source);
    case 'topic':
      return addTopic(turn, meeting, rest.join('|'), source);
    default:
      await turn.say(turn.text.notUnderstood());
  }
}

async function answered(turn: Turn, source: MessageRef | undefined, label: string): Promise<void> {
  if (source) await turn.replace(source, `✓ ${label}`);
}

async function save(turn: Turn, meeting: Meeting, source: MessageRef | undefined): Promise<void> {
  const planned = await turn.deps.db.meetings.update(
    meeting.id,
    { status: 'planned' },
    { status: 'draft' },
  );
  if (!planned) {
    await turn.say(turn.text.agendaAlreadyHandled());
    return;
  }
  const sendAt = agendaSendAt(planned.startsAt);
  await turn.deps.meetingTimers?.scheduleAgenda(planned.id, sendAt);
  turn.deps.logger.info({ meetingId: planned.id }, 'agenda saved');
  await answered(turn, source, turn.text.saveAgendaButton());
  await turn.say(
    turn.text.agendaSaved(
      sendAt.getTime() > turn.now.getTime() ? formatDay(sendAt, turn.locale, turn.zone) : null,
    ),
  );
}

async function discard(
  turn: Turn,
  meeting: Meeting,
  source: MessageRef | undefined,
): Promise<void> {
  if (!(await turn.deps.db.meetings.removeDraft(meeting.id))) {
    await turn.say(turn.text.agendaAlreadyHandled());
    return;
  }
  await answered(turn, source, turn.text.discardAgendaButton());
  await turn.say(turn.text.agendaDiscarded());
}

async function decideProposal(
  turn: Turn,
  meeting: Meeting,
  proposalId: string,
  approve: boolean,
  source: MessageRef | undefined,
): Promise<void> {
  const proposal = meeting.proposals.find((entry) => entry.id === proposalId);
  if (!proposal || proposal.status !== 'pending' || meeting.status === 'finished') {
    await turn.say(turn.text.proposalAlreadyDecided());
    return;
  }
  const updated = await changeMeeting(
    turn.deps.db,
    meeting.id,
    (current): MeetingChanges => ({
      proposals: current.proposals.map((entry) =>
        entry.id === proposalId ? { ...entry, status: approve ? 'approved' : 'declined' } : entry,
      ),
      ...(approve
        ? {
            items: addItem(current.items, {
              ...newItem(proposal.title, proposal.timeboxMinutes),
              proposedBy: proposal.proposedBy,
            }),
          }
        : {}),
    }),
    sourceEventOf(turn),
  );
  await answered(
    turn,
    source,
    approve ? turn.text.approveProposalButton() : turn.text.declineProposalButton(),
  );
  await turn.say(
    approve
      ? turn.text.proposalApproved(proposal.title, updated.items.length)
      : turn.text.proposalDeclined(proposal.title),
  );
}

async function addTopic(
  turn: Turn,
  meeting: Meeting,
  title: string,
  source: MessageRef | undefined,
): Promise<void> {
  if (title === '' || meeting.status === 'finished') {
    await turn.say(turn.text.agendaAlreadyHandled());
    return;
  }
  const updated = await changeMeeting(
    turn.deps.db,
    meeting.id,
    (current) => ({
      items: addItem(current.items, newItem(title, DEFAULT_TIMEBOX_MINUTES)),
    }),
    sourceEventOf(turn),
  );
  await answered(turn, source, turn.text.addTopicButton(title));
  const people = await peopleOfArea(turn.deps.db, updated.areaId);
  await turn.say({
    text: [turn.text.agendaUpdated(), agendaText(updated, people, render(turn))].join('\n'),
    choices: draftChoices(turn, updated),
  });
}

function agendaForm(turn: Turn, meeting: Meeting | null): FormSpec {
  const local = meeting ? DateTime.fromJSDate(meeting.startsAt, { zone: turn.zone }) : null;
  return {
    id: meeting ? `${FORM_EDIT}${meeting.id}` : FORM_NEW,
    title: turn.text.agendaFormTitle(),
    submitLabel: turn.text.agendaFormSubmit(),
    fields: [
      {
        id: 'title',
        label: turn.text.formMeetingTitle(),
        kind: 'text',
        required: true,
        initial: meeting?.title ?? turn.text.defaultMeetingTitle(),
      },
      {
        id: 'date',
        label: turn.text.formDate(),
        kind: 'date',
        required: true,
        ...(local ? { initial: local.toISODate() ?? '' } : {}),
      },
      {
        id: 'start',
        label: turn.text.formStartTime(),
        kind: 'text',
        required: true,
        initial: local ? local.toFormat('HH:mm') : '17:00',
      },
      {
        id: 'planned',
        label: turn.text.formPlannedMinutes(),
        kind: 'number',
        ...(meeting?.plannedMinutes ? { initial: String(meeting.plannedMinutes) } : {}),
      },
      {
        id: 'items',
        label: turn.text.formItems(),
        kind: 'multiline',
        required: true,
        ...(meeting
          ? {
              initial: meeting.items
                .map((item) => `${item.title} ${item.timeboxMinutes} min`)
                .join('\n'),
            }
          : {}),
      },
    ],
  };
}

/**
 * The form, read with the same parsers as a written agenda: the date and start time as "the
 * when" of a meeting, and the items field one item per line.
 */
export function agendaFromForm(
  values: Record<string, string>,
  options: { now: Date; zone: string },
): ParsedAgenda | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date?.trim() ?? '');
  const day = date ? `${Number(date[3])}/${Number(date[2])}/${date[1]}` : (values.date ?? '');
  const when = parseMeetingWhen(`${day} kl ${(values.start ?? '').trim()}`, options);
  const { items, problems } = parseAgendaItems(values.items ?? '');
  if (when.startsAt === null || items.length === 0) return null;
  const planned = Number(values.planned);
  return {
    title: (values.title ?? '').trim(),
    startsAt: when.startsAt,
    plannedMinutes: Number.isInteger(planned) && planned > 0 ? planned : null,
    items,
    problems: [...when.problems, ...problems],
  };
}

async function onForm(
  turn: Turn,
  formId: string,
  values: Record<string, string>,
  source: MessageRef | undefined,
): Promise<void> {
  if (!isCoordinator(turn.person)) {
    await refuseCoordinatorOnly(turn, 'meeting:plan', undefined, turn.text.onlyCoordinatorsPlan());
    return;
  }
  const parsed = agendaFromForm(values, { now: turn.now, zone: turn.zone });
  if (!parsed || parsed.startsAt === null) {
    await turn.say(turn.text.formNotUnderstood());
    return;
  }
  if (source) await turn.replace(source, `✓ ${turn.text.agendaFormSubmit()}`);
  if (formId.startsWith(FORM_EDIT)) {
    const meeting = await turn.deps.db.meetings.findById(formId.slice(FORM_EDIT.length));
    if (meeting && meeting.status === 'draft' && isCoordinatorOf(turn.person, meeting.areaId)) {
      const startsAt = parsed.startsAt;
      const updated = await changeMeeting(
        turn.deps.db,
        meeting.id,
        () => ({
          title: parsed.title === '' ? meeting.title : parsed.title,
          startsAt,
          plannedMinutes: parsed.plannedMinutes,
          items: parsed.items.map((item) => newItem(item.title, item.timeboxMinutes)),
        }),
        sourceEventOf(turn),
      );
      await showDraft(turn, updated, parsed.problems);
      return;
    }
  }
  await presentParsedAgenda(turn, parsed);
}

export const meetingAgendaFlow: Flow = {
  name: MEETING_AGENDA_FLOW,
  onMessage,
  onReply,
  onAction,
  onForm,
};

export { MEETING_AGENDA_FLOW };
