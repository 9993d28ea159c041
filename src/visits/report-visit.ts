import { createHash } from 'node:crypto';
import { nudgeOnEmptyDoors } from './empty-doors.js';
import { isDoorOutcome } from '../../kernel/door-outcomes.js';
import { isNaboError } from '../../kernel/errors.js';
import type {
  Area,
  AttemptOutcome,
  ConversationState,
  Visit,
  VisitWithResident,
} from '../../models/types.js';
import type { Flow } from '../core/flow.js';
import {
  areaOf,
  CONVERSATION_STATE_TTL_SECONDS,
  rememberStep,
  sourceEventOf,
} from '../core/flow.js';
import { eventKeyOf, type ActionPayload, type MessageRef } from '../core/inbound.js';
import { withResidentData, type Choice, type OutboundMessage } from '../core/outbound.js';
import { refuseNotPrivate } from '../core/private-guard.js';
import type { Turn } from '../core/turn.js';
import type { OutcomeChoice } from '../i18n/catalog.js';
import { formatDay } from '../i18n/locale.js';
import {
  conversationFocus,
  MAX_REPORT_LENGTH,
  readVisitReports,
  type HouseholdCandidate,
  type HouseholdContext,
  type VisitReportInterpretation,
} from '../interpret/index.js';
import { auditChangeInChat } from '../privacy/audit.js';
import { sensitiveTopicsIn } from '../privacy/sensitive-note.js';
import { revisitReminderAt } from './reminder-times.js';
import { recordVisitReport, type RecordedReport, type VisitReport } from './record-visit-report.js';
import { householdAddress, householdName } from './households.js';
import { offerFollowUps } from '../follow-ups/offer-follow-ups.js';
import { holdUntilAgreed } from '../corps/agreement.js';
import { askWhatTheyWant } from '../core/help.js';
import {
  REPORT_FLOW,
  outcomeChoices,
  outcomeValue,
  readOutcomeValue,
  visitSection,
  type ShownVisit,
} from './my-visits.js';

/**
 * Reporting a visit, the heart of Nabo. An ambassador writes in their own words or taps a button;
 * the bot records only what it understood. When it is unsure which household or what happened,
 * it asks one question with buttons and keeps what was already said. Nothing is recorded on a
 * guess.
 */

/** What the ambassador said so far, kept in the conversation state while the bot asks. */
interface PendingReport {
  visitId?: string;
  outcome: AttemptOutcome | null;
  folderLeft: boolean | null;
  revisitDate: string | null;
  note: string | null;
  isCorrection: boolean;
  /** From a button: the tries the visit had when it was shown; another count means answered. */
  afterAttempts?: number;
}

/**
 * What the conversation state keeps for this flow. The latest report itself is not here: its
 * attempts carry the conversation and a report key (see latestReport), so recording a report
 * costs no state write when nothing was pending.
 */
interface ReportMemory {
  /**
   * Reports up to this key were taken back ("fortryd"): an earlier one is not taken back next.
   */
  after?: string;
  /** Written before reports carried their own memory: read for a day after an upgrade. */
  lastVisitId?: string;
  lastVisitIds?: string[];
  reportedAt?: string;
  pending?: PendingReport;
}

/** The latest report in this conversation: what "fortryd" and a correction are about. */
interface LatestReport {
  /** Every household of that message, when it reported several. */
  visitIds: string[];
  /** Its report key (absent for a report remembered the old way, in the state). */
  key?: string;
  at?: Date;
}

const STEP_HOUSEHOLD = 'household';
const STEP_OUTCOME = 'outcome';
const STEP_KEEP_NOTE = 'keep_note';
const STEP_DONE = 'done';
/** "fortryd" took the latest report back; `after` says which reports are behind it. */
const STEP_UNDONE = 'undone';

function memoryOf(state: ConversationState | null): ReportMemory {
  if (!state || state.flow !== REPORT_FLOW) return {};
  return state.data as ReportMemory;
}

async function currentState(turn: Turn): Promise<ConversationState | null> {
  return turn.held.state;
}

async function currentMemory(turn: Turn): Promise<ReportMemory> {
  return memoryOf(await currentState(turn));
}

/**
 * No question pending and no other flow holding the conversation: a report recorded now needs
 * no conversation-state write, since its attempts remember it.
 */
