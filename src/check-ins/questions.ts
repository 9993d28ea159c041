import type { CheckIn, CheckInFlag } from '../../models/types.js';
import type { Choice, OutboundMessage } from '../core/outbound.js';
import type { Catalog } from '../i18n/catalog.js';
import type { CheckInQuestion, CourseChoice, VisitsWish } from '../i18n/check-ins.js';

/**
 * The check-in, question by question: how it is going (1–5), what went well, anything hard,
 * more or fewer visits, courses or activities, and a wish to talk with the coordinator. Short on
 * purpose: a volunteer answers in two minutes, mostly with buttons.
 */
export const CHECK_IN_FLOW = 'check-in';

export const CHECK_IN_QUESTIONS: readonly CheckInQuestion[] = [
  'mood',
  'went_well',
  'hard',
  'visits',
  'courses',
  'talk',
];

/** Questions answered in words; the others take buttons (or the same words typed). */
export const TEXT_QUESTIONS: ReadonlySet<CheckInQuestion> = new Set([
  'went_well',
  'hard',
  'courses',
]);
export const SKIP = 'skip';
export const LOW_SCORE = 2;
export const MAX_ANSWER_LENGTH = 1000;

const VISITS_WISHES: readonly VisitsWish[] = ['more', 'same', 'fewer'];
const COURSE_CHOICES: readonly CourseChoice[] = ['culture', 'social', 'none'];

export function isQuestion(value: string | undefined): value is CheckInQuestion {
  return (CHECK_IN_QUESTIONS as readonly string[]).includes(value ?? '');
}

export function nextQuestion(question: CheckInQuestion): CheckInQuestion | null {
  const index = CHECK_IN_QUESTIONS.indexOf(question);
  return CHECK_IN_QUESTIONS[index + 1] ?? null;
}

/** What an answer means for the coordinator: a flag raises an alert at once. */
export function flagFor(question: CheckInQuestion, answer: string): CheckInFlag | undefined {
  if (question === 'mood' && Number(answer) <= LOW_SCORE) return 'low_score';
  if (question === 'visits' && answer === 'fewer') return 'fewer_visits';
  if (question === 'talk' && answer === 'yes') return 'wants_talk';
  return undefined;
}

/** The question with its buttons; the buttons carry the check-in's id, so old ones stay harmless. */
export function questionMessage(
  checkIn: Pick<CheckIn, 'id'>,
  question: CheckInQuestion,
  text: Catalog,
): OutboundMessage {
  const choice = (label: string, value: string, primary = false): Choice => ({
    label,
    action: { flow: CHECK_IN_FLOW, step: question, value: `${checkIn.id}:${value}` },
    ...(primary ? { style: 'primary' as const } : {}),
  });
  const choices: Choice[] = (() => {
    switch (question) {
      case 'mood':
        return ['1', '2', '3', '4', '5'].map((score) => choice(score, score));
      case 'visits':
        return VISITS_WISHES.map((wish) => choice(text.visitsButton(wish), wish));
      case 'courses':
        return COURSE_CHOICES.map((course) => choice(text.courseButton(course), course));
      case 'talk':
        return [choice(text.yesButton(), 'yes', true), choice(text.noButton(), 'no')];
      default:
        return [choice(text.skipButton(), SKIP)];
    }
  })();
  return { text: text.checkInQuestion(question), choices };
}

/**
 * Typed words for a button question ("4", "færre", "ja"); null when they do not answer it.
 * Text questions take any words.
 */
export function typedAnswer(question: CheckInQuestion, typed: string): string | null {
  const words = typed
    .trim()
    .toLocaleLowerCase('da')
    .replace(/[.!]+$/, '');
  switch (question) {
    case 'mood':
      return /^[1-5]$/.test(words) ? words : null;
    case 'visits':
      if (/^(flere|more)\b/.test(words)) return 'more';
      if (/^(færre|faerre|fewer|less|mindre)\b/.test(words)) return 'fewer';
      if (/^(som nu|same|as now|uændret|det samme)\b/.test(words)) return 'same';
      return null;
    case 'talk':
      if (/^(ja|jo|yes|gerne|yep)\b/.test(words)) return 'yes';
      if (/^(nej|no|nope|ellers tak)\b/.test(words)) return 'no';
      return null;
    default:
      return words === '' ? null : typed.trim();
  }
}

/** How an answer reads for the coordinator, in the coordinator's language. */
export function answerForReading(key: string, answer: string, text: Catalog): string {
  if (answer === SKIP) return text.skipped();
  if (key === 'mood') return `${answer}/5`;
  if (key === 'visits' && (VISITS_WISHES as readonly string[]).includes(answer)) {
    return text.visitsButton(answer as VisitsWish);
  }
  if (key === 'courses' && (COURSE_CHOICES as readonly string[]).includes(answer)) {
    return text.courseButton(answer as CourseChoice);
  }
  if (key === 'talk') return answer === 'yes' ? text.yesAnswer() : text.noAnswer();
  return answer;
}

/** Topics worth a network meeting: courses and activities the ambassadors asked for. */
export function topicsFrom(checkIns: readonly CheckIn[], text: Catalog): string[] {
  const topics = new Set<string>();
  for (const checkIn of checkIns) {
    for (const answer of checkIn.answers) {
      if (answer.key !== 'courses' || answer.answer === 'none' || answer.answer === SKIP) continue;
      topics.add(answerForReading('courses', answer.answer, text).slice(0, 60));
    }
  }
  return [...topics];
}
