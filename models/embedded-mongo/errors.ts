/** A BSON document as the server handles it (the same shape bson-values.ts names Document). */
type Document = Record<string, unknown>;

/**
 * mongod error codes the embedded server raises. Clients (the driver, mongoose, our own
 * repositories) branch on these numbers, so they must match the real server's.
 */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  IllegalOperation: 20,
  TypeMismatch: 14,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  EmptyFieldName: 56,
  CommandNotFound: 59,
  ImmutableField: 66,
  ConflictingUpdateOperators: 40,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CommandNotSupported: 115,
  CommandNotSupportedOnView: 166,
  NotImplemented: 238,
  DuplicateKey: 11000,
  /** IDL parser: a field the command does not define (`BSON field 'x.y' is an unknown field.`). */
  UnknownBsonField: 40415,
  UnrecognizedPipelineStage: 40324,
  /** An aggregation expression given the wrong number of arguments. */
  ExpressionArity: 16020,
  ModByZero: 16610,
  EmptySort: 15976,
  SizeOfNonArray: 17124,
  UnaryAccumulator: 40237,
  EmptyProjection: 51272,
  SwitchWithoutMatch: 40066,
  ConversionFailure: 241,
  NonPositiveLimit: 15958,
  OneDateInAdd: 16612,
  InNeedsArray: 40081,
  InclusionInExclusionProjection: 31253,
  ExclusionInInclusionProjection: 31254,
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

const codeNames = new Map<number, string>(
  Object.entries(ErrorCode).map(([name, code]) => [code, name]),
);

export function codeNameOf(code: number): string {
  // Codes raised from a source location rather than declared by name are called LocationNNNNN.
  if (code >= 10_000 && code !== ErrorCode.DuplicateKey) return `Location${code}`;
  return codeNames.get(code) ?? 'UnknownError';
}

/** An error that becomes an `{ok: 0, errmsg, code, codeName, ...extra}` command reply. */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  /** Additional reply fields such as `keyPattern`/`keyValue` for duplicate keys. */
  readonly extra: Document;

  constructor(code: ErrorCodeValue, message: string, extra: Document = {}) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.codeName = codeNameOf(code);
    this.extra = extra;
  }

  /** The shape used both as a top-level reply and (minus `ok`) as a `writeErrors` entry. */
  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

/** A violated unique index. */
export class DuplicateKeyError extends CommandError {
  constructor(message: string, keyPattern: Document, keyValue: Document) {
    super(ErrorCode.DuplicateKey, message, { keyPattern, keyValue });
    this.name = 'DuplicateKeyError';
  }
}

/** Turns anything thrown inside a command into the reply mongod would send. */
export function errorReply(error: unknown): Document {
  if (error instanceof CommandError) return error.toReply();
  const message = error instanceof Error ? error.message : String(error);
  // mingo throws plain Errors for bad operators and malformed expressions: the closest mongod
  // equivalent is BadValue, which clients treat as a non-retryable user error.
  return {
    ok: 0,
    errmsg: message,
    code: ErrorCode.BadValue,
    codeName: codeNameOf(ErrorCode.BadValue),
  };
}

/** The entry for `writeErrors[]` of insert/update/delete replies. */
export function writeError(index: number, error: unknown): Document {
  const { ok: _ok, codeName: _codeName, ...rest } = errorReply(error);
  return { index, ...rest };
}
