/**
 * What happened at the door. Every outcome phrase in the message becomes a signal; when a message
 * tells of more than one event ("ingen hjemme i går, men i dag mødte jeg dem") the latest event
 * wins: events are ordered by their time markers first (i går < i dag) and by position second.
 */
import type { Analysis } from './analysis.js';
import { OUTCOME_PHRASES, type OutcomeSignalKind } from './phrases.js';
import type { VisitOutcome } from './types.js';

export interface OutcomeSignal {
  readonly kind: OutcomeSignalKind;
  readonly start: number;
  readonly clause: number;
}

export function findOutcomeSignals(analysis: Analysis): OutcomeSignal[] {
  const layer = analysis.layer({ skipQuestions: true });
  const signals: OutcomeSignal[] = [];
  for (const group of OUTCOME_PHRASES) {
    for (const phrase of group.phrases) {
      for (const match of layer.find(phrase)) {
        signals.push({ kind: group.kind, start: match.start, clause: match.clause });
      }
    }
  }
  return signals.sort((a, b) => a.start - b.start);
}

/**
 * The outcome of the latest event. "Agreed" ("vi aftalte at jeg kommer igen") implies that
 * someone answered, so it counts as postponed — but only when nothing more specific was said.
 */
export function decideOutcome(
  signals: readonly OutcomeSignal[],
  clauseRank: (clause: number) => number,
): VisitOutcome | null {
  const latest = latestOf(
    signals.filter((s) => s.kind !== 'agreed'),
    clauseRank,
  );
  if (latest) return latest.kind as VisitOutcome;
  return signals.some((s) => s.kind === 'agreed') ? 'postponed' : null;
}

export function latestOf<T extends { start: number; clause: number }>(
  items: readonly T[],
  clauseRank: (clause: number) => number,
): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (
      best === undefined ||
      clauseRank(item.clause) > clauseRank(best.clause) ||
      (clauseRank(item.clause) === clauseRank(best.clause) && item.start > best.start)
    ) {
      best = item;
    }
  }
  return best;
}
