import { defineConfig } from '@playwright/test';

/** The same stories against the real Electron shell, where an Electron binary is installed. */
export default defineConfig({
  testDir: 'tests/electron',
  outputDir: 'test-results/electron',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
});
