/**
 * Reading what ambassadors write: visit reports, chat commands and household mentions.
 * Rules and luxon only — no network, no models — so results are explainable and repeatable.
 */
export { interpretVisitReport, DEFAULT_ZONE } from './visit-report.js';
export { recognizeIntent } from './intent.js';
export { matchHousehold, MATCH_THRESHOLD, AMBIGUITY_MARGIN } from './household-match.js';
export type {
  VisitOutcome,
  VisitReportInterpretation,
  InterpretOptions,
  Intent,
  HouseholdCandidate,
  HouseholdMatch,
} from './types.js';