function nothingPending(state: ConversationState | null): boolean {
  return (
    state === null ||
    (state.flow === REPORT_FLOW && (state.step === STEP_DONE || state.step === STEP_UNDONE))
  );
}

/** How long the latest report can be taken back: as long as a question keeps its place. */
const REPORT_MEMORY_MS = CONVERSATION_STATE_TTL_SECONDS * 1000;

/**
 * The latest report in this conversation, from the households' own attempts: the newest report
 * key among the visits whose last attempt was told here within the day and after the last
 * "fortryd". Another flow holding the conversation hides it, as the state did before.
 */
function latestReport(
  turn: Turn,
  state: ConversationState | null,
  visits: readonly Visit[],
): LatestReport | undefined {
  if (state !== null && state.flow !== REPORT_FLOW) return undefined;
  const memory = memoryOf(state);
  const since = turn.now.getTime() - REPORT_MEMORY_MS;
  const conversation = conversationTagOf(turn);
  let latest: { key: string; at: Date; visitIds: string[] } | undefined;
  for (const visit of visits) {
    if (visit.closingReason === 'erased' || visit.ambassadorId !== turn.person.id) continue;
    const last = visit.attempts.at(-1);
    if (!last?.reportKey || last.conversationTag !== conversation) continue;
    if (last.at.getTime() < since || (memory.after && last.reportKey <= memory.after)) continue;
    const order = latest ? last.at.getTime() - latest.at.getTime() : 1;
    if (!latest || order > 0 || (order === 0 && last.reportKey > latest.key)) {
      latest = { key: last.reportKey, at: last.at, visitIds: [visit.id] };
    } else if (last.reportKey === latest.key) {
      latest.visitIds.push(visit.id);
    }
  }
  if (latest) return latest;
  if (state?.step === STEP_UNDONE) return undefined;
  const remembered = memory.lastVisitIds ?? (memory.lastVisitId ? [memory.lastVisitId] : []);
  if (remembered.length === 0) return undefined;
  return {
    visitIds: remembered,
    ...(memory.reportedAt ? { at: new Date(memory.reportedAt) } : {}),
  };
}

/** The conversation a report was told in, as the attempt keeps it: a digest, not the platform id. */
function conversationTagOf(turn: Turn): string {
  return createHash('sha256').update(turn.event.conversation.key).digest('base64url').slice(0, 16);
}

/** One key per message: its households are taken back together. */
const reportKeys = new WeakMap<Turn, string>();
function reportKeyOf(turn: Turn): string {
  const known = reportKeys.get(turn);
  if (known) return known;
  const key = newReportKey(turn.now);
  reportKeys.set(turn, key);
  return key;
}

let reportsMade = 0;
/**
 * Sorts as the reports were made: the turn's time, then this process's own clock and a counter,
 * since the turn's clock may stand still (tests, NABO_NOW) and ties must still order.
 */
function newReportKey(now: Date): string {
  reportsMade = (reportsMade + 1) % 0x1000000;
  return [now.getTime(), Date.now(), reportsMade]
    .map((part) => part.toString(16).padStart(12, '0'))
    .join('');
}

/** What a question's state carries on: the "fortryd" boundary and an old-style memory. */
function carried(memory: ReportMemory): ReportMemory {
  return {
    ...(memory.after ? { after: memory.after } : {}),
    ...(memory.lastVisitId ? { lastVisitId: memory.lastVisitId } : {}),
    ...(memory.lastVisitIds ? { lastVisitIds: memory.lastVisitIds } : {}),
    ...(memory.reportedAt ? { reportedAt: memory.reportedAt } : {}),
  };
}

/**
 * After a report: a pending question (this flow's or another's) is answered or dropped, so the
 * state says "done"; with nothing pending the state is left as it is, since the attempts carry
 * the memory — no write.
 */
async function settleAfterReport(turn: Turn): Promise<void> {
  if (nothingPending(turn.held.state)) return;
  await rememberStep(turn, REPORT_FLOW, STEP_DONE, {});
}

function fromInterpretation(report: VisitReportInterpretation): PendingReport {
  return {
    outcome: report.outcome,
    folderLeft: report.folderLeft,
    revisitDate: report.revisitDate,
    note: report.note,
    isCorrection: report.isCorrection,
  };
}

