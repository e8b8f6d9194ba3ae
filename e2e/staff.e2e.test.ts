import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  deskShot,
  launch,
  newPage,
  seriousA11yViolations,
  shot,
  visibleOr,
  DESKTOP_VIEWPORT,
  PHONE_VIEWPORT,
} from './browser';

/**
 * The staff workspace on the H5 build at a desk (1366×900), against the real server with demo data:
 * a clerk registers a letter and transfers it; the receiving unit objects; the transferring unit's head
 * approves; the first receiver sees the case come back, accepts it, asks for an extension that its head
 * approves, and issues the 信访处理意见书 — and the resident sees each step on their phone.
 *
 * First receiver: 江东区信访局 (李明 registers and accepts as its clerk, 韩雪 handles, 赵立新 is its head).
 * Receiving unit: 江东区住建局 (孙浩 objects as its clerk). A 信访部门 may transfer to any unit with
 * authority (第二十二条); a 职能部门 only within its own system — the server says so, with the article.
 */

const RESIDENT_PHONE = '13800000003';
const TITLE = `退休金核定有误要求重新核算（端到端${Date.now() % 100000}）`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const visible = visibleOr('staff-failure');

/** axe-core in the page (shared helper, report beside the screenshots): no serious or critical violations. */
async function checkA11y(page: Page, label: string): Promise<void> {
  expect(await seriousA11yViolations(page, `staff-${label}`)).toEqual([]);
}

