import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests start real servers and binaries; two cores do not need more workers.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
