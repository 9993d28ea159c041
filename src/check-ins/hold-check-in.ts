import type { NaboDatabase } from '../../models/database.js';
import type { CheckIn, Person } from '../../models/types.js';
import type { OutboundMessage } from '../core/outbound.js';
import type { Catalog } from '../i18n/catalog.js';
import type { CheckInQuestion } from './messages.js';
import type { Logger } from '../../kernel/logger.js';
import { firstName } from '../meetings/access.js';
import { CHECK_IN_REMINDER_AFTER_MS, type CheckInScheduler } from './check-in-timers.js';
import { CHECK_IN_QUESTIONS, flagFor, nextQuestion, questionMessage } from './questions.js';

/**
 * Holding a check-in with an ambassador: open it, ask the first question, take each answer, and
 * tell the coordinator at once when an answer needs them. The reminder after a quiet day and the
 * "missed" after another are decided here too; jobs/ only runs them on time.
 */
export interface CheckInContext {
  db: NaboDatabase;
  timers: CheckInScheduler | undefined;
  logger: Logger;
  now: Date;
}

const FIRST_QUESTION: CheckInQuestion = CHECK_IN_QUESTIONS[0] ?? 'mood';

/** Marks the first question as asked; null when it was asked already (a retried job). */
export async function askFirstQuestion(
  context: CheckInContext,
  checkIn: CheckIn,
): Promise<CheckIn | null> {
  if (checkIn.status !== 'pending' || checkIn.step !== undefined) return null;
  const asked = await context.db.checkIns.update(checkIn.id, {
    step: FIRST_QUESTION,
    askedAt: context.now,
    lastActivityAt: context.now,
  });
  if (asked) {
    await context.timers?.scheduleReminder(
      asked.id,
      new Date(context.now.getTime() + CHECK_IN_REMINDER_AFTER_MS),
    );
  }
  return asked;
}

export function openingMessages(
  checkIn: CheckIn,
  person: Person,
  text: Catalog,
): OutboundMessage[] {
  return [
    { text: text.checkInIntro(firstName(person.name)) },
    questionMessage(checkIn, FIRST_QUESTION, text),
  ];
}

export type AnswerResult =
  | { kind: 'next'; checkIn: CheckIn; question: CheckInQuestion }
  | { kind: 'finished'; checkIn: CheckIn }
  | { kind: 'not_yours' }
  | { kind: 'closed' }
  /** A button of a question already answered: the check-in goes on where it is. */
  | { kind: 'already_answered'; checkIn: CheckIn; question: CheckInQuestion };

export async function answerQuestion(
  context: CheckInContext,
  person: Person,
  checkInId: string,
  question: CheckInQuestion,
  answer: string,
  sourceEvent?: string,
): Promise<AnswerResult> {
  const checkIn = await context.db.checkIns.findById(checkInId);
  if (!checkIn || checkIn.personId !== person.id) return { kind: 'not_yours' };
  const before = sourceEvent ? answeredBy(checkIn, sourceEvent) : null;
  if (before) return before;
  if (checkIn.status !== 'pending' || checkIn.step === undefined) return { kind: 'closed' };
  const next = nextQuestion(question);
  const flag = flagFor(question, answer);
  const updated = await context.db.checkIns.answer(checkIn.id, {
    key: question,
    answer,
    nextStep: next,
    at: context.now,
    ...(question === 'mood' ? { score: Number(answer) } : {}),
    ...(flag ? { flag } : {}),
    ...(sourceEvent ? { sourceEvent } : {}),
  });
  if (!updated) {
    const current = await context.db.checkIns.findById(checkIn.id);
    if (current?.status === 'pending' && current.step !== undefined) {
      return {
        kind: 'already_answered',
        checkIn: current,
        question: current.step as CheckInQuestion,
      };
    }
    return { kind: 'closed' };
  }
  if (flag) {
    // Ids only in the log: the answers are for the coordinator's eyes.
    context.logger.info({ checkInId: checkIn.id, flag }, 'check-in answer alerts the coordinator');
    await context.timers?.alert(checkIn.id, flag);
  }
  return next === null
    ? { kind: 'finished', checkIn: updated }
    : { kind: 'next', checkIn: updated, question: next };
}

/**
 * The same event's answer again (a resumed or retried turn): it was stored the first time, so
 * nothing is stored now and the check-in goes on from where that answer left it.
 */
export function answeredBy(checkIn: CheckIn, sourceEvent: string): AnswerResult | null {
  if (!checkIn.answers.some((stored) => stored.sourceEvent === sourceEvent)) return null;
  if (checkIn.status === 'answered') return { kind: 'finished', checkIn };
  if (checkIn.status === 'pending' && checkIn.step !== undefined) {
    return { kind: 'next', checkIn, question: checkIn.step as CheckInQuestion };
  }
  return { kind: 'closed' };
}

export type QuietOutcome =
  | { kind: 'remind'; checkIn: CheckIn; question: CheckInQuestion }
  | { kind: 'missed'; checkIn: CheckIn }
  /** There was an answer meanwhile: look again a day after it. */
  | { kind: 'later'; at: Date }
  | { kind: 'nothing' };

/**
 * A day without an answer brings one reminder with the open question; another quiet day after
 * the reminder marks the check-in missed (answers given so far are kept).
 */
export async function handleQuietCheckIn(
  context: CheckInContext,
  checkInId: string,
): Promise<QuietOutcome> {
  const checkIn = await context.db.checkIns.findById(checkInId);
  if (!checkIn || checkIn.status !== 'pending' || checkIn.step === undefined) {
    return { kind: 'nothing' };
  }
  const lastActivity = checkIn.lastActivityAt ?? checkIn.askedAt ?? checkIn.createdAt;
  const quietUntil = new Date(lastActivity.getTime() + CHECK_IN_REMINDER_AFTER_MS);
  if (quietUntil.getTime() > context.now.getTime()) return { kind: 'later', at: quietUntil };
  if (!checkIn.remindedAt) {
    const reminded = await context.db.checkIns.update(checkIn.id, {
      remindedAt: context.now,
      lastActivityAt: context.now,
    });
    if (!reminded) return { kind: 'nothing' };
    return { kind: 'remind', checkIn: reminded, question: checkIn.step as CheckInQuestion };
  }
  const missed = await context.db.checkIns.update(checkIn.id, { status: 'missed', step: null });
  if (!missed) return { kind: 'nothing' };
  context.logger.info({ checkInId: checkIn.id }, 'check-in missed');
  return { kind: 'missed', checkIn: missed };
}
