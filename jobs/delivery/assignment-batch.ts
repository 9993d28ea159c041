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
    const now = performance.now();
    const held = this.held.get(key);
    if (held && now - held.at < this.maxAgeMs) return held.batch;
    const batch = this.fetch(areaId, month);
    // A failed fetch is not kept: the job's retry fetches again.
    batch.catch(() => this.held.delete(key));
    this.held.delete(key);
    this.held.set(key, { at: now, batch });
    if (this.held.size > this.capacity) {
      const oldest = this.held.keys().next();
      if (!oldest.done) this.held.delete(oldest.value);
    }
    return batch;
  }

  private async fetch(areaId: string, month: string): Promise<AssignmentBatch> {
    const [area, visits, people] = await Promise.all([
      this.db.areas.findById(areaId),
      this.db.visits.listByArea(areaId, { status: 'open' }),
      this.db.people.listByArea(areaId),
    ]);
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
}
