/**
 * Which date in a message is a planned return visit.
 *
 * A date counts when the words point ahead by themselves ("i morgen", "på mandag", "om en uge",
 * "næste uge", "i weekenden"), or when a return is spoken of in the same clause ("kommer igen
 * onsdag", "prøver igen d. 3.", "try again friday", "aftalt torsdag kl 17"), or in the clause
 * next to it when that clause tells of no event ("kommer igen. Torsdag kl 17"). Past markers
 * ("i går", "mandag var de ikke hjemme" — a bare weekday with no return in sight) never count,
 * nor does a date inside a question. "i dag" counts only with a return ("prøver igen i aften").
 * With several candidates the last one wins.
 */
import type { Analysis } from './analysis.js';
import type { DateFinding } from './date-expression.js';
import { REVISIT_CUE_PHRASES } from './phrases.js';

export interface RevisitCue {
  readonly start: number;
  readonly clause: number;
}

export function findRevisitCues(analysis: Analysis): RevisitCue[] {
  const layer = analysis.layer({ skipQuestions: true });
  return REVISIT_CUE_PHRASES.flatMap((phrase) =>
    layer.find(phrase).map((m) => ({ start: m.start, clause: m.clause })),
  );
}

export function isRevisitDate(
  finding: DateFinding,
  cues: readonly RevisitCue[],
  eventClauses: ReadonlySet<number>,
  dates: readonly DateFinding[],
): boolean {
  if (finding.date === null || finding.timing === 'past' || finding.inQuestion) return false;
  if (cues.some((cue) => cue.clause === finding.clause)) return true;
  if (finding.timing === 'future') return true;
  if (finding.timing === 'today' || eventClauses.has(finding.clause)) return false;
  return cues.some(
    (cue) =>
      Math.abs(cue.clause - finding.clause) === 1 &&
      !dates.some((other) => other !== finding && other.clause === cue.clause),
  );
}

export function chooseRevisitDate(
  dates: readonly DateFinding[],
  cues: readonly RevisitCue[],
  eventClauses: ReadonlySet<number>,
): DateFinding | undefined {
  const eligible = dates.filter((d) => isRevisitDate(d, cues, eventClauses, dates));
  return eligible[eligible.length - 1];
}
