import type { Document } from './bson-values.js';
import { Collection } from './collection.js';
import { CommandError, ErrorCode } from './errors.js';

/** mongod's rules for database names that matter to clients: non-empty, no path or dot. */
function validateDatabaseName(name: string): void {
  if (name === '' || /[/\\. "$\0]/.test(name)) {
    throw new CommandError(ErrorCode.InvalidNamespace, `Invalid database name: '${name}'`);
  }
}

function validateCollectionName(database: string, name: string): void {
  if (name === '' || name.includes('$') || name.includes('\0') || name.startsWith('.')) {
    throw new CommandError(
      ErrorCode.InvalidNamespace,
      `Invalid collection name: ${database}.${name}`,
    );
  }
}

/**
 * All databases of the server. A database exists while it holds a collection, as in mongod, and
 * collections come into being implicitly on first write or index creation.
 */
export class Storage {
  private readonly databases = new Map<string, Map<string, Collection>>();

  getCollection(database: string, name: string): Collection | undefined {
    return this.databases.get(database)?.get(name);
  }

  /** The collection, created implicitly when missing. */
  ensureCollection(database: string, name: string): { collection: Collection; created: boolean } {
    const existing = this.getCollection(database, name);
    if (existing !== undefined) return { collection: existing, created: false };
    return { collection: this.addCollection(database, name, {}), created: true };
  }

  createCollection(database: string, name: string, options: Document): Collection {
    if (this.getCollection(database, name) !== undefined) {
      throw new CommandError(
        ErrorCode.NamespaceExists,
        `Collection ${database}.${name} already exists.`,
      );
    }
    return this.addCollection(database, name, options);
  }

  dropCollection(database: string, name: string): Collection | undefined {
    const collections = this.databases.get(database);
    const collection = collections?.get(name);
    if (collections === undefined || collection === undefined) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(database);
    return collection;
  }

  dropDatabase(database: string): void {
    this.databases.delete(database);
  }

  collections(database: string): Collection[] {
    return Array.from(this.databases.get(database)?.values() ?? []);
  }

  databaseNames(): string[] {
    return Array.from(this.databases.keys());
  }

  allCollections(): Collection[] {
    return Array.from(this.databases.values()).flatMap((collections) =>
      Array.from(collections.values()),
    );
  }

  private addCollection(database: string, name: string, options: Document): Collection {
    validateDatabaseName(database);
    validateCollectionName(database, name);
    let collections = this.databases.get(database);
    if (collections === undefined) {
      collections = new Map();
      this.databases.set(database, collections);
    }
    const collection = new Collection(database, name, options);
    collections.set(name, collection);
    return collection;
  }
}
