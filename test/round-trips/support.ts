import type { CountedCommand } from '../support/command-counter.js';

/**
 * The inbound pipeline's own bookkeeping (the processed-event marker, a durable inbox): counted
 * apart from a turn's budget, because it is the same for every message whatever it says.
 */
const BOOKKEEPING = new Set(['processedevents', 'inboundevents', 'inbox', 'inboxevents']);

export function isBookkeeping(command: CountedCommand): boolean {
  return command.collection !== undefined && BOOKKEEPING.has(command.collection);
}

/** "find people", "insert auditevents", … for a readable failure message. */
export function describeCommands(commands: readonly CountedCommand[]): string[] {
  return commands.map((command) => `${command.name} ${command.collection ?? ''}`.trim());
}
