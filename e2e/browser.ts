import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { join, resolve } from 'node:path';

/** Debian's Chromium (Playwright cannot download a browser here), with the flags this network needs. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const ARTIFACTS = resolve('.test-artifacts', 'e2e');

/** Saves a screenshot as a test artifact (.test-artifacts/e2e/<name>.png). H5 transitions animate: settle first. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.waitForTimeout(700);
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A resident's phone. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };
/** A clerk's desk. */
export const DESKTOP_VIEWPORT = { width: 1366, height: 900 };

/**
 * axe-core on the page as it is now (WCAG 2.1 A/AA rules). Returns the serious and critical violations as
 * readable lines and writes the whole report beside the screenshots (.test-artifacts/e2e/<name>.axe.json).
 */
export async function seriousA11yViolations(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.axe.json`), JSON.stringify(result.violations, null, 2));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${name}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** A page in its own context (axe-core's Playwright runner needs an explicit context; closing it closes both). */
export async function newPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}

/**
 * `visible(locator, timeout)`: waits until the locator's first match is shown; on time-out saves a screenshot
 * named `failureShot` (what the page showed instead, for the report) and fails.
 */
export function visibleOr(failureShot: string) {
  return async (locator: Locator, timeout = 15_000): Promise<void> => {
    try {
      await expect.poll(() => locator.first().isVisible(), { timeout }).toBe(true);
    } catch (err) {
      await shot(locator.page(), failureShot).catch(() => undefined);
      throw err;
    }
  };
}

/** Staff pages scroll inside Taro's page container: grows the viewport to the page for a full desk shot. */
export async function deskShot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  const height = await page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page'));
    const shown = pages.filter((p) => p.offsetParent !== null && p.getBoundingClientRect().width > 0);
    const detail = document.querySelector<HTMLElement>('.detail-pane');
    const extra = detail && detail.offsetParent !== null ? detail.scrollHeight + 120 : 0;
    return Math.max(extra, ...shown.map((p) => p.scrollHeight));
  });
  await page.setViewportSize({
    width: DESKTOP_VIEWPORT.width,
    height: Math.min(6000, Math.max(900, height)),
  });
  await shot(page, name);
  await page.setViewportSize(DESKTOP_VIEWPORT);
}
