import { Query } from 'mingo';
import type { CollationSpec } from 'mingo/types';
import { isPlainObject, type Document } from './bson-values.js';
import type { Collection } from './collection.js';
import { CommandError, ErrorCode } from './errors.js';

export interface FindSpec {
  readonly filter?: Document;
  readonly sort?: Document;
  readonly projection?: Document;
  readonly skip?: number;
  /** 0 or absent: no limit. */
  readonly limit?: number;
  readonly collation?: Document;
}

/** Documents matching `filter`, in natural order. */
export function matchDocuments(
  collection: Collection | undefined,
  filter: Document = {},
): Document[] {
  if (collection === undefined) return [];
  const source = collection.candidates(filter) ?? collection.all();
  if (Object.keys(filter).length === 0) return source;
  const query = new Query(filter, {});
  return source.filter((doc) => query.test(doc));
}

export function sortDocuments(
  docs: Document[],
  sort: Document | undefined,
  collation?: Document,
): Document[] {
  if (sort === undefined || Object.keys(sort).length === 0) return docs;
  const { $natural: natural, ...fields } = sort;
  // `$natural: -1` asks for reverse insertion order, which mingo does not know about.
  const ordered = natural === -1 ? [...docs].reverse() : docs;
  if (Object.keys(fields).length === 0) return ordered;
  for (const direction of Object.values(fields)) {
    if (direction !== 1 && direction !== -1) {
      throw new CommandError(
        ErrorCode.BadValue,
        `$sort key ordering must be 1 (for ascending) or -1 (for descending)`,
      );
    }
  }
  const cursor = new Query({}, {}).find(ordered).sort(fields);
  if (collation !== undefined) cursor.collation(collation as unknown as CollationSpec);
  return cursor.all() as Document[];
}

export function projectDocuments(docs: Document[], projection: Document | undefined): Document[] {
  if (projection === undefined || Object.keys(projection).length === 0) return docs;
  return new Query({}, {}).find(docs, projection).all() as Document[];
}

export function projectDocument(doc: Document, projection: Document | undefined): Document {
  return projectDocuments([doc], projection)[0] ?? doc;
}

/** find semantics: filter → sort → skip → limit → projection. */
export function findDocuments(collection: Collection | undefined, spec: FindSpec): Document[] {
  const matched = matchDocuments(collection, spec.filter);
  const sorted = sortDocuments(matched, spec.sort, spec.collation);
  const skip = spec.skip ?? 0;
  const limit = spec.limit ?? 0;
  const window =
    skip > 0 || limit > 0 ? sorted.slice(skip, limit > 0 ? skip + limit : undefined) : sorted;
  return projectDocuments(window, spec.projection);
}

/** Reads an optional sub-document argument, rejecting other types like mongod. */
export function optionalDocument(body: Document, field: string): Document | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      `BSON field '${field}' is the wrong type, expected type 'object'`,
    );
  }
  return value;
}

export function optionalNumber(body: Document, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (
    typeof value === 'object' &&
    typeof (value as { toNumber?: unknown }).toNumber === 'function'
  ) {
    return (value as { toNumber(): number }).toNumber();
  }
  throw new CommandError(
    ErrorCode.TypeMismatch,
    `BSON field '${field}' is the wrong type, expected a number`,
  );
}
