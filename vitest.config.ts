import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/network.ts'],
    // botbuilder caches tokens and OpenID keys per process: keep per-file isolation (FIELD-NOTES).
    isolate: true,
    pool: 'forks',
    // Most test time is spent waiting on MongoDB's wire protocol, Redis and child processes, not
    // on the CPU: two test files per core halve the suite's time on a 2-core machine (328 s →
    // 166 s measured), which keeps .ci/run's three runs under its 20 minutes.
    maxWorkers: Math.max(2, availableParallelism()) * 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