function choiceToReport(choice: OutcomeChoice): Pick<PendingReport, 'outcome' | 'folderLeft'> {
  if (choice === 'not_home_folder') return { outcome: 'not_home', folderLeft: true };
  // "Ikke hjemme" beside "Ikke hjemme – mappe lagt" says the folder was not left.
  if (choice === 'not_home') return { outcome: 'not_home', folderLeft: false };
  return { outcome: choice, folderLeft: null };
}

function isOutcomeChoice(value: string): value is OutcomeChoice {
  return value === 'not_home_folder' || isDoorOutcome(value);
}

function nameOf(turn: Turn, visit: VisitWithResident): string {
  return householdName(visit.resident.names, turn.locale);
}

/** Everything this flow says may name a household: only into a one-to-one conversation. */
function sayPrivately(turn: Turn, message: OutboundMessage | string) {
  return turn.say(withResidentData(message));
}

function replacePrivately(turn: Turn, source: MessageRef, message: OutboundMessage | string) {
  return turn.replace(source, withResidentData(message));
}

// ── Entry points ────────────────────────────────────────────────────────────────────────────────

/** A free-text report ("ikke hjemme, lagde mappen i postkassen"). */
export async function reportInOwnWords(
  turn: Turn,
  report: VisitReportInterpretation,
): Promise<void> {
  if (await holdUntilAgreed(turn)) return;
  if (!turn.mayShowPersonalData) {
    await refuseNotPrivate(turn, 'visits:report');
    return;
  }
  const text = messageText(turn);
  if (text.length > MAX_REPORT_LENGTH) {
    await sayPrivately(turn, turn.text.reportTooLong(text.length, MAX_REPORT_LENGTH));
    return;
  }
  const state = await currentState(turn);
  const memory = carried(memoryOf(state));
  // The latest report in this conversation is among these.
  const { open: visits, closed } = await openAndRecentlyClosed(turn);
  const latest = latestReport(turn, state, [...visits, ...closed]);
  const lastVisitId = latest?.visitIds.at(-1);
  if (report.isCorrection && lastVisitId) {
    await correctLastReport(turn, lastVisitId, fromInterpretation(report));
    return;
  }
  if (visits.length === 0) {
    await sayPrivately(turn, turn.text.noOpenVisits());
    return;
  }
  const read = readVisitReports(
    text,
    visits.map(candidateOf),
    focusOf(turn, visits, state, latest),
    {
      now: turn.now,
      zone: turn.zone,
    },
  );
  // Not decided by the words: they may name a household whose visit is closed ("ove og else
  // igen" after their visit was closed), which must not fall to the only open household.
  if (read.kind !== 'reports' || read.because !== 'words') {
    const named = closedVisitNamedIn(turn, text, visits, closed);
    if (named) {
      await sayPrivately(turn, turn.text.visitAlreadyClosed(nameOf(turn, named)));
      return;
    }
  }
  switch (read.kind) {
    case 'ask':
      await askWhichHousehold(
        turn,
        visits.filter((visit) => read.ids.includes(visit.id)),
        fromInterpretation(read.report),
        memory,
      );
      return;
    case 'not_on_list': {
      await askWhichHousehold(
        turn,
        visits,
        fromInterpretation(read.report),
        memory,
        turn.text.notOnYourList(read.written),
      );
      return;
    }
    case 'reports': {
      const entries = read.reports.flatMap((part) =>
        part.ids.flatMap((id) => {
          const visit = visits.find((candidate) => candidate.id === id);
          return visit ? [{ visit, pending: fromInterpretation(part.report) }] : [];
        }),
      );
      const [only] = entries;
      if (entries.length === 1 && only) {
        await continueReport(turn, only.visit, only.pending, memory, undefined);
        return;
      }
      await reportSeveral(turn, entries);
    }
  }
}

/** How many of the ambassador's closed visits a name on no open visit is checked against. */
export const RECENTLY_CLOSED = 20;

/**
 * The open households and the recently closed ones a name may point to, in one read — or none
 * when the pipeline read them with the person at the start of the turn.
 */
async function openAndRecentlyClosed(
  turn: Turn,
): Promise<{ open: VisitWithResident[]; closed: VisitWithResident[] }> {
  const { openVisits, recentlyClosedVisits } = turn.held;
  if (openVisits && recentlyClosedVisits) {
    return { open: [...openVisits], closed: [...recentlyClosedVisits] };
  }
  return turn.deps.db.visits.listOpenAndRecentlyClosedForAmbassador(
    turn.person.id,
    RECENTLY_CLOSED,
  );
}

