import { bsonTypeName } from './bson-type.js';
import { formatValue, isPlainObject, numericType, type Document } from './bson-values.js';
import { CommandError, ErrorCode } from './errors.js';

/**
 * Update operators that mongod refuses for what the document holds, refused the same way before
 * mingo runs: mingo leaves such a field as it was and reports the document matched, so a mistake
 * that stops at mongod would pass here unseen.
 *   - `$inc`/`$mul` on a field that holds no number, or by a non-number (TypeMismatch);
 *   - `$push`, `$addToSet`, `$pull`, `$pullAll` and `$pop` on a field that holds no array;
 *   - an operator that would create its field on a path that runs through a value that is
 *     not a document (`$set: {'count.x': 1}` where count is 5, or `$set: {'visits.note': 1}`
 *     where visits is an array: PathNotViable);
 *   - `$rename` from or to a path that runs through an array; `$pop` by other than 1 or -1.
 * Positional paths (`$`, `$[]`, `$[id]`) are left to mingo.
 */
export function refuseWhatMongodRefuses(doc: Document, operators: Document): void {
  for (const [operator, argument] of Object.entries(operators)) {
    if (!isPlainObject(argument)) continue;
    for (const [path, operand] of Object.entries(argument)) {
      if (path.includes('$')) continue;
      const parts = path.split('.');
      const field = parts.at(-1) ?? path;
      const current = valueAlong(doc, parts, CREATING.has(operator));
      checkArithmetic(doc, operator, path, field, operand, current);
      checkArray(doc, operator, path, field, current);
      if (operator === '$pop') checkPop(operand);
      if (operator === '$rename' && typeof operand === 'string') {
        checkRenameEnd(doc, path, 'source');
        checkRenameEnd(doc, operand, 'destination');
      }
    }
  }
}

/**
 * `$inc`, `$mul`, `$min` and `$max` where the field or the operand is a decimal128: mongod
 * computes in decimal and keeps the result a decimal. The embedded server computes on its query
 * view's doubles, which would change the value's type (or, in mingo, leave the field as it was),
 * so it refuses instead (NotImplemented). `typedDoc` and `typedOperators` keep BSON types.
 */
export function refuseDecimalArithmetic(typedDoc: Document, typedOperators: Document): void {
  for (const operator of ['$inc', '$mul', '$min', '$max']) {
    const argument = typedOperators[operator];
    if (!isPlainObject(argument)) continue;
    for (const [path, operand] of Object.entries(argument)) {
      const current = path.includes('$') ? undefined : valueAlong(typedDoc, path.split('.'), false);
      if (numericType(operand) === 'decimal' || numericType(current) === 'decimal') {
        throw new CommandError(
          ErrorCode.NotImplemented,
          `${operator} on a decimal128 value is not supported by the embedded MongoDB server`,
        );
      }
    }
  }
}

/** Every path an update names (a `$rename` names its source here, its target as the value). */
export function updatedPaths(operators: Document): string[] {
  return Object.values(operators).flatMap((argument) =>
    isPlainObject(argument) ? Object.keys(argument) : [],
  );
}

/**
 * Paths mongod refuses before it looks at any document: an empty one or one with an empty
 * field name (`a..b`; mingo set a field named "" or left the document as it was), and two
 * paths where one is the other or lies inside it.
 */
export function refuseMalformedPaths(operators: Document): void {
  const paths = updatedPaths(operators);
  for (const path of paths) {
    if (path === '') {
      throw new CommandError(ErrorCode.EmptyFieldName, 'An empty update path is not valid.');
    }
    if (path.split('.').includes('')) {
      throw new CommandError(
        ErrorCode.EmptyFieldName,
        `The update path '${path}' contains an empty field name, which is not allowed.`,
      );
    }
  }
  for (const [index, path] of paths.entries()) {
    for (const other of paths.slice(index + 1)) {
      if (path === other || other.startsWith(`${path}.`) || path.startsWith(`${other}.`)) {
        const shorter = path.length <= other.length ? path : other;
        throw new CommandError(
          ErrorCode.ConflictingUpdateOperators,
          `Updating the path '${other}' would create a conflict at '${shorter}'`,
        );
      }
    }
  }
}

