import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
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
