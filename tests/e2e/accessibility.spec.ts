import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { EVERY_PATH, inBothLanguages, PHONE_PATH, type Step } from './fixtures/everyStep';
import type { RunningKiosk } from './fixtures/kioskShell';
import { expect, test } from './fixtures/test';

/**
 * axe-core (WCAG 2.0/2.1 A and AA) over every step of every path, in both
 * languages, training phone included (docs/architecture.md §7), and every
 * control a citizen touches at least 48 px tall.
 *
 * One kiosk per path (fixtures/everyStep.ts, the one list of steps). Each
 * step is checked in Bahasa Indonesia, switched to English with the
 * language control, checked again (nothing typed lost), and switched back,
 * so the walk goes on.
 */

const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** A touch target, as tall as a fingertip needs (issue #13, item 13). */
const MIN_TARGET_PX = 48;

/** Serious and critical axe violations on the page as it is now: rule, impact, and every element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

/**
 * Every visible control a person can touch that is shorter than 48 px: buttons,
 * links, text inputs, and for a checkbox or radio the label around it (its hit area).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.locator('button:visible, a[href]:visible, input:visible, select:visible, textarea:visible, [role="button"]:visible').evaluateAll(
    (elements, min) =>
      elements
        .map((el) => {
          type Box = { tagName: string; type?: string; outerHTML: string; getBoundingClientRect: () => { height: number } };
          type Node = Box & { closest: (selector: string) => Box | null };
          const node = el as unknown as Node;
          // Behind a modal (inert) nothing can be touched.
          if (node.closest('[inert]')) return { html: '', height: 0 };
          const isTick = node.tagName === 'INPUT' && (node.type === 'checkbox' || node.type === 'radio');
          const target: Box = isTick ? (node.closest('label') ?? node) : node;
          return { html: target.outerHTML.replace(/\s+/g, ' ').slice(0, 90), height: target.getBoundingClientRect().height };
        })
        .filter(({ height }) => height > 0 && height < min)
        .map(({ html, height }) => `${Math.round(height)} px: ${html}`),
    MIN_TARGET_PX,
  );
}

/** A control's edge must stand out from what is behind it (WCAG 1.4.11, non-text contrast). */
const MIN_EDGE_CONTRAST = 3;

/**
 * Every visible text field whose border is below 3:1 against the background
 * it sits on (the nearest ancestor with a solid background: the card or the page).
 */
async function faintFieldEdges(page: Page): Promise<string[]> {
  return page.locator('input:visible:not([type=checkbox]):not([type=radio]), textarea:visible, select:visible').evaluateAll((fields, min) => {
    type Styled = { parentElement: Styled | null; outerHTML: string };
    const { getComputedStyle } = globalThis as unknown as { getComputedStyle: (el: Styled) => { borderTopColor: string; backgroundColor: string } };
    const rgb = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [lr = 0, lg = 0, lb = 0] = [r, g, b].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
    };
    const ratio = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    return fields.flatMap((el) => {
      const field = el as unknown as Styled;
      let behind = field.parentElement;
      while (behind && (rgb(getComputedStyle(behind).backgroundColor)[3] ?? 1) === 0) behind = behind.parentElement;
      const background = behind ? rgb(getComputedStyle(behind).backgroundColor) : [255, 255, 255];
      const edge = ratio(rgb(getComputedStyle(field).borderTopColor), background);
      return edge >= min ? [] : [`${edge.toFixed(2)}:1: ${field.outerHTML.replace(/\s+/g, ' ').slice(0, 90)}`];
    });
  }, MIN_EDGE_CONTRAST);
}

async function check(page: Page, step: string, language: string): Promise<void> {
  // Let transitions and late-loading screens settle: axe reads the page as a person would see it.
  await page.waitForLoadState('domcontentloaded');
  expect.soft(await seriousViolations(page), `axe serious/critical on "${step}" (${language})`).toEqual([]);
  expect.soft(await smallTargets(page), `targets under ${MIN_TARGET_PX} px on "${step}" (${language})`).toEqual([]);
  expect.soft(await faintFieldEdges(page), `field borders under ${MIN_EDGE_CONTRAST}:1 on "${step}" (${language})`).toEqual([]);
}

async function walk(page: Page, kiosk: RunningKiosk, steps: Step[]): Promise<void> {
  // Each step is checked twice by axe (a few seconds each); generous, for a busy shared machine.
  test.setTimeout(steps.length * 60_000);
  for (const step of steps) {
    await test.step(step.name, async () => {
      await step.reach(page, kiosk);
      await inBothLanguages(page, step.name, (language) => check(page, step.name, language));
    });
  }
}

for (const path of EVERY_PATH) {
  test.describe(`accessibility: ${path.title}`, () => {
    test.use(path.kiosk);
    test('every step, in both languages', async ({ page, kiosk }) => {
      await walk(page, kiosk, path.steps);
    });
  });
}

// Portrait kiosks have a layout of their own (larger type, the training phone in a scrolling band): the phone path there too.
test.describe('accessibility: portrait 1080×1920', () => {
  test.use({ viewport: { width: 1080, height: 1920 } });
  test('phone path, every step, in both languages', async ({ page, kiosk }) => {
    await walk(page, kiosk, PHONE_PATH.steps);
  });
});

test('the kiosk names itself with a favicon, which its content security policy lets it load', async ({ page }) => {
  // Loaded as the browser loads it: an image from the link, under the page's CSP (img-src).
  const loaded = await page.evaluate(async () => {
    const { document, Image } = globalThis as unknown as {
      document: { querySelector: (s: string) => { href: string } | null };
      Image: new () => { src: string; naturalWidth: number; decode: () => Promise<void> };
    };
    const link = document.querySelector('link[rel="icon"]');
    if (!link) return { href: '', width: 0 };
    const image = new Image();
    image.src = link.href;
    await image.decode();
    return { href: link.href, width: image.naturalWidth };
  });
  expect(loaded.href).toMatch(/\/assets\/favicon\.svg$/);
  expect(loaded.width).toBeGreaterThan(0);
});
