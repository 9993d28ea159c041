import type { Meeting } from '../../models/types.js';
import { refuseCoordinatorOnly } from '../core/coordinator-guard.js';
import { sourceEventField, sourceEventOf, type Flow } from '../core/flow.js';
import type { ActionPayload, MessageRef } from '../core/inbound.js';
import type { OutboundMessage } from '../core/outbound.js';
import type { Turn } from '../core/turn.js';
import { isCoordinator, isCoordinatorOf } from './access.js';
import { parseActionItem } from './action-item.js';
import { totalMinutes } from './agenda.js';
import {
  actionLine,
  clockTime,
  meetingTitle,
  peopleOfArea,
  summaryText,
  type RenderContext,
} from './agenda-message.js';
import { recognizeMeetingCommand, type MeetingCommand } from './meeting-commands.js';
import {
  changeMeeting,
  meetingForActions,
  meetingToStart,
  runningMeetingFor,
} from './plan-meeting.js';
import {
  advance,
  currentItemOf,
  endMeeting,
  startMeeting,
  type AdvanceResult,
  type MeetingRunContext,
} from './run-meeting.js';
import { timerDueAt } from './timebox.js';

/**
 * Running the network meeting from the coordinator's chat: "start møde", "næste", "note: …",
 * "aktion: Birgit ringer til varmemesteren – fredag", "slut møde". The timers (80 % and end of
 * each timebox) arrive from the jobs in the same conversation; the summary closes the meeting.
 */
export const MEETING_RUN_FLOW = 'meeting-run';
const RUN_COMMANDS: ReadonlySet<MeetingCommand['kind']> = new Set([
  'start',
  'next',
  'end',
  'note',
  'action',
  'action_done',
]);

function runContext(turn: Turn): MeetingRunContext {
  return {
    db: turn.deps.db,
    timers: turn.deps.meetingTimers,
    logger: turn.deps.logger,
    now: turn.now,
    ...sourceEventField(turn),
  };
}

function render(turn: Turn): RenderContext {
  return { text: turn.text, locale: turn.locale, zone: turn.zone };
}

async function onMessage(turn: Turn, text: string): Promise<boolean> {
  const command = recognizeMeetingCommand(text);
  // Ambassadors' "næste" or "note:" mean something else; only coordinators run meetings.
  if (!command || !RUN_COMMANDS.has(command.kind) || !isCoordinator(turn.person)) return false;
  switch (command.kind) {
    case 'start':
      await start(turn);
      return true;
    case 'next':
      await moveOn(turn, null);
      return true;
    case 'end':
      await finish(turn);
      return true;
    case 'note':
      await addNote(turn, command.text);
      return true;
    case 'action':
      await addAction(turn, command.text);
      return true;
    case 'action_done':
      await completeAction(turn, command.number);
      return true;
    default:
      return false;
  }
}

async function start(turn: Turn): Promise<void> {
  const running = await runningMeetingFor(turn.deps.db, turn.person);
  const event = sourceEventOf(turn);
  if (running && event !== undefined && running.sourceEvents?.includes(event)) {
    // This very "start møde" started it (a resumed turn): answered as the first time.
    await announceStarted(turn, running);
    return;
  }
  if (running) {
    await turn.say(turn.text.meetingAlreadyRunning(meetingTitle(running, turn.text)));
    return;
  }
  const meeting = await meetingToStart(turn.deps.db, turn.person, turn.now);
  if (!meeting || meeting.items.length === 0) {
    await turn.say(turn.text.noMeetingToStart());
    return;
  }
  const { platform, key, isDirect, address } = turn.event.conversation;
  const started = await startMeeting(runContext(turn), meeting, turn.person.id, {
    platform,
    key,
    isDirect,
    address,
  });
  await announceStarted(turn, started);
}

async function announceStarted(turn: Turn, started: Meeting): Promise<void> {
  await turn.say(
    turn.text.meetingStarted(
      meetingTitle(started, turn.text),
      started.items.length,
      totalMinutes(started.items),
    ),
  );
  await turn.say(currentItemMessage(turn, started));
}

/** The item under way, with the buttons that move the meeting on. */
export function currentItemMessage(
  turn: Pick<Turn, 'text' | 'zone'>,
  meeting: Meeting,
): OutboundMessage {
  const current = currentItemOf(meeting);
  if (!current) return { text: turn.text.noRunningMeeting() };
  const { index, item } = current;
  const until = timerDueAt(item.startedAt ?? new Date(), item.timeboxMinutes, 'end');
  const value = `${meeting.id}:${index}`;
  return {
    text: turn.text.currentItem(
      index + 1,
      meeting.items.length,
      item.title,
      item.timeboxMinutes,
      clockTime(until, turn.zone),
    ),
    choices: [
      {
        label: turn.text.nextItemButton(),
        action: { flow: MEETING_RUN_FLOW, step: 'next', value },
        style: 'primary',
      },
      {
        label: turn.text.endMeetingButton(),
        action: { flow: MEETING_RUN_FLOW, step: 'end', value },
      },
    ],
  };
}

