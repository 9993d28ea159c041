import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/network.ts'],
    // botbuilder caches tokens and OpenID keys per process: keep per-file isolation (FIELD-NOTES).
    isolate: true,
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
