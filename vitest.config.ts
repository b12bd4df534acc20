import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The messages stay plain strings here (tests read them as data) and the full vue-i18n compiles them
  // on the fly; the build precompiles them (electron.vite.config.ts), and fails on a message it cannot compile.
  plugins: [vue()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/abuse/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/unit/loadLanguages.ts'],
    // Component tests declare `// @vitest-environment happy-dom` themselves.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
