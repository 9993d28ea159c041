import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { identityOn } from '../../models/identities.js';
import type { PlatformIdentity } from '../../models/types.js';
import { UserError } from '../../kernel/errors.js';
import type { OutboundPort } from '../../src/core/outbound.js';
import type { PlatformAdapter } from '../../src/core/platform.js';
import { foldDiacritics } from '../../src/interpret/normalize.js';
import type { ConsoleOutbox } from './outbox.js';

/**
 * The terminal as a platform: people are known by a handle ("birgit", typed as `--as Birgit`),
 * all in one workspace. The demo and local runs register it; production has no terminal.
 */
export const CONSOLE_PLATFORM = 'console';
export const CONSOLE_WORKSPACE = 'local';

/** A terminal handle as an identity; stored lower-case, so `--as Birgit` and `--as birgit` match. */
export function consoleIdentity(handle: string): PlatformIdentity {
  const userId = handle.normalize('NFC').trim().toLocaleLowerCase('da');
  if (!/^[\p{L}\p{N}._-]+$/u.test(userId)) {
    throw new UserError(
      'INVALID_INPUT',
      `Console handle '${handle}' may hold letters, digits, '.', '_' and '-'`,
    );
  }
  return { platform: CONSOLE_PLATFORM, workspaceId: CONSOLE_WORKSPACE, userId };
}

/** The person's handle, if they use the terminal. */
export function consoleHandleOf(person: { identities: PlatformIdentity[] }): string | undefined {
  return identityOn(person, CONSOLE_PLATFORM)?.userId;
}

/**
 * Proactive messages for terminal people go to an outbox (the demo's terminal, or the worker's
 * log in local runs). The terminal has no directory to mention people from, so a newcomer added
 * by name gets a handle made from it: the folded first name, or the whole name when it is taken.
 */
export function createConsolePlatform(
  outbound: OutboundPort,
  outbox: ConsoleOutbox,
): PlatformAdapter {
  return {
    id: CONSOLE_PLATFORM,
    displayName: 'terminal',
    outbound,
    async sendToPerson(person, message) {
      const handle = consoleHandleOf(person);
      if (!handle) return { unreachable: true, reason: 'no_link' };
      return outbox.deliver(handle, message);
    },
    async localFile(path) {
      const size = await stat(path).then(
        (info) => (info.isFile() ? info.size : undefined),
        () => undefined,
      );
      if (size === undefined) return undefined;
      return { name: basename(path), mimeType: undefined, sizeBytes: size, ref: { path } };
    },
    async downloadFile(file) {
      const path = file.ref.path;
      if (typeof path !== 'string') throw new UserError('INVALID_INPUT', 'Not a local file');
      return readFile(path);
    },
    async identityForNewcomer(name, isTaken) {
      const words = foldDiacritics(name)
        .replace(/[^a-z0-9 ]/g, '')
        .split(/\s+/);
      const candidates = [words[0] ?? '', words.join('-')].filter((handle) => handle !== '');
      for (const handle of candidates) {
        const identity = consoleIdentity(handle);
        if (!(await isTaken(identity))) return identity;
      }
      return undefined;
    },
  };
}
