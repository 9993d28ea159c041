import { UUID } from 'bson';
import type { CommandHandler } from './context.js';

/**
 * Sessions and transactions are accepted but carry no isolation: every command already applies
 * atomically, which is all the app relies on.
 */
const ok: CommandHandler = () => ({ ok: 1 });

export const sessionCommands: Record<string, CommandHandler> = {
  startSession: () => ({ id: { id: new UUID() }, timeoutMinutes: 30, ok: 1 }),
  endSessions: ok,
  refreshSessions: ok,
  killSessions: ok,
  killAllSessions: ok,
  killAllSessionsByPattern: ok,
  abortTransaction: ok,
  commitTransaction: ok,
};