/**
 * The closed visit the words name, read against the open and the recently closed households
 * together (so a name both have is a close call, not a closed visit).
 */
function closedVisitNamedIn(
  turn: Turn,
  text: string,
  open: readonly VisitWithResident[],
  closed: readonly VisitWithResident[],
): VisitWithResident | undefined {
  if (closed.length === 0) return undefined;
  const read = readVisitReports(
    text,
    [...open, ...closed].map(candidateOf),
    {},
    { now: turn.now, zone: turn.zone },
  );
  if (read.kind !== 'reports' || read.because !== 'words' || read.reports.length !== 1) {
    return undefined;
  }
  const ids = read.reports[0]?.ids ?? [];
  return ids.length === 1 ? closed.find((visit) => visit.id === ids[0]) : undefined;
}

function messageText(turn: Turn): string {
  const event = turn.event;
  return event.kind === 'message' || event.kind === 'command' ? event.text : '';
}

function candidateOf(visit: VisitWithResident): HouseholdCandidate {
  return {
    id: visit.id,
    names: visit.resident.names,
    address: visit.resident.address,
    unit: visit.resident.unit,
  };
}

/** What just happened in this conversation: reminders of one household, the latest report. */
function focusOf(
  turn: Turn,
  visits: readonly VisitWithResident[],
  state: ConversationState | null,
  latest: LatestReport | undefined,
): HouseholdContext {
  const reported = latest?.visitIds ?? [];
  const [lastReported] = reported;
  const stillOpen = visits.some((visit) => visit.id === lastReported);
  return conversationFocus({
    now: turn.now,
    prompted: visits.flatMap((visit) =>
      visit.promptedAt ? [{ id: visit.id, at: visit.promptedAt }] : [],
    ),
    // Only while no question is pending: an answer to it is not about the latest report.
    reported:
      nothingPending(state) && reported.length === 1 && stillOpen && latest?.at
        ? { id: lastReported ?? '', at: latest.at }
        : null,
  });
}

/**
 * A message about several households ("nr 10 og nr 14 ikke hjemme, mappe lagt begge steder"):
 * every household whose outcome is clear is recorded and confirmed in one reply; the first one
 * that needs a question gets it, the others a line asking to tell about them afterwards.
 */
async function reportSeveral(
  turn: Turn,
  entries: readonly { visit: VisitWithResident; pending: PendingReport }[],
): Promise<void> {
  const needsQuestion = (pending: PendingReport): boolean =>
    !pending.outcome || (pending.note !== null && sensitiveTopicsIn(pending.note).length > 0);
  const ready = entries.filter((entry) => !needsQuestion(entry.pending));
  const unclear = entries.filter((entry) => needsQuestion(entry.pending));
  const lines: string[] = [];
  const recorded: VisitWithResident[] = [];
  for (const { visit, pending } of ready) {
    const stored = await store(turn, visit, { ...pending, visitId: visit.id });
    if (!stored) continue;
    recorded.push(visit);
    lines.push(
      confirmationLines(turn, visit, stored.report, stored.recorded, stored.area).join(' '),
    );
  }
  // The recorded ones remember themselves (their attempts); a question asked next keeps only
  // the "fortryd" boundary, as the latest report is then found on the attempts again.
  const memory: ReportMemory = carried(recorded.length > 0 ? {} : memoryOf(turn.held.state));
  const [first, ...later] = unclear;
  for (const entry of later) lines.push(turn.text.tellMeLater(nameOf(turn, entry.visit)));
  if (recorded.length > 0) {
    await settleAfterReport(turn);
    lines.push(turn.text.undoHint());
  }
  if (lines.length > 0) await sayPrivately(turn, lines.join('\n'));
  for (const { visit, pending } of ready) {
    if (pending.note && recorded.includes(visit)) await offerFollowUps(turn, visit, pending.note);
  }
  if (first) await continueReport(turn, first.visit, first.pending, memory, undefined);
}

