import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Statistical checks (Erlang C over long horizons) and browser tests take seconds, not milliseconds.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
