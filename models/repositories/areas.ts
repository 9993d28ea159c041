import { IANAZone } from 'luxon';
import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { translateWriteErrors } from '../mongo-errors.js';
import { idString, parseObjectId } from '../object-ids.js';
import type { AreaDoc } from '../schemas/area.js';
import type { Area, AreaSettings, NewArea } from '../types.js';

export interface AreaRepository {
  /** Throws NaboError ALREADY_EXISTS when the key is taken, INVALID_INPUT for a bad key/zone. */
  create(input: NewArea): Promise<Area>;
  findByKey(key: string): Promise<Area | null>;
  findById(id: string): Promise<Area | null>;
  list(): Promise<Area[]>;
  /**
   * Changes some of the area's settings; the others stay. INVALID_INPUT for a value out of range
   * (a revisit hour outside 0–23, a negative count); NOT_FOUND for an unknown area.
   */
  updateSettings(areaId: string, changes: AreaSettingChanges): Promise<Area>;
}

/** The settings an operator may change on an existing area (`nabo area set`). */
export type AreaSettingChanges = Partial<
  Pick<
    AreaSettings,
    | 'revisitHour'
    | 'revisitAfterDays'
    | 'maxAttempts'
    | 'firstAttemptDeadlineDays'
    | 'checkInEveryWeeks'
  >
>;

/** Allowed range of each changeable setting; whole numbers only. */
const SETTING_RANGES: Record<keyof AreaSettingChanges, [number, number]> = {
  revisitHour: [0, 23],
  revisitAfterDays: [0, 60],
  maxAttempts: [1, 10],
  firstAttemptDeadlineDays: [1, 90],
  checkInEveryWeeks: [1, 52],
};

/** Lower-case letters, digits and dashes: the key ends up in job ids and CLI arguments. */
const AREA_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function createAreaRepository(model: Model<AreaDoc>): AreaRepository {
  return {
    async create(input) {
      if (!AREA_KEY.test(input.key)) {
        throw new NaboError(
          'INVALID_INPUT',
          `Area key '${input.key}' must be lower-case letters, digits and dashes (e.g. "gellerup")`,
        );
      }
      if (input.timeZone !== undefined && !IANAZone.isValidZone(input.timeZone)) {
        throw new NaboError('INVALID_INPUT', `Unknown time zone '${input.timeZone}'`);
      }
      const created = await translateWriteErrors(
        () =>
          model.create({
            key: input.key,
            name: input.name,
            timeZone: input.timeZone,
            locale: input.locale,
            settings: input.settings ?? {},
          }),
        { code: 'ALREADY_EXISTS', message: `An area with key '${input.key}' already exists` },
      );
      return toArea(created.toObject<AreaDoc>());
    },

    async findByKey(key) {
      const doc = await model.findOne({ key }).lean<AreaDoc>();
      return doc ? toArea(doc) : null;
    },

    async findById(id) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const doc = await model.findById(_id).lean<AreaDoc>();
      return doc ? toArea(doc) : null;
    },

    async updateSettings(areaId, changes) {
      const _id = parseObjectId(areaId);
      if (!_id) throw new NaboError('NOT_FOUND', `No area with id ${areaId}`);
      const $set: Record<string, number> = {};
      for (const [name, value] of Object.entries(changes) as Array<
        [keyof AreaSettingChanges, number]
      >) {
        if (value === undefined) continue;
        const [min, max] = SETTING_RANGES[name];
        if (!Number.isInteger(value) || value < min || value > max) {
          throw new NaboError(
            'INVALID_INPUT',
            `${name} must be a whole number from ${min} to ${max}, got ${value}`,
          );
        }
        $set[`settings.${name}`] = value;
      }
      const doc = await model
        .findOneAndUpdate({ _id }, { $set }, { returnDocument: 'after', runValidators: true })
        .lean<AreaDoc>();
      if (!doc) throw new NaboError('NOT_FOUND', `No area with id ${areaId}`);
      return toArea(doc);
    },

    async list() {
      const docs = await model.find().sort({ key: 1 }).lean<AreaDoc[]>();
      return docs.map(toArea);
    },
  };
}

export function toArea(doc: AreaDoc): Area {
  return {
    id: idString(doc._id),
    key: doc.key,
    name: doc.name,
    timeZone: doc.timeZone,
    locale: doc.locale,
    settings: {
      maxAttempts: doc.settings.maxAttempts,
      revisitAfterDays: doc.settings.revisitAfterDays,
      revisitHour: doc.settings.revisitHour,
      firstAttemptDeadlineDays: doc.settings.firstAttemptDeadlineDays,
      assignmentCron: doc.settings.assignmentCron,
      checkInEveryWeeks: doc.settings.checkInEveryWeeks,
      ...(doc.settings.retention ? { retention: { ...doc.settings.retention } } : {}),
    },
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