/** With the household known: ask what happened if unclear, check the note, then record. */
async function continueReport(
  turn: Turn,
  visit: VisitWithResident,
  pending: PendingReport,
  memory: ReportMemory,
  source: MessageRef | undefined,
): Promise<void> {
  const withVisit = { ...pending, visitId: visit.id };
  if (!withVisit.outcome) {
    await rememberStep(turn, REPORT_FLOW, STEP_OUTCOME, { ...memory, pending: withVisit });
    await sayPrivately(turn, {
      text: turn.text.askOutcome(nameOf(turn, visit)),
      choices: answerChoices(turn, visit),
    });
    return;
  }
  if (withVisit.note && sensitiveTopicsIn(withVisit.note).length > 0) {
    await rememberStep(turn, REPORT_FLOW, STEP_KEEP_NOTE, { ...memory, pending: withVisit });
    await sayPrivately(turn, {
      text: turn.text.sensitiveNote(withVisit.note),
      choices: [
        {
          label: turn.text.keepNoteButton(),
          action: { flow: REPORT_FLOW, step: STEP_KEEP_NOTE, value: 'keep' },
        },
        {
          label: turn.text.dropNoteButton(),
          action: { flow: REPORT_FLOW, step: STEP_KEEP_NOTE, value: 'drop' },
          style: 'primary',
        },
      ],
    });
    return;
  }
  await record(turn, visit, withVisit, source);
}

/** Buttons of a follow-up question: the same outcomes, answered in place. */
function answerChoices(turn: Turn, visit: ShownVisit): Choice[] {
  return [
    ...outcomeChoices(turn.text, visit),
    {
      label: turn.text.outcomeButton('postponed'),
      action: { flow: REPORT_FLOW, step: STEP_OUTCOME, value: outcomeValue(visit, 'postponed') },
    },
  ].map((choice) => ({ ...choice, action: { ...choice.action, step: 'answer' } }));
}

async function askWhichHousehold(
  turn: Turn,
  visits: VisitWithResident[],
  pending: PendingReport,
  memory: ReportMemory,
  question: string = turn.text.askWhichHousehold(),
): Promise<void> {
  await rememberStep(turn, REPORT_FLOW, STEP_HOUSEHOLD, { ...memory, pending });
  await sayPrivately(turn, {
    text: question,
    choices: visits.slice(0, 10).map((visit) => ({
      label: `${nameOf(turn, visit)}, ${householdAddress(visit.resident)}`,
      action: { flow: REPORT_FLOW, step: STEP_HOUSEHOLD, value: visit.id },
    })),
  });
}

// ── Recording and confirming ────────────────────────────────────────────────────────────────────

async function record(
  turn: Turn,
  visit: VisitWithResident,
  pending: PendingReport,
  source: MessageRef | undefined,
): Promise<void> {
  const stored = await store(turn, visit, pending);
  if (!stored) return;
  const { report, recorded, area } = stored;
  await settleAfterReport(turn);
  const confirmation = [
    ...confirmationLines(turn, visit, report, recorded, area),
    turn.text.undoHint(),
  ].join(' ');
  if (source) await replaceAnswered(turn, source, visit, report);
  await sayPrivately(turn, confirmation);
  if (report.note) await offerFollowUps(turn, visit, report.note);
}

/** Records the attempt, keeps the reminders in step and writes the audit entry. */
async function store(
  turn: Turn,
  visit: VisitWithResident,
  pending: PendingReport,
): Promise<{ report: VisitReport; recorded: RecordedReport; area: Area } | undefined> {
  if (!pending.outcome) return undefined;
  const area = await requireArea(turn, visit.areaId);
  const report: VisitReport = {
    outcome: pending.outcome,
    folderLeft: pending.folderLeft,
    revisitDate: pending.revisitDate,
    note: pending.note,
  };
  let recorded: RecordedReport;
  try {
    recorded = await recordVisitReport(turn.deps.db, {
      visit,
      area,
      report,
      reporterId: turn.person.id,
      now: turn.now,
      ...(turn.event.eventId !== '' ? { sourceEvent: eventKeyOf(turn.event) } : {}),
      conversationTag: conversationTagOf(turn),
      reportKey: reportKeyOf(turn),
      ...(pending.afterAttempts === undefined ? {} : { afterAttempts: pending.afterAttempts }),
    });
  } catch (error) {
    // The same button pressed twice at once: the other press recorded it.
    if (pending.afterAttempts === undefined || !isNaboError(error) || error.code !== 'CONFLICT') {
      throw error;
    }
    const now = await turn.deps.db.visits.findById(visit.id);
    if (!now) throw error;
    await showAlreadyRecorded(turn, now);
    return undefined;
  }
  await auditChangeInChat(turn, 'visit.reported', visit.residentId, { visitId: visit.id });
  // The reminder to try again comes from the jobs; a closed visit needs none any more.
  if (recorded.next.kind === 'revisit') {
    await turn.deps.reminders?.scheduleRevisit(
      visit.id,
      revisitReminderAt(area, recorded.next.revisitDate),
    );
  } else {
    await turn.deps.reminders?.cancel(visit.id);
  }
  turn.deps.logger.info(
    { visitId: visit.id, outcome: report.outcome, next: recorded.next.kind },
    'visit reported',
  );
  if (report.outcome === 'not_home') await nudgeOnEmptyDoors(turn, area);
  return { report, recorded, area };
}

