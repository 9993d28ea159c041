import type { Person, Resident } from '../../models/types.js';

/**
 * The monthly hand-out, as the coordinator would do it on paper: each new household goes to an
 * ambassador who lives in the same stairwell (or at least the same block), then to one who shares
 * a language with the household, and otherwise to the one with the fewest households this month.
 * Nobody gets more than they said they can take.
 *
 * Pure and deterministic: the same input gives the same plan, whatever order the lists come in
 * (households by move-in date then id, ties between ambassadors by id). No I/O here, so the
 * service, the CLI's --dry-run and the benchmarks all share it.
 */

/** Why a household was given to this ambassador: the strongest rule that decided it. */
export type MatchReason = 'stairwell' | 'block' | 'language' | 'least_loaded';

/** Why a household was not handed out this month. */
export type UnassignedReason = 'no_capacity' | 'no_ambassador';

/** Why an ambassador of the area takes no new households this month. */
export type ExclusionReason = 'paused' | 'left' | 'no_confidentiality' | 'full';

export interface AssignmentInput {
  areaId: string;
  /** 'YYYY-MM' */
  month: string;
  /** Decides whether a pause is still running. */
  now: Date;
  /** Households not yet assigned (residents.listUnassigned); do-not-visit ones are dropped here too. */
  residents: readonly Resident[];
  /** People with a role in the area; only ambassadors of this area are considered. */
  people: readonly Person[];
  /** Visits already opened for `month`, per ambassador id (they use up this month's capacity). */
  openedThisMonth: ReadonlyMap<string, number>;
}

export interface PlannedVisit {
  residentId: string;
  ambassadorId: string;
  reason: MatchReason;
}

export interface UnassignedHousehold {
  residentId: string;
  reason: UnassignedReason;
}

export interface AmbassadorLoad {
  personId: string;
  capacity: number;
  /** Opened for this month before this plan. */
  alreadyThisMonth: number;
  /** Given by this plan. */
  planned: number;
}

export interface ExcludedAmbassador {
  personId: string;
  reason: ExclusionReason;
}

export interface AssignmentPlan {
  areaId: string;
  month: string;
  assignments: PlannedVisit[];
  unassigned: UnassignedHousehold[];
  /** Every ambassador who could take households this month, by id. */
  ambassadors: AmbassadorLoad[];
  excluded: ExcludedAmbassador[];
  /** Households left out because they are marked "do not visit". */
  doNotVisit: number;
}

interface Candidate {
  person: Person;
  load: AmbassadorLoad;
  remaining: number;
  languages: ReadonlySet<string>;
}

export function assignHouseholds(input: AssignmentInput): AssignmentPlan {
  const ambassadors = input.people
    .filter((person) =>
      person.roles.some((role) => role.areaId === input.areaId && role.role === 'ambassador'),
    )
    .sort((a, b) => compareIds(a.id, b.id));

  const candidates: Candidate[] = [];
  const excluded: ExcludedAmbassador[] = [];
  for (const person of ambassadors) {
    const already = input.openedThisMonth.get(person.id) ?? 0;
    const reason = exclusionReason(person, input.now, already);
    if (reason) {
      excluded.push({ personId: person.id, reason });
      continue;
    }
    candidates.push({
      person,
      load: {
        personId: person.id,
        capacity: person.monthlyCapacity,
        alreadyThisMonth: already,
        planned: 0,
      },
      remaining: person.monthlyCapacity - already,
      languages: new Set(person.languages.map((code) => code.toLowerCase())),
    });
  }

  const visitable = input.residents.filter((resident) => !resident.doNotVisit);
  const households = [...visitable].sort(
    (a, b) => a.moveInDate.getTime() - b.moveInDate.getTime() || compareIds(a.id, b.id),
  );

  // Ambassadors who are full this month still exist: their households wait for room, not for people.
  const anyAvailable = candidates.length > 0 || excluded.some((entry) => entry.reason === 'full');
  const assignments: PlannedVisit[] = [];
  const unassigned: UnassignedHousehold[] = [];
  for (const resident of households) {
    const best = bestCandidate(resident, candidates);
    if (!best) {
      unassigned.push({
        residentId: resident.id,
        reason: anyAvailable ? 'no_capacity' : 'no_ambassador',
      });
      continue;
    }
    best.candidate.remaining -= 1;
    best.candidate.load.planned += 1;
    assignments.push({
      residentId: resident.id,
      ambassadorId: best.candidate.person.id,
      reason: best.reason,
    });
  }

  return {
    areaId: input.areaId,
    month: input.month,
    assignments,
    unassigned,
    ambassadors: candidates.map((candidate) => candidate.load),
    excluded,
    doNotVisit: input.residents.length - visitable.length,
  };
}

function exclusionReason(person: Person, now: Date, already: number): ExclusionReason | undefined {
  if (person.status.state === 'left') return 'left';
  // A pause whose end date has passed no longer holds the ambassador back.
  if (
    person.status.state === 'paused' &&
    (person.status.pausedUntil === undefined || person.status.pausedUntil > now)
  ) {
    return 'paused';
  }
  // Names and addresses go only to ambassadors bound by the confidentiality duty (tavshedspligt).
  if (!person.confidentialityAt) return 'no_confidentiality';
  if (person.monthlyCapacity - already <= 0) return 'full';
  return undefined;
}

/**
 * Lower rank wins: [place, language, load, id]. Place is 0 for the same stairwell, 1 for the
 * same block, 2 otherwise; language is 0 when they share one.
 */
function bestCandidate(
  resident: Resident,
  candidates: readonly Candidate[],
): { candidate: Candidate; reason: MatchReason } | undefined {
  let best: { candidate: Candidate; rank: [number, number, number] } | undefined;
  const hints = resident.languageHints.map((code) => code.toLowerCase());
  for (const candidate of candidates) {
    if (candidate.remaining <= 0) continue;
    const rank: [number, number, number] = [
      placeRank(resident, candidate.person),
      hints.some((code) => candidate.languages.has(code)) ? 0 : 1,
      candidate.load.alreadyThisMonth + candidate.load.planned,
    ];
    // Candidates are in id order, so the first of equal rank keeps the place: ties go to the lower id.
    if (!best || compareRanks(rank, best.rank) < 0) best = { candidate, rank };
  }
  if (!best) return undefined;
  const [place, language] = best.rank;
  const reason: MatchReason =
    place === 0
      ? 'stairwell'
      : place === 1
        ? 'block'
        : language === 0
          ? 'language'
          : 'least_loaded';
  return { candidate: best.candidate, reason };
}

function placeRank(resident: Resident, person: Person): number {
  const sameBlock = same(resident.block, person.block);
  // Stairwell names repeat between blocks ("opgang 2"): a stairwell matches only within the block.
  const blocksAgree = sameBlock || resident.block === undefined || person.block === undefined;
  if (blocksAgree && same(resident.stairwell, person.stairwell)) return 0;
  if (sameBlock) return 1;
  return 2;
}

function same(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = a.trim().toLocaleLowerCase('da');
  return left !== '' && left === b.trim().toLocaleLowerCase('da');
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
