/**
 * Reading what ambassadors write: visit reports, chat commands and household mentions.
 * Rules and luxon only — no network, no models — so results are explainable and repeatable.
 */
export { interpretVisitReport, DEFAULT_ZONE, MAX_REPORT_LENGTH } from './visit-report.js';
export {
  readVisitReports,
  type HouseholdReport,
  type ReadVisitReports,
} from './household-reports.js';
export { conversationFocus, type ConversationMoments } from './conversation-focus.js';
export {
  resolveHouseholds,
  type HouseholdContext,
  type HouseholdResolution,
  type HouseholdShare,
} from './resolve-household.js';
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
