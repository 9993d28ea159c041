import type { Model } from 'mongoose';
import { NaboError } from '../../kernel/errors.js';
import { idString, parseObjectId, requireObjectId } from '../object-ids.js';
import type { WelcomeFolderDoc } from '../schemas/welcome-folder.js';
import type {
  WelcomeActivity,
  WelcomeContact,
  WelcomeFolder,
  WelcomeFolderContent,
} from '../types.js';

/**
 * The welcome folder (velkomstmappe) of each area: contacts, activities and the welcome gift.
 * Coordinators change one entry at a time from chat, or load the whole folder from a file.
 */
export interface WelcomeFolderRepository {
  /** The area's folder; an empty one when nothing has been written yet. */
  get(areaId: string): Promise<WelcomeFolder>;
  /** Adds the contact, or replaces the one of the same kind and name (case-insensitive). */
  putContact(areaId: string, contact: WelcomeContact): Promise<WelcomeFolder>;
  /** Adds the activity, or replaces the one with the same name (case-insensitive). */
  putActivity(areaId: string, activity: WelcomeActivity): Promise<WelcomeFolder>;
  setGift(areaId: string, gift: string): Promise<WelcomeFolder>;
  /** Removes contacts or activities whose name matches (case-insensitive); returns how many. */
  remove(areaId: string, what: 'contact' | 'activity', name: string): Promise<number>;
  /** Replaces the whole folder (a file loaded with the CLI). */
  replace(areaId: string, content: WelcomeFolderContent): Promise<WelcomeFolder>;
}

export function createWelcomeFolderRepository(
  model: Model<WelcomeFolderDoc>,
): WelcomeFolderRepository {
  async function load(areaId: string): Promise<WelcomeFolder> {
    const _id = parseObjectId(areaId);
    const doc = _id ? await model.findOne({ areaId: _id }).lean<WelcomeFolderDoc>() : null;
    return doc ? toFolder(doc) : { areaId, contacts: [], activities: [], updatedAt: new Date(0) };
  }

  async function save(areaId: string, content: WelcomeFolderContent): Promise<WelcomeFolder> {
    const areaObjectId = requireObjectId(areaId, 'Area id');
    const gift = content.gift?.trim();
    const update = {
      $set: {
        contacts: content.contacts.map(cleanContact),
        activities: content.activities.map(cleanActivity),
        ...(gift ? { gift } : {}),
      },
      ...(gift ? {} : { $unset: { gift: 1 } }),
    };
    const doc = await model
      .findOneAndUpdate({ areaId: areaObjectId }, update, {
        upsert: true,
        returnDocument: 'after',
        runValidators: true,
      })
      .lean<WelcomeFolderDoc>();
    if (!doc) throw new NaboError('INTERNAL', 'Upsert of the welcome folder returned nothing');
    return toFolder(doc);
  }

  // Read-modify-write of one small document: coordinators edit their own area's folder one line
  // at a time, so a lost update between two coordinators typing at the same second is accepted.
  return {
    get: load,

    async putContact(areaId, contact) {
      const folder = await load(areaId);
      const same = (other: WelcomeContact) =>
        other.kind === contact.kind && sameName(other.name, contact.name);
      return save(areaId, {
        ...folder,
        contacts: [...folder.contacts.filter((c) => !same(c)), contact],
      });
    },

    async putActivity(areaId, activity) {
      const folder = await load(areaId);
      const activities = folder.activities.filter((a) => !sameName(a.name, activity.name));
      return save(areaId, { ...folder, activities: [...activities, activity] });
    },

    async setGift(areaId, gift) {
      const folder = await load(areaId);
      return save(areaId, { ...folder, gift });
    },

    async remove(areaId, what, name) {
      const folder = await load(areaId);
      if (what === 'contact') {
        const kept = folder.contacts.filter((contact) => !sameName(contact.name, name));
        if (kept.length !== folder.contacts.length)
          await save(areaId, { ...folder, contacts: kept });
        return folder.contacts.length - kept.length;
      }
      const kept = folder.activities.filter((activity) => !sameName(activity.name, name));
      if (kept.length !== folder.activities.length)
        await save(areaId, { ...folder, activities: kept });
      return folder.activities.length - kept.length;
    },

    async replace(areaId, content) {
      return save(areaId, content);
    },
  };
}

function sameName(a: string, b: string): boolean {
  const key = (value: string) => value.normalize('NFC').trim().toLocaleLowerCase('da');
  return key(a) === key(b);
}

function cleanContact(contact: WelcomeContact): WelcomeContact {
  return {
    kind: contact.kind,
    name: contact.name.trim(),
    ...(contact.phone?.trim() ? { phone: contact.phone.trim() } : {}),
    ...(contact.hours?.trim() ? { hours: contact.hours.trim() } : {}),
  };
}

function cleanActivity(activity: WelcomeActivity): WelcomeActivity {
  if (activity.weekday !== undefined && !(activity.weekday >= 1 && activity.weekday <= 7)) {
    throw new NaboError('INVALID_INPUT', `Weekday must be 1-7, got ${activity.weekday}`);
  }
  if (activity.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(activity.time)) {
    throw new NaboError('INVALID_INPUT', `Time must be HH:MM, got '${activity.time}'`);
  }
  return {
    name: activity.name.trim(),
    ...(activity.weekday !== undefined ? { weekday: activity.weekday } : {}),
    ...(activity.time ? { time: activity.time } : {}),
    ...(activity.place?.trim() ? { place: activity.place.trim() } : {}),
    ...(activity.when?.trim() ? { when: activity.when.trim() } : {}),
  };
}

function toFolder(doc: WelcomeFolderDoc): WelcomeFolder {
  return {
    areaId: idString(doc.areaId),
    contacts: doc.contacts.map((contact) =>
      cleanContact({
        kind: contact.kind,
        name: contact.name,
        ...(contact.phone ? { phone: contact.phone } : {}),
        ...(contact.hours ? { hours: contact.hours } : {}),
      }),
    ),
    activities: doc.activities.map((activity) =>
      cleanActivity({
        name: activity.name,
        ...(typeof activity.weekday === 'number' ? { weekday: activity.weekday } : {}),
        ...(activity.time ? { time: activity.time } : {}),
        ...(activity.place ? { place: activity.place } : {}),
        ...(activity.when ? { when: activity.when } : {}),
      }),
    ),
    ...(doc.gift ? { gift: doc.gift } : {}),
    updatedAt: doc.updatedAt,
  };
}
