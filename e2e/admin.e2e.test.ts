import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { generate } from 'otplib';
import { deskShot, launch, newPage, seriousA11yViolations, visibleOr, DESKTOP_VIEWPORT } from './browser';

/**
 * 系统管理 on the H5 build at a desk (1366×900), against the real server with demo data: the administrator
 * adds a unit under 江东区人民政府 and a 承办人 account in it, hands over the one-time password; the new
 * colleague signs in with it (binding an authenticator); the administrator resets the password and the
 * authenticator (the old password is refused, the new one leads to a new enrolment), then deactivates the
 * account and the next sign-in is refused. Separation of duties (DOMAIN.md §13): his own roles are locked; an
 * account cannot be 管理员 and 审计员 at once (the server's refusal shown); 审计员 for a new account and 管理员 for
 * the colleague wait for a second administrator, who signs in in another browser and approves the one and
 * rejects the other. Then a category is added, renamed and deactivated; a rule profile
 * version is read, a broken new version is refused with the server's reasons and a valid one published under a
 * new id; a calendar year is viewed and a malformed and an incoherent year are refused (nothing stored).
 */

const RUN = String(Date.now() % 100000);
const UNIT_CODE = `jd-cgj-${RUN}`;
const UNIT_NAME = `临江市江东区城市管理局（端到端${RUN}）`;
const USERNAME = `handler.cgj.${RUN}`;
const AUDITOR_USERNAME = `auditor.e2e.${RUN}`;
const AUDITOR_NAME = `审计${RUN}`;
const DISPLAY_NAME = `周敏${RUN}`;
const CATEGORY_CODE = `e2e-${RUN}`;
const CATEGORY_NAME = `共享单车停放（端到端${RUN}）`;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const visible = visibleOr('admin-failure');

/**
 * Photographs the step and checks it with axe-core. Violations are collected and asserted (none serious or
 * critical) at the end, so one run reports every step's.
 */
const a11y: string[] = [];
async function step(page: Page, name: string): Promise<void> {
  await deskShot(page, name);
  a11y.push(...(await seriousA11yViolations(page, name)));
}

/** A labelled field of a form (the label starts with `label`). */
function field(form: Locator, label: string): Locator {
  return form
    .locator('.field')
    .filter({ has: form.page().locator('.field__label', { hasText: new RegExp(`^${label}`) }) })
    .first();
}

/** The table row whose cell carries `marker` (e.g. `[data-unit="jd-gov"]`). */
function row(table: Locator, marker: string): Locator {
  return table.locator('.nut-table-main-body-tr').filter({ has: table.page().locator(marker) });
}

async function done(page: Page, text: string | RegExp): Promise<void> {
  await visible(page.locator('[data-testid=admin-done]', { hasText: text }), 20_000);
}

async function openTab(page: Page, title: string): Promise<void> {
  await page.locator('.nut-tabs-titles-item', { hasText: title }).click();
}

/** The staff sign-in form: password, then (first time) the authenticator enrolment with a real TOTP code. */
async function passwordLogin(page: Page, base: string, username: string, password: string) {
  await page.goto(`${base}/staff/login/index`);
  await page.evaluate(() => localStorage.removeItem('auth.session'));
  await page.reload();
  const card = page.locator('.staff-login .card').first();
  await visible(field(card, '用户名'));
  await field(card, '用户名').locator('input').fill(username);
  await field(card, '密码').locator('input').fill(password);
  await card.locator('.big-button').click();
}

