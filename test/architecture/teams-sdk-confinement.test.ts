import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedSpecifiers, packageName, sourceFiles } from '../support/source-imports.js';

/**
 * Microsoft ended support for the Bot Framework SDK (botbuilder) on 31 Dec 2025; its successor
 * is the Microsoft 365 Agents SDK. Nabo keeps botbuilder for now, inside adapters/teams/, so that
 * moving is one folder (and its tests in test/teams/). This test keeps it that way.
 */
const root = resolve(import.meta.dirname, '../..');
const isBotFrameworkSdk = (specifier: string): boolean =>
  /^(botbuilder|botframework)(-|$)/.test(packageName(specifier) ?? '');

function importsOfTheSdk(folders: string[], allowedUnder: string): string[] {
  return folders
    .flatMap((folder) => sourceFiles(root, folder))
    .filter((file) => !file.startsWith(allowedUnder))
    .flatMap((file) =>
      importedSpecifiers(readFileSync(resolve(root, file), 'utf8'))
        .filter(isBotFrameworkSdk)
        .map((specifier) => `${file} imports ${specifier}`),
    );
}

describe('botbuilder confined to the Teams adapter', () => {
  it('when code outside adapters/teams/ is read, then none of it imports botbuilder', () => {
    expect(
      importsOfTheSdk(
        ['kernel', 'src', 'adapters', 'jobs', 'models', 'app', 'bin', 'bench'],
        'adapters/teams/',
      ),
    ).toEqual([]);
  });

  it('when tests outside test/teams/ are read, then none of them imports botbuilder', () => {
    // test/architecture and test/deploy hold import statements as text, to test the readers.
    const found = importsOfTheSdk(['test'], 'test/teams/').filter(
      (line) => !/^test\/(architecture|deploy)\//.test(line),
    );
    expect(found).toEqual([]);
  });

  it('when the SDK is imported in any form, then the reader sees it', () => {
    const code = [
      "import { CloudAdapter } from 'botbuilder';",
      "import type { Activity } from 'botbuilder';",
      "import { JwtTokenValidation } from 'botframework-connector';",
      "const core = await import('botbuilder-core');",
    ].join('\n');
    expect(importedSpecifiers(code).filter(isBotFrameworkSdk)).toEqual([
      'botbuilder',
      'botbuilder',
      'botframework-connector',
      'botbuilder-core',
    ]);
    expect(isBotFrameworkSdk('@microsoft/agents-hosting')).toBe(false);
  });
});
