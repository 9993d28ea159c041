import { isPlainObject, withId, type Document } from '../bson-values.js';
import { CommandError, ErrorCode, writeError } from '../errors.js';
import { matchDocuments, optionalDocument } from '../query-engine.js';
import {
  applyUpdate,
  buildUpsertDocument,
  isReplacement,
  parseUpdateSpec,
} from '../update-engine.js';
import {
  collectionArgument,
  documentArray,
  type CommandContext,
  type CommandHandler,
} from './context.js';

const MAX_WRITE_BATCH_SIZE = 100_000;

function statements(body: Document, field: string): Document[] {
  const list = documentArray(body, field);
  if (list.length > MAX_WRITE_BATCH_SIZE) {
    throw new CommandError(
      ErrorCode.InvalidOptions,
      `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH_SIZE}. Got ${list.length} operations.`,
    );
  }
  return list;
}

/**
 * Runs each statement, collecting failures into `writeErrors` the way mongod does: an ordered
 * batch stops at the first failure, an unordered one carries on.
 */
function runBatch(
  list: Document[],
  ordered: boolean,
  run: (statement: Document, index: number) => void,
): Document[] {
  const writeErrors: Document[] = [];
  for (const [index, statement] of list.entries()) {
    try {
      run(statement, index);
    } catch (error) {
      writeErrors.push(writeError(index, error));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withWriteErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length === 0 ? reply : { ...reply, writeErrors };
}

const insert: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'insert');
  const documents = statements(body, 'documents');
  const { collection } = storage.ensureCollection(database, name);
  let n = 0;
  const writeErrors = runBatch(documents, body.ordered !== false, (doc) => {
    collection.insert(withId(doc));
    n += 1;
  });
  return withWriteErrors({ n, ok: 1 }, writeErrors);
};

interface UpdateTotals {
  n: number;
  nModified: number;
  upserted: Document[];
}

function runUpdateStatement(
  context: CommandContext,
  name: string,
  statement: Document,
  index: number,
  totals: UpdateTotals,
): void {
  const filter = optionalDocument(statement, 'q') ?? {};
  const spec = parseUpdateSpec(statement.u, 'u');
  const multi = statement.multi === true;
  const arrayFilters =
    statement.arrayFilters === undefined ? undefined : documentArray(statement, 'arrayFilters');
  if (multi && isReplacement(spec) && Object.keys(spec).length > 0) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      'multi update is not supported for replacement-style update',
    );
  }
  const collection = context.storage.getCollection(context.database, name);
  const matches = matchDocuments(collection, filter);
  if (matches.length === 0 || collection === undefined) {
    if (statement.upsert !== true) return;
    const doc = buildUpsertDocument(filter, spec, { arrayFilters });
    context.storage.ensureCollection(context.database, name).collection.insert(doc);
    totals.n += 1;
    totals.upserted.push({ index, _id: doc._id });
    return;
  }
  for (const current of multi ? matches : matches.slice(0, 1)) {
    const outcome = applyUpdate(current, spec, { arrayFilters, filter });
    if (outcome.changed) {
      collection.replace(current, outcome.doc);
      totals.nModified += 1;
    }
    totals.n += 1;
  }
}

const update: CommandHandler = (body, context) => {
  const name = collectionArgument(body, 'update');
  const totals: UpdateTotals = { n: 0, nModified: 0, upserted: [] };
  const writeErrors = runBatch(
    statements(body, 'updates'),
    body.ordered !== false,
    (statement, index) => runUpdateStatement(context, name, statement, index, totals),
  );
  const reply: Document = { n: totals.n, nModified: totals.nModified };
  if (totals.upserted.length > 0) reply.upserted = totals.upserted;
  reply.ok = 1;
  return withWriteErrors(reply, writeErrors);
};

const remove: CommandHandler = (body, { storage, database }) => {
  const name = collectionArgument(body, 'delete');
  const collection = storage.getCollection(database, name);
  let n = 0;
  const writeErrors = runBatch(statements(body, 'deletes'), body.ordered !== false, (statement) => {
    const limit = statement.limit ?? 0;
    if (limit !== 0 && limit !== 1) {
      throw new CommandError(
        ErrorCode.FailedToParse,
        'The limit field in delete objects must be 0 or 1',
      );
    }
    if (!isPlainObject(statement.q)) {
      throw new CommandError(ErrorCode.FailedToParse, "BSON field 'delete.deletes.q' is missing");
    }
    const matches = matchDocuments(collection, statement.q);
    for (const doc of limit === 1 ? matches.slice(0, 1) : matches) {
      if (collection?.remove(doc) === true) n += 1;
    }
  });
  return withWriteErrors({ n, ok: 1 }, writeErrors);
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
};
