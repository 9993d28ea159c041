import type { Model, UpdateQuery } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { translateWriteErrors } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { PersonDoc } from '../schemas/person.js';
import { MAX_MONTHLY_CAPACITY } from '../../kernel/constants.js';
import type {
  LeftReason,
  Locale,
  NewPerson,
  Person,
  PersonIdentities,
  ProfileChanges,
  Role,
} from '../types.js';

export type { ProfileChanges } from '../types.js';

export interface PersonRepository {
  /** Throws ALREADY_EXISTS when a Slack, Teams or console identity belongs to someone else. */
  add(input: NewPerson): Promise<Person>;
  findById(id: string): Promise<Person | null>;
  /** Case-insensitive: handles are stored lower-case. */
  findByConsoleHandle(handle: string): Promise<Person | null>;
  findBySlack(teamId: string, userId: string): Promise<Person | null>;
  findByTeams(tenantId: string, aadObjectId: string): Promise<Person | null>;
  /** Everyone with a role in the area (or with that role there), by name. */
  listByArea(areaId: string, role?: Role): Promise<Person[]>;
  /** Ambassador takes a break until the given instant. CONFLICT for someone who has left. */
  pause(personId: string, until: Date): Promise<Person>;
  resume(personId: string): Promise<Person>;
  setCapacity(personId: string, monthlyCapacity: number): Promise<Person>;
  setLocale(personId: string, locale: Locale): Promise<Person>;
  /**
   * A coordinator corrects an ambassador's profile. Only the fields given change; an empty block
   * or stairwell removes it. INVALID_INPUT for a bad language code or capacity.
   */
  updateProfile(personId: string, changes: ProfileChanges): Promise<Person>;
  /** Adds or replaces one platform identity (ALREADY_EXISTS when it belongs to someone else). */
  linkIdentity(personId: string, identities: PersonIdentities): Promise<Person>;
  /** The person leaves the programme; the record stays for history. CONFLICT if already left. */
  markLeft(personId: string, reason: LeftReason, note?: string): Promise<Person>;
  /** The volunteer agreement and confidentiality duty are confirmed at `at` (kept if set before). */
  confirmAgreement(personId: string, at: Date): Promise<Person>;
}

export function normaliseConsoleHandle(handle: string): string {
  return handle.normalize('NFC').trim().toLocaleLowerCase('da');
}

