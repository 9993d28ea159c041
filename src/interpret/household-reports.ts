/**
 * readVisitReports: a visit report read against the ambassador's open households — which
 * household it is about (or which households, each with its own part of the message), and what
 * happened there. The words that name a household are neither outcome nor note.
 */
import type { HouseholdMention } from './household-mentions.js';
import {
  resolveHouseholds,
  type HouseholdContext,
  type HouseholdResolution,
} from './resolve-household.js';
import type { HouseholdCandidate, InterpretOptions, VisitReportInterpretation } from './types.js';
import { interpretVisitReport } from './visit-report.js';

/** What the message says about one household (or households named together). */
export interface HouseholdReport {
  ids: string[];
  report: VisitReportInterpretation;
}

export type ReadVisitReports =
  | {
      kind: 'reports';
      /** One entry, or one per part of a message that names several households. */
      reports: HouseholdReport[];
      because: 'words' | 'context' | 'only_household';
    }
  /** Unclear which household: ask between `ids` (all open households when nothing was named). */
  | { kind: 'ask'; ids: string[]; report: VisitReportInterpretation }
  /** The message names someone or an address on nobody's list ("Jens Christensen"). */
  | { kind: 'not_on_list'; written: string; report: VisitReportInterpretation };

/** A part that says only "the same" ("Jonas heller ikke", "Sara too") takes the previous outcome. */
const SAME_AS_BEFORE =
  /\b(?:ogs[åa]a?|heller|too|either|neither|samme|same|ligeså|ligesaa|ditto|likewise)\b/i;

function spansIn(mentions: readonly HouseholdMention[], from = 0, to = Number.MAX_SAFE_INTEGER) {
  return mentions
    .filter((mention) => mention.start >= from && mention.end <= to)
    .map((mention) => ({ start: mention.start - from, end: mention.end - from }));
}

export function readVisitReports(
  text: string,
  candidates: readonly HouseholdCandidate[],
  context: HouseholdContext = {},
  options: InterpretOptions = {},
): ReadVisitReports {
  const hasOutcome = (part: string): boolean =>
    interpretVisitReport(part, options).outcome !== null;
  const { resolution, mentions } = resolveHouseholds(text, candidates, context, hasOutcome);
  const whole = (): VisitReportInterpretation =>
    interpretVisitReport(text, { ...options, householdSpans: spansIn(mentions) });
  return fromResolution(text, resolution, mentions, whole, options);
}

function fromResolution(
  text: string,
  resolution: HouseholdResolution,
  mentions: readonly HouseholdMention[],
  whole: () => VisitReportInterpretation,
  options: InterpretOptions,
): ReadVisitReports {
  switch (resolution.kind) {
    case 'one':
      return {
        kind: 'reports',
        reports: [{ ids: [resolution.id], report: whole() }],
        because: resolution.because,
      };
    case 'ask':
      return { kind: 'ask', ids: resolution.ids, report: whole() };
    case 'not_on_list':
      return { kind: 'not_on_list', written: resolution.written, report: whole() };
    case 'several': {
      const reports: HouseholdReport[] = [];
      for (const share of resolution.shares) {
        const spans = spansIn(mentions, share.start, share.end);
        const report = interpretVisitReport(share.text, {
          ...options,
          householdSpans: spansOfShare(text, share.text, share.start, spans),
        });
        const previous = reports[reports.length - 1]?.report;
        if (report.outcome === null && previous?.outcome && SAME_AS_BEFORE.test(share.text)) {
          report.outcome = previous.outcome;
          report.folderLeft ??= previous.folderLeft;
          report.revisitDate ??= previous.revisitDate;
          report.looksLikeReport = true;
        } else if (report.outcome === null && previous?.outcome && !report.looksLikeReport) {
          // "snakkede med Ove i 10 min, Jonas i 5 min": the verb is said once for both.
          report.outcome = previous.outcome;
          report.looksLikeReport = true;
        }
        reports.push({ ids: share.ids, report });
      }
      return { kind: 'reports', reports, because: 'words' };
    }
  }
}

/**
 * A share's text may be trimmed or carry the shared closing clause, so its spans are found
 * again by their words rather than shifted by offset.
 */
function spansOfShare(
  text: string,
  shareText: string,
  shareStart: number,
  spans: readonly { start: number; end: number }[],
): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let from = 0;
  for (const span of spans) {
    const written = text.slice(shareStart + span.start, shareStart + span.end);
    const at = shareText.indexOf(written, from);
    if (at < 0) continue;
    found.push({ start: at, end: at + written.length });
    from = at + written.length;
  }
  return found;
}
