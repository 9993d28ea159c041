import { isNaboError } from '../../kernel/errors.js';

/** 0 success, 1 a mistake the user can fix (told in one line), 2 anything unexpected. */
export const EXIT_OK = 0;
export const EXIT_USER_ERROR = 1;
export const EXIT_UNEXPECTED = 2;

export function exitCodeFor(error: unknown): number {
  return isNaboError(error) && error.userFacing ? EXIT_USER_ERROR : EXIT_UNEXPECTED;
}

export function describeFailure(error: unknown): string {
  if (isNaboError(error) && error.userFacing) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Unexpected error: ${detail}`;
}
