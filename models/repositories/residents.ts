import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { calendarDateToUtc } from '../calendar-date.js';
import { duplicateKeyWriteErrorCount } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import { flatKey, residentNaturalKey } from '../resident-keys.js';
import type { ResidentDoc } from '../schemas/resident.js';
import type { VisitDoc } from '../schemas/visit.js';
import type { ImportResult, NewResident, Resident, ResidentSummary } from '../types.js';

export interface ResidentRepository {
  /**
   * Stores new households; a household already stored (or twice in the batch) is skipped, never
   * duplicated (natural key, see resident-keys.ts). INVALID_INPUT when a row lacks what a
   * household needs, before anything is written.
   */
  importMany(areaId: string, residents: readonly NewResident[]): Promise<ImportResult>;
  findById(id: string): Promise<Resident | null>;
  /** Households of the area that may be visited and have never had a visit, oldest move-in first. */
  listUnassigned(areaId: string): Promise<Resident[]>;
  /** Households marked "do not visit" (whether ever visited or not). */
  listDoNotVisit(areaId: string): Promise<Resident[]>;
}

/** Households asked for in one batch of `listUnassigned`; the server caps a batch at 16 MiB. */
const UNASSIGNED_BATCH = 100_000;

export function createResidentRepository(
  model: Model<ResidentDoc>,
  visitModel: Model<VisitDoc>,
): ResidentRepository {
  return {
    async importMany(areaId, residents) {
      const areaObjectId = requireObjectId(areaId, 'Area id');
      const docs = residents.map((resident) => toNewDoc(areaId, areaObjectId, resident));
      if (docs.length === 0) return { inserted: 0, skippedDuplicates: 0 };
      try {
        // Unordered, so one known household does not stop the rest of the list.
        await model.insertMany(docs, { ordered: false, throwOnValidationError: true });
        return { inserted: docs.length, skippedDuplicates: 0 };
      } catch (error) {
        const duplicates = duplicateKeyWriteErrorCount(error);
        if (duplicates === undefined) throw error;
        return { inserted: docs.length - duplicates, skippedDuplicates: duplicates };
      }
    },

    async findById(id) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const doc = await model.findById(_id).lean<ResidentDoc>();
      return doc ? toResident(doc) : null;
    },

    async listUnassigned(areaId) {
      const areaObjectId = parseObjectId(areaId);
      if (!areaObjectId) return [];
      // Two queries rather than $lookup: simple, index-backed, and the area is small (hundreds).
      const visited = await visitModel.distinct('residentId', { areaId: areaObjectId });
      const docs = await model
        .find({ areaId: areaObjectId, doNotVisit: { $ne: true }, _id: { $nin: visited } })
        .sort({ moveInDate: 1, address: 1, unit: 1, _id: 1 })
        // The whole area in one reply (up to 16 MiB) rather than 101 and then getMores: the
        // hand-out's commands stay the same however many households the area has.
        .batchSize(UNASSIGNED_BATCH)
        .lean<ResidentDoc[]>();
      return docs.map(toResident);
    },

    async listDoNotVisit(areaId) {
      const areaObjectId = parseObjectId(areaId);
      if (!areaObjectId) return [];
      const docs = await model
        .find({ areaId: areaObjectId, doNotVisit: true })
        .sort({ moveInDate: 1, address: 1, unit: 1, _id: 1 })
        .lean<ResidentDoc[]>();
      return docs.map(toResident);
    },
  };
}

function toNewDoc(
  areaId: string,
  areaObjectId: ResidentDoc['areaId'],
  resident: NewResident,
): Omit<ResidentDoc, '_id' | 'createdAt' | 'updatedAt'> {
  const where = `${resident.source.list} line ${resident.source.row}`;
  const names = resident.names.map((name) => name.trim()).filter((name) => name !== '');
  const address = resident.address.trim();
  const unit = (resident.unit ?? '').trim();
  const moveInDate = calendarDateToUtc(resident.moveInDate);
  if (names.length === 0) throw new NaboError('INVALID_INPUT', `${where}: no name`);
  if (address === '') throw new NaboError('INVALID_INPUT', `${where}: no address`);
  if (!moveInDate) {
    throw new NaboError('INVALID_INPUT', `${where}: move-in date is not YYYY-MM-DD`);
  }
  return {
    areaId: areaObjectId,
    names,
    address,
    unit,
    ...(resident.block ? { block: resident.block.trim() } : {}),
    ...(resident.stairwell ? { stairwell: resident.stairwell.trim() } : {}),
    moveInDate,
    languageHints: resident.languageHints ?? [],
    source: { list: resident.source.list, row: resident.source.row },
    doNotVisit: resident.doNotVisit ?? false,
    naturalKey: residentNaturalKey({
      areaId,
      address,
      unit,
      moveInDate: resident.moveInDate,
      names,
    }),
    flatKey: flatKey(areaId, address, unit),
  };
}

export function toResidentSummary(doc: ResidentDoc): ResidentSummary {
  return {
    id: idString(doc._id),
    names: [...doc.names],
    address: doc.address,
    unit: doc.unit,
    ...(doc.block ? { block: doc.block } : {}),
    ...(doc.stairwell ? { stairwell: doc.stairwell } : {}),
    moveInDate: doc.moveInDate,
    languageHints: [...doc.languageHints],
  };
}

function toResident(doc: ResidentDoc): Resident {
  return {
    ...toResidentSummary(doc),
    areaId: idString(doc.areaId),
    source: { list: doc.source.list, row: doc.source.row },
    doNotVisit: doc.doNotVisit,
    ...(doc.anonymisedAt ? { anonymisedAt: doc.anonymisedAt } : {}),
    ...(doc.erasedAt ? { erasedAt: doc.erasedAt } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
