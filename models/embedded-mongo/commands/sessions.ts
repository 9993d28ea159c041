import { UUID } from 'bson';
import { CommandError, ErrorCode } from '../errors.js';
import type { CommandHandler } from './context.js';

/**
 * Sessions are accepted (every command applies atomically on its own). Transactions are not: like
 * a standalone mongod, the server refuses them, rather than committing what an abort should undo.
 */
const ok: CommandHandler = () => ({ ok: 1 });

export function noTransactions(): CommandError {
  return new CommandError(
    ErrorCode.IllegalOperation,
    'Transaction numbers are only allowed on a replica set member or mongos',
  );
}

const refuseTransaction: CommandHandler = () => {
  throw noTransactions();
};

export const sessionCommands: Record<string, CommandHandler> = {
  startSession: () => ({ id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }),
  endSessions: ok,
  refreshSessions: ok,
  killSessions: ok,
  killAllSessions: ok,
  killAllSessionsByPattern: ok,
  abortTransaction: refuseTransaction,
  commitTransaction: refuseTransaction,
};