/** What was noted for one household and what happens next. */
function confirmationLines(
  turn: Turn,
  visit: VisitWithResident,
  report: VisitReport,
  recorded: RecordedReport,
  area: Area,
): string[] {
  const name = nameOf(turn, visit);
  const lines = [turn.text.reportRecorded(report.outcome, name, report.folderLeft)];
  const next = recorded.next;
  if (next.kind === 'closed') lines.push(turn.text.visitClosed(next.reason));
  else lines.push(turn.text.nextTry(formatDay(next.revisitDate, turn.locale, area.timeZone)));
  if (report.note) lines.push(turn.text.noteSaved(report.note));
  return lines;
}

/** The answered question loses its buttons and shows the answer, so it cannot be answered twice. */
async function replaceAnswered(
  turn: Turn,
  source: MessageRef,
  visit: VisitWithResident,
  report: VisitReport,
): Promise<void> {
  const answer = `✓ ${nameOf(turn, visit)}: ${turn.text.outcomeButton(
    report.outcome === 'not_home' && report.folderLeft ? 'not_home_folder' : report.outcome,
  )}`;
  if (turn.event.kind === 'action' && turn.event.action.step === STEP_OUTCOME) {
    // The button sat on the list of open visits: show the list again without this household's buttons.
    const stillOpen = await turn.deps.db.visits.listOpenForAmbassador(turn.person.id);
    const message: OutboundMessage = {
      text: turn.text.openVisitsIntro(stillOpen.length),
      sections: [...stillOpen.map((open) => visitSection(turn, open)), { text: answer }],
    };
    await replacePrivately(turn, source, stillOpen.length > 0 ? message : answer);
    return;
  }
  await replacePrivately(turn, source, answer);
}

async function requireArea(turn: Turn, areaId: string): Promise<Area> {
  const area = await areaOf(turn, areaId);
  if (!area) throw new Error(`visit refers to a missing area ${areaId}`);
  return area;
}

/** A visit of the person's own, open or not. Says so when it is not theirs. */
async function ownVisit(turn: Turn, visitId: string): Promise<VisitWithResident | undefined> {
  const visit = await turn.deps.db.visits.findById(visitId);
  if (!visit || visit.ambassadorId !== turn.person.id) {
    await sayPrivately(turn, turn.text.notYourVisit());
    return undefined;
  }
  return visit;
}

/**
 * The answer to a button that was answered before: nothing is recorded, and the ambassador sees
 * what is recorded for the household (latest outcome, tries, closed or the next try).
 */
async function showAlreadyRecorded(turn: Turn, visit: VisitWithResident): Promise<void> {
  turn.deps.logger.info(
    { visitId: visit.id, attempts: visit.attempts.length },
    'answered button pressed again: nothing recorded',
  );
  const latest = visit.attempts.at(-1);
  const lines = [
    turn.text.alreadyRecorded(
      nameOf(turn, visit),
      latest
        ? turn.text.outcomeButton(
            latest.outcome === 'not_home' && latest.folderLeft ? 'not_home_folder' : latest.outcome,
          )
        : undefined,
      visit.attempts.length,
    ),
  ];
  if (visit.status !== 'open' && visit.closingReason) {
    lines.push(turn.text.visitClosed(visit.closingReason));
  } else if (visit.revisitDate) {
    const area = await turn.deps.db.areas.findById(visit.areaId);
    lines.push(
      turn.text.nextTry(formatDay(visit.revisitDate, turn.locale, area?.timeZone ?? turn.zone)),
    );
  }
  await sayPrivately(turn, lines.join(' '));
}

