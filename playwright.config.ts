import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './src-main/shell/findChromium';
import type { ShellOptions } from './tests/e2e/fixtures/test';

const executablePath = findChromium();

/**
 * The end-to-end stories, one set for both shells: the production build,
 * the real main core, the real stub over HTTP, real audit files. Project
 * `browser` runs them through the browser shell in Debian's Chromium here
 * (or Playwright's own Chromium on a developer laptop); project `electron`
 * through the Electron shell's real window, and says it was skipped where
 * no Electron binary is installed (tests/e2e/fixtures/test.ts).
 */
export default defineConfig<ShellOptions>({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    },
  },
  projects: [
    {
      name: 'browser',
      use: { shell: 'browser' },
      testIgnore: ['**/electronShell.spec.ts'],
    },
    {
      name: 'electron',
      use: { shell: 'electron' },
      // The HTTP bridge exists only in the browser shell.
      testIgnore: ['**/bridge.spec.ts'],
      // Electron runs one instance per userData folder; only on Linux does each test get its own (XDG_CONFIG_HOME).
      ...(process.platform === 'linux' ? {} : { workers: 1 }),
    },
  ],
});