export function createPersonRepository(model: Model<PersonDoc>): PersonRepository {
  async function updateExisting(personId: string, update: UpdateQuery<PersonDoc>): Promise<Person> {
    const _id = parseObjectId(personId);
    if (!_id) throw notFound(personId);
    // People who have left keep their record for history but cannot be changed back to work.
    const doc = await model
      .findOneAndUpdate({ _id, 'status.state': { $ne: 'left' } }, update, {
        returnDocument: 'after',
        runValidators: true,
      })
      .lean<PersonDoc>();
    if (doc) return toPerson(doc);
    if (await model.exists({ _id })) {
      throw new NaboError('CONFLICT', `Person ${personId} has left the programme`);
    }
    throw notFound(personId);
  }

  return {
    async add(input) {
      const identities = normaliseIdentities(input.identities ?? {});
      if (input.monthlyCapacity !== undefined) assertCapacity(input.monthlyCapacity);
      const created = await translateWriteErrors(
        () =>
          model.create({
            name: input.name.trim(),
            roles: input.roles.map((role) => ({
              areaId: requireObjectId(role.areaId, 'Area id'),
              role: role.role,
            })),
            identities,
            languages: normaliseLanguages(input.languages ?? []),
            block: input.block,
            stairwell: input.stairwell,
            monthlyCapacity: input.monthlyCapacity,
            volunteerAgreementAt: input.volunteerAgreementAt,
            confidentialityAt: input.confidentialityAt,
            locale: input.locale,
          }),
        {
          code: 'ALREADY_EXISTS',
          message: `Another person already has this ${describeIdentities(identities)} identity`,
        },
      );
      return toPerson(created.toObject<PersonDoc>());
    },

    async findById(id) {
      const _id = parseObjectId(id);
      if (!_id) return null;
      const doc = await model.findById(_id).lean<PersonDoc>();
      return doc ? toPerson(doc) : null;
    },

    async findByConsoleHandle(handle) {
      const doc = await model
        .findOne({ 'identities.console.handle': normaliseConsoleHandle(handle) })
        .lean<PersonDoc>();
      return doc ? toPerson(doc) : null;
    },

    async findBySlack(teamId, userId) {
      const doc = await model
        .findOne({ 'identities.slack.teamId': teamId, 'identities.slack.userId': userId })
        .lean<PersonDoc>();
      return doc ? toPerson(doc) : null;
    },

    async findByTeams(tenantId, aadObjectId) {
      const doc = await model
        .findOne({
          'identities.teams.tenantId': tenantId,
          'identities.teams.aadObjectId': aadObjectId,
        })
        .lean<PersonDoc>();
      return doc ? toPerson(doc) : null;
    },

    async listByArea(areaId, role) {
      const _id = parseObjectId(areaId);
      if (!_id) return [];
      const match = role === undefined ? { areaId: _id } : { areaId: _id, role };
      const docs = await model
        .find({ roles: { $elemMatch: match } })
        .sort({ name: 1, _id: 1 })
        .lean<PersonDoc[]>();
      return docs.map(toPerson);
    },

    async pause(personId, until) {
      return updateExisting(personId, {
        $set: { status: { state: 'paused', pausedUntil: until } },
      });
    },

    async resume(personId) {
      return updateExisting(personId, { $set: { status: { state: 'active' } } });
    },

    async setCapacity(personId, monthlyCapacity) {
      assertCapacity(monthlyCapacity);
      return updateExisting(personId, { $set: { monthlyCapacity } });
    },

    async setLocale(personId, locale) {
      if (locale !== 'da' && locale !== 'en') {
        throw new NaboError('INVALID_INPUT', `Unsupported locale '${String(locale)}'`);
      }
      return updateExisting(personId, { $set: { locale } });
    },

    async updateProfile(personId, changes) {
      const $set: Record<string, unknown> = {};
      const $unset: Record<string, 1> = {};
      if (changes.name !== undefined) {
        if (changes.name.trim() === '') throw new NaboError('INVALID_INPUT', 'A name is required');
        $set.name = changes.name.trim();
      }
      if (changes.languages !== undefined) $set.languages = normaliseLanguages(changes.languages);
      for (const field of ['block', 'stairwell'] as const) {
        const value = changes[field];
        if (value === undefined) continue;
        if (value.trim() === '') $unset[field] = 1;
        else $set[field] = value.trim();
      }
      if (changes.monthlyCapacity !== undefined) {
        assertCapacity(changes.monthlyCapacity);
        $set.monthlyCapacity = changes.monthlyCapacity;
      }
      if (changes.locale !== undefined) {
        if (changes.locale !== 'da' && changes.locale !== 'en') {
          throw new NaboError('INVALID_INPUT', `Unsupported locale '${String(changes.locale)}'`);
        }
        $set.locale = changes.locale;
      }
      if (Object.keys($set).length + Object.keys($unset).length === 0) {
        return updateExisting(personId, { $set: {} });
      }
      return updateExisting(personId, {
        ...(Object.keys($set).length > 0 ? { $set } : {}),
        ...(Object.keys($unset).length > 0 ? { $unset } : {}),
      });
    },

    async linkIdentity(personId, identities) {
      const normalised = normaliseIdentities(identities);
      const $set: Record<string, unknown> = {};
      if (normalised.slack) $set['identities.slack'] = normalised.slack;
      if (normalised.teams) $set['identities.teams'] = normalised.teams;
      if (normalised.console) $set['identities.console'] = normalised.console;
      return translateWriteErrors(() => updateExisting(personId, { $set }), {
        code: 'ALREADY_EXISTS',
        message: `Another person already has this ${describeIdentities(normalised)} identity`,
      });
    },

    async markLeft(personId, reason, note) {
      if (!['moved', 'stopped', 'other'].includes(reason)) {
        throw new NaboError('INVALID_INPUT', `Unknown reason for leaving '${String(reason)}'`);
      }
      const status = { state: 'left', leftReason: reason, ...(note ? { leftNote: note } : {}) };
      return updateExisting(personId, { $set: { status } });
    },

    async confirmAgreement(personId, at) {
      const _id = parseObjectId(personId);
      if (!_id) throw notFound(personId);
      // Two presses of the button keep the first date: that is when the person agreed.
      await model.updateOne(
        { _id, volunteerAgreementAt: { $exists: false } },
        { $set: { volunteerAgreementAt: at } },
      );
      await model.updateOne(
        { _id, confidentialityAt: { $exists: false } },
        { $set: { confidentialityAt: at } },
      );
      const doc = await model.findById(_id).lean<PersonDoc>();
      if (!doc) throw notFound(personId);
      return toPerson(doc);
    },
  };
}

