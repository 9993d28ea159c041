import { performance } from 'node:perf_hooks';
import type { NaboDatabase } from '../../models/database.js';
import type { Area, Person, VisitWithResident } from '../../models/types.js';

/** What the messages of one area's hand-out are composed from, fetched once for all of them. */
export interface AssignmentBatch {
  area: Area | null;
  /** Open visits handed out that month, per ambassador id, oldest first. */
  visitsByAmbassador: ReadonlyMap<string, readonly VisitWithResident[]>;
  /** Everyone with a role in the area, by id. */
  people: ReadonlyMap<string, Person>;
}

/**
 * The fan-out of a monthly hand-out sends one message per ambassador of an area, all composed
 * from the same few collections. Rather than reading the area, the person and their households
 * again for every message (9–10 commands each), the first message of an area and month fetches
 * the whole area in four commands and the others within `maxAgeMs` compose from that.
 *
 * How stale may a message be? At most `maxAgeMs`: the fan-out of an area takes well under a
 * minute at the platforms' rates, and a household closed in those seconds was reported by the
 * very ambassador who gets the list. The age is measured on the monotonic clock, not the
 * (possibly fixed) application clock, so a fixed or shifted clock never keeps a batch for ever.
 * Per process, bounded: another worker keeps its own, losing it costs one fetch.
 */
export class AssignmentBatches {
  private readonly held = new Map<string, { at: number; batch: Promise<AssignmentBatch> }>();

  constructor(
    private readonly db: NaboDatabase,
    private readonly maxAgeMs = 30_000,
    private readonly capacity = 100,
  ) {}

  get(areaId: string, month: string): Promise<AssignmentBatch> {
    const key = `${areaId}:${month}`;
    const held = this.held.get(key);
    if (held && performance.now() - held.at < this.maxAgeMs) return held.batch;
    const batch = this.fetch(areaId, month);
    // A failed fetch is not kept: the job's retry fetches again.
    batch.catch(() => this.held.delete(key));
    this.hold(key, batch);
    return batch;
  }

  /**
   * What the announcement of a hand-out has just read from MongoDB for its messages: the sends
   * of the same process compose from it instead of reading the whole area a second time while
   * the first of them are already going out.
   */
  keep(area: Area, month: string, visits: readonly VisitWithResident[], people: readonly Person[]) {
    this.hold(`${area.id}:${month}`, Promise.resolve(batchOf(area, month, visits, people)));
  }

  private hold(key: string, batch: Promise<AssignmentBatch>): void {
    this.held.delete(key);
    this.held.set(key, { at: performance.now(), batch });
    if (this.held.size > this.capacity) {
      const oldest = this.held.keys().next();
      if (!oldest.done) this.held.delete(oldest.value);
    }
  }

  private async fetch(areaId: string, month: string): Promise<AssignmentBatch> {
    const [area, visits, people] = await Promise.all([
      this.db.areas.findById(areaId),
      this.db.visits.listByArea(areaId, { status: 'open' }),
      this.db.people.listByArea(areaId),
    ]);
    return batchOf(area, month, visits, people);
  }
}

function batchOf(
  area: Area | null,
  month: string,
  visits: readonly VisitWithResident[],
  people: readonly Person[],
): AssignmentBatch {
  const visitsByAmbassador = new Map<string, VisitWithResident[]>();
  for (const visit of visits) {
    if (visit.assignmentMonth !== month) continue;
    const list = visitsByAmbassador.get(visit.ambassadorId) ?? [];
    list.push(visit);
    visitsByAmbassador.set(visit.ambassadorId, list);
  }
  return {
    area,
    visitsByAmbassador,
    people: new Map(people.map((person) => [person.id, person])),
  };
}
