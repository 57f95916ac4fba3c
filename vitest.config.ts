import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Pages and workers answer within a second when idle, not always under a full suite on two cores.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Two cores here: ffmpeg renders are already parallel inside a file.
    maxWorkers: 2,
  },
});