describe('admin: units, users and roles, categories, rule profiles, calendar years', () => {
  it('adds a unit and a handler, whose one-time password works until the account is deactivated', async () => {
    const base = inject('baseUrl');
    const page = await newPage(browser, { viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // --- 1. The administrator signs in (DEMO picker) and opens 系统管理: the unit tree.
    await page.goto(`${base}/staff/login/index`);
    await page.evaluate(() => localStorage.removeItem('auth.session'));
    await page.reload();
    const admin = page.locator('.demo-account', { hasText: '系统管理员' }).first();
    await visible(admin, 20_000);
    await admin.click();
    await visible(page.locator('.staff-bar__link', { hasText: '系统管理' }), 20_000);
    await page.locator('.staff-bar__link', { hasText: '系统管理' }).click();
    const units = page.locator('[data-testid=admin-units]');
    await visible(units.locator('[data-unit="jd-gov"]'), 20_000);
    await step(page, 'admin-01-units');

    // --- 2. A new unit under 江东区人民政府: a bad code is refused in words first.
    await row(units, '[data-unit="jd-gov"]').locator('.nut-button', { hasText: '新增下级' }).click();
    let form = page.locator('[data-testid=unit-form]');
    await visible(form);
    await expect
      .poll(() => form.locator('.action-form__title').textContent())
      .toContain('临江市江东区人民政府');
    await field(form, '代码').locator('input').fill('JD CGJ');
    await field(form, '名称').locator('input').fill(UNIT_NAME);
    await form.locator('[data-testid=unit-kind] .chip', { hasText: '职能部门' }).click();
    expect(await field(form, '区划').locator('input').inputValue()).toBe('990102');
    await form.locator('.admin-submit').click();
    await visible(field(form, '代码').locator('.field__error', { hasText: '格式不正确' }));
    await step(page, 'admin-02-unit-form-invalid');
    await field(form, '代码').locator('input').fill(UNIT_CODE);
    await form.locator('.admin-submit').click();
    await done(page, `已新增单位：${UNIT_NAME}`);
    const newRow = row(units, `[data-unit="${UNIT_CODE}"]`);
    await visible(newRow);
    // Placed in the tree right under its parent's subtree, indented one level deeper than it.
    expect(await newRow.textContent()).toContain(`└ ${UNIT_NAME}`);
    await step(page, 'admin-03-unit-created');

    // --- 3. A 承办人 account in the new unit; a taken username is refused by the server in Chinese.
    await openTab(page, '人员与角色');
    const users = page.locator('[data-testid=admin-users]');
    await visible(users.locator('[data-username="handler.jd.zjj"]'), 20_000);
    await page.locator('.admin-new-user').click();
    form = page.locator('[data-testid=user-form]');
    await visible(form);
    await field(form, '用户名').locator('input').fill('handler.jd.zjj');
    await field(form, '姓名').locator('input').fill(DISPLAY_NAME);
    await form.locator('[data-testid=user-unit] .unit-picker__buttons .nut-button').first().click();
    await form.locator('[data-testid=user-unit] .unit-picker__search input').fill('城市管理局');
    await form
      .locator('[data-testid=user-unit] .choice-row', { hasText: UNIT_NAME.replace('临江市', '') })
      .click();
    // 承办人 is preselected; roles are several at once (the chips are checkboxes).
    const handlerChip = form.locator('[data-testid=user-roles] .chip', { hasText: '承办人' });
    expect(await handlerChip.getAttribute('aria-checked')).toBe('true');
    await form.locator('.admin-submit').click();
    await visible(
      form.locator('[data-testid=admin-error]', { hasText: '用户名已存在：handler.jd.zjj' }),
      20_000,
    );
    await step(page, 'admin-04-user-duplicate');

    // A password the admin types is judged by the server's policy…
    await field(form, '用户名').locator('input').fill(USERNAME);
    await form.locator('[data-testid=password-mode] .chip', { hasText: '自行设定' }).click();
    await field(form, '初始密码').locator('input').fill('password1');
    await form.locator('.admin-submit').click();
    await visible(form.locator('[data-testid=admin-error]', { hasText: '密码至少 10 位' }), 20_000);
    // …the generated one passes it, and is shown once.
    await form.locator('[data-testid=password-mode] .chip', { hasText: '系统生成' }).click();
    await form.locator('.admin-submit').click();
    const oneTime = page.locator('[data-testid=one-time-password]');
    await visible(oneTime, 20_000);
    const password =
      (await oneTime.locator('[data-testid=one-time-value]').getAttribute('data-password')) ?? '';
    expect(password).toMatch(/^.{16}$/);
    expect(await oneTime.textContent()).toContain(`初始密码：${password}`);
    await visible(users.locator(`[data-username="${USERNAME}"]`));
    const userRow = row(users, `[data-username="${USERNAME}"]`);
    expect(await userRow.textContent()).toContain('承办人');
    expect(await userRow.textContent()).toContain(UNIT_NAME);
    await step(page, 'admin-05-user-created');
    await oneTime.locator('.nut-button', { hasText: '我已记下' }).click();
    await expect.poll(() => oneTime.count()).toBe(0);
    expect(await page.content()).not.toContain(password);

    // --- 4. The new colleague signs in with it (enrolling an authenticator) in their own browser.
    const colleague = await newPage(browser, { viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
    await passwordLogin(colleague, base, USERNAME, password);
    const secretText = colleague.locator('.staff-intro', { hasText: '密钥：' });
    await visible(secretText, 20_000);
    const secret = /密钥：(\S+)/.exec((await secretText.textContent()) ?? '')?.[1] ?? '';
    expect(secret).not.toBe('');
    const card = colleague.locator('.staff-login .card').first();
    await field(card, '动态验证码')
      .locator('input')
      .fill(await generate({ secret }));
    await card.locator('.big-button').click();
    await visible(colleague.locator('[data-testid=inbox]'), 20_000);
    await visible(colleague.locator('.staff-bar', { hasText: DISPLAY_NAME }));
    await step(colleague, 'admin-06-new-user-signed-in');

    // --- 5. The colleague lost the phone: a new password (shown once) and a reset authenticator.
    await page.locator('.admin-search').click();
    await expect.poll(() => userRow.textContent()).toContain('已绑定');
    await userRow.locator('.admin-manage').click();
    let manage = page.locator('[data-testid=user-manage]');
    await visible(manage);
    const dialog = page.locator('.admin-confirm');
    await manage.locator('.admin-reset-password').click();
    await visible(dialog.getByText('其现有登录会话全部失效'));
    await dialog.locator('.nut-button', { hasText: '重设密码' }).click();
    await visible(oneTime, 20_000);
    const newPassword =
      (await oneTime.locator('[data-testid=one-time-value]').getAttribute('data-password')) ?? '';
    expect(newPassword).toMatch(/^.{16}$/);
    expect(newPassword).not.toBe(password);
    expect(await oneTime.textContent()).toContain(`新密码：${newPassword}`);
    expect(await oneTime.textContent()).toContain('请记下新密码');
    await step(page, 'admin-06b-password-reset');
    await oneTime.locator('.nut-button', { hasText: '我已记下' }).click();
    await userRow.locator('.admin-manage').click();
    manage = page.locator('[data-testid=user-manage]');
    await manage.locator('.admin-reset-totp').click();
    await visible(dialog.getByText('下次登录时需重新绑定身份验证器'));
    await dialog.locator('.nut-button', { hasText: '重置身份验证器' }).click();
    await done(page, `已重置「${DISPLAY_NAME}」的身份验证器`);
    await expect.poll(() => userRow.textContent()).toContain('未绑定');
    // The old password no longer works; the new one leads to a fresh authenticator enrolment.
    await passwordLogin(colleague, base, USERNAME, password);
    await visible(colleague.locator('.notice--error', { hasText: '用户名或密码错误' }), 20_000);
    await passwordLogin(colleague, base, USERNAME, newPassword);
    await visible(colleague.locator('.staff-intro', { hasText: '首次登录' }), 20_000);

    // --- 6. The administrator deactivates the account (confirmed first); the next sign-in is refused.
    await userRow.locator('.admin-manage').click();
    manage = page.locator('[data-testid=user-manage]');
    await visible(manage);
    await manage.locator('.admin-user-status').click();
    await visible(dialog.getByText(`停用「${DISPLAY_NAME}」的账号后`));
    await step(page, 'admin-07-deactivate-confirm');
    await dialog.locator('.nut-button', { hasText: '停用账号' }).click();
    await done(page, `已停用账号：${DISPLAY_NAME}`);
    await expect.poll(() => userRow.textContent()).toContain('停用');
    await step(page, 'admin-08-user-deactivated');

    await passwordLogin(colleague, base, USERNAME, newPassword);
    await visible(colleague.locator('.notice--error', { hasText: '账号已停用' }), 20_000);
    await step(colleague, 'admin-09-login-refused');
    await colleague.context().close();

    // --- 7. Separation of duties (DOMAIN.md §13). His own roles are locked, with the server's reason.
    await row(users, '[data-username="admin"]').locator('.admin-manage').click();
    manage = page.locator('[data-testid=user-manage]');
    await visible(manage.locator('[data-testid=roles-locked]'));
    expect(await manage.textContent()).toContain('不能修改自己的角色：角色须由另一名管理员调整（职责分离）');
    expect(await manage.locator('[data-testid=manage-roles]').count()).toBe(0);
    await step(page, 'admin-09b-own-roles-locked');
    await manage.locator('.admin-panel__close').click();

    // 管理员 + 审计员 on one account: the server refuses (三员分立), in Chinese, and nothing is created.
    await page.locator('.admin-new-user').click();
    form = page.locator('[data-testid=user-form]');
    await visible(form);
    await field(form, '用户名').locator('input').fill(AUDITOR_USERNAME);
    await field(form, '姓名').locator('input').fill(AUDITOR_NAME);
    await form.locator('[data-testid=user-unit] .unit-picker__buttons .nut-button').first().click();
    await form.locator('[data-testid=user-unit] .unit-picker__search input').fill('城市管理局');
    await form
      .locator('[data-testid=user-unit] .choice-row', { hasText: UNIT_NAME.replace('临江市', '') })
      .click();
    const roleChip = (name: string) =>
      form.locator('[data-testid=user-roles] .chip', { hasText: new RegExp(`^(✓ )?${name}$`) });
    await roleChip('承办人').click();
    await roleChip('审计员').click();
    await roleChip('管理员').click();
    expect(await form.textContent()).toContain('授予审计员、管理员角色须另一名管理员批准');
    await form.locator('.admin-submit').click();
    await visible(
      form.locator('[data-testid=admin-error]', {
        hasText: '系统管理员与审计员不能由同一账号担任（三员分立）',
      }),
      20_000,
    );
    await step(page, 'admin-09c-admin-and-auditor-refused');
    // 审计员 alone: the account is created, its 审计员 role waits for a second administrator.
    await roleChip('管理员').click();
    await form.locator('.admin-submit').click();
    await visible(oneTime, 20_000);
    await done(page, `已新增账号：${AUDITOR_NAME}；审计员角色待另一名管理员批准`);
    await oneTime.locator('.nut-button', { hasText: '我已记下' }).click();
    const auditorRow = row(users, `[data-username="${AUDITOR_USERNAME}"]`);
    await visible(auditorRow.locator('[data-testid=pending-grant]', { hasText: '待批准：审计员' }));
    // The requester may not decide his own request: no buttons, the reason instead.
    const grants = page.locator('[data-testid=role-grants]');
    const grantRow = (username: string) =>
      grants
        .locator('.nut-table-main-body-tr')
        .filter({ has: page.locator(`[data-username="${username}"]`) });
    await visible(grantRow(AUDITOR_USERNAME));
    expect(await grantRow(AUDITOR_USERNAME).textContent()).toContain(
      '不能审批自己提出的授权申请：须由另一名管理员审批',
    );
    expect(await grantRow(AUDITOR_USERNAME).locator('.admin-grant-approve').count()).toBe(0);
    // 管理员 for the colleague is held as well.
    await userRow.locator('.admin-manage').click();
    manage = page.locator('[data-testid=user-manage]');
    await visible(manage.locator('[data-testid=manage-roles]'));
    await manage.locator('[data-testid=manage-roles] .chip', { hasText: /^(✓ )?管理员$/ }).click();
    await manage.locator('.admin-submit').click();
    await done(page, `已提交：为「${DISPLAY_NAME}」授予管理员角色，待另一名管理员批准`);
    await visible(grantRow(USERNAME));
    await visible(userRow.locator('[data-testid=pending-grant]', { hasText: '待批准：管理员' }));
    await step(page, 'admin-09d-grants-pending');

    // --- 8. A second administrator, in his own browser, approves the one and rejects the other.
    const second = await newPage(browser, { viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
    second.on('pageerror', (e) => errors.push(String(e)));
    await second.goto(`${base}/staff/login/index`);
    await second.evaluate(() => localStorage.removeItem('auth.session'));
    await second.reload();
    const admin2 = second.locator('.demo-account', { hasText: '复核管理员' }).first();
    await visible(admin2, 20_000);
    await admin2.click();
    await visible(second.locator('.staff-bar__link', { hasText: '系统管理' }), 20_000);
    await second.locator('.staff-bar__link', { hasText: '系统管理' }).click();
    await visible(second.locator('[data-testid=admin-units]'), 20_000);
    await openTab(second, '人员与角色');
    const grants2 = second.locator('[data-testid=role-grants]');
    const grantRow2 = (username: string) =>
      grants2
        .locator('.nut-table-main-body-tr')
        .filter({ has: second.locator(`[data-username="${username}"]`) });
    await visible(grantRow2(AUDITOR_USERNAME).locator('.admin-grant-approve'), 20_000);
    expect(await grantRow2(AUDITOR_USERNAME).textContent()).toContain('系统管理员');
    await step(second, 'admin-09e-second-admin-grants');
    await grantRow2(AUDITOR_USERNAME).locator('.admin-grant-approve').click();
    const dialog2 = second.locator('.admin-confirm');
    await visible(dialog2.getByText(`批准后「${AUDITOR_NAME}」的角色变为：审计员`));
    await dialog2.locator('.nut-button', { hasText: '批准' }).click();
    await visible(
      second.locator('[data-testid=admin-done]', { hasText: `已批准：「${AUDITOR_NAME}」的角色已变更` }),
      20_000,
    );
    await expect.poll(() => grantRow2(AUDITOR_USERNAME).count()).toBe(0);
    await grantRow2(USERNAME).locator('.admin-grant-reject').click();
    const rejectForm = second.locator('[data-testid=grant-reject]');
    await field(rejectForm, '驳回理由').locator('input').fill('承办人不兼任管理员');
    await step(second, 'admin-09f-reject-form');
    await rejectForm.locator('.admin-submit').click();
    await visible(
      second.locator('[data-testid=admin-done]', {
        hasText: `已驳回「${DISPLAY_NAME}」的角色申请，其角色保持不变`,
      }),
      20_000,
    );
    // nothing pending any more: the panel is gone, the auditor account is 审计员
    await expect.poll(() => grants2.count()).toBe(0);
    const auditorRow2 = row(
      second.locator('[data-testid=admin-users]'),
      `[data-username="${AUDITOR_USERNAME}"]`,
    );
    await expect.poll(() => auditorRow2.textContent()).toContain('审计员');
    expect(await auditorRow2.locator('[data-testid=pending-grant]').count()).toBe(0);
    await step(second, 'admin-09g-decided');
    await second.context().close();

    // The first administrator's screen, asked again, shows both decisions.
    await page.locator('.admin-search').click();
    await expect.poll(() => page.locator('[data-testid=pending-grant]').count()).toBe(0);
    await expect.poll(() => userRow.textContent()).not.toContain('管理员');
    expect(await auditorRow.textContent()).toContain('审计员');

    // --- 9. A category: added under 城乡建设, then listed right after its parent.
    await openTab(page, '事项分类');
    const categories = page.locator('[data-testid=admin-categories]');
    await visible(categories);
    await page.locator('.admin-new-category').click();
    form = page.locator('[data-testid=category-form]');
    await field(form, '代码').locator('input').fill(CATEGORY_CODE);
    await field(form, '名称').locator('input').fill(CATEGORY_NAME);
    const parentChip = form.locator('[data-testid=category-parent] .chip', { hasText: '上级：' }).first();
    const parentName = ((await parentChip.textContent()) ?? '').replace(/^.*上级：/, '').trim();
    await parentChip.click();
    await step(page, 'admin-10-category-form');
    await form.locator('.admin-submit').click();
    await done(page, `已新增分类：${CATEGORY_NAME}`);
    const catRow = row(categories, `[data-category="${CATEGORY_CODE}"]`);
    await visible(catRow);
    expect(await catRow.textContent()).toContain(parentName);
    await step(page, 'admin-11-category-added');
    // Renamed, then deactivated after a confirmation; the table shows both.
    await catRow.locator('.nut-button', { hasText: '改名' }).click();
    const rename = page.locator('[data-testid=category-rename]');
    await field(rename, '新名称').locator('input').fill(`${CATEGORY_NAME}（已改名）`);
    await rename.locator('.admin-submit').click();
    await done(page, `已保存：${CATEGORY_NAME}（已改名）`);
    await expect.poll(() => catRow.textContent()).toContain('（已改名）');
    await catRow.locator('.nut-button', { hasText: '停用' }).click();
    await visible(page.locator('.admin-confirm').getByText('登记时不能再选择它'));
    await page.locator('.admin-confirm .nut-button', { hasText: '停用' }).click();
    await done(page, '已停用分类');
    // Status 停用, and the row now offers 启用.
    await expect.poll(() => catRow.textContent()).not.toContain('✓ 启用');
    await visible(catRow.locator('.nut-button', { hasText: '启用' }));

    // --- 10. A rule profile version, read-only; a new version with a broken clock is refused with reasons.
    await openTab(page, '规则档案');
    const viewButton = page.locator('.admin-view-profile[data-profile="xinfang-2022@1"]');
    await visible(viewButton, 20_000);
    await viewButton.click();
    const profile = page.locator('[data-testid=profile-view]');
    await visible(profile.locator('[data-testid=profile-clocks]'));
    expect(await profile.locator('[data-testid=profile-clocks]').textContent()).toContain('第二十二条');
    expect(await profile.locator('[data-testid=profile-json]').textContent()).toContain(
      '"id": "xinfang-2022"',
    );
    await step(page, 'admin-12-profile-view');
    await profile.locator('.admin-new-version').click();
    const draft = page.locator('[data-testid=profile-new-version]');
    const json = draft.locator('textarea');
    await visible(json);
    const text = await json.inputValue();
    expect(text).toContain('"version": 2');
    // 90 days for 转送交办 is beyond the 15 the regulation allows: the server's validation says so.
    await json.fill(text.replace('"days": 15', '"days": 90'));
    await draft.locator('.admin-submit').click();
    await page.locator('.admin-confirm .nut-button', { hasText: '发布' }).click();
    await visible(draft.locator('[data-testid=admin-error]', { hasText: '规则档案不符合要求' }), 20_000);
    await step(page, 'admin-13-profile-refused');
    // A valid document under a new profile id (version 1, bound to no unit, so no other test is affected).
    const PROFILE_ID = `e2e-${RUN}`;
    await json.fill(
      text.replace('"id": "xinfang-2022"', `"id": "${PROFILE_ID}"`).replace('"version": 2', '"version": 1'),
    );
    await draft.locator('.admin-submit').click();
    await page.locator('.admin-confirm .nut-button', { hasText: '发布' }).click();
    await done(page, `已发布 ${PROFILE_ID} 第 1 版`);
    await visible(page.locator(`.admin-view-profile[data-profile="${PROFILE_ID}@1"]`));
    await step(page, 'admin-13b-profile-published');

    // --- 11. Calendar years: coverage, and one year's holidays and adjusted workdays.
    await openTab(page, '工作日历');
    const calendar = page.locator('[data-testid=admin-calendar]');
    await visible(calendar);
    const headers = await calendar.locator('.nut-table-main-head-tr-th').allTextContents();
    expect(new Set(headers).size).toBe(headers.length);
    await page.locator('.admin-view-year[data-year="2026"]').click();
    const year = page.locator('[data-testid=calendar-year]');
    await visible(year);
    expect(await year.locator('[data-testid=calendar-holidays]').textContent()).toContain('春节');
    expect(await year.locator('[data-testid=calendar-workdays]').textContent()).toMatch(/2026-\d\d-\d\d/);
    await step(page, 'admin-14-calendar-year');
    // The load form: a line that is not a date is named before anything is sent.
    await page.locator('.admin-load-year').click();
    const load = page.locator('[data-testid=calendar-load]');
    await field(load, '数据来源').locator('input').fill('国办发明电〔2026〕（端到端）');
    await load
      .locator(
        '[data-testid=calendar-holidays-input] textarea, textarea[data-testid=calendar-holidays-input]',
      )
      .first()
      .fill('2027-01-01 元旦\n二月六日到十二日 春节');
    await load.locator('.admin-submit').click();
    await visible(field(load, '放假日期').locator('.field__error', { hasText: '第 2 行' }));
    await step(page, 'admin-15-calendar-load-invalid');
    // Well-formed lines go to the server, whose calendar rules judge the year: a Monday is no 调休 workday.
    await load
      .locator(
        '[data-testid=calendar-holidays-input] textarea, textarea[data-testid=calendar-holidays-input]',
      )
      .first()
      .fill('2027-01-01 元旦\n2027-02-06~2027-02-12 春节');
    await load
      .locator(
        '[data-testid=calendar-workdays-input] textarea, textarea[data-testid=calendar-workdays-input]',
      )
      .first()
      .fill('2027-01-04');
    await load.locator('.admin-submit').click();
    const confirmLoad = page.locator('.admin-confirm');
    await visible(confirmLoad.getByText('导入 2027 年节假日安排'));
    await confirmLoad.locator('.nut-button', { hasText: '导入' }).click();
    await visible(load.locator('[data-testid=admin-error]', { hasText: '本来就是工作日' }), 20_000);
    await step(page, 'admin-16-calendar-refused');
    // Nothing was stored: 2027 is still not in the list.
    await expect.poll(() => page.locator('.admin-view-year[data-year="2027"]').count()).toBe(0);

    expect(errors).toEqual([]);
    expect(a11y).toEqual([]);
    await page.context().close();
  }, 300_000);
});
