import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { APIRequestContext, Browser, Locator, Page } from 'playwright-core';
import { deflateSync } from 'node:zlib';
import { launch, newPage, shot, seriousA11yViolations, PHONE_VIEWPORT } from './browser';

/**
 * A resident's whole journey on the H5 build against the real server with demo data: phone + SMS login,
 * filing a 申诉求决 with a photo, following it in 我的诉求 with "为什么是这一天"; staff (through the API)
 * register, transfer, accept and reply; the resident reads the 信访处理意见书, rates it 不满意 and asks
 * for 复查 within the 30-day window.
 */

const PHONE = '13800000004'; // 陈强, a demo resident
const TITLE = `楼道声控灯损坏无人维修（端到端${Date.now() % 100000}）`;

/** A real 16×16 PNG, written with zlib: what a phone camera hands over, only smaller. */
function smallPng(): Buffer {
  const w = 16;
  const h = 16;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = 60 + x * 10;
      raw[o + 1] = 90 + y * 8;
      raw[o + 2] = 140;
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Taro's H5 pages scroll inside their own container, so a full-page screenshot would show one screen.
 * Grow the viewport to the visible page's height for the shot, then put it back.
 */
async function fullShot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  const height = await page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page'));
    const visible = pages.filter((p) => {
      const r = p.getBoundingClientRect();
      return p.offsetParent !== null && Math.abs(r.left) < 1 && r.width > 0;
    });
    const tabbar = document.querySelector<HTMLElement>('.taro-tabbar__tabbar');
    const extra = tabbar && tabbar.offsetParent !== null ? tabbar.offsetHeight : 0;
    return Math.max(0, ...visible.map((p) => p.scrollHeight)) + extra;
  });
  await page.setViewportSize({
    width: PHONE_VIEWPORT.width,
    height: Math.max(PHONE_VIEWPORT.height, height),
  });
  await shot(page, name);
  await page.setViewportSize(PHONE_VIEWPORT);
  // Every step of the flow that is photographed is also checked with axe-core (issue: no serious/critical).
  expect(await seriousA11yViolations(page, name)).toEqual([]);
}

async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await expect.poll(() => locator.first().isVisible(), { timeout }).toBe(true);
}