async function loginAs(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/staff/login/index`);
  await page.evaluate(() => localStorage.removeItem('auth.session'));
  await page.reload();
  const button = page.locator('.demo-account', { hasText: name }).first();
  await visible(button, 20_000);
  await button.click();
  await visible(page.locator('[data-testid=inbox]'), 20_000);
}

/** Opens a case from the inbox's 全部 tab (filtered by its number) into the detail pane beside it. */
async function openCase(page: Page, number: string): Promise<Locator> {
  await page.locator('.nut-tabs-titles-item', { hasText: '全部' }).click();
  await page.locator('.filters__text input').fill(number);
  await page.locator('.filters .nut-button', { hasText: '搜索' }).click();
  const row = page.locator(`[data-testid=case-row][data-number="${number}"]`);
  await visible(row, 20_000);
  await row.locator('.case-row__main').click();
  const ws = page.locator('[data-testid=detail-pane] [data-testid=workspace]');
  await visible(ws.locator('.ws-head__title'), 20_000);
  return ws;
}

/** Opens the form of an action the server offers now (its button reads `label`). */
async function startAction(ws: Locator, type: string, label: string): Promise<Locator> {
  const button = ws.locator(`.action-button--${type}`);
  await visible(button);
  expect((await button.textContent())?.trim()).toBe(label);
  await button.click();
  const form = ws.locator('.action-form');
  await visible(form);
  return form;
}

async function submitAction(ws: Locator, form: Locator, doneText: string): Promise<void> {
  await form.locator('.action-form__submit').click();
  const done = ws.locator('[data-testid=action-done]', { hasText: doneText });
  const refused = ws.locator('[data-testid=action-error], .field__error');
  await expect
    .poll(async () => ((await done.isVisible()) ? 'done' : ((await refused.first().textContent()) ?? '')), {
      timeout: 20_000,
    })
    .toBe('done');
}

describe('staff: register, transfer, objection, return, accept, extend, reply', () => {
  it('walks a letter through two units and the heads’ approvals, with the resident following', async () => {
    const base = inject('baseUrl');
    const page = await newPage(browser, { viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // --- 1. The first receiver's clerk logs in (DEMO picker) and sees the inbox tabs with counts.
    await page.goto(`${base}/staff/login/index`);
    await visible(page.locator('.staff-title', { hasText: '工作人员登录' }), 20_000);
    await visible(page.locator('[data-testid=demo-accounts]'));
    await deskShot(page, 'staff-01-login');
    await checkA11y(page, 'login');

    await loginAs(page, base, '李明');
    await visible(page.locator('.nut-tabs-titles-item', { hasText: /逾期（\d+）/ }));
    await visible(page.locator('.nut-tabs-titles-item', { hasText: /今日到期（\d+）/ }));
    await visible(page.locator('.nut-tabs-titles-item', { hasText: /3日内到期（\d+）/ }));
    await visible(page.locator('.nut-tabs-titles-item', { hasText: /全部（\d+）/ }));
    await page.locator('.nut-tabs-titles-item', { hasText: '全部' }).click();
    await deskShot(page, 'staff-02-inbox');
    await checkA11y(page, 'inbox');

    // --- 2. Register a letter; duplicate hints are shown before saving.
    await page.locator('.staff-bar__link', { hasText: '登记来信来访来电' }).click();
    await visible(page.locator('[data-testid=register]'));
    await page.locator('[data-testid=register-channel] .chip', { hasText: '来信' }).click();
    await page
      .locator('[data-testid=register-name] input, input[data-testid=register-name]')
      .first()
      .fill('李桂芝');
    await page
      .locator('[data-testid=register-phone] input, input[data-testid=register-phone]')
      .first()
      .fill(RESIDENT_PHONE);
    await page.locator('[data-testid=register-category] .chip', { hasText: '申诉求决' }).click();
    await page
      .locator('[data-testid=register-title] input, input[data-testid=register-title]')
      .first()
      .fill(TITLE);
    await page
      .locator('[data-testid=register-facts] textarea, textarea[data-testid=register-facts]')
      .first()
      .fill('本人于2026年3月退休，社保经办机构核定的基本养老金少算了两年视同缴费年限，每月少发约400元。');
    await page
      .locator('[data-testid=register-request] textarea, textarea[data-testid=register-request]')
      .first()
      .fill('请求重新核定视同缴费年限并补发差额。');
    await deskShot(page, 'staff-03-register-form');
    await checkA11y(page, 'register');
    await page.locator('.register-check').click();
    await visible(page.locator('[data-testid=duplicate-hints]'));
    await deskShot(page, 'staff-04-register-hints');
    await page.locator('.register-save').click();
    await visible(page.locator('[data-testid=registered-number]'), 20_000);
    const numberText = (await page.locator('[data-testid=registered-number]').textContent()) ?? '';
    const number = /XF-\d{4}-\d{6}-\d{6}/.exec(numberText)?.[0] ?? '';
    expect(number).not.toBe('');
    await deskShot(page, 'staff-05-registered');

    // --- 3. Transfer it to 住建局 with a reason.
    await page.locator('.staff-bar__link', { hasText: '待办事项' }).click();
    let ws = await openCase(page, number);
    await visible(ws.getByText('已登记').first());
    await visible(ws.locator('[data-testid=ws-first-receiver]', { hasText: '临江市江东区信访局' }));
    let form = await startAction(ws, 'route', '转送 / 交办');
    await form.locator('.unit-picker__buttons .nut-button').first().click();
    await form.locator('.unit-picker__search input').fill('江东区住房');
    await form.locator('.choice-row', { hasText: '临江市江东区住房和城乡建设局' }).click();
    await form.locator('textarea').fill('视同缴费年限涉及原单位住房档案核查，由住建局办理。');
    await deskShot(page, 'staff-06-transfer-form');
    await checkA11y(page, 'workspace');
    await submitAction(ws, form, '已转送 / 交办');
    await deskShot(page, 'staff-07-transferred');

    // --- 4. The receiving unit objects within 5 working days.
    await loginAs(page, base, '孙浩');
    ws = await openCase(page, number);
    await visible(ws.getByText('已转送/交办').first());
    form = await startAction(ws, 'object', '提出异议');
    await form
      .locator('textarea')
      .fill('养老金核定属人社部门法定职责，本局无权核定视同缴费年限，请退回原单位办理。');
    await submitAction(ws, form, '已提出异议');
    await deskShot(page, 'staff-08-objected');

    // --- 5. The transferring unit's head approves the objection from the approval queue.
    await loginAs(page, base, '赵立新');
    await page.locator('.staff-bar__link', { hasText: '审批' }).click();
    const item = page.locator('[data-testid=approval-item]', { hasText: number });
    await visible(item, 20_000);
    await visible(item.getByText('异议'));
    await item.locator('.nut-button', { hasText: '审批' }).click();
    ws = page.locator('[data-testid=detail-pane] [data-testid=workspace]');
    await visible(ws.locator('.ws-head__title'), 20_000);
    form = await startAction(ws, 'decideObjection', '核实异议');
    await form.getByRole('radio', { name: /^(✓ )?同意$/ }).click();
    await deskShot(page, 'staff-09-approve-objection');
    await checkA11y(page, 'approvals');
    await submitAction(ws, form, '已核实异议');

    // --- 6. The first receiver sees it back and accepts; its handler asks for an extension.
    await loginAs(page, base, '李明');
    ws = await openCase(page, number);
    await visible(ws.getByText('已登记').first());
    await visible(ws.locator('[data-testid=ws-current-unit]', { hasText: '临江市江东区信访局' }));
    await deskShot(page, 'staff-10-came-back');
    form = await startAction(ws, 'accept', '受理');
    await submitAction(ws, form, '已受理');
    await visible(ws.getByText('已受理办理中').first());

    await loginAs(page, base, '韩雪');
    ws = await openCase(page, number);
    form = await startAction(ws, 'requestExtension', '申请延期');
    await form.locator('input').fill('20');
    await form.locator('textarea').fill('需调取原单位1985年至1992年的人事档案，档案馆答复需一个月。');
    await submitAction(ws, form, '已申请延期');
    await deskShot(page, 'staff-11-extension-requested');

    // --- 7. The head approves the extension.
    await loginAs(page, base, '赵立新');
    await page.locator('.staff-bar__link', { hasText: '审批' }).click();
    const ext = page.locator('[data-testid=approval-item]', { hasText: number });
    await visible(ext.getByText('延期申请'), 20_000);
    await ext.locator('.nut-button', { hasText: '审批' }).click();
    ws = page.locator('[data-testid=detail-pane] [data-testid=workspace]');
    await visible(ws.locator('.ws-head__title'), 20_000);
    form = await startAction(ws, 'decideExtension', '审批延期');
    await submitAction(ws, form, '已审批延期');
    await visible(ws.getByText(/已批准/));
    await deskShot(page, 'staff-12-extension-approved');

    // --- 8. The handler drafts the 信访处理意见书; the head signs it (第三十二条), which issues it.
    await loginAs(page, base, '韩雪');
    ws = await openCase(page, number);
    form = await startAction(ws, 'draftReply', '起草答复');
    const areas = form.locator('textarea');
    await areas
      .nth(1)
      .fill('经调取人事档案核实，申请人1985年至1987年在原国营机械厂工作属实，应计入视同缴费年限。');
    await form.getByRole('radio', { name: /^(✓ )?支持$/ }).click();
    await areas.nth(2).fill('《社会保险法》第十六条\n《信访工作条例》第三十二条');
    await deskShot(page, 'staff-13-draft-reply');
    await submitAction(ws, form, '已起草答复');

    await loginAs(page, base, '赵立新');
    await page.locator('.staff-bar__link', { hasText: '审批' }).click();
    const sign = page.locator('[data-testid=approval-item]', { hasText: number });
    await visible(sign.getByText('答复签发'), 20_000);
    await sign.locator('.nut-button', { hasText: '审批' }).click();
    ws = page.locator('[data-testid=detail-pane] [data-testid=workspace]');
    await visible(ws.locator('.ws-head__title'), 20_000);
    form = await startAction(ws, 'signReply', '签发答复');
    await visible(form.locator('[data-testid=draft-preview]').getByText(/视同缴费年限/));
    await deskShot(page, 'staff-14-sign-reply');
    await submitAction(ws, form, '已签发答复');
    await visible(ws.getByText('已答复').first());

    // Every step issued its document: numbered, readable, printable.
    const docs = ws.locator('[data-testid=documents]');
    for (const kind of ['转送/交办告知书', '受理告知书', '延期告知书', '信访处理意见书']) {
      await visible(docs.locator('[data-testid=document-item]', { hasText: kind }), 20_000);
    }
    await docs
      .locator('[data-testid=document-item]', { hasText: '信访处理意见书' })
      .locator('.nut-button', { hasText: '查看全文' })
      .click();
    await visible(docs.locator('[data-testid=document-paper]').getByText(/视同缴费年限/));
    await deskShot(page, 'staff-15-documents');
    await checkA11y(page, 'documents');

    // --- 9. The resident sees the case, the extension and the reply on the phone.
    const phone = await newPage(browser, { viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    phone.on('pageerror', (e) => errors.push(String(e)));
    await phone.goto(`${base}/pages/login/index`);
    await visible(phone.locator('.login__phone input'), 20_000);
    await phone.locator('.login__phone input').fill(RESIDENT_PHONE);
    await phone.locator('.login__send').click();
    await visible(phone.getByText(/演示：验证码 \d{6}/));
    const outbox = await phone.request.post(`${base}/api/demo/sms-outbox`, {
      data: { phone: RESIDENT_PHONE },
    });
    const { code } = (await outbox.json()) as { code: string };
    await phone.locator('.login__code input').fill(code);
    await phone.locator('.login__actions .nut-button').click();
    const mine = phone.locator('.case-item', { hasText: TITLE });
    await visible(mine, 20_000);
    await mine.click();
    await visible(phone.getByText(number), 20_000);
    await visible(phone.locator('[data-testid=replies]').getByText('信访处理意见书'));
    await visible(phone.getByText(/批准延长20日/));
    const received = phone.locator('[data-testid=documents]');
    for (const kind of ['转送/交办告知书', '受理告知书', '延期告知书', '信访处理意见书']) {
      await visible(received.getByText(kind), 20_000);
    }
    await received.scrollIntoViewIfNeeded();
    await shot(phone, 'staff-16-resident-documents');

    // The resident's own PDF of the opinion: a real PDF, served only with their session.
    const session = await phone.evaluate(() => JSON.parse(localStorage.getItem('auth.session') ?? '{}'));
    const token = (session as { data?: { token?: string } }).data?.token ?? '';
    const caseId = await phone.evaluate(() => new URLSearchParams(location.search).get('id'));
    const list = await phone.request.get(`${base}/api/cases/${caseId}/documents`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const opinion = ((await list.json()) as { items: { id: string; kindLabel: string }[] }).items.find(
      (d) => d.kindLabel === '信访处理意见书',
    );
    expect(opinion).toBeTruthy();
    const pdf = await phone.request.get(`${base}/api/cases/${caseId}/documents/${opinion!.id}/pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await phone.close();

    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
