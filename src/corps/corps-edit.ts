import { DateTime } from 'luxon';
import type { ProfileChanges } from '../../models/types.js';
import type { LeftReason, Person } from '../../models/types.js';
import type { CorpsCommand } from './corps-command.js';
import { findAmbassadors } from './find-ambassador.js';
import { findMention, mentionsOf } from './mention.js';
import { parseDetails } from './profile-details.js';
import { coordinatedAreaIds } from './roles.js';
import { rememberStep, sourceEventField } from '../core/flow.js';
import type { MessageRef } from '../core/inbound.js';
import type { Turn } from '../core/turn.js';
import { isNaboError } from '../../kernel/errors.js';
import { formatDay } from '../i18n/locale.js';
import { recognizeIntent } from '../interpret/index.js';
import { editChoice } from './corps-add.js';
import { CORPS_FLOW, describeProfile, explainRefusal, profileFormFields } from './corps-shared.js';
import { ambassadorAssignmentMessage } from '../assignment/assignment-messages.js';
import { assignmentMonthOf } from '../assignment/assignment-month.js';
import { runMonthlyAssignment } from '../assignment/run-monthly-assignment.js';
import { catalogFor } from '../i18n/catalog.js';

export type PersonCommand = Exclude<CorpsCommand, { kind: 'list' } | { kind: 'add' }>;

export const LEFT_REASONS: readonly LeftReason[] = ['moved', 'stopped', 'other'];

/** The ambassadors of the coordinator's areas who match `who` (people who left only on request). */
export async function matchingAmbassadors(
  turn: Turn,
  who: string,
  includeLeft = false,
): Promise<Person[]> {
  const people = (
    await Promise.all(
      coordinatedAreaIds(turn.person).map((areaId) =>
        turn.deps.db.people.listByArea(areaId, 'ambassador'),
      ),
    )
  ).flat();
  const candidates = people.filter((person) => includeLeft || person.status.state !== 'left');
  return findAmbassadors(who, candidates, mentionsOf(turn.event));
}

/** Two Birgits: one question with a button per person; the command waits in the state. */
export async function askWhichAmbassador(
  turn: Turn,
  people: Person[],
  command: PersonCommand,
): Promise<void> {
  await rememberStep(turn, CORPS_FLOW, 'pick', { command });
  await turn.say({
    text: turn.text.whichAmbassador(),
    choices: people.slice(0, 10).map((person) => ({
      label: `${person.name}${person.block ? ` (${person.block})` : ''}`,
      action: { flow: CORPS_FLOW, step: 'pick', value: person.id },
    })),
  });
}

export async function runPersonCommand(
  turn: Turn,
  command: PersonCommand,
  person: Person,
): Promise<void> {
  switch (command.kind) {
    case 'edit':
      return command.details.trim() === ''
        ? showEditForm(turn, person)
        : editFromText(turn, person, command.details);
    case 'pause':
      return pauseAmbassador(turn, person, command.until);
    case 'resume':
      await turn.deps.db.people.resume(person.id);
      await audit(turn, person, 'person.resumed');
      await turn.say(turn.text.corpsResumed(person.name));
      return;
    case 'leave':
      return askLeaveReason(turn, person);
    case 'paper':
      return recordPaperAgreement(turn, person);
  }
}

/**
 * The organisation moved from paper: the coordinator says the ambassador signed the volunteer
 * agreement and the confidentiality there, which is what the chat's agreement buttons record.
 */
async function recordPaperAgreement(turn: Turn, person: Person): Promise<void> {
  if (person.volunteerAgreementAt && person.confidentialityAt) {
    await turn.say(turn.text.corpsAgreementAlready(person.name));
    return;
  }
  await turn.deps.db.people.confirmAgreement(person.id, turn.now);
  await audit(turn, person, 'person.agreement_on_paper');
  await turn.say(turn.text.corpsAgreementOnPaper(person.name));
}

export async function showEditForm(turn: Turn, person: Person): Promise<void> {
  await turn.say({
    text: turn.text.editFormIntro(person.name),
    form: {
      id: `${CORPS_FLOW}:edit:${person.id}`,
      title: turn.text.editFormTitle(),
      submitLabel: turn.text.corpsFormSubmit(),
      fields: profileFormFields(turn, person),
    },
  });
}

