import type { Document } from '../bson-values.js';
import type { CursorBatch, CursorRegistry } from '../cursors.js';
import { CommandError, ErrorCode } from '../errors.js';
import { ENCODED_BATCH, type EncodedBatch } from '../wire-protocol.js';
import type { Storage } from '../storage.js';

/** What a command handler may touch: shared state plus the request's connection and database. */
export interface CommandContext {
  /**
   * The command as sent, with BSON number types (int64, doubles) intact; handlers get its
   * promoted view as `body` and read documents to store from here.
   */
  readonly typed: Document;
  readonly storage: Storage;
  readonly cursors: CursorRegistry;
  readonly database: string;
  readonly connectionId: number;
  readonly startedAt: number;
}

/** Handlers run synchronously, so each command sees and leaves storage in a consistent state. */
export type CommandHandler = (body: Document, context: CommandContext) => Document;

/** The collection named by the command's first field, e.g. `{find: 'visits'}`. */
export function collectionArgument(body: Document, command: string): string {
  const name = body[command];
  if (typeof name !== 'string' || name === '') {
    throw new CommandError(
      ErrorCode.InvalidNamespace,
      `collection name has invalid type ${typeof name}`,
    );
  }
  return name;
}

export function documentArray(body: Document, field: string): Document[] {
  const value = body[field];
  if (value === undefined) return [];
  if (
    !Array.isArray(value) ||
    value.some((item) => item === null || typeof item !== 'object' || Array.isArray(item))
  ) {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      `BSON field '${field}' must be an array of documents`,
    );
  }
  return value as Document[];
}

export function cursorReply(result: CursorBatch, first: boolean): Document {
  const field = first ? 'firstBatch' : 'nextBatch';
  const cursor: Document = { [field]: result.batch, id: result.id, ns: result.ns };
  // Under a symbol, which the BSON serialiser does not see: a reply serialised the ordinary way
  // is the same document.
  const encoded: EncodedBatch = { field, batch: result.batch, documents: result.encoded };
  (cursor as { [ENCODED_BATCH]?: EncodedBatch })[ENCODED_BATCH] = encoded;
  return { cursor, ok: 1 };
}
