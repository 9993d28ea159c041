import { isPlainObject, validateId, withId, type Document } from '../bson-values.js';
import { storable } from '../collection.js';
import { CommandError, ErrorCode, writeError } from '../errors.js';
import { letVariables, optionalDocument, optionalNumber, queryStored } from '../query-engine.js';
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
import { refuseCollation } from './refusals.js';

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

/** The same statement as the client typed it (int64, doubles), for what gets stored. */
function typedStatement(context: CommandContext, field: string, index: number): Document {
  const list = context.typed[field];
  const statement = Array.isArray(list) ? (list[index] as unknown) : undefined;
  if (!isPlainObject(statement)) {
    throw new CommandError(ErrorCode.InternalError, `statement ${index} of '${field}' vanished`);
  }
  return statement;
}

const insert: CommandHandler = (body, context) => {
  const name = collectionArgument(body, 'insert');
  const documents = statements(body, 'documents');
  const { collection } = context.storage.ensureCollection(context.database, name);
  let n = 0;
  const writeErrors = runBatch(documents, body.ordered !== false, (_doc, index) => {
    const typed = withId(typedStatement(context, 'documents', index));
    validateId(typed._id);
    const { doc, view } = storable(typed);
    collection.insert(doc, view);
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
  variables: Document | undefined,
): void {
  refuseCollation(statement);
  const filter = optionalDocument(statement, 'q') ?? {};
  const typedStatementDoc = typedStatement(context, 'updates', index);
  const spec = {
    typed: parseUpdateSpec(typedStatementDoc.u, 'u'),
    view: parseUpdateSpec(statement.u, 'u'),
  };
  const multi = statement.multi === true;
  const arrayFilters =
    statement.arrayFilters === undefined ? undefined : documentArray(statement, 'arrayFilters');
  if (multi && isReplacement(spec.view) && Object.keys(spec.view).length > 0) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      'multi update is not supported for replacement-style update',
    );
  }
  const collection = context.storage.getCollection(context.database, name);
  const matches = queryStored(collection, {
    filter,
    limit: multi ? 0 : 1,
    hint: statement.hint,
    variables,
  });
  if (matches.length === 0 || collection === undefined) {
    if (statement.upsert !== true) return;
    const typedFilter = isPlainObject(typedStatementDoc.q) ? typedStatementDoc.q : {};
    const { doc, view } = buildUpsertDocument(typedFilter, spec, { arrayFilters, variables });
    validateId(doc._id);
    context.storage.ensureCollection(context.database, name).collection.insert(doc, view);
    totals.n += 1;
    totals.upserted.push({ index, _id: doc._id });
    return;
  }
  for (const current of matches) {
    const outcome = applyUpdate(current, spec, { arrayFilters, filter, variables });
    if (outcome.changed) {
      collection.replace(current, outcome.doc, outcome.view);
      totals.nModified += 1;
    }
    totals.n += 1;
  }
}

/**
 * The fields of one update statement mongod 7.0 knows. It parses the whole command before it
 * runs any of it, so an unknown field (`sort`, which only 8.0 accepts) fails the command and
 * nothing is written.
 */
const UPDATE_STATEMENT_FIELDS = new Set([
  'q',
  'u',
  'c',
  'upsert',
  'multi',
  'arrayFilters',
  'hint',
  'collation',
  'upsertSupplied',
]);

const DELETE_STATEMENT_FIELDS = new Set(['q', 'limit', 'hint', 'collation']);

function refuseUnknownFields(list: Document[], path: string, known: ReadonlySet<string>): void {
  for (const statement of list) {
    const unknown = Object.keys(statement).find((field) => !known.has(field));
    if (unknown !== undefined) {
      throw new CommandError(
        ErrorCode.UnknownBsonField,
        `BSON field '${path}.${unknown}' is an unknown field.`,
      );
    }
  }
}

const update: CommandHandler = (body, context) => {
  const name = collectionArgument(body, 'update');
  const totals: UpdateTotals = { n: 0, nModified: 0, upserted: [] };
  const updates = statements(body, 'updates');
  refuseUnknownFields(updates, 'update.updates', UPDATE_STATEMENT_FIELDS);
  const writeErrors = runBatch(updates, body.ordered !== false, (statement, index) =>
    runUpdateStatement(context, name, statement, index, totals, letVariables(body)),
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
  const deletes = statements(body, 'deletes');
  refuseUnknownFields(deletes, 'delete.deletes', DELETE_STATEMENT_FIELDS);
  const writeErrors = runBatch(deletes, body.ordered !== false, (statement) => {
    refuseCollation(statement);
    const limit = optionalNumber(statement, 'limit') ?? 0;
    if (limit !== 0 && limit !== 1) {
      throw new CommandError(
        ErrorCode.FailedToParse,
        'The limit field in delete objects must be 0 or 1',
      );
    }
    if (!isPlainObject(statement.q)) {
      throw new CommandError(ErrorCode.FailedToParse, "BSON field 'delete.deletes.q' is missing");
    }
    const matches = queryStored(collection, {
      filter: statement.q,
      limit,
      hint: statement.hint,
      variables: letVariables(body),
    });
    for (const stored of matches) {
      if (collection?.remove(stored.doc) === true) n += 1;
    }
  });
  return withWriteErrors({ n, ok: 1 }, writeErrors);
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
};
