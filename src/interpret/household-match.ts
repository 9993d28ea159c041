/**
 * matchHousehold: which of the ambassador's open households a mention (or a whole message) names,
 * by its words alone. A thin view on `resolveHouseholds` (see there and `household-mentions.ts`
 * for the evidence and its weights) for callers that want one household or nothing.
 *
 * Threshold: the household's evidence must reach 0.8 (MATCH_THRESHOLD) — a name as written or
 * with one slip, a house number, a full unit — and no other household may come within 0.1
 * (AMBIGUITY_MARGIN) of it; otherwise null, so the bot asks.
 */
import { CLOSE_CALL_MARGIN, DECIDING_SCORE } from './household-mentions.js';
import { resolveHouseholds } from './resolve-household.js';
import type { HouseholdCandidate, HouseholdMatch } from './types.js';

export const MATCH_THRESHOLD = DECIDING_SCORE;
export const AMBIGUITY_MARGIN = CLOSE_CALL_MARGIN;

export function matchHousehold(
  mention: string,
  candidates: readonly HouseholdCandidate[],
): HouseholdMatch | null {
  if (typeof mention !== 'string' || mention.trim().length === 0 || candidates.length === 0)
    return null;
  const { resolution, mentions } = resolveHouseholds(mention, candidates);
  if (resolution.kind !== 'one' || resolution.because !== 'words') return null;
  const score = Math.max(...mentions.map((found) => found.scores.get(resolution.id) ?? 0));
  return { id: resolution.id, score: Math.round(score * 1000) / 1000 };
}
