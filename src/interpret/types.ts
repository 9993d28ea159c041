import type { DoorOutcome } from '../../kernel/door-outcomes.js';

/** Public types of the interpreter (re-exported from `index.ts`). */

export type VisitOutcome = DoorOutcome;

export interface VisitReportInterpretation {
  /** null when the text is not a visit report or the outcome is unclear. */
  outcome: VisitOutcome | null;
  /** true / false, or null when the text does not say. */
  folderLeft: boolean | null;
  /** Local date (YYYY-MM-DD) of a return visit the text mentions. */
  revisitDate: string | null;
  /** What is left worth keeping, as written ("vil gerne med i madklubben"). */
  note: string | null;
  /** The household the text names, as written ("familien Hansen", "Solvænget 3", "2. th"). */
  household: string | null;
  /** The text talks about a visit, even when the outcome is unclear (the bot then asks). */
  looksLikeReport: boolean;
  /** The text amends the previous report ("nej, jeg lagde ikke mappen", "sorry I meant …"). */
  isCorrection: boolean;
}

export interface InterpretOptions {
  /** Defaults to the current time. */
  now?: Date;
  /** IANA zone the dates are local to; defaults to Europe/Copenhagen. */
  zone?: string;
  /**
   * Where the message names households (offsets), as found against the ambassador's list: those
   * words are neither an outcome nor part of the note ("mødte Sara" → met, no note).
   */
  householdSpans?: readonly { start: number; end: number }[];
}

export type Intent =
  | { kind: 'help' }
  | { kind: 'my_visits' }
  | { kind: 'undo' }
  | { kind: 'pause'; until: string | null }
  | { kind: 'resume' }
  | { kind: 'capacity'; perMonth: number }
  | { kind: 'language'; locale: 'da' | 'en' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'visit_report'; report: VisitReportInterpretation }
  | { kind: 'unknown' };

export interface HouseholdCandidate {
  id: string;
  names: string[];
  address: string;
  unit?: string | null;
}

export interface HouseholdMatch {
  id: string;
  score: number;
}
