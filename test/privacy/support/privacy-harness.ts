import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { vi } from 'vitest';
import type { TestDatabase } from '../../support/database.js';

/** A console handle no other test in the file uses. */
export function uniqueHandle(label = 'p'): string {
  return `${label}${randomBytes(3).toString('hex')}`;
}

/**
 * Stands on the given instant. Only `Date` is faked (DESIGN: fake only Date), so the timestamps
 * mongoose writes and the repositories' clock agree with the deadlines under test.
 */
export function standOn(iso: string): Date {
  vi.setSystemTime(new Date(iso));
  return new Date(iso);
}

/** The raw driver, for what the repositories rightly cannot do: age a record, drop a field. */
export async function withRawDb<T>(db: TestDatabase, use: (raw: Db) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(db.uri());
  try {
    return await use(client.db(db.dbName()));
  } finally {
    await client.close();
  }
}

/** Empties every collection but keeps the indexes, so each test counts only its own records. */
export async function emptyCollections(db: TestDatabase): Promise<void> {
  await withRawDb(db, async (raw) => {
    for (const collection of await raw.collections()) await collection.deleteMany({});
  });
}