/** The operators that create the field when it is missing, and so the path to it. */
const CREATING = new Set([
  '$set',
  '$setOnInsert',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$currentDate',
  '$bit',
]);

const ARITHMETIC: Readonly<Record<string, string>> = { $inc: 'increment', $mul: 'multiply' };

function checkArithmetic(
  doc: Document,
  operator: string,
  path: string,
  field: string,
  operand: unknown,
  current: unknown,
): void {
  const verb = ARITHMETIC[operator];
  if (verb === undefined) return;
  if (numericType(operand) === undefined) {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      `Cannot ${verb} with non-numeric argument: {${path}: ${JSON.stringify(operand)}}`,
    );
  }
  if (current !== undefined && numericType(current) === undefined) {
    throw new CommandError(
      ErrorCode.TypeMismatch,
      `Cannot apply ${operator} to a value of non-numeric type. ${idOf(doc)} has the field ` +
        `'${field}' of non-numeric type ${bsonTypeName(current)}`,
    );
  }
}

function checkArray(
  doc: Document,
  operator: string,
  path: string,
  field: string,
  current: unknown,
): void {
  if (current === undefined || Array.isArray(current)) return;
  switch (operator) {
    case '$push':
      throw new CommandError(
        ErrorCode.BadValue,
        `The field '${path}' must be an array but is of type ${bsonTypeName(current)} in ` +
          `document ${idOf(doc)}`,
      );
    case '$addToSet':
      throw new CommandError(
        ErrorCode.BadValue,
        `Cannot apply $addToSet to non-array field. Field named '${field}' has non-array type ` +
          bsonTypeName(current),
      );
    case '$pull':
    case '$pullAll':
      throw new CommandError(ErrorCode.BadValue, `Cannot apply ${operator} to a non-array value`);
    case '$pop':
      throw new CommandError(
        ErrorCode.TypeMismatch,
        `Path '${path}' contains an element of non-array type '${bsonTypeName(current)}'`,
      );
    default:
  }
}

function checkPop(operand: unknown): void {
  if (typeof operand === 'number' && operand !== 1 && operand !== -1) {
    throw new CommandError(ErrorCode.FailedToParse, `$pop expects 1 or -1, found: ${operand}`);
  }
}

/**
 * `$rename` moves a field between documents only: through an array on the way it would have to
 * pick an element, which mongod refuses (mingo removed the source and wrote nothing).
 */
function checkRenameEnd(doc: Document, path: string, end: 'source' | 'destination'): void {
  let current: unknown = doc;
  for (const part of path.split('.').slice(0, -1)) {
    if (!isPlainObject(current)) return;
    current = current[part];
    if (Array.isArray(current)) {
      throw new CommandError(
        ErrorCode.BadValue,
        `The ${end} field cannot be an array element, '${path}' in doc with _id: ` +
          `${formatValue(doc._id)} has an array field called '${part}'`,
      );
    }
  }
}

/**
 * The value at `parts`, through sub-documents and array indexes; undefined where there is none.
 * When the operator would create the field, a value in the way that can hold no field is refused
 * as mongod refuses it.
 */
function valueAlong(doc: Document, parts: readonly string[], creating: boolean): unknown {
  let current: unknown = doc;
  for (const [index, part] of parts.entries()) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) {
        if (!creating) return undefined;
        // A field by name on an array: mongod will not pick an element (that is `$` or `$[]`).
        throw new CommandError(
          ErrorCode.PathNotViable,
          `Cannot create field '${part}' in element {${parts[index - 1] ?? ''}: ${formatValue(current)}}`,
        );
      }
      current = current[Number(part)];
    } else if (isPlainObject(current)) {
      current = current[part];
    } else if (current === undefined || !creating) {
      return undefined;
    } else {
      const parent = parts[index - 1] ?? '';
      throw new CommandError(
        ErrorCode.PathNotViable,
        `Cannot create field '${part}' in element {${parent}: ${formatValue(current)}}`,
      );
    }
  }
  return current;
}

/** `{_id: 1}` as mongod names a document in these messages. */
function idOf(doc: Document): string {
  return `{_id: ${formatValue(doc._id)}}`;
}
