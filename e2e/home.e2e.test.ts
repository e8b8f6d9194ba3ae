import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, newPage, shot, seriousA11yViolations, PHONE_VIEWPORT } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('H5 app served by the server, with the embedded database and demo data', () => {
  it('renders the home page, reports the service up, and switches tabs', async () => {
    const base = inject('baseUrl');
    const page = await newPage(browser, { viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(base + '/');
    await expect.poll(() => page.getByText('我要反映').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByText('服务正常').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByText('60日内', { exact: true }).isVisible()).toBe(true);
    await shot(page, '01-home');
    expect(await seriousA11yViolations(page, '01-home')).toEqual([]);

    await page.getByText('我的诉求', { exact: true }).last().click();
    await expect.poll(() => page.getByText('您还没有反映过诉求').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, '02-petitions');
    expect(await seriousA11yViolations(page, '02-petitions')).toEqual([]);

    await page.getByText('我的', { exact: true }).last().click();
    await expect.poll(() => page.getByText('大字模式').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, '03-mine');
    expect(await seriousA11yViolations(page, '03-mine')).toEqual([]);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('serves client routes on reload (index.html fallback) and keeps /api 404s as JSON', async () => {
    const base = inject('baseUrl');
    const page = await newPage(browser, { viewport: PHONE_VIEWPORT });
    await page.goto(base + '/pages/mine/index');
    await expect.poll(() => page.getByText('大字模式').isVisible(), { timeout: 20_000 }).toBe(true);
    const api = await page.request.get(base + '/api/nope');
    expect(api.status()).toBe(404);
    expect((await api.json()).message).toBe('接口不存在');
    await page.close();
  });
});
