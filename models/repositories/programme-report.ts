import type { Model } from 'mongoose';
import { idString, parseObjectId } from '../object-ids.js';
import type { AccompanimentDoc } from '../schemas/accompaniment.js';
import type { CheckInDoc } from '../schemas/check-in.js';
import type { MeetingDoc } from '../schemas/meeting.js';
import type { ResidentDoc } from '../schemas/resident.js';
import type { VisitDoc } from '../schemas/visit.js';
import type {
  AccompanimentOutcome,
  AttemptOutcome,
  CheckInStatus,
  ClosingReason,
  MeetingStatus,
  VisitStatus,
} from '../types.js';

/**
 * What the programme report (src/programme-report) counts, read in bulk for several areas at
 * once. Projections leave out every personal field (names, address, unit, notes, who wrote
 * them, check-in answers): what is never loaded cannot leak into a chart or a file.
 */

/** The period asked for in one area: move-in days as calendar dates, activity as instants. */
export interface ProgrammeFactsWindow {
  areaId: string;
  /** UTC midnight of the first move-in day counted, and of the day after the last. */
  moveInFrom: Date;
  moveInUntil: Date;
  /** Start of the first local month and of the month after the last, as instants. */
  activityFrom: Date;
  activityUntil: Date;
}

export interface HouseholdFact {
  id: string;
  /** Calendar date at UTC midnight (models/calendar-date.ts). */
  moveInDate: Date;
  /** Anonymised households keep only the month of moving in: their day is the 1st. */
  anonymised: boolean;
  /** Never to be visited (asked so, or anonymised). */
  doNotVisit: boolean;
}

export interface AttemptFact {
  at: Date;
  outcome: AttemptOutcome;
  folderLeft: boolean | null;
}

export interface VisitFact {
  residentId: string;
  ambassadorId: string;
  status: VisitStatus;
  closingReason: ClosingReason | null;
  folderLeft: boolean | null;
  attempts: AttemptFact[];
}

export interface MeetingFact {
  status: MeetingStatus;
  startsAt: Date;
  startedAt: Date | null;
}

export interface CheckInFact {
  status: CheckInStatus;
  due: Date;
  answeredAt: Date | null;
}

/** An offer to go along with a resident the first time (følgeskab) and how it went. */
export interface AccompanimentFact {
  createdAt: Date;
  outcome: AccompanimentOutcome | null;
}

export interface ProgrammeFacts {
  areaId: string;
  /** Households that moved in within the window. */
  households: HouseholdFact[];
  /** Every visit of those households, and every visit with an attempt within the window. */
  visits: VisitFact[];
  /** Meetings started (or, never started, planned) within the window. */
  meetings: MeetingFact[];
  /** Check-ins answered (or, unanswered, due) within the window. */
  checkIns: CheckInFact[];
  /** Offers made within the activity window. */
  accompaniments: AccompanimentFact[];
}

export interface ProgrammeReportRepository {
  /**
   * The facts of each window's area, in the order asked. Four queries sent at once (households,
   * visits, meetings, check-ins), whatever the number of areas.
   */
  facts(windows: readonly ProgrammeFactsWindow[]): Promise<ProgrammeFacts[]>;
}

interface Models {
  residents: Model<ResidentDoc>;
  visits: Model<VisitDoc>;
  meetings: Model<MeetingDoc>;
  checkIns: Model<CheckInDoc>;
  accompaniments: Model<AccompanimentDoc>;
}

