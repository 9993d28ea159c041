import { resolve } from 'node:path';

/**
 * The node options that let a process the tests start run Nabo's TypeScript sources: put them
 * before the entry file, e.g. `spawn(process.execPath, [...RUN_TYPESCRIPT, 'app/cli.ts'])`.
 * They do what `--import tsx` does, faster (test/support/typescript-hooks.mjs says how).
 */
export const RUN_TYPESCRIPT: readonly string[] = [
  '--import',
  resolve(import.meta.dirname, 'typescript-hooks.mjs'),
];
