import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, newPage, seriousA11yViolations, shot, PHONE_VIEWPORT } from './browser';

/**
 * A leader (林海, 江东区) on the H5 build against the real server with demo data: demo login, the dashboard
 * for this year, a formula on tap, a change of period, the overdue cases behind the figure, one case read
 * with masked personal data, and a 督办 with a note and an internal due date (第十八条第二款、第四十条).
 */

async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await expect.poll(() => locator.first().isVisible(), { timeout }).toBe(true);
}

/** Taro's H5 pages scroll inside their own container: grow the viewport to the page for the shot. */
async function fullShot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  const height = await page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page'));
    const shown = pages.filter((p) => p.offsetParent !== null && p.getBoundingClientRect().width > 0);
    return Math.max(0, ...shown.map((p) => p.scrollHeight));
  });
  await page.setViewportSize({
    width: PHONE_VIEWPORT.width,
    height: Math.max(PHONE_VIEWPORT.height, height),
  });
  await shot(page, name);
  await page.setViewportSize(PHONE_VIEWPORT);
}

/** axe-core on the current page: no serious or critical violations (report saved beside the screenshots). */
async function axe(page: Page, label: string): Promise<void> {
  expect(await seriousA11yViolations(page, `leader-${label.replace(/\s+/g, '-')}`)).toEqual([]);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('leader: dashboard, period, drill-down, 督办', () => {
  it('opens the dashboard, changes the period, drills into overdue cases and supervises one', async () => {
    const base = inject('baseUrl');
    const page = await newPage(browser, { viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // --- 1. Demo login as 林海 (江东区领导).
    await page.goto(`${base}/leader/index/index`);
    await visible(page.getByText('演示账号（仅演示环境）'), 20_000);
    await fullShot(page, 'leader-01-login');
    await page.locator('.leader-demo', { hasText: '林海' }).click();

    // --- 2. The dashboard for this year: totals, metrics, charts.
    await visible(page.locator('[data-testid=total-cases]'), 20_000);
    await visible(page.getByText('统计范围：临江市江东区人民政府', { exact: false }));
    await visible(page.locator('#chart-trend canvas'));
    await visible(page.locator('#chart-ranking canvas'));
    const total = Number(await page.locator('[data-testid=total-cases] .kpi__value').innerText());
    expect(total).toBeGreaterThan(0);
    await fullShot(page, 'leader-02-dashboard-year');
    await axe(page, 'dashboard');

    // The formula of a figure on tap.
    await page.locator('[data-testid=metric-satisfaction]').click();
    await visible(page.getByText(/满意率 = \(满意 \d+ \+ 1 × 基本满意 \d+\) ÷ 参评 \d+ = /));
    await shot(page, 'leader-03-formula');
    await page.getByText('关闭', { exact: true }).click();

    // --- 3. Change the period: 本月 narrows the figures (a fresh request, a new range).
    const monthly = page.waitForResponse(
      (r) => r.url().includes('/api/dashboard/overview') && r.status() === 200,
    );
    await page.locator('.chip', { hasText: '本月' }).click();
    const body = (await (await monthly).json()) as { totals: { cases: number }; period: { from: string } };
    expect(body.period.from).toMatch(/-01$/);
    await expect
      .poll(async () => Number(await page.locator('[data-testid=total-cases] .kpi__value').innerText()))
      .toBe(body.totals.cases);
    expect(body.totals.cases).toBeLessThanOrEqual(total);
    await fullShot(page, 'leader-04-dashboard-month');

    // Back to 本年, where the overdue cases are.
    await page.locator('.chip', { hasText: '本年' }).click();
    await expect
      .poll(async () => Number(await page.locator('[data-testid=total-cases] .kpi__value').innerText()))
      .toBe(total);
    const overdue = Number(await page.locator('[data-testid=total-overdue] .kpi__value').innerText());
    expect(overdue).toBeGreaterThan(0);

    // --- 4. Drill into the overdue cases: the list is the figure.
    await page.locator('[data-testid=total-overdue]').click();
    await visible(page.locator('.page-title', { hasText: '超期事项' }));
    await expect.poll(() => page.locator('[data-testid=drill-case]').count()).toBe(overdue);
    await visible(page.getByText('已超期', { exact: false }));
    await fullShot(page, 'leader-05-overdue-list');
    await axe(page, 'overdue list');

    // --- 5. One case, read-only with masked personal data; supervise it.
    await page.locator('[data-testid=drill-case]').first().click();
    await visible(page.locator('[data-testid=supervise-form]'));
    await visible(page.getByText('只读查看：个人信息已脱敏'));
    const text = await page.locator('.taro_page').last().innerText();
    expect(text).not.toMatch(/1[3-9]\d{9}/); // no full phone number on the leader's screen
    await page
      .locator('[data-testid=supervise-form] textarea')
      .fill('请于内部期限前答复信访人并报送办理结果。');
    await fullShot(page, 'leader-06-case-supervise');
    await axe(page, 'case');
    const acted = page.waitForResponse(
      (r) => r.url().includes('/actions') && r.request().method() === 'POST',
    );
    await page.locator('[data-testid=supervise-form] .nut-button').click();
    expect((await acted).status()).toBe(200);
    // The timeline now shows the supervision.
    await visible(page.locator('.timeline__item', { hasText: '督办' }));
    await fullShot(page, 'leader-07-supervised');

    // --- 6. The monthly report (第四十一条) renders for printing.
    await page.goto(`${base}/leader/report/index`);
    await visible(page.getByText('一、信访事项数据统计'));
    await visible(page.getByText('四、转送、交办、督办情况'));
    await fullShot(page, 'leader-08-report');

    expect(errors).toEqual([]);
    await page.close();
  });

  it("offers only periods the server accepts, and shows the server's message for one it refuses", async () => {
    const base = inject('baseUrl');
    const page = await newPage(browser, { viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await page.goto(`${base}/leader/index/index`);
    await visible(page.getByText('演示账号（仅演示环境）'), 20_000);
    await page.locator('.leader-demo', { hasText: '林海' }).click();
    await visible(page.locator('[data-testid=total-cases]'), 20_000);

    // 自定义 (from 本年): the start picker reaches back at most 120 months, the end picker forward as far.
    await page.locator('.chip', { hasText: '自定义' }).click();
    const pickers = page.locator('.period-bar__custom taro-picker-core');
    await expect.poll(() => pickers.count()).toBe(2);
    const attr = (i: number, name: string) => pickers.nth(i).getAttribute(name);
    const from = (await attr(0, 'value'))!;
    const to = (await attr(1, 'value'))!;
    const monthsBefore = (d: string, n: number) => {
      const m = Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1 - n;
      return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    };
    expect(await attr(0, 'start')).toBe(`${monthsBefore(to, 119)}-01`);
    expect(await attr(0, 'end')).toBe(to);
    expect(await attr(1, 'start')).toBe(from);
    expect((await attr(1, 'end'))!.slice(0, 7)).toBe(monthsBefore(from, -119));
    await shot(page, 'leader-09-custom-period');

    // A period the server refuses (a hand-made link): its own Chinese message, not a generic one.
    await page.goto(`${base}/leader/cases/index?metric=all&from=1000-01-01&to=9999-12-31`);
    await visible(page.getByText(/统计期间最长 120 个月（10 年；所选期间跨 108000 个月）/));
    await shot(page, 'leader-10-period-refused');
    await page.close();
  });
});