function notFound(personId: string): NaboError {
  return new NaboError('NOT_FOUND', `No person with id ${personId}`);
}

function assertCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_MONTHLY_CAPACITY) {
    throw new NaboError(
      'INVALID_INPUT',
      `Monthly capacity must be a whole number from 0 to ${MAX_MONTHLY_CAPACITY}, got ${capacity}`,
    );
  }
}

function normaliseLanguages(languages: readonly string[]): string[] {
  const codes = languages.map((code) => code.trim().toLowerCase()).filter((code) => code !== '');
  const invalid = codes.find((code) => !/^[a-z]{2,3}$/.test(code));
  if (invalid !== undefined) {
    throw new NaboError('INVALID_INPUT', `'${invalid}' is not an ISO language code (e.g. da, ar)`);
  }
  return [...new Set(codes)];
}

function normaliseIdentities(identities: PersonIdentities): PersonIdentities {
  const normalised: PersonIdentities = {};
  if (identities.slack) normalised.slack = { ...identities.slack };
  if (identities.teams) normalised.teams = { ...identities.teams };
  if (identities.console) {
    const handle = normaliseConsoleHandle(identities.console.handle);
    if (!/^[\p{L}\p{N}._-]+$/u.test(handle)) {
      throw new NaboError(
        'INVALID_INPUT',
        `Console handle '${identities.console.handle}' may hold letters, digits, '.', '_' and '-'`,
      );
    }
    normalised.console = { handle };
  }
  return normalised;
}

function describeIdentities(identities: PersonIdentities): string {
  const kinds = [
    identities.slack && 'Slack',
    identities.teams && 'Teams',
    identities.console && 'console',
  ].filter((kind): kind is string => typeof kind === 'string');
  return kinds.join('/') || 'platform';
}

function toPerson(doc: PersonDoc): Person {
  const identities: PersonIdentities = {};
  const stored = doc.identities ?? {};
  if (stored.slack) identities.slack = { teamId: stored.slack.teamId, userId: stored.slack.userId };
  if (stored.teams) {
    identities.teams = { tenantId: stored.teams.tenantId, aadObjectId: stored.teams.aadObjectId };
  }
  if (stored.console) identities.console = { handle: stored.console.handle };
  return {
    id: idString(doc._id),
    name: doc.name,
    roles: doc.roles.map((role) => ({ areaId: idString(role.areaId), role: role.role })),
    identities,
    languages: [...doc.languages],
    ...(doc.block !== undefined && doc.block !== null ? { block: doc.block } : {}),
    ...(doc.stairwell !== undefined && doc.stairwell !== null ? { stairwell: doc.stairwell } : {}),
    monthlyCapacity: doc.monthlyCapacity,
    status: {
      state: doc.status.state,
      ...(doc.status.pausedUntil ? { pausedUntil: doc.status.pausedUntil } : {}),
      ...(doc.status.leftReason ? { leftReason: doc.status.leftReason } : {}),
      ...(doc.status.leftNote ? { leftNote: doc.status.leftNote } : {}),
    },
    ...(doc.volunteerAgreementAt ? { volunteerAgreementAt: doc.volunteerAgreementAt } : {}),
    ...(doc.confidentialityAt ? { confidentialityAt: doc.confidentialityAt } : {}),
    locale: doc.locale,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