/** A visit the person may report on: their own and still open. Says why not, otherwise. */
async function ownOpenVisit(turn: Turn, visitId: string): Promise<VisitWithResident | undefined> {
  const visit = await ownVisit(turn, visitId);
  if (!visit) return undefined;
  if (visit.status !== 'open') {
    await sayPrivately(turn, turn.text.visitAlreadyClosed(nameOf(turn, visit)));
    return undefined;
  }
  return visit;
}

// ── Undo and corrections ────────────────────────────────────────────────────────────────────────

/** "fortryd": takes back the latest report in this conversation. */
export async function undoLastReport(turn: Turn): Promise<void> {
  const state = await currentState(turn);
  const { open, closed } = await openAndRecentlyClosed(turn);
  const held = [...open, ...closed];
  const latest = latestReport(turn, state, held);
  // Not forgotten but marked: the report before it stays where it is, not next in line.
  const after = latest?.key ?? memoryOf(state).after;
  // This very «fortryd» run again (resumed after a crash before its mark): what it took back is
  // gone already, and the report before it is not next in line. Answered as the first time.
  const event = sourceEventOf(turn);
  const already = event ? held.filter((visit) => visit.undoneBy?.includes(event)) : [];
  if (already.length > 0) {
    await rememberStep(turn, REPORT_FLOW, STEP_UNDONE, after ? { after } : {});
    await sayPrivately(
      turn,
      already.map((visit) => turn.text.undone(nameOf(turn, visit))).join('\n'),
    );
    return;
  }
  // A message that reported several households is taken back as a whole.
  const ids = latest?.visitIds ?? [];
  const undone: VisitWithResident[] = [];
  for (const id of ids) {
    const visit =
      held.find((candidate) => candidate.id === id) ?? (await turn.deps.db.visits.findById(id));
    if (!visit || visit.ambassadorId !== turn.person.id || visit.attempts.length === 0) continue;
    await turn.deps.db.visits.undoLastAttempt(visit.id, sourceEventOf(turn));
    await auditChangeInChat(turn, 'visit.report_undone', visit.residentId, { visitId: visit.id });
    undone.push(visit);
  }
  if (undone.length === 0) {
    await sayPrivately(turn, turn.text.nothingToUndo());
    return;
  }
  await rememberStep(turn, REPORT_FLOW, STEP_UNDONE, after ? { after } : {});
  await sayPrivately(turn, undone.map((visit) => turn.text.undone(nameOf(turn, visit))).join('\n'));
}

/** "nej, jeg lagde ikke mappen": the latest report, amended with what the correction says. */
async function correctLastReport(
  turn: Turn,
  visitId: string,
  correction: PendingReport,
): Promise<void> {
  const visit = await turn.deps.db.visits.findById(visitId);
  const previous = visit?.attempts.at(-1);
  if (!visit || !previous || visit.ambassadorId !== turn.person.id) {
    await sayPrivately(turn, turn.text.nothingToUndo());
    return;
  }
  await turn.deps.db.visits.undoLastAttempt(visit.id, sourceEventOf(turn));
  const reopened = await turn.deps.db.visits.findById(visit.id);
  if (!reopened) return;
  const amended: PendingReport = {
    visitId: visit.id,
    outcome: correction.outcome ?? previous.outcome,
    folderLeft: correction.folderLeft ?? previous.folderLeft,
    revisitDate: correction.revisitDate ?? previous.revisitDate ?? null,
    note: correction.note ?? previous.note ?? null,
    isCorrection: true,
  };
  await sayPrivately(turn, turn.text.correcting(nameOf(turn, visit)));
  await continueReport(turn, reopened, amended, {}, undefined);
}

// ── The flow: buttons and answers to its questions ──────────────────────────────────────────────

