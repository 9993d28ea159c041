import type {
  WelcomeActivity,
  WelcomeContact,
  WelcomeContactKind,
  WelcomeFolderContent,
} from '../../models/types.js';
import { keyOf, mentionsProblem, topicsIn, wordKeys, wordMatches } from './topics.js';

/**
 * What an ambassador's question about the welcome folder asks for, answered from the area's
 * folder: "varmemesterens nummer?" → the caretaker; "hvornår er der madklub?" → the dinner club;
 * "who do I call about a broken lamp?" → the caretaker, said as the one who fixes it.
 */
export type FolderAnswer =
  | {
      kind: 'contacts';
      contactKind: WelcomeContactKind;
      contacts: WelcomeContact[];
      problem: boolean;
    }
  | { kind: 'missing_contact'; contactKind: WelcomeContactKind }
  | { kind: 'activities'; activities: WelcomeActivity[]; all: boolean }
  | { kind: 'gift'; gift: string | undefined };

/**
 * Activities go by many names, and the folder keeps one ("madklub") while people ask in another
 * language ("dinner club"). Each group is one activity.
 */
// prettier-ignore
const ACTIVITY_SYNONYMS: readonly (readonly string[])[] = [
  ['madklub', 'fællesspisning', 'spiseklub', 'aftensmad', 'dinnerclub', 'foodclub', 'dinner', 'communaldinner'],
  ['lektiecafe', 'lektiecafé', 'lektiehjælp', 'lektier', 'homework', 'homeworkclub', 'homeworkcafe'],
  ['strikkeklub', 'strik', 'strikke', 'knitting', 'knittingclub'],
  ['gymnastik', 'motion', 'træning', 'gym', 'exercise', 'fitness', 'workout'],
  ['fodbold', 'football', 'soccer'],
  ['café', 'cafe', 'kaffe', 'coffee', 'kaffeklub', 'cafeen', 'caféen'],
  ['sycafe', 'sycafé', 'syning', 'sewing'],
  ['loppemarked', 'fleamarket', 'marked'],
  ['ungdomsklub', 'klub', 'youthclub', 'youth'],
  ['svømning', 'swimming', 'svømmehal'],
  ['bingo'],
  ['yoga'],
];

const SYNONYM_GROUPS = ACTIVITY_SYNONYMS.map((group) => group.map(keyOf));

function asTerm(key: string) {
  return { exact: key.length < 4, key };
}

/** Activities of the folder the question names, by their own name or a synonym. */
function namedActivities(
  words: string[],
  activities: readonly WelcomeActivity[],
): WelcomeActivity[] {
  return activities.filter((activity) => {
    const nameKeys = wordKeys(activity.name).filter((key) => key.length >= 3);
    const joined = keyOf(activity.name);
    if (words.some((word) => [joined, ...nameKeys].some((key) => wordMatches(word, asTerm(key))))) {
      return true;
    }
    const groups = SYNONYM_GROUPS.filter((group) =>
      group.some((key) => [joined, ...nameKeys].some((name) => wordMatches(name, asTerm(key)))),
    );
    return groups.some((group) =>
      group.some((key) => words.some((word) => wordMatches(word, asTerm(key)))),
    );
  });
}

export function answerFolderQuestion(
  text: string,
  folder: WelcomeFolderContent,
): FolderAnswer | undefined {
  const words = wordKeys(text);
  const named = namedActivities(words, folder.activities);
  if (named.length > 0) return { kind: 'activities', activities: named, all: false };

  const topics = topicsIn(text);
  const [first] = topics;
  if (!first) return undefined;
  if (first === 'gift') return { kind: 'gift', gift: folder.gift };
  if (first === 'activities')
    return { kind: 'activities', activities: folder.activities, all: true };
  const contacts = folder.contacts.filter((contact) => contact.kind === first);
  if (contacts.length === 0) return { kind: 'missing_contact', contactKind: first };
  return { kind: 'contacts', contactKind: first, contacts, problem: mentionsProblem(text) };
}
