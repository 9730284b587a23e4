import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Conformance and durability suites start real servers; keep them from fighting over 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