async function editFromText(turn: Turn, person: Person, details: string): Promise<void> {
  const mentioned = findMention(details, mentionsOf(turn.event));
  if (mentioned) {
    // "ret Birgit: @Birgit" connects someone added by name to their Slack or Teams account.
    try {
      await turn.deps.db.people.linkIdentity(person.id, mentioned.mention.identity);
    } catch (error) {
      if (isNaboError(error) && error.code === 'ALREADY_EXISTS') {
        await turn.say(explainRefusal(turn, error));
        return;
      }
      throw error;
    }
    if (mentioned.rest.trim() === '') {
      await turn.say(turn.text.identityLinked(person.name));
      return;
    }
    details = mentioned.rest;
  }
  const parsed = parseDetails(details);
  if (parsed.unknown.length > 0 || parsed.invalid.length > 0) {
    await turn.say(turn.text.detailsNotUnderstood([...parsed.unknown, ...parsed.invalid]));
    return;
  }
  await applyChanges(turn, person, parsed.changes);
}

export async function applyChanges(
  turn: Turn,
  person: Person,
  changes: ProfileChanges,
  source?: MessageRef,
): Promise<void> {
  let updated: Person;
  try {
    updated = await turn.deps.db.people.updateProfile(person.id, changes);
  } catch (error) {
    if (isNaboError(error) && error.code === 'CONFLICT') {
      await turn.say(turn.text.personHasLeft(person.name));
      return;
    }
    if (isNaboError(error) && error.code === 'INVALID_INPUT') {
      await turn.say(explainRefusal(turn, error));
      return;
    }
    throw error;
  }
  await audit(turn, person, 'person.updated', { fields: Object.keys(changes) });
  const message = {
    text: turn.text.profileUpdated(updated.name, describeProfile(turn, updated)),
    choices: [editChoice(turn, updated)],
  };
  if (source) await turn.replace(source, message);
  else await turn.say(message);
}

async function pauseAmbassador(turn: Turn, person: Person, until: string): Promise<void> {
  // The ambassador's own "pause til 1. januar" is read by the intent recognizer: reuse it.
  const intent = recognizeIntent(`pause til ${until}`, { now: turn.now, zone: turn.zone });
  const today = DateTime.fromJSDate(turn.now, { zone: turn.zone }).toISODate() ?? '';
  const day = intent.kind === 'pause' ? intent.until : null;
  if (!day || day <= today) {
    await turn.say(turn.text.corpsPauseNeedsDate(person.name.split(/\s+/)[0] ?? person.name));
    return;
  }
  const at = DateTime.fromISO(day, { zone: turn.zone }).startOf('day').toJSDate();
  try {
    await turn.deps.db.people.pause(person.id, at);
  } catch (error) {
    if (isNaboError(error) && error.code === 'CONFLICT') {
      await turn.say(turn.text.personHasLeft(person.name));
      return;
    }
    throw error;
  }
  await audit(turn, person, 'person.paused', { until: day });
  await turn.say(turn.text.corpsPaused(person.name, formatDay(day, turn.locale, turn.zone)));
}

async function askLeaveReason(turn: Turn, person: Person): Promise<void> {
  const open = (await turn.deps.db.visits.listOpenForAmbassador(person.id)).length;
  await turn.say({
    text: turn.text.askLeaveReason(person.name, open),
    choices: [
      ...LEFT_REASONS.map((reason) => ({
        label: turn.text.leaveReasonButton(reason),
        action: { flow: CORPS_FLOW, step: 'leave', value: `${person.id}:${reason}` },
      })),
      {
        label: turn.text.corpsCancelButton(),
        action: { flow: CORPS_FLOW, step: 'leave', value: `${person.id}:cancel` },
      },
    ],
  });
}

