import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/abuse/**/*.test.ts'],
    environment: 'node',
    // Component tests declare `// @vitest-environment happy-dom` themselves.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
