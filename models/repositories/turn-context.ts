import type { Model } from 'mongoose';
import type { Clock } from '../../kernel/clock.js';
import { identityKey } from '../identities.js';
import type { CheckInDoc } from '../schemas/check-in.js';
import type { ConversationStateDoc } from '../schemas/conversation-state.js';
import type { PersonDoc } from '../schemas/person.js';
import type { AreaDoc } from '../schemas/area.js';
import type { ResidentDoc } from '../schemas/resident.js';
import type { VisitDoc } from '../schemas/visit.js';
import type {
  Area,
  CheckIn,
  ConversationState,
  Person,
  PlatformIdentity,
  VisitWithResident,
} from '../types.js';
import { toArea } from './areas.js';
import { toCheckIn } from './check-ins.js';
import { toState } from './conversation-states.js';
import { toPerson } from './people.js';
import {
  joinedVisits,
  openVisitsWithHouseholds,
  recentlyClosedWithHouseholds,
  type JoinedVisitDoc,
} from './visits.js';

/** What every turn needs before a flow answers, read in one command. */
export interface TurnContext {
  person: Person;
  /** The live conversation state of this conversation, or null (expired counts as gone). */
  state: ConversationState | null;
  /** The person's pending check-in (the latest), or null: flows ask no further. */
  openCheckIn: CheckIn | null;
  /** The areas the person has a role in (settings, time zone), so a turn need not look them up. */
  areas: Area[];
  /** Their open visits with the households, in the order they see them; only when asked for. */
  openVisits?: VisitWithResident[];
  /** Their most recently closed visits with the households, newest first; only when asked for. */
  recentlyClosedVisits?: VisitWithResident[];
}

export interface TurnContextOptions {
  /**
   * Read the person's open visits too ("mine besøg" lists them): in the same command, instead
   * of a second round trip once the turn knows it needs them.
   */
  openVisits?: boolean;
  /**
   * Read this many of their most recently closed visits too (a report or «fortryd» checks a name
   * against them), at most 100; 0 or absent reads none.
   */
  recentlyClosedVisits?: number;
}

export interface TurnContextRepository {
  /**
   * The person behind the identity with their conversation state here and their pending
   * check-in, in one round trip; null for someone unknown (nothing is stored).
   */
  load(
    identity: PlatformIdentity,
    conversationKey: string,
    options?: TurnContextOptions,
  ): Promise<TurnContext | null>;
}

interface ContextDoc extends PersonDoc {
  turnStates: ConversationStateDoc[];
  turnCheckIns: CheckInDoc[];
  turnAreas: AreaDoc[];
  turnOpenVisits?: JoinedVisitDoc[];
  turnClosedVisits?: JoinedVisitDoc[];
}

/**
 * One aggregate on people joining their conversation states and check-ins by person id (both
 * indexed by personId, a handful per person), instead of three finds on every message.
 */
export function createTurnContextRepository(
  people: Model<PersonDoc>,
  states: Model<ConversationStateDoc>,
  checkIns: Model<CheckInDoc>,
  areas: Model<AreaDoc>,
  visits: Model<VisitDoc>,
  residents: Model<ResidentDoc>,
  clock: Clock,
): TurnContextRepository {
  // By ambassador (indexed with isOpen), then each visit's household by its _id.
  const openVisitsLookup = {
    $lookup: {
      from: visits.collection.collectionName,
      localField: '_id',
      foreignField: 'ambassadorId',
      pipeline: openVisitsWithHouseholds(residents.collection.collectionName),
      as: 'turnOpenVisits',
    },
  };
  const closedVisitsLookup = (limit: number) => ({
    $lookup: {
      from: visits.collection.collectionName,
      localField: '_id',
      foreignField: 'ambassadorId',
      pipeline: recentlyClosedWithHouseholds(residents.collection.collectionName, limit),
      as: 'turnClosedVisits',
    },
  });
  return {
    async load(identity, conversationKey, options = {}) {
      const closedLimit = options.recentlyClosedVisits ?? 0;
      const [doc] = await people.aggregate<ContextDoc>([
        { $match: { identityKeys: identityKey(identity) } },
        { $limit: 1 },
        {
          $lookup: {
            from: states.collection.collectionName,
            localField: '_id',
            foreignField: 'personId',
            as: 'turnStates',
          },
        },
        {
          $lookup: {
            from: checkIns.collection.collectionName,
            localField: '_id',
            foreignField: 'personId',
            as: 'turnCheckIns',
          },
        },
        {
          $lookup: {
            from: areas.collection.collectionName,
            localField: 'roles.areaId',
            foreignField: '_id',
            as: 'turnAreas',
          },
        },
        ...(options.openVisits ? [openVisitsLookup] : []),
        ...(closedLimit > 0 ? [closedVisitsLookup(closedLimit)] : []),
      ]);
      if (!doc) return null;
      const now = clock.now().getTime();
      // The TTL monitor runs about once a minute: a state past its expiry is gone already.
      const state = doc.turnStates.find(
        (candidate) =>
          candidate.conversationKey === conversationKey && candidate.expiresAt.getTime() > now,
      );
      const pending = doc.turnCheckIns
        .filter((candidate) => candidate.status === 'pending')
        .sort(
          (a, b) =>
            b.createdAt.getTime() - a.createdAt.getTime() ||
            (String(b._id) < String(a._id) ? -1 : 1),
        )[0];
      const {
        turnStates: _states,
        turnCheckIns: _checkIns,
        turnAreas,
        turnOpenVisits,
        turnClosedVisits,
        ...person
      } = doc;
      return {
        person: toPerson(person),
        areas: turnAreas.map(toArea),
        state: state ? toState(state) : null,
        openCheckIn: pending ? toCheckIn(pending) : null,
        ...(turnOpenVisits ? { openVisits: joinedVisits(turnOpenVisits) } : {}),
        ...(turnClosedVisits ? { recentlyClosedVisits: joinedVisits(turnClosedVisits) } : {}),
      };
    },
  };
}