export function createProgrammeReportRepository(models: Models): ProgrammeReportRepository {
  return {
    async facts(windows) {
      const known = windows.flatMap((window) => {
        const areaId = parseObjectId(window.areaId);
        return areaId ? [{ ...window, _id: areaId }] : [];
      });
      const empty = (areaId: string): ProgrammeFacts => ({
        areaId,
        households: [],
        visits: [],
        meetings: [],
        checkIns: [],
        accompaniments: [],
      });
      if (known.length === 0) return windows.map((window) => empty(window.areaId));

      const [residentDocs, meetingDocs, checkInDocs, visitDocs, accompanimentDocs] =
        await Promise.all([
          models.residents
            .find(
              {
                $or: known.map((w) => ({
                  areaId: w._id,
                  moveInDate: { $gte: w.moveInFrom, $lt: w.moveInUntil },
                })),
              },
              { areaId: 1, moveInDate: 1, anonymisedAt: 1, doNotVisit: 1 },
            )
            .lean<
              Array<
                Pick<ResidentDoc, '_id' | 'areaId' | 'moveInDate' | 'anonymisedAt' | 'doNotVisit'>
              >
            >(),
          models.meetings
            .find(
              {
                $or: known.flatMap((w) => [
                  { areaId: w._id, startedAt: { $gte: w.activityFrom, $lt: w.activityUntil } },
                  {
                    areaId: w._id,
                    startedAt: null,
                    startsAt: { $gte: w.activityFrom, $lt: w.activityUntil },
                  },
                ]),
              },
              { areaId: 1, status: 1, startsAt: 1, startedAt: 1 },
            )
            .lean<
              Array<Pick<MeetingDoc, '_id' | 'areaId' | 'status' | 'startsAt' | 'startedAt'>>
            >(),
          models.checkIns
            .find(
              {
                $or: known.flatMap((w) => [
                  { areaId: w._id, answeredAt: { $gte: w.activityFrom, $lt: w.activityUntil } },
                  {
                    areaId: w._id,
                    answeredAt: null,
                    due: { $gte: w.activityFrom, $lt: w.activityUntil },
                  },
                ]),
              },
              { areaId: 1, status: 1, due: 1, answeredAt: 1 },
            )
            .lean<Array<Pick<CheckInDoc, '_id' | 'areaId' | 'status' | 'due' | 'answeredAt'>>>(),
          // All visits of the areas, filtered below: a visit belongs to the report through its
          // household or through a try in the window, and a filter on a long list of household ids
          // has no index to use (the one on residentId covers open visits only).
          models.visits
            .find(
              { areaId: { $in: known.map((w) => w._id) } },
              {
                areaId: 1,
                residentId: 1,
                ambassadorId: 1,
                status: 1,
                closingReason: 1,
                folderLeft: 1,
                'attempts.at': 1,
                'attempts.outcome': 1,
                'attempts.folderLeft': 1,
              },
            )
            .lean<VisitDoc[]>(),
          models.accompaniments
            .find(
              {
                $or: known.map((w) => ({
                  areaId: w._id,
                  createdAt: { $gte: w.activityFrom, $lt: w.activityUntil },
                })),
              },
              { areaId: 1, createdAt: 1, outcome: 1 },
            )
            .lean<Array<Pick<AccompanimentDoc, '_id' | 'areaId' | 'createdAt' | 'outcome'>>>(),
        ]);

      const byArea = new Map(known.map((w) => [w._id.toHexString(), empty(w.areaId)]));
      const factsOf = (areaId: { toHexString(): string }) => byArea.get(areaId.toHexString());
      for (const doc of residentDocs) {
        factsOf(doc.areaId)?.households.push({
          id: idString(doc._id),
          moveInDate: doc.moveInDate,
          anonymised: doc.anonymisedAt != null,
          doNotVisit: doc.doNotVisit === true,
        });
      }
      const windowByArea = new Map(known.map((w) => [w._id.toHexString(), w]));
      const cohort = new Set(residentDocs.map((doc) => doc._id.toHexString()));
      for (const doc of visitDocs) {
        const window = windowByArea.get(doc.areaId.toHexString());
        const attempts = doc.attempts ?? [];
        const belongs =
          cohort.has(doc.residentId.toHexString()) ||
          attempts.some(
            (attempt) =>
              window !== undefined &&
              attempt.at >= window.activityFrom &&
              attempt.at < window.activityUntil,
          );
        if (!belongs) continue;
        factsOf(doc.areaId)?.visits.push({
          residentId: idString(doc.residentId),
          ambassadorId: idString(doc.ambassadorId),
          status: doc.status,
          closingReason: doc.closingReason ?? null,
          folderLeft: doc.folderLeft ?? null,
          attempts: attempts.map((attempt) => ({
            at: attempt.at,
            outcome: attempt.outcome,
            folderLeft: attempt.folderLeft ?? null,
          })),
        });
      }
      for (const doc of meetingDocs) {
        factsOf(doc.areaId)?.meetings.push({
          status: doc.status,
          startsAt: doc.startsAt,
          startedAt: doc.startedAt ?? null,
        });
      }
      for (const doc of checkInDocs) {
        factsOf(doc.areaId)?.checkIns.push({
          status: doc.status,
          due: doc.due,
          answeredAt: doc.answeredAt ?? null,
        });
      }
      for (const doc of accompanimentDocs) {
        factsOf(doc.areaId)?.accompaniments.push({
          createdAt: doc.createdAt,
          outcome: doc.outcome ?? null,
        });
      }
      return windows.map(
        (window) =>
          byArea.get(parseObjectId(window.areaId)?.toHexString() ?? '') ?? empty(window.areaId),
      );
    },
  };
}
