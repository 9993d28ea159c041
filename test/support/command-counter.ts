import type { CommandStartedEvent, Document, MongoClient } from 'mongodb';

/**
 * Counts the commands a MongoDB server receives while a block of code runs, through the driver's
 * command monitoring (`commandStarted` events). Counting rather than timing: a command budget per
 * turn holds on any machine and against a real MongoDB alike.
 *
 * Two ways to connect it:
 *   const counter = new CommandCounter();
 *   const database = await connectDatabase(uri, { dbName, commandListener: counter.listener });
 * or, for a raw driver client created with `monitorCommands: true`:
 *   counter.attach(client);
 * Then:
 *   const { total, byName } = await counter.count(() => chat.say('ikke hjemme, lagde mappen'));
 *   expect(total).toBeLessThanOrEqual(4);
 */

/** Handshake, monitoring and session housekeeping: the driver's own traffic, not the app's. */
const IGNORED = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'endSessions',
  'saslStart',
  'saslContinue',
  'authenticate',
  'getnonce',
]);

export interface CountedCommand {
  /** `find`, `insert`, `update`, `aggregate`, … */
  readonly name: string;
  readonly database: string;
  /** The collection named by the command, when it names one. */
  readonly collection: string | undefined;
  /** The command as sent (for `explainCommand` in test/support/explain.ts). */
  readonly command: Document;
}

export interface CommandCount<T> {
  /** What the block returned. */
  readonly result: T;
  readonly total: number;
  /** Commands per name, e.g. `{ find: 2, update: 1 }`. */
  readonly byName: Readonly<Record<string, number>>;
  /** Every counted command, in the order sent. */
  readonly commands: readonly CountedCommand[];
}

export class CommandCounter {
  private recording: CountedCommand[] | undefined;

  /** Pass to `connectDatabase({ commandListener })` or a client's `commandStarted` event. */
  readonly listener = (event: CommandStartedEvent): void => {
    if (this.recording === undefined || IGNORED.has(event.commandName)) return;
    const target = event.command[event.commandName] as unknown;
    this.recording.push({
      name: event.commandName,
      database: event.databaseName,
      collection: typeof target === 'string' ? target : undefined,
      command: event.command,
    });
  };

  /** Listens to a driver client; it must have been created with `monitorCommands: true`. */
  attach(client: MongoClient): () => void {
    if (client.options.monitorCommands !== true) {
      throw new Error('CommandCounter: create the client with monitorCommands: true');
    }
    client.on('commandStarted', this.listener);
    return () => {
      client.off('commandStarted', this.listener);
    };
  }

  /** Runs `block` and reports the commands sent while it ran (blocks may not overlap). */
  async count<T>(block: () => Promise<T>): Promise<CommandCount<T>> {
    if (this.recording !== undefined) throw new Error('CommandCounter: count() calls overlap');
    const commands: CountedCommand[] = [];
    this.recording = commands;
    let result: T;
    try {
      result = await block();
    } finally {
      this.recording = undefined;
    }
    const byName: Record<string, number> = {};
    for (const { name } of commands) byName[name] = (byName[name] ?? 0) + 1;
    return { result, total: commands.length, byName, commands };
  }
}