/** Staff actions go through the API with a demo staff session, as the staff workspace would send them. */
async function staff(request: APIRequestContext, base: string, unitCode: string, role: string) {
  const accounts = (await (await request.get(`${base}/api/demo/accounts`)).json()) as {
    accounts: { id: string; unitCode: string | null; roles: string[] }[];
  };
  const account = accounts.accounts.find((a) => a.unitCode === unitCode && a.roles.includes(role));
  if (!account) throw new Error(`no demo ${role} at ${unitCode}`);
  const login = await request.post(`${base}/api/demo/login`, { data: { userId: account.id } });
  expect(login.status()).toBe(200);
  const { token } = (await login.json()) as { token: string };
  return async (caseId: string, action: Record<string, unknown>) => {
    const headers = { authorization: `Bearer ${token}` };
    const detail = await request.get(`${base}/api/cases/${caseId}`, { headers });
    expect(detail.status()).toBe(200);
    const { version } = (await detail.json()) as { version: number };
    const res = await request.post(`${base}/api/cases/${caseId}/actions`, {
      headers,
      data: { version, action },
    });
    expect(res.status(), await res.text()).toBe(200);
  };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('resident: file, follow, rate, ask for 复查', () => {
  it('goes from SMS login to a 复查 request', async () => {
    const base = inject('baseUrl');
    const page = await newPage(browser, { viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // --- 1. Log in with phone + SMS code (the fake SMS outbox is DEMO-only).
    await page.goto(`${base}/pages/login/index`);
    await visible(page.locator('.login__phone input'), 20_000);
    await page.locator('.login__phone input').fill(PHONE);
    await page.locator('.login__send').click();
    await visible(page.getByText(/演示：验证码 \d{6}/));
    const outbox = await page.request.post(`${base}/api/demo/sms-outbox`, { data: { phone: PHONE } });
    const { code } = (await outbox.json()) as { code: string };
    expect(code).toMatch(/^\d{6}$/);
    await expect.poll(() => page.getByText(`演示：验证码 ${code}`).isVisible()).toBe(true);
    await page.locator('.login__code input').fill(code);
    await fullShot(page, 'resident-01-login');
    await page.locator('.login__actions .nut-button').click();
    await visible(page.locator('.case-item'));

    // --- 2. File a case: consent first, then five steps.
    await page.goto(`${base}/pages/file/index`);
    await visible(page.getByText('我们收集什么'));
    await visible(page.getByText('检举控告特别保护'));
    await fullShot(page, 'resident-02-consent');
    await page.locator('.consent__actions .nut-button').first().click();

    await visible(page.getByText('您要反映的是哪一类事？'));
    await page.getByText('第1步，共5步').waitFor();
    await page.locator('.choice', { hasText: '申诉求决' }).click();
    await visible(page.getByText('✓ 已选'));
    await visible(page.getByText('《信访工作条例》第三十一条', { exact: false }));
    await fullShot(page, 'resident-03-category');
    await page.locator('.file__next').click();

    // The unit defaults to the district 信访局, which registers and transfers.
    await visible(page.getByText('第2步，共5步'));
    await visible(page.locator('.unit-picker__name', { hasText: '临江市江东区信访局' }));
    await page.locator('.chip', { hasText: '城乡建设' }).click();
    await page.locator('.chip', { hasText: '物业管理' }).click();
    await fullShot(page, 'resident-04-unit');
    await page.locator('.file__next').click();

    // Required fields say what is missing, in Chinese.
    await visible(page.getByText('第3步，共5步'));
    await page.locator('.file__next').click();
    await visible(page.getByText('请填写标题'));
    await visible(page.getByText('请填写发生了什么'));
    await page.locator('.field-input input').fill(TITLE);
    const areas = page.locator('.field-textarea textarea');
    await areas
      .nth(0)
      .fill(
        '滨江花园5号楼1至6层楼道声控灯损坏两个多月，夜间漆黑，已有老人摔倒。多次打电话给物业，答复一直是“在安排”。',
      );
    await areas.nth(1).fill('请督促物业公司一周内修复楼道灯，并定期检查。');
    await areas.nth(2).fill('物业服务合同约定物业负责共用设施设备的维修养护，我们按时交了物业费。');
    // Let the "还有内容需要填写" toast from the empty attempt go before the picture.
    await expect.poll(() => page.getByText('还有内容需要填写').isVisible(), { timeout: 5000 }).toBe(false);
    await fullShot(page, 'resident-05-content');
    await page.locator('.file__next').click();

    // A photo: the H5 file picker, handed a generated PNG.
    await visible(page.getByText('第4步，共5步'));
    await page.locator('.field-input input').fill('江东区滨江花园5号楼');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('.photos__add').click(),
    ]);
    await chooser.setFiles({ name: 'louDao.png', mimeType: 'image/png', buffer: smallPng() });
    await visible(page.getByText('照片1 已上传'));
    await fullShot(page, 'resident-06-photo');
    await page.locator('.file__next').click();

    await visible(page.getByText('请核对您要提交的内容'));
    await visible(page.getByText('1张'));
    await fullShot(page, 'resident-07-review');

    // The draft survives a reload: nothing is lost if the connection or the app goes.
    await page.reload();
    await visible(page.getByText('请核对您要提交的内容'), 20_000);
    await visible(page.getByText(TITLE));

    await page.locator('.file__submit .nut-button').click();
    await visible(page.getByText('提交成功'));
    const number = (await page.locator('.done__number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^XF-\d{4}-\d{6}-\d{6}$/);
    await visible(page.getByText('登记转送交办期限'));
    await visible(page.getByText(/\d+月\d+日前/));
    await page.locator('.done .link-button', { hasText: '为什么是这一天' }).click();
    await visible(page.getByText(/依《民法典》第二百零一条/));
    await fullShot(page, 'resident-08-filed');

    // --- 3. 我的诉求: the new case, its state and next due date; then its detail.
    await page.goto(`${base}/pages/petitions/index`);
    const item = page.locator('.case-item', { hasText: TITLE });
    await visible(item, 20_000);
    await expect.poll(() => item.getByText('已提交待登记').isVisible()).toBe(true);
    await expect.poll(() => item.getByText(/\d+月\d+日前/).isVisible()).toBe(true);
    await fullShot(page, 'resident-09-list');

    await item.click();
    await visible(page.getByText(number));
    const deadlines = page.locator('[data-testid=deadlines]');
    await visible(deadlines.getByText('登记转送交办期限'));
    await deadlines.getByText('为什么是这一天').first().click();
    await visible(deadlines.getByText(/第15日为/));
    await visible(deadlines.getByText(/届满：/));
    await fullShot(page, 'resident-10-detail-deadline');

    // One filing made one case (the idempotency key went with it once, the server kept one).
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('auth.session') ?? '{}'));
    const token = (session as { data?: { token?: string } }).data?.token;
    expect(token).toBeTruthy();
    const mine = await page.request.get(`${base}/api/me/cases?limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const cases = ((await mine.json()) as { items: { id: string; title: string; number: string }[] }).items;
    const filed = cases.filter((c) => c.title === TITLE);
    expect(filed).toHaveLength(1);
    const caseId = filed[0]!.id;

    // --- 4. Staff move it on (through the API): register, transfer, accept, draft and sign the reply.
    const clerk = await staff(page.request, base, 'jd-xfj', 'clerk');
    await clerk(caseId, { type: 'register', classification: { category: 'claim' } });
    await clerk(caseId, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
    const handler = await staff(page.request, base, 'jd-zjj', 'handler');
    await handler(caseId, { type: 'accept' });
    // 第三十二条: the handler drafts the opinion, the unit head signs (issues) it.
    await handler(caseId, {
      type: 'draftReply',
      document: {
        kind: 'opinion',
        request: '请督促物业公司一周内修复楼道灯，并定期检查。',
        factsAndReasons:
          '经现场核实，5号楼楼道灯确有损坏。物业公司已列入维修计划，但需等待业主委员会表决使用维修资金。',
        decision: 'explain',
        legalBasis: ['《物业管理条例》第三十五条', '《信访工作条例》第三十二条'],
      },
    });
    const head = await staff(page.request, base, 'jd-zjj', 'unit_head');
    await head(caseId, { type: 'signReply', approve: true });

    // --- 5. The resident reads the reply, rates it 不满意 and asks for 复查.
    await page.reload();
    const replies = page.locator('[data-testid=replies]');
    await visible(replies.getByText('信访处理意见书'), 20_000);
    await visible(replies.getByText('解释说明'));
    await visible(replies.getByText('《物业管理条例》第三十五条', { exact: false }));
    await visible(page.getByText('临江市江东区住房和城乡建设局').first());
    await visible(page.getByText('首接单位'));
    await fullShot(page, 'resident-11-reply');

    const rating = page.locator('[data-testid=rating-first]');
    await rating.locator('.choice', { hasText: '不满意' }).click();
    await rating.locator('textarea').fill('只说在安排，没有说什么时候修好。');
    await rating.locator('.nut-button').click();
    await visible(page.getByText('您的评价：不满意'));
    const panel = page.locator('[data-testid=request-panel]');
    await visible(panel.getByText('对答复不满意，您可以：'));
    await visible(panel.getByText('请求复查'));
    await visible(panel.getByText(/请在.+前提出/));
    await visible(panel.getByText('依据《信访工作条例》第三十五条'));
    await fullShot(page, 'resident-12-rated-unsatisfied');

    await panel.locator('textarea').fill('维修没有明确期限，楼道仍然没有照明，请上级督促尽快解决。');
    await panel.locator('.nut-button', { hasText: '提交复查请求' }).click();
    await visible(page.locator('.state-tag', { hasText: '复查中' }));
    await visible(page.getByText('临江市江东区人民政府').first());
    await fullShot(page, 'resident-13-review-requested');

    // 适老化: the same page in 大字模式 (the switch on 我的, stored on the device).
    await page.evaluate(() => localStorage.setItem('settings.largeText', JSON.stringify({ data: true })));
    await page.reload();
    await visible(page.locator('.page--large .state-tag', { hasText: '复查中' }), 20_000);
    await fullShot(page, 'resident-14-large-text');

    expect(errors).toEqual([]);
    await page.close();
  }, 240_000); // one long walk through the whole flow, with an axe-core scan at each step
});