export async function markLeft(
  turn: Turn,
  person: Person,
  reason: LeftReason,
  source: MessageRef | undefined,
): Promise<void> {
  try {
    await turn.deps.db.people.markLeft(person.id, reason);
  } catch (error) {
    if (isNaboError(error) && error.code === 'CONFLICT') {
      await turn.say(turn.text.personHasLeft(person.name));
      return;
    }
    throw error;
  }
  await audit(turn, person, 'person.left', { reason });
  // Her doors nobody has knocked on yet go back to the pool; tried ones stay, with their notes.
  let returned = 0;
  for (const visit of await turn.deps.db.visits.listOpenForAmbassador(person.id)) {
    if (visit.attempts.length === 0 && (await turn.deps.db.visits.returnToPool(visit.id)))
      returned += 1;
  }
  if (returned > 0)
    await audit(turn, person, 'person.visits_returned', { count: String(returned) });
  const open = (await turn.deps.db.visits.listOpenForAmbassador(person.id)).length;
  const answer = turn.text.corpsLeft(person.name, turn.text.leaveReasonButton(reason), open);
  if (source) await turn.replace(source, answer);
  else await turn.say(answer);
  if (returned > 0) {
    const choice = (label: string, when: 'now' | 'later') => ({
      label,
      action: { flow: CORPS_FLOW, step: 'handback', value: `${person.id}:${when}` },
    });
    await turn.say({
      text: turn.text.corpsVisitsReturned(person.name, returned),
      choices: [
        { ...choice(turn.text.corpsHandOutNow(), 'now'), style: 'primary' as const },
        choice(turn.text.corpsHandOutLater(), 'later'),
      ],
    });
  }
}

/**
 * "Fordel dem nu": the hand-out runs now for the leaver's areas, as the monthly one would, and
 * each ambassador who got a household hears so. "Senere": they wait for the next hand-out.
 */
export async function handBackNow(
  turn: Turn,
  leaver: Person,
  when: string,
  source: MessageRef | undefined,
): Promise<void> {
  const done = async (text: string) =>
    source ? turn.replace(source, text) : void (await turn.say(text));
  if (when !== 'now') {
    await done(turn.text.corpsHandOutLaterDone());
    return;
  }
  const areaIds = leaver.roles
    .map((role) => role.areaId)
    .filter((areaId) => coordinatedAreaIds(turn.person).includes(areaId));
  let handedOut = 0;
  const perAmbassador = new Map<string, string[]>();
  for (const areaId of new Set(areaIds)) {
    const area = await turn.deps.db.areas.findById(areaId);
    if (!area) continue;
    const month = assignmentMonthOf(turn.now, area.timeZone);
    const run = await runMonthlyAssignment(turn.deps.db, { area, month, now: turn.now });
    handedOut += run.opened.length;
    for (const visit of run.opened) {
      perAmbassador.set(visit.ambassadorId, [
        ...(perAmbassador.get(visit.ambassadorId) ?? []),
        visit.id,
      ]);
    }
    await turn.deps.db.auditEvents.record({
      actorId: turn.person.id,
      action: 'assignment.handback_run',
      subjectType: 'area',
      subjectId: area.id,
      platform: turn.event.conversation.platform,
      ...sourceEventField(turn),
      details: { opened: run.opened.length },
    });
  }
  await done(turn.text.corpsHandedOutNow(handedOut, perAmbassador.size));
  if (!turn.deps.notifier) return;
  for (const [ambassadorId, visitIds] of perAmbassador) {
    const ambassador = await turn.deps.db.people.findById(ambassadorId);
    if (!ambassador) continue;
    const visits = (await turn.deps.db.visits.listOpenForAmbassador(ambassadorId)).filter((visit) =>
      visitIds.includes(visit.id),
    );
    const locale = ambassador.locale;
    await turn.deps.notifier.sendToPerson(
      ambassadorId,
      ambassadorAssignmentMessage(
        catalogFor(locale),
        locale,
        visits[0]?.assignmentMonth ?? '',
        visits,
      ),
    );
  }
}

async function audit(
  turn: Turn,
  person: Person,
  action: string,
  details: Record<string, string | string[]> = {},
): Promise<void> {
  await turn.deps.db.auditEvents.record({
    actorId: turn.person.id,
    action,
    subjectType: 'person',
    subjectId: person.id,
    platform: turn.event.conversation.platform,
    ...sourceEventField(turn),
    details,
  });
}
