/**
 * Which household a conversation is about right now, from what just happened in it: Nabo put one
 * household in front of the ambassador (a revisit reminder, a first-visit nudge, "I'll try
 * today"), or the ambassador just reported on one. The latest of these wins; a reminder counts
 * for 12 hours, a report for 2. Two that came at the same moment (two reminders sent together)
 * make no focus: a bare message is then asked about between those two.
 */
import type { HouseholdContext } from './resolve-household.js';

/** How long a reminder about one household keeps the conversation on it. */
export const PROMPT_FOCUS_MS = 12 * 60 * 60 * 1000;
/** How long a report on one household keeps the conversation on it. */
export const REPORT_FOCUS_MS = 2 * 60 * 60 * 1000;
/** Moments closer than this came "together". */
const SAME_MOMENT_MS = 60 * 1000;

export interface ConversationMoments {
  now: Date;
  /** Open households Nabo last put in front of the ambassador, with when. */
  prompted: readonly { id: string; at: Date }[];
  /** The open household the ambassador last reported on in this conversation, with when. */
  reported?: { id: string; at: Date } | null;
}

export function conversationFocus(moments: ConversationMoments): HouseholdContext {
  const now = moments.now.getTime();
  const fresh = (at: Date, window: number): boolean =>
    now - at.getTime() >= 0 && now - at.getTime() <= window;
  const recent = [
    ...moments.prompted
      .filter((prompt) => fresh(prompt.at, PROMPT_FOCUS_MS))
      .map((prompt) => ({ id: prompt.id, at: prompt.at.getTime() })),
    ...(moments.reported && fresh(moments.reported.at, REPORT_FOCUS_MS)
      ? [{ id: moments.reported.id, at: moments.reported.at.getTime() }]
      : []),
  ].sort((a, b) => b.at - a.at);
  const [latest] = recent;
  if (latest === undefined) return {};
  const together = [
    ...new Set(recent.filter((m) => latest.at - m.at < SAME_MOMENT_MS).map((m) => m.id)),
  ];
  return together.length > 1 ? { focus: null, recent: together } : { focus: latest.id };
}