async function onAction(
  turn: Turn,
  action: ActionPayload,
  source: MessageRef | undefined,
): Promise<void> {
  if (await holdUntilAgreed(turn)) return;
  const memory = await currentMemory(turn);
  switch (action.step) {
    case STEP_OUTCOME:
    case 'answer': {
      const { visitId, choice, afterAttempts } = readOutcomeValue(action.value);
      if (!isOutcomeChoice(choice)) return askWhatTheyWant(turn);
      const visit = await ownVisit(turn, visitId);
      if (!visit) return;
      // A button already answered (pressed twice, or on an older message) records nothing.
      if (afterAttempts !== undefined && visit.attempts.length !== afterAttempts) {
        return showAlreadyRecorded(turn, visit);
      }
      if (visit.status !== 'open') {
        await sayPrivately(turn, turn.text.visitAlreadyClosed(nameOf(turn, visit)));
        return;
      }
      // Words already given for this household (a note, a date) join the tapped outcome.
      const earlier = memory.pending?.visitId === visitId ? memory.pending : undefined;
      const pending: PendingReport = {
        revisitDate: earlier?.revisitDate ?? null,
        note: earlier?.note ?? null,
        isCorrection: false,
        ...choiceToReport(choice),
        visitId,
        ...(afterAttempts === undefined ? {} : { afterAttempts }),
      };
      if (earlier?.folderLeft != null && choice !== 'not_home' && choice !== 'not_home_folder') {
        pending.folderLeft = earlier.folderLeft;
      }
      return continueReport(turn, visit, pending, carried(memory), source);
    }
    case STEP_HOUSEHOLD: {
      const visit = await ownOpenVisit(turn, action.value);
      if (!visit) return;
      const pending = memory.pending ?? {
        outcome: null,
        folderLeft: null,
        revisitDate: null,
        note: null,
        isCorrection: false,
      };
      if (source) await replacePrivately(turn, source, `✓ ${nameOf(turn, visit)}`);
      return continueReport(
        turn,
        visit,
        { ...pending, visitId: visit.id },
        carried(memory),
        undefined,
      );
    }
    case STEP_KEEP_NOTE: {
      const pending = memory.pending;
      const visit = pending?.visitId ? await ownOpenVisit(turn, pending.visitId) : undefined;
      if (!pending || !visit) return;
      const kept = action.value === 'keep';
      if (source)
        await replacePrivately(turn, source, kept ? turn.text.noteKept() : turn.text.noteDropped());
      return record(turn, visit, kept ? pending : { ...pending, note: null }, undefined);
    }
    default:
      return askWhatTheyWant(turn);
  }
}

/** Text while the bot waits for an answer: a household name, or how it went. */
async function onReply(turn: Turn, text: string, state: ConversationState): Promise<boolean> {
  const memory = memoryOf(state);
  const pending = memory.pending;
  if (!pending || (state.step !== STEP_HOUSEHOLD && state.step !== STEP_OUTCOME)) return false;
  // Too long to be an answer: the fresh-message path says so and records nothing.
  if (text.length > MAX_REPORT_LENGTH) return false;
  const visits = await turn.deps.db.visits.listOpenForAmbassador(turn.person.id);
  const options = { now: turn.now, zone: turn.zone };

  if (state.step === STEP_HOUSEHOLD) {
    // Only the words of the answer count here: "Madsen", "det var nr 10, 3. tv".
    const read = readVisitReports(text, visits.map(candidateOf), {}, options);
    if (read.kind !== 'reports' || read.because !== 'words') return false;
    const [part] = read.reports;
    const visit = visits.find((candidate) => candidate.id === part?.ids[0]);
    if (read.reports.length !== 1 || part?.ids.length !== 1 || !visit) return false;
    await continueReport(turn, visit, merge(pending, part.report), carried(memory), undefined);
    return true;
  }
  const visit = visits.find((candidate) => candidate.id === pending.visitId);
  const said = readVisitReports(text, visit ? [candidateOf(visit)] : [], {}, options);
  // An answer that names someone else is not about this household.
  const report = said.kind === 'reports' ? said.reports[0]?.report : undefined;
  if (!visit || !report?.outcome) return false;
  await continueReport(turn, visit, merge(pending, report), carried(memory), undefined);
  return true;
}

function merge(pending: PendingReport, said: VisitReportInterpretation): PendingReport {
  return {
    ...pending,
    outcome: said.outcome ?? pending.outcome,
    folderLeft: said.folderLeft ?? pending.folderLeft,
    revisitDate: said.revisitDate ?? pending.revisitDate,
    note: [pending.note, said.note].filter(Boolean).join('. ') || null,
  };
}

export const reportVisitFlow: Flow = { name: REPORT_FLOW, onAction, onReply };
