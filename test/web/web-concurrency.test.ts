import { describe, expect, it } from 'vitest';
import {
  WEB_WORKER_V8_FLAGS,
  webConcurrency,
  webWorkerEnv,
  webWorkerExecArgv,
} from '../../adapters/http/cluster.js';

describe('how many web workers run (WEB_CONCURRENCY)', () => {
  it('when it is not set, then production uses every core and the demo, tests and local runs one process', () => {
    expect(webConcurrency({}, true, 2)).toBe(2);
    expect(webConcurrency({ WEB_CONCURRENCY: '' }, true, 4)).toBe(4);
    expect(webConcurrency({}, false, 4)).toBe(1);
  });

  it('when it is set, then it wins everywhere', () => {
    expect(webConcurrency({ WEB_CONCURRENCY: '3' }, true, 2)).toBe(3);
    expect(webConcurrency({ WEB_CONCURRENCY: ' 2 ' }, false, 8)).toBe(2);
  });

  it('when it is not a whole number of at least 1, then start-up stops with one line naming it', () => {
    for (const value of ['0', '-1', '1.5', 'two']) {
      expect(() => webConcurrency({ WEB_CONCURRENCY: value }, true, 2)).toThrow(
        expect.objectContaining({
          code: 'CONFIG_INVALID',
          message: expect.stringContaining('WEB_CONCURRENCY'),
        }),
      );
    }
  });
});

describe("the web workers' memory settings", () => {
  it('when the operator chose none, then each worker starts with the heap bounds beside the options of the primary', () => {
    expect(webWorkerExecArgv(['--import', 'tsx'], undefined)).toEqual([
      '--import',
      'tsx',
      ...WEB_WORKER_V8_FLAGS,
    ]);
    expect(WEB_WORKER_V8_FLAGS).toEqual(['--max-old-space-size=512', '--max-semi-space-size=4']);
    expect(webWorkerEnv({})).toEqual({ MALLOC_ARENA_MAX: '2' });
    // As a copied .env.example leaves them: empty means not set.
    expect(webWorkerEnv({ MALLOC_ARENA_MAX: '' })).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(webWorkerExecArgv([], '')).toEqual(WEB_WORKER_V8_FLAGS);
  });

  it("when the operator set one on the command line or in NODE_OPTIONS, then the operator's value wins", () => {
    expect(webWorkerExecArgv(['--max-old-space-size=2048'], undefined)).toEqual([
      '--max-old-space-size=2048',
      '--max-semi-space-size=4',
    ]);
    expect(webWorkerExecArgv([], '--enable-source-maps --max_semi_space_size=16')).toEqual([
      '--max-old-space-size=512',
    ]);
    expect(webWorkerEnv({ MALLOC_ARENA_MAX: '8' })).toEqual({});
  });
});
