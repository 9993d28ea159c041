/**
 * interpretVisitReport: reads an ambassador's free-text visit report.
 *
 * The steps run in a fixed order because each one claims the words it used: the household is
 * found first (so "Solvænget 3" is not a date), then correction markers and dates, then the
 * outcome, the folder, return-visit cues and visit words. What nobody claimed is the note.
 */
import { Analysis } from './analysis.js';
import { detectCorrection } from './correction.js';
import { findDates, type DateFinding } from './date-expression.js';
import { decideFolderLeft, findFolderSignals } from './folder.js';
import { findHouseholdMention } from './household-mention.js';
import { buildNote } from './note.js';
import { MAX_ANALYSED_CHARS } from './normalize.js';
import { decideOutcome, findOutcomeSignals } from './outcome.js';
import { VISIT_WORD_PHRASES } from './phrases.js';
import { chooseRevisitDate, findRevisitCues, isRevisitDate } from './revisit-date.js';
import type { InterpretOptions, VisitReportInterpretation } from './types.js';
import { DEFAULT_TIME_ZONE } from '../../kernel/constants.js';

export const DEFAULT_ZONE = DEFAULT_TIME_ZONE;

/**
 * The longest report Nabo reads and keeps: 2,000 characters, the same as the analysed text, so a
 * note is always kept whole. A longer message is not recorded; the ambassador is asked to
 * shorten it (a pasted e-mail or an accidental paste of a whole document is no visit report).
 */
export const MAX_REPORT_LENGTH = MAX_ANALYSED_CHARS;

const EMPTY: VisitReportInterpretation = {
  outcome: null,
  folderLeft: null,
  revisitDate: null,
  note: null,
  household: null,
  looksLikeReport: false,
  isCorrection: false,
};

export function interpretVisitReport(
  text: string,
  options: InterpretOptions = {},
): VisitReportInterpretation {
  if (typeof text !== 'string' || text.trim().length === 0) return { ...EMPTY };
  const clock = { now: options.now ?? new Date(), zone: options.zone ?? DEFAULT_ZONE };
  const analysis = new Analysis(text);
  for (const span of options.householdSpans ?? []) claimSpan(analysis, span);

  const household = findHouseholdMention(analysis);
  const isCorrection = detectCorrection(analysis);
  const dates = findDates(analysis, clock);
  const outcomeSignals = findOutcomeSignals(analysis);
  const folder = findFolderSignals(analysis);
  const cues = findRevisitCues(analysis);
  const visitLayer = analysis.layer({ skipQuestions: true });
  const visitWords = VISIT_WORD_PHRASES.flatMap((phrase) => visitLayer.find(phrase));

  const eventClauses = new Set(outcomeSignals.map((s) => s.clause));
  const clauseRank = rankClauses(analysis, dates, (d) =>
    isRevisitDate(d, cues, eventClauses, dates),
  );
  const outcome = decideOutcome(outcomeSignals, clauseRank);
  const folderLeft = decideFolderLeft(folder.signals, clauseRank);
  const revisit = chooseRevisitDate(dates, cues, eventClauses);

  const looksLikeReport =
    outcome !== null ||
    folderLeft !== null ||
    folder.cardOnly ||
    cues.length > 0 ||
    visitWords.length > 0 ||
    outcomeSignals.length > 0;
  return {
    outcome,
    folderLeft,
    // A date alone ("på mandag") is no report; with nothing else said it is not a revisit either.
    revisitDate: looksLikeReport ? (revisit?.date ?? null) : null,
    // A message that is not about a visit has no note: the bot answers it some other way.
    note: looksLikeReport || isCorrection ? buildNote(analysis) : null,
    household: household?.text ?? null,
    looksLikeReport,
    isCorrection,
  };
}

/** The tokens a household mention covers are claimed before anything else reads them. */
function claimSpan(analysis: Analysis, span: { start: number; end: number }): void {
  let from = -1;
  let to = -1;
  analysis.tokens.forEach((token, index) => {
    if (token.end <= span.start || token.start >= span.end) return;
    if (from < 0) from = index;
    to = index + 1;
  });
  if (from >= 0) analysis.claimTokens(from, to);
}

/**
 * The time rank of each clause, for "the latest event wins": a clause takes the rank of its own
 * time marker (i går = -1, i dag = 0 …); a clause without one continues the previous clause's
 * time. A bare weekday that is not a return visit is a past day ("mandag var de ikke hjemme").
 */
function rankClauses(
  analysis: Analysis,
  dates: readonly DateFinding[],
  isRevisit: (d: DateFinding) => boolean,
): (clause: number) => number {
  const ranks: number[] = [];
  let current = 0;
  for (let clause = 0; clause < analysis.clauseCount; clause++) {
    const marker = dates.find((d) => d.clause === clause && !isRevisit(d));
    if (marker) current = marker.timing === 'neutral' ? -1 : marker.rank;
    ranks.push(current);
  }
  return (clause) => ranks[clause] ?? 0;
}
