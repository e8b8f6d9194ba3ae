import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
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
