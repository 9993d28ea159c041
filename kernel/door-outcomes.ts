/**
 * What can happen when an ambassador rings a door: the one list. The stored enum, the type, the
 * report buttons, the sentences that confirm a report and the revisit rule are all derived from
 * it, and each place that says something per outcome is a `Record<DoorOutcome, …>`, so adding an
 * outcome here fails to compile until every one of them knows what to do with it.
 */
export const DOOR_OUTCOMES = ['met', 'not_home', 'declined', 'moved', 'postponed'] as const;

export type DoorOutcome = (typeof DOOR_OUTCOMES)[number];

/**
 * Why a visit ended. Three come straight from a door outcome (see `closesVisitAs`); the others
 * from the visit's history (tries used up, folder left but nobody met) or from an erasure. The
 * stored enum and the area report's columns are derived from this list.
 */
export const CLOSING_REASONS = [
  'met',
  'declined',
  'moved',
  'folder_delivered_not_met',
  'not_reached',
  'erased',
] as const;

export type ClosingReason = (typeof CLOSING_REASONS)[number];

export function isDoorOutcome(value: unknown): value is DoorOutcome {
  return (DOOR_OUTCOMES as readonly unknown[]).includes(value);
}

/**
 * The answers a report button offers. "Not home" comes twice because the ambassador says in the
 * same press whether the welcome folder went into the mailbox.
 */
export type OutcomeChoice = DoorOutcome | 'not_home_folder';

/** What each outcome means for the visit, beyond the attempt it records. */
export interface DoorOutcomeRule {
  /** The door is to be tried again: the visit waits for its revisit date (and its reminder). */
  waitsForRevisit: boolean;
  /** Offered as a button under every household; the others are asked only in a follow-up. */
  onEveryHousehold: boolean;
  /** The visit ends with this outcome, for this reason; null when the door is tried again. */
  closesVisitAs: ClosingReason | null;
}

export const DOOR_OUTCOME_RULES: Record<DoorOutcome, DoorOutcomeRule> = {
  met: { waitsForRevisit: false, onEveryHousehold: true, closesVisitAs: 'met' },
  not_home: { waitsForRevisit: true, onEveryHousehold: true, closesVisitAs: null },
  declined: { waitsForRevisit: false, onEveryHousehold: true, closesVisitAs: 'declined' },
  moved: { waitsForRevisit: false, onEveryHousehold: true, closesVisitAs: 'moved' },
  postponed: { waitsForRevisit: true, onEveryHousehold: false, closesVisitAs: null },
};

/** The report buttons under a household, in the order an ambassador reads them. */
export const HOUSEHOLD_REPORT_CHOICES: readonly OutcomeChoice[] = DOOR_OUTCOMES.filter(
  (outcome) => DOOR_OUTCOME_RULES[outcome].onEveryHousehold,
).flatMap((outcome): OutcomeChoice[] =>
  outcome === 'not_home' ? ['not_home_folder', 'not_home'] : [outcome],
);

export function waitsForRevisit(outcome: DoorOutcome | null | undefined): boolean {
  return outcome !== null && outcome !== undefined && DOOR_OUTCOME_RULES[outcome].waitsForRevisit;
}
