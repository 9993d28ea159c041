import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvironmentFile } from '../../src/config/environment-file.js';

// Each test file runs in its own process (vitest forks), so changing process.env stays here.
const NAMES = ['NABO_TEST_ONLY_IN_FILE', 'NABO_TEST_IN_BOTH', 'NABO_TEST_EMPTY_IN_ENV'];
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'nabo-env-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});
afterEach(() => {
  for (const name of NAMES) delete process.env[name];
});

describe('.env file', () => {
  it('when there is no .env, then start-up goes on with the environment as it is', () => {
    process.env.NABO_TEST_IN_BOTH = 'from the environment';
    expect(() => loadEnvironmentFile(join(directory, 'missing.env'))).not.toThrow();
    expect(process.env.NABO_TEST_IN_BOTH).toBe('from the environment');
  });

  it('when a variable is both in the environment and in .env, then the environment wins', async () => {
    const file = join(directory, 'both.env');
    await writeFile(
      file,
      [
        '# comment lines and quotes as in .env.example',
        'NABO_TEST_ONLY_IN_FILE="from the file"',
        'NABO_TEST_IN_BOTH=from the file',
        'NABO_TEST_EMPTY_IN_ENV=from the file',
      ].join('\n'),
    );
    process.env.NABO_TEST_IN_BOTH = 'from the environment';
    process.env.NABO_TEST_EMPTY_IN_ENV = '';

    loadEnvironmentFile(file);

    expect(process.env.NABO_TEST_ONLY_IN_FILE).toBe('from the file');
    expect(process.env.NABO_TEST_IN_BOTH).toBe('from the environment');
    expect(process.env.NABO_TEST_EMPTY_IN_ENV).toBe('');
  });

  it('when .env exists but cannot be read, then start-up stops with a config error naming it', async () => {
    const notAFile = join(directory, 'directory.env');
    await mkdir(notAFile);
    expect(() => loadEnvironmentFile(notAFile)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining(notAFile),
      }),
    );
  });
});
