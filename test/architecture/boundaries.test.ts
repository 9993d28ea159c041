import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImportGraph, forbiddenReach, importCycles, readImports } from './import-graph.js';

/**
 * The layout is the architecture, and this test reads the sources to hold it:
 *
 *   kernel/   errors, logging, shared constants: imports nothing of ours
 *   models/   mongoose and the repositories: kernel/ only
 *   src/      the platform-neutral core: kernel/ and models/ (never loading mongoose)
 *   jobs/     BullMQ: kernel/, models/, src/
 *   adapters/ the platforms, the CLI, the console: anything but app/
 *   app/      the composition root: everything
 *
 * Imports are followed through other files, so a forbidden module two hops away fails as surely
 * as a direct import; and no two modules may import each other, directly or in a ring.
 */
const root = resolve(import.meta.dirname, '../..');
const graph = buildImportGraph(root, ['kernel', 'models', 'src', 'jobs', 'adapters', 'app']);

const inFolder =
  (...folders: string[]) =>
  (target: string): boolean =>
    folders.some((folder) => target.startsWith(`${folder}/`));
const isPlatformSdk = (target: string): boolean =>
  target.startsWith('@slack/') ||
  target === 'botbuilder' ||
  target.startsWith('botbuilder-') ||
  target.startsWith('botframework-') ||
  target.startsWith('@microsoft/');
const isMongoose = (target: string): boolean => target === 'mongoose';
/** What src/ may not even name in a type: the platforms and the storage technology. */
const directly = (from: string, isForbidden: (target: string) => boolean): string[] =>
  [...graph.entries()].flatMap(([file, edges]) =>
    file.startsWith(from)
      ? edges.filter((edge) => isForbidden(edge.target)).map((edge) => `${file} → ${edge.target}`)
      : [],
  );

describe('architecture boundaries', () => {
  it('when kernel/ is followed, then it reaches nothing of Nabo beyond itself', () => {
    expect(
      forbiddenReach(graph, 'kernel/', inFolder('models', 'src', 'jobs', 'adapters', 'app')),
    ).toEqual([]);
  });

  it('when models/ is followed, then it reaches neither src/, jobs/, adapters/ nor app/', () => {
    expect(forbiddenReach(graph, 'models/', inFolder('src', 'jobs', 'adapters', 'app'))).toEqual(
      [],
    );
  });

  it('when the core in src/ is followed, then it reaches no adapters/, jobs/, app/ and no platform SDK', () => {
    const forbidden = (target: string) =>
      inFolder('adapters', 'jobs', 'app')(target) || isPlatformSdk(target);
    expect(forbiddenReach(graph, 'src/', forbidden)).toEqual([]);
  });

  it('when the core in src/ runs, then nothing it loads loads mongoose, and it never names mongoose', () => {
    expect(forbiddenReach(graph, 'src/', isMongoose, { runtimeOnly: true })).toEqual([]);
    expect(directly('src/', isMongoose)).toEqual([]);
  });

  it('when jobs/ is followed, then it reaches neither adapters/ nor app/', () => {
    expect(forbiddenReach(graph, 'jobs/', inFolder('adapters', 'app'))).toEqual([]);
  });

  it('when adapters/ is followed, then it reaches no app/ (only entry points start the process)', () => {
    expect(forbiddenReach(graph, 'adapters/', inFolder('app'))).toEqual([]);
  });

  it('when code outside models/ is read, then none of it imports mongoose', () => {
    const outside = ['kernel/', 'src/', 'jobs/', 'adapters/', 'app/'].flatMap((folder) =>
      directly(folder, isMongoose),
    );
    expect(outside).toEqual([]);
  });

  it('when every module is followed, then no two import each other, directly or in a ring', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the boundary check itself', () => {
  // Guards the guard: a checker that sees nothing proves nothing.
  const fixtures = resolve(import.meta.dirname, 'fixtures');
  const fixtureGraph = buildImportGraph(fixtures, ['src', 'models']);

  it('when a forbidden import is written in any form, then the reader sees it', () => {
    const code = [
      "import { App } from '@slack/bolt';",
      "import type { Connection } from 'mongoose';",
      "import { type Model, type Schema } from 'mongoose';",
      "export { x } from '../adapters/slack/index.js';",
      "export type { Y } from './y.js';",
      "const m = await import('botbuilder');",
      "import './side-effect.js';",
    ].join('\n');
    expect(readImports(code)).toEqual([
      { specifier: '@slack/bolt', typeOnly: false },
      { specifier: 'mongoose', typeOnly: true },
      { specifier: 'mongoose', typeOnly: true },
      { specifier: '../adapters/slack/index.js', typeOnly: false },
      { specifier: './y.js', typeOnly: true },
      { specifier: 'botbuilder', typeOnly: false },
      { specifier: './side-effect.js', typeOnly: false },
    ]);
  });

  it('when a core file loads mongoose two files away, then the chain is reported', () => {
    expect(forbiddenReach(fixtureGraph, 'src/', isMongoose, { runtimeOnly: true })).toEqual([
      'src/flow.ts → models/helper.ts → mongoose',
    ]);
  });

  it('when two modules import each other, then the cycle is reported', () => {
    expect(importCycles(fixtureGraph)).toEqual([['src/loops/first.ts', 'src/loops/second.ts']]);
  });
});
