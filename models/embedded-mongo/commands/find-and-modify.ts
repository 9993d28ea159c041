import { isPlainObject, validateId, type Document } from '../bson-values.js';
import { CommandError, ErrorCode } from '../errors.js';
import { letVariables, optionalDocument, projectDocument, queryStored } from '../query-engine.js';
import { applyUpdate, buildUpsertDocument, parseUpdateSpec } from '../update-engine.js';
import { collectionArgument, documentArray, type CommandHandler } from './context.js';
import { refuseCollation } from './refusals.js';

/**
 * findAndModify: one document, atomically found and changed. Errors (duplicate keys included) are
 * top-level `{ok: 0}` replies rather than writeErrors.
 */
const findAndModify: CommandHandler = (body, context) => {
  const command = 'findAndModify' in body ? 'findAndModify' : 'findandmodify';
  const name = collectionArgument(body, command);
  refuseCollation(body);
  const query = optionalDocument(body, 'query') ?? {};
  const variables = letVariables(body);
  const fields = optionalDocument(body, 'fields');
  const remove = body.remove === true;
  const upsert = body.upsert === true;
  const returnNew = body.new === true;
  const arrayFilters =
    body.arrayFilters === undefined ? undefined : documentArray(body, 'arrayFilters');
  if (remove && body.update !== undefined) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      'Cannot specify both an update and remove=true',
    );
  }
  if (!remove && body.update === undefined) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      'Either an update or remove=true must be specified',
    );
  }
  if (remove && (upsert || returnNew)) {
    throw new CommandError(
      ErrorCode.FailedToParse,
      'Cannot specify both new=true and remove=true; upsert needs an update',
    );
  }

  const collection = context.storage.getCollection(context.database, name);
  const [current] = queryStored(collection, {
    filter: query,
    sort: optionalDocument(body, 'sort'),
    limit: 1,
    hint: body.hint,
    variables,
  });
  const output = (doc: Document | undefined): Document | null =>
    doc === undefined ? null : projectDocument(doc, fields, query);

  if (remove) {
    if (current !== undefined) collection?.remove(current.doc);
    return {
      lastErrorObject: { n: current === undefined ? 0 : 1 },
      value: output(current?.doc),
      ok: 1,
    };
  }
  const spec = {
    typed: parseUpdateSpec(context.typed.update, 'update'),
    view: parseUpdateSpec(body.update, 'update'),
  };
  if (current !== undefined && collection !== undefined) {
    const outcome = applyUpdate(current, spec, { arrayFilters, filter: query, variables });
    if (outcome.changed) collection.replace(current, outcome.doc, outcome.view);
    return {
      lastErrorObject: { n: 1, updatedExisting: true },
      value: output(returnNew ? outcome.doc : current.doc),
      ok: 1,
    };
  }
  if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const typedQuery = isPlainObject(context.typed.query) ? context.typed.query : {};
  const { doc, view } = buildUpsertDocument(typedQuery, spec, { arrayFilters, variables });
  validateId(doc._id);
  context.storage.ensureCollection(context.database, name).collection.insert(doc, view);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
    value: returnNew ? output(doc) : null,
    ok: 1,
  };
};

export const findAndModifyCommands: Record<string, CommandHandler> = {
  findAndModify,
  findandmodify: findAndModify,
};
