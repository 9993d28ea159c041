import type { CheckIn, CheckInFlag } from '../../models/types.js';
import type { Choice, OutboundMessage } from '../core/outbound.js';
import type { Catalog } from '../i18n/catalog.js';
import type { CheckInQuestion, CourseChoice, VisitsWish } from './messages.js';
import { foldDiacritics } from '../interpret/normalize.js';

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
 * Typed words for a button question ("4", "fire", "lidt flere", "nej tak"); null when they do
 * not answer it. Text questions take any words, but "nej tak" to the courses is the "Nej tak"
 * button and "spring over" is the skip button.
 */
export function typedAnswer(question: CheckInQuestion, typed: string): string | null {
  const words = foldDiacritics(typed.trim())
    .replace(/[!?.,;:()"'«»]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  switch (question) {
    case 'mood':
      return moodOf(words);
    case 'visits':
      if (MORE.test(words)) return 'more';
      if (FEWER.test(words)) return 'fewer';
      // "Vil du gerne have flere eller færre besøg?" — "nej" is neither.
      if (SAME.test(words)) return 'same';
      return null;
    case 'talk':
      if (YES.test(words)) return 'yes';
      if (NO.test(words)) return 'no';
      return null;
    case 'courses':
      if (NO_COURSE.test(words)) return 'none';
      return words === '' ? null : typed.trim();
    default:
      if (SKIPPED.test(words)) return SKIP;
      return words === '' ? null : typed.trim();
  }
}

const SOME = String.raw`(?:(?:lidt|gerne|nogle|et par|par|endnu|a few|a bit|some|a little|maybe|maaske|ja)\s+)*`;
const MORE = new RegExp(String.raw`^${SOME}(?:flere|more|mere|extra)\b`);
const FEWER = new RegExp(
  String.raw`^${SOME}(?:faerre|fewer|less|mindre|faa|ikke saa mange|not so many|not as many)\b`,
);
const SAME =
  /^(?:som nu|samme|det samme|same|the same|as now|as is|uaendret|fint som det er|det er fint|passer fint|godt som det er|fine as it is|keep it|nej|nej tak|no|no thanks|nope)\b/;
const YES = /^(?:ja|jo|yes|yep|yeah|gerne|ja tak|meget gerne|ok|okay|sure|please)\b/;
const NO = /^(?:nej|no|nope|nah|ellers tak|ikke noedvendigt|not needed|no thanks)\b/;
const NO_COURSE = /^(?:nej|nej tak|no|no thanks|ingen|none|nothing|ikke lige nu|not now|nope)$/;
const SKIPPED = /^(?:spring over|skip|pass|spring)$/;
const MOOD_WORDS: ReadonlyMap<string, string> = new Map([
  ['en', '1'],
  ['et', '1'],
  ['one', '1'],
  ['to', '2'],
  ['two', '2'],
  ['tre', '3'],
  ['three', '3'],
  ['fire', '4'],
  ['four', '4'],
  ['fem', '5'],
  ['five', '5'],
]);

/** "4", "4/5", "en 4'er", "fire", "4 ud af 5", "five" → the score; anything else null. */
function moodOf(words: string): string | null {
  const match =
    /^(?:en |et |a )?([1-5]|[a-z]+)(?:er|s)?(?: ?(?:\/|ud af|af|of|out of) ?(?:5|fem|five))?(?: .*)?$/.exec(
      words,
    );
  const token = match?.[1];
  if (token === undefined) return null;
  if (/^[1-5]$/.test(token)) return token;
  // A word alone: "fire", "five" (not "fire" inside a sentence).
  return words.split(' ').length <= 4 ? (MOOD_WORDS.get(token) ?? null) : null;
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
