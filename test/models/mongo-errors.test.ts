import { describe, expect, it } from 'vitest';
import {
  duplicateKeyWriteErrorCount,
  isDuplicateKeyError,
  translateWriteErrors,
} from '../../models/mongo-errors.js';
import { NaboError } from '../../kernel/errors.js';

describe('duplicate-key recognition', () => {
  it('when a single write is refused with 11000, then it is a duplicate key', () => {
    expect(isDuplicateKeyError({ code: 11000, errmsg: 'E11000 duplicate key' })).toBe(true);
  });

  it('when a bulk write holds only 11000 write errors, then they are counted', () => {
    const error = { writeErrors: [{ code: 11000 }, { code: 11000 }] };
    expect(duplicateKeyWriteErrorCount(error)).toBe(2);
  });

  it('when a bulk write also failed otherwise, then it is not reported as duplicates only', () => {
    const error = { writeErrors: [{ code: 11000 }, { code: 121 }] };
    expect(duplicateKeyWriteErrorCount(error)).toBeUndefined();
  });

  it('when the error is something else, then it is not a duplicate key', () => {
    expect(isDuplicateKeyError(new Error('connection reset'))).toBe(false);
    expect(isDuplicateKeyError(undefined)).toBe(false);
  });

  it('when a write hits a unique index, then the caller gets the typed error', async () => {
    const write = () => Promise.reject(Object.assign(new Error('E11000'), { code: 11000 }));
    await expect(
      translateWriteErrors(write, { code: 'ALREADY_EXISTS', message: 'taken' }),
    ).rejects.toMatchObject({ name: 'NaboError', code: 'ALREADY_EXISTS', message: 'taken' });
  });

  it('when a write fails for another reason, then the original error passes through', async () => {
    const original = new Error('network');
    await expect(
      translateWriteErrors(() => Promise.reject(original), { code: 'CONFLICT', message: 'x' }),
    ).rejects.toBe(original);
    expect(original).not.toBeInstanceOf(NaboError);
  });
});
