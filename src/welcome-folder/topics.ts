import type { WelcomeContactKind } from '../../models/types.js';
import { allowedEdits, editDistance } from '../interpret/fuzzy.js';
import { foldDiacritics, looseKey, tokenize } from '../interpret/normalize.js';

/**
 * The words people use for what the welcome folder answers. Ambassadors ask about the problem
 * ("lampen", "a broken lamp", "nøglen") as often as about the person ("varmemesteren"), so each
 * contact kind carries both. Words are compared folded (æ→ae …) and loosely (ae→a, oe→o), with a
 * typo allowed in longer words; a word also matches its inflections and compounds
 * ("varmemesterens", "køkkenlampen") when it is long enough not to hide inside other words.
 */
export type FolderTopic = WelcomeContactKind | 'gift' | 'activities';

interface TopicWords {
  /** Whole words only (short words that would otherwise match inside others: "el", "lys"). */
  exact: readonly string[];
  /** Words that may carry an ending or sit at the end of a compound. */
  stems: readonly string[];
}

// prettier-ignore
const TOPICS: Record<FolderTopic, TopicWords> = {
  caretaker: {
    exact: ['el', 'lys', 'lyset', 'lysene', 'vand', 'vandet', 'key', 'keys', 'tap', 'fuse', 'door', 'dør', 'døren', 'lås', 'låsen', 'lock', 'leak', 'mold', 'mould', 'sink', 'light', 'lights'],
    stems: ['varmemester', 'vicevært', 'ejendomsfunktionær', 'ejendomskontor', 'driftskontor', 'pedel', 'caretaker', 'janitor', 'superintendent', 'maintenance', 'handyman',
      'lampe', 'lamper', 'pære', 'elpære', 'strøm', 'elektricitet', 'stikkontakt', 'sikring', 'vandhane', 'varme', 'radiator', 'nøgle', 'vindue', 'toilet', 'afløb', 'kloak',
      'skimmel', 'fugt', 'vaskeri', 'vaskemaskine', 'lamp', 'bulb', 'electricity', 'socket', 'water', 'heating', 'heater', 'window', 'drain', 'laundry', 'repair', 'reparation'],
  },
  doctor_on_call: {
    exact: ['syg', 'ill', 'sick', 'gp'],
    stems: ['lægevagt', 'vagtlæge', 'læge', 'doktor', 'sygdom', 'feber', 'skadestue', 'doctor', 'fever', 'emergency'],
  },
  board: {
    exact: ['board'],
    stems: ['bestyrelse', 'afdelingsbestyrelse', 'bestyrelsesmedlem', 'formand', 'beboermøde', 'beboerdemokrati', 'chairman', 'chairperson'],
  },
  social_worker: {
    exact: [],
    stems: ['boligsocial', 'socialrådgiver', 'sagsbehandler', 'kommune', 'koordinator', 'tovholder', 'socialworker', 'coordinator', 'caseworker'],
  },
  other: { exact: [], stems: [] },
  gift: {
    exact: ['gave', 'gaven', 'gift', 'present'],
    stems: ['gavekort', 'velkomstgave', 'voucher'],
  },
  activities: {
    exact: ['sker'],
    stems: ['aktivitet', 'aktiviteter', 'arrangement', 'kalender', 'activity', 'activities', 'events', 'program'],
  },
};

/** Problems someone reports rather than a person they ask for: the answer says who fixes it. */
// prettier-ignore
const PROBLEM_WORDS = ['stykker', 'virker', 'defekt', 'utæt', 'drypper', 'løber', 'broken', 'working', 'leaking', 'leaks', 'dripping', 'stopped', 'mistet', 'tabt', 'lost', 'locked', 'låst'];

interface Word {
  exact: boolean;
  key: string;
}

