import type { AttemptOutcome } from './types.js';

/**
 * A visit keeps a summary of its attempts at the door so lists and reports need not replay them.
 * The summary is always recomputed from the whole attempt list (after recording and after an
 * undo), never patched, so it cannot drift from the attempts.
 */

interface AttemptLike<TId> {
  outcome: AttemptOutcome;
  folderLeft: boolean | null;
  note?: string | null;
  noteBy?: TId | null;
  revisitDate?: string | null;
}

export interface AttemptSummary<TId> {
  outcome: AttemptOutcome | null;
  folderLeft: boolean | null;
  note: string | null;
  noteBy: TId | null;
  revisitDate: string | null;
}

export function summariseAttempts<TId>(
  attempts: ReadonlyArray<AttemptLike<TId>>,
): AttemptSummary<TId> {
  const latest = attempts.at(-1);
  // A folder once left stays delivered, whatever later attempts report.
  const folderLeft = attempts.some((attempt) => attempt.folderLeft === true)
    ? true
    : attempts.some((attempt) => attempt.folderLeft === false)
      ? false
      : null;
  // A later attempt without a note must not hide what an earlier one wrote down.
  const withNote = attempts.findLast(
    (attempt) => typeof attempt.note === 'string' && attempt.note.trim() !== '',
  );
  return {
    outcome: latest?.outcome ?? null,
    folderLeft,
    note: withNote?.note ?? null,
    noteBy: withNote?.noteBy ?? null,
    revisitDate: latest?.revisitDate ?? null,
  };
}