/** "næste" or the button; a button from an item already left behind does not skip another. */
async function moveOn(turn: Turn, pressedIndex: number | null): Promise<void> {
  const meeting = await runningMeetingFor(turn.deps.db, turn.person);
  if (!meeting) {
    await turn.say(turn.text.noRunningMeeting());
    return;
  }
  const event = sourceEventOf(turn);
  const movedAlready = event !== undefined && meeting.sourceEvents?.includes(event) === true;
  if (pressedIndex !== null && pressedIndex !== meeting.currentItem && !movedAlready) {
    await turn.say(turn.text.itemAlreadyMovedOn());
    await turn.say(currentItemMessage(turn, meeting));
    return;
  }
  await report(turn, await advance(runContext(turn), meeting));
}

async function finish(turn: Turn): Promise<void> {
  const meeting = await runningMeetingFor(turn.deps.db, turn.person);
  if (!meeting) {
    await turn.say(turn.text.noRunningMeeting());
    return;
  }
  await report(turn, await endMeeting(runContext(turn), meeting));
}

async function report(turn: Turn, result: AdvanceResult): Promise<void> {
  switch (result.kind) {
    case 'next':
      await turn.say(currentItemMessage(turn, result.meeting));
      return;
    case 'finished': {
      const people = await peopleOfArea(turn.deps.db, result.meeting.areaId);
      await turn.say(summaryText(result.meeting, people, render(turn)));
      return;
    }
    case 'stale':
      if (result.meeting?.status === 'running') {
        await turn.say(turn.text.itemAlreadyMovedOn());
        await turn.say(currentItemMessage(turn, result.meeting));
      } else await turn.say(turn.text.noRunningMeeting());
  }
}

async function addNote(turn: Turn, note: string): Promise<void> {
  const meeting = await runningMeetingFor(turn.deps.db, turn.person);
  const current = meeting ? currentItemOf(meeting) : null;
  if (!meeting || !current) {
    await turn.say(turn.text.noRunningMeeting());
    return;
  }
  // Notes stay with the item they were written under, even if the meeting moved on meanwhile.
  await changeMeeting(
    turn.deps.db,
    meeting.id,
    (latest) => ({
      items: latest.items.map((item, index) =>
        index === current.index
          ? { ...item, notes: [item.notes, note.replace(/\n+/g, ' ')].filter(Boolean).join('\n') }
          : item,
      ),
    }),
    sourceEventOf(turn),
  );
  await turn.say(turn.text.meetingNoteSaved(current.item.title));
}

async function addAction(turn: Turn, text: string): Promise<void> {
  const meeting = await meetingForActions(turn.deps.db, turn.person, turn.now);
  if (!meeting) {
    await turn.say(turn.text.noRunningMeeting());
    return;
  }
  const people = await peopleOfArea(turn.deps.db, meeting.areaId);
  const action = parseActionItem(text, {
    now: turn.now,
    zone: turn.zone,
    people: [...people.values()],
  });
  const updated = await turn.deps.db.meetings.addActionItem(
    meeting.id,
    action,
    sourceEventOf(turn),
  );
  // Its number as stored (a resumed turn's action may not be the last one any more).
  const stored = updated?.actionItems.findLastIndex((entry) => entry.text === action.text) ?? -1;
  const number = stored >= 0 ? stored + 1 : (updated?.actionItems.length ?? 1);
  await turn.say(turn.text.actionSaved(actionLine(action, number, people, render(turn))));
}

async function completeAction(turn: Turn, number: number): Promise<void> {
  const meeting = await meetingForActions(turn.deps.db, turn.person, turn.now);
  const target = meeting?.actionItems[number - 1];
  if (!meeting || !target || target.done) {
    await turn.say(turn.text.noSuchAction(number));
    return;
  }
  await changeMeeting(
    turn.deps.db,
    meeting.id,
    (latest) => ({
      actionItems: latest.actionItems.map((action, index) =>
        index === number - 1 ? { ...action, done: true } : action,
      ),
    }),
    sourceEventOf(turn),
  );
  await turn.say(turn.text.actionDone(number));
}

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  const [meetingId = '', index = ''] = action.value.split(':');
  const meeting = await turn.deps.db.meetings.findById(meetingId);
  if (!meeting || !isCoordinatorOf(turn.person, meeting.areaId)) {
    await refuseCoordinatorOnly(
      turn,
      `meeting:${action.step}`,
      meeting?.areaId,
      turn.text.onlyCoordinatorsPlan(),
    );
    return;
  }
  if (source) {
    const label = action.step === 'end' ? turn.text.endMeetingButton() : turn.text.nextItemButton();
    await turn.replace(source, `✓ ${label}`);
  }
  if (action.step === 'end') await finish(turn);
  else await moveOn(turn, Number(index));
}

/** A meeting may run in a team's channel: its buttons move the agenda on and name no resident. */
export const meetingRunFlow: Flow = {
  name: MEETING_RUN_FLOW,
  answersInGroups: true,
  onMessage,
  onAction,
};
