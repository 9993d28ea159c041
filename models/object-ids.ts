import { Types } from 'mongoose';
import { NaboError } from '../kernel/errors.js';

/**
 * Ids cross the repository boundary as strings. A string that is not an ObjectId cannot name a
 * stored document: lookups answer "not found" instead of a cast error.
 */

export function parseObjectId(id: string): Types.ObjectId | undefined {
  return /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : undefined;
}

/** For ids the caller must get right (references written into new documents). */
export function requireObjectId(id: string, what: string): Types.ObjectId {
  const objectId = parseObjectId(id);
  if (!objectId) throw new NaboError('INVALID_INPUT', `${what} is not a valid id: '${id}'`);
  return objectId;
}

export function idString(id: Types.ObjectId): string {
  return id.toHexString();
}