const prepared = new Map<FolderTopic, Word[]>(
  (Object.entries(TOPICS) as Array<[FolderTopic, TopicWords]>).map(([topic, words]) => [
    topic,
    [
      ...words.exact.map((word) => ({ exact: true, key: keyOf(word) })),
      ...words.stems.map((word) => ({ exact: false, key: keyOf(word) })),
    ],
  ]),
);
const problemKeys = PROBLEM_WORDS.map(keyOf);

export function keyOf(word: string): string {
  return looseKey(foldDiacritics(word)).replace(/[^a-z0-9]/g, '');
}

/** The words of a message as comparison keys (chat markup and punctuation dropped). */
export function wordKeys(text: string): string[] {
  const tokens = tokenize(text).filter((token) => token.kind === 'word');
  const keys = tokens.map((token) => keyOf(token.text));
  // "social worker", "dinner club": two-word terms are compared joined as well.
  const pairs = keys.slice(1).map((key, index) => `${keys[index]}${key}`);
  return [...keys, ...pairs];
}

export function wordMatches(word: string, term: Word): boolean {
  if (word === term.key) return true;
  if (term.exact) return false;
  if (term.key.length >= 4 && word.startsWith(term.key)) return true;
  // A compound ("kokkenlampen") holds the word inside; only long words, so "lage" stays out of "bilagene".
  if (term.key.length >= 5 && word.length >= term.key.length + 3 && word.includes(term.key)) {
    return true;
  }
  // Typo tolerance: the word, or the word without a Danish ending (-en, -ens, -et, -erne …). A slip
  // rarely hits the first letter, and allowing it made "testing" the caretaker's "heating".
  if (
    term.key.length >= 5 &&
    word.length >= 5 &&
    word.length > term.key.length - 2 &&
    word.charAt(0) === term.key.charAt(0)
  ) {
    const stripped = word.replace(/(erne|ernes|ens|en|et|ets|ene|er|s)$/, '');
    // Two slips only when the start is right ("spring" is not "sikring").
    const budget = Math.min(
      allowedEdits(term.key.length),
      word.slice(0, 2) === term.key.slice(0, 2) ? 2 : 1,
    );
    return (
      editDistance(word, term.key, budget) <= budget ||
      editDistance(stripped, term.key, budget) <= budget
    );
  }
  return false;
}

/** The folder topics a message mentions, strongest first (most matching words). */
export function topicsIn(text: string): FolderTopic[] {
  const words = wordKeys(text);
  const counts: Array<[FolderTopic, number]> = [];
  for (const [topic, terms] of prepared) {
    const count = words.filter((word) => terms.some((term) => wordMatches(word, term))).length;
    if (count > 0) counts.push([topic, count]);
  }
  return counts.sort((a, b) => b[1] - a[1]).map(([topic]) => topic);
}

/** "lyset i køkkenet er i stykker", "the tap is leaking": a problem, not a question for a person. */
export function mentionsProblem(text: string): boolean {
  const words = wordKeys(text);
  return words.some((word) => problemKeys.some((key) => word === key || word.startsWith(key)));
}

/** The contact kind a coordinator's "kontakt: varmemester Jens" names, from its first words. */
export function contactKindOf(description: string): WelcomeContactKind {
  const words = wordKeys(description).slice(0, 3);
  for (const kind of ['doctor_on_call', 'caretaker', 'board', 'social_worker'] as const) {
    const terms = prepared.get(kind) ?? [];
    if (words.some((word) => terms.some((term) => !term.exact && wordMatches(word, term)))) {
      return kind;
    }
  }
  return 'other';
}

/** The first word of the text, as written, that belongs to the topic ("lyset", "køkkenlampen"). */
export function firstTopicWord(text: string, topic: FolderTopic): string | undefined {
  const terms = prepared.get(topic) ?? [];
  const token = tokenize(text).find(
    (candidate) =>
      candidate.kind === 'word' && terms.some((term) => wordMatches(keyOf(candidate.text), term)),
  );
  return token?.text.toLocaleLowerCase('da');
}
