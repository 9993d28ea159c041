import type { Model, UpdateQuery } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { describeIdentity, identityKey } from '../identities.js';
import { translateWriteErrors } from '../mongo-errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { PersonDoc } from '../schemas/person.js';
import { MAX_MONTHLY_CAPACITY } from '../../kernel/constants.js';
import type {
  LeftReason,
  Locale,
  NewPerson,
  Person,
  PlatformIdentity,
  ProfileChanges,
  Role,
} from '../types.js';

export type { ProfileChanges } from '../types.js';

export interface PersonRepository {
  /** Throws ALREADY_EXISTS when one of the platform identities belongs to someone else. */
  add(input: NewPerson): Promise<Person>;
  findById(id: string): Promise<Person | null>;
  /** The person behind a platform identity, exactly as the platform's adapter spells it. */
  findByIdentity(identity: PlatformIdentity): Promise<Person | null>;
  /** Everyone with a role in the area (or with that role there), by name. */
  listByArea(areaId: string, role?: Role): Promise<Person[]>;
  /** Ambassador takes a break until the given instant. CONFLICT for someone who has left. */
  pause(personId: string, until: Date): Promise<Person>;
  resume(personId: string): Promise<Person>;
  setCapacity(personId: string, monthlyCapacity: number): Promise<Person>;
  setLocale(personId: string, locale: Locale): Promise<Person>;
  /** Replaces the person's interests (trimmed, empty ones dropped, at most 20). */
  setInterests(personId: string, interests: readonly string[]): Promise<Person>;
  /** Gives (or with `remove`, takes back) an extra role; the same role is kept once. */
  changeExtraRole(personId: string, role: string, remove?: boolean): Promise<Person>;
  /**
   * A coordinator corrects an ambassador's profile. Only the fields given change; an empty block
   * or stairwell removes it. INVALID_INPUT for a bad language code or capacity.
   */
  updateProfile(personId: string, changes: ProfileChanges): Promise<Person>;
  /**
   * Adds the person's identity on a platform, replacing the one they had there (ALREADY_EXISTS
   * when it belongs to someone else).
   */
  linkIdentity(personId: string, identity: PlatformIdentity): Promise<Person>;
  /** The person leaves the programme; the record stays for history. CONFLICT if already left. */
  markLeft(personId: string, reason: LeftReason, note?: string): Promise<Person>;
  /** The volunteer agreement and confidentiality duty are confirmed at `at` (kept if set before). */
  confirmAgreement(personId: string, at: Date): Promise<Person>;
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

  async function findById(id: string): Promise<Person | null> {
    const _id = parseObjectId(id);
    if (!_id) return null;
    const doc = await model.findById(_id).lean<PersonDoc>();
    return doc ? toPerson(doc) : null;
  }

  return {
    async add(input) {
      const identities = normaliseIdentities(input.identities ?? []);
      if (input.monthlyCapacity !== undefined) assertCapacity(input.monthlyCapacity);
      const created = await translateWriteErrors(
        () =>
          model.create({
            name: input.name.trim(),
            roles: input.roles.map((role) => ({
              areaId: requireObjectId(role.areaId, 'Area id'),
              role: role.role,
            })),
            ...storedIdentities(identities),
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

    findById,

    async findByIdentity(identity) {
      const doc = await model.findOne({ identityKeys: identityKey(identity) }).lean<PersonDoc>();
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

    async setInterests(personId, interests) {
      const kept = [...new Set(interests.map((interest) => interest.trim()).filter(Boolean))];
      return updateExisting(personId, { $set: { interests: kept.slice(0, 20) } });
    },

    async changeExtraRole(personId, role, remove = false) {
      const trimmed = role.trim();
      if (trimmed === '') throw new NaboError('INVALID_INPUT', 'A role needs a name');
      return updateExisting(
        personId,
        remove ? { $pull: { extraRoles: trimmed } } : { $addToSet: { extraRoles: trimmed } },
      );
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

    async linkIdentity(personId, identity) {
      const [linked] = normaliseIdentities([identity]);
      const current = await findById(personId);
      if (!current || !linked) throw notFound(personId);
      const identities = [
        ...current.identities.filter((existing) => existing.platform !== linked.platform),
        linked,
      ];
      return translateWriteErrors(
        () => updateExisting(personId, { $set: storedIdentities(identities) }),
        {
          code: 'ALREADY_EXISTS',
          message: `Another person already has this ${describeIdentities(identities)} identity`,
        },
      );
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

/** Every field filled in, and one identity per platform (a later one replaces an earlier one). */
function normaliseIdentities(identities: readonly PlatformIdentity[]): PlatformIdentity[] {
  const byPlatform = new Map<string, PlatformIdentity>();
  for (const identity of identities) {
    const cleaned = {
      platform: identity.platform.trim(),
      workspaceId: identity.workspaceId.trim(),
      userId: identity.userId.trim(),
    };
    if (cleaned.platform === '' || cleaned.workspaceId === '' || cleaned.userId === '') {
      throw new NaboError(
        'INVALID_INPUT',
        `Incomplete platform identity ${describeIdentity(cleaned)}`,
      );
    }
    byPlatform.set(cleaned.platform, cleaned);
  }
  return [...byPlatform.values()];
}

/** The identities and the keys the unique index reads; no keys at all for nobody's identity. */
function storedIdentities(identities: readonly PlatformIdentity[]): {
  identities: PlatformIdentity[];
  identityKeys: string[] | undefined;
} {
  return {
    identities: [...identities],
    identityKeys: identities.length > 0 ? identities.map(identityKey) : undefined,
  };
}

function describeIdentities(identities: readonly PlatformIdentity[]): string {
  return identities.map((identity) => identity.platform).join('/') || 'platform';
}

export function toPerson(doc: PersonDoc): Person {
  const identities = (doc.identities ?? []).map(({ platform, workspaceId, userId }) => ({
    platform,
    workspaceId,
    userId,
  }));
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
    ...(doc.interests && doc.interests.length > 0 ? { interests: [...doc.interests] } : {}),
    ...(doc.extraRoles && doc.extraRoles.length > 0 ? { extraRoles: [...doc.extraRoles] } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
