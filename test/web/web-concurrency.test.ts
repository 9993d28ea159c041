import { describe, expect, it } from 'vitest';
import { webConcurrency } from '../../adapters/http/cluster.js';

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
