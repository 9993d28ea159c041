import { promote, type Document } from '../bson-values.js';
import { CommandError, ErrorCode, errorReply } from '../errors.js';
import { catalogCommands } from './catalog.js';
import { explainCommands } from './explain.js';
import type { CommandContext, CommandHandler } from './context.js';
import { findAndModifyCommands } from './find-and-modify.js';
import { handshakeCommands } from './handshake.js';
import { indexCommands } from './indexes.js';
import { readCommands } from './read.js';
import { refusedCommands } from './refusals.js';
import { noTransactions, sessionCommands } from './sessions.js';
import { writeCommands } from './write.js';

export type { CommandContext } from './context.js';

// A Map rather than an object so a command named `constructor` or `__proto__` is just unknown.
const COMMANDS = new Map<string, CommandHandler>(
  Object.entries({
    ...refusedCommands,
    ...handshakeCommands,
    ...catalogCommands,
    ...indexCommands,
    ...readCommands,
    ...writeCommands,
    ...findAndModifyCommands,
    ...sessionCommands,
    ...explainCommands,
  }),
);

/** The command name: the body's first key, matched case-sensitively like mongod. */
export function commandName(body: Document): string | undefined {
  for (const key in body) return key;
  return undefined;
}

/**
 * Runs one command (`typed`: as deserialised, BSON number types kept); never throws, every
 * failure becomes an `{ok: 0}` reply.
 */
export function runCommand(typed: Document, context: Omit<CommandContext, 'typed'>): Document {
  const name = commandName(typed);
  try {
    const handler = name === undefined ? undefined : COMMANDS.get(name);
    if (handler === undefined) {
      throw new CommandError(ErrorCode.CommandNotFound, `no such command: '${name ?? ''}'`);
    }
    if (typed.txnNumber !== undefined) throw noTransactions();
    return handler(promote(typed), { ...context, typed });
  } catch (error) {
    return errorReply(error);
  }
}
