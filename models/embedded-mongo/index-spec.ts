import { canonicalKey, isPlainObject, type Document } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

/** A validated index definition as sent in `createIndexes.indexes[]`. */
export interface IndexSpec {
  readonly name: string;
  readonly key: Document;
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly partialFilterExpression?: Document;
  readonly expireAfterSeconds?: number;
  /** Options we store but do not interpret (collation, weights, …), echoed by listIndexes. */
  readonly extra: Document;
}

export const ID_INDEX_NAME = '_id_';

export const ID_INDEX: IndexSpec = {
  name: ID_INDEX_NAME,
  key: { _id: 1 },
  unique: true,
  sparse: false,
  extra: {},
};

// Build-time options that change nothing for an in-memory server and must not make two otherwise
// identical definitions look different.
const IGNORED_OPTIONS = new Set(['v', 'ns', 'background', 'key', 'name', 'unique', 'sparse']);

export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

export function parseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw)) {
    throw new CommandError(ErrorCode.TypeMismatch, 'index spec must be an object');
  }
  const key = raw.key;
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw new CommandError(
      ErrorCode.BadValue,
      "Error in specification: 'key' must be a non-empty object",
    );
  }
  for (const [field, direction] of Object.entries(key)) {
    const valid = typeof direction === 'number' ? direction !== 0 : typeof direction === 'string';
    if (!valid || field === '') {
      throw new CommandError(
        ErrorCode.BadValue,
        `Values in the index key pattern must be numbers or strings: ${field}`,
      );
    }
  }
  const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : defaultIndexName(key);
  const partial = raw.partialFilterExpression;
  if (partial !== undefined && !isPlainObject(partial)) {
    throw new CommandError(ErrorCode.TypeMismatch, 'partialFilterExpression must be an object');
  }
  const ttl = raw.expireAfterSeconds;
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0)) {
    throw new CommandError(
      ErrorCode.InvalidOptions,
      "TTL index 'expireAfterSeconds' option must be a non-negative number",
    );
  }
  const extra: Document = {};
  for (const [option, value] of Object.entries(raw)) {
    if (
      !IGNORED_OPTIONS.has(option) &&
      option !== 'partialFilterExpression' &&
      option !== 'expireAfterSeconds'
    ) {
      extra[option] = value;
    }
  }
  return {
    name,
    key,
    unique: raw.unique === true || raw.unique === 1,
    sparse: raw.sparse === true || raw.sparse === 1,
    ...(partial === undefined ? {} : { partialFilterExpression: partial }),
    ...(ttl === undefined ? {} : { expireAfterSeconds: ttl }),
    extra,
  };
}

export function sameKeyPattern(a: IndexSpec, b: IndexSpec): boolean {
  return canonicalKey(a.key) === canonicalKey(b.key);
}

/** mongod allows several indexes on one key pattern only when their partial filters differ. */
export function sameIdentity(a: IndexSpec, b: IndexSpec): boolean {
  return (
    sameKeyPattern(a, b) &&
    canonicalKey(a.partialFilterExpression) === canonicalKey(b.partialFilterExpression)
  );
}

export function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    a.unique === b.unique &&
    a.sparse === b.sparse &&
    a.expireAfterSeconds === b.expireAfterSeconds &&
    canonicalKey(a.partialFilterExpression) === canonicalKey(b.partialFilterExpression) &&
    canonicalKey(a.extra) === canonicalKey(b.extra)
  );
}

/** The listIndexes entry. */
export function describeIndex(spec: IndexSpec): Document {
  const description: Document = { v: 2, key: spec.key, name: spec.name };
  if (spec.unique && spec.name !== ID_INDEX_NAME) description.unique = true;
  if (spec.sparse) description.sparse = true;
  if (spec.partialFilterExpression !== undefined) {
    description.partialFilterExpression = spec.partialFilterExpression;
  }
  if (spec.expireAfterSeconds !== undefined) {
    description.expireAfterSeconds = spec.expireAfterSeconds;
  }
  return { ...description, ...spec.extra };
}
