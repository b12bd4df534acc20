import { mkdir } from 'node:fs/promises';
import { EVERY_PATH, inBothLanguages } from './fixtures/everyStep';
import { test } from './fixtures/test';

/**
 * A picture of every step of every path (fixtures/everyStep.ts) in both
 * languages at the three kiosk screens issue #13 names: landscape 1920×1080
 * and 1366×768, portrait 1080×1920. Files: <dir>/<viewport>/<path
 * number>-<step>-<lang>.png, the screen as the kiosk shows it (the viewport).
 *
 * `npm run screenshots` writes them into docs/screenshots/ (what README
 * shows). Run by hand (`npx playwright test tests/e2e/screenshots.spec.ts
 * --project=browser`) they go to test-results/screenshots/, so trying it
 * never changes the docs. `npm test` leaves this spec out: it walks what
 * tests/e2e/accessibility.spec.ts checks, three times over (about 12
 * minutes on a 2-core machine).
 */
const RUN_BY = process.env.npm_lifecycle_event;
const VIEWPORTS = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1080x1920', width: 1080, height: 1920 },
] as const;

function screenshotRoot(): string {
  const { name } = test.info().project;
  // The Electron window's pictures go beside the browser shell's, never over them.
  if (name !== 'browser') return `test-results/screenshots/${name}`;
  return RUN_BY === 'screenshots' ? 'docs/screenshots' : 'test-results/screenshots';
}

for (const viewport of VIEWPORTS) {
  for (const [index, path] of EVERY_PATH.entries()) {
    test.describe(`screenshots ${viewport.name}`, () => {
      // Decided before any kiosk starts.
      test.skip(RUN_BY === 'test:e2e' || RUN_BY === 'test:electron', 'pictures for the docs: npm run screenshots');
      test.use({ ...path.kiosk, viewport: { width: viewport.width, height: viewport.height } });
      test(path.title, async ({ page, kiosk }) => {
        test.setTimeout(path.steps.length * 20_000);
        const dir = `${screenshotRoot()}/${viewport.name}`;
        await mkdir(dir, { recursive: true });
        for (const step of path.steps) {
          await test.step(step.name, async () => {
            await step.reach(page, kiosk);
            await inBothLanguages(page, step.name, async (language) => {
              await page.screenshot({ path: `${dir}/${index + 1}-${step.name}-${language}.png`, fullPage: false, animations: 'disabled' });
            });
          });
        }
      });
    });
  }
}
