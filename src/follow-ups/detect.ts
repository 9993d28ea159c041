import type {
  FollowUpKind,
  WelcomeActivity,
  WelcomeContactKind,
  WelcomeFolderContent,
} from '../../models/types.js';
import { answerFolderQuestion } from '../welcome-folder/answer-question.js';
import { firstTopicWord, mentionsProblem, topicsIn } from '../welcome-folder/topics.js';

/** Something a visit note asks someone to follow up on. */
export interface FollowUpCandidate {
  kind: FollowUpKind;
  /** A short label taken from the note's own topic word or the activity's name — never the note. */
  topic: string;
  contactKind?: WelcomeContactKind;
  /** The folder's activities the interest is about. */
  activities: WelcomeActivity[];
}

const INTEREST =
  /\b(vil gerne|vil godt|kunne godt tænke sig|har lyst til|interesse(?:ret)? i|gerne med|would like to|wants? to join|interested in|keen on)\b/i;

/**
 * Reads a visit note the way the handbook's Birgit does: "lyset i køkkenet er i stykker" is a
 * practical problem for the caretaker; "vil gerne med i madklubben" is an interest in an
 * activity. A note that only mentions a topic without a problem or a wish asks for nothing.
 */
export function detectFollowUps(note: string, folder: WelcomeFolderContent): FollowUpCandidate[] {
  const found: FollowUpCandidate[] = [];
  if (INTEREST.test(note)) {
    const answer = answerFolderQuestion(note, { ...folder, contacts: [] });
    const activities = answer?.kind === 'activities' && !answer.all ? answer.activities : [];
    const [first] = activities;
    if (first) found.push({ kind: 'interest', topic: first.name, activities });
  }
  if (mentionsProblem(note)) {
    const kind = topicsIn(note).find(
      (topic): topic is WelcomeContactKind =>
        topic === 'caretaker' ||
        topic === 'doctor_on_call' ||
        topic === 'board' ||
        topic === 'social_worker',
    );
    if (kind) {
      found.push({
        kind: 'problem',
        topic: firstTopicWord(note, kind) ?? kind,
        contactKind: kind,
        activities: [],
      });
    }
  }
  return found;
}
