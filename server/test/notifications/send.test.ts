import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../helper';
import { insertUser } from '../auth/fakes';
import { startFakeWechat, type FakeWechat } from '../../src/adapters/wechat/fake-server';
import { notificationFrom } from '../../src/jobs/outbox-drain';
import {
  backoffMs,
  MAX_ATTEMPTS,
  RATE_LIMIT_PAUSE_MS,
  sendPendingNotifications,
  type DeliveryDeps,
} from '../../src/jobs/send-notifications';
import type { App } from '../../src/app';

let fake: FakeWechat;
beforeAll(async () => {
  fake = await startFakeWechat();
});
afterAll(async () => {
  await fake.close();
});

const NOW = new Date('2026-11-20T10:00:00+08:00');
const MESSAGE = '办理期限延长30日至2027年1月5日。延期理由：需委托第三方机构检测13800000001家电梯';

async function setup(env: Record<string, string> = {}) {
  const built = await build({
    env: {
      WECHAT_API_BASE: fake.baseUrl,
      WECHAT_APPID: fake.appid,
      WECHAT_SECRET: fake.secret,
      WECHAT_SUBSCRIBE_TEMPLATE_ID: fake.subscribe.templateId,
      ...env,
    },
  });
  const { app } = built;
  const deps = (): DeliveryDeps => ({ conn: app.db.conn, ...app.notifications.delivery, log: app.log });
  return { ...built, deps };
}

/** A pending petitioner notification for a user with `openid` (or none), as the drain creates it. */
async function pendingFor(app: App, openid: string | null, id: string, document?: string) {
  const userId = await insertUser(app, openid ? { openid } : { phoneIndex: `p-${id}` });
  await app.db.conn.collection('notifications').insertOne({
    _id: id as never,
    ...notificationFrom(
      'case-7f3a',
      {
        id,
        at: NOW.toISOString(),
        audience: 'petitioner',
        userId,
        message: MESSAGE,
        caseNumber: 'XF-2026-990102-000042',
        ...(document ? { document } : {}),
      },
      NOW,
    ),
  });
  return id;
}

const delivery = async (app: App, id: string) =>
  (await app.db.conn.collection('notifications').findOne({ _id: id as never }))!.delivery;

describe('sendPendingNotifications', () => {
  it('sends a subscribe message with no personal data in it, and marks it sent', async () => {
    const { app, deps, logs } = await setup();
    await pendingFor(app, 'oSendUser01', 'n-sent', 'extensionNotice');
    const before = fake.subscribe.sent.length;
    expect(await sendPendingNotifications(deps(), NOW)).toMatchObject({ sent: 1, skipped: 0 });
    expect(await delivery(app, 'n-sent')).toMatchObject({
      channel: 'wechat',
      status: 'sent',
      attempts: 1,
      nextAttemptAt: null,
    });
    const card = fake.subscribe.sent[before]!;
    expect(card).toMatchObject({
      touser: 'oSendUser01',
      template_id: fake.subscribe.templateId,
      page: 'pages/petitions/index?id=case-7f3a',
      miniprogram_state: 'formal',
      data: {
        character_string1: { value: 'XF-2026-990102-000042' },
        thing2: { value: '已出具延期告知书' },
        time3: { value: '2026年11月20日 10:00' },
        thing4: { value: '请进入小程序查看详情' },
      },
    });
    // the message text (with its reason and a phone number) stays in the mini-program
    expect(JSON.stringify(card)).not.toMatch(/13800000001|延期理由|检测/);
    expect(logs.join('\n')).not.toContain('oSendUser01');
    // nothing left to do
    expect(await sendPendingNotifications(deps(), NOW)).toMatchObject({ sent: 0, skipped: 0, retried: 0 });
  });

  it('marks users without an openid none/skipped: they read it in the mini-program', async () => {
    const { app, deps } = await setup();
    await pendingFor(app, null, 'n-h5');
    expect(await sendPendingNotifications(deps(), NOW)).toMatchObject({ skipped: 1 });
    expect(await delivery(app, 'n-h5')).toMatchObject({
      channel: 'none',
      status: 'skipped',
      attempts: 0,
      lastError: 'no-openid',
    });
  });

  it.each([
    ['refused-u1', 'skipped', 'wechat:43101'],
    ['badopenid-u1', 'skipped', 'wechat:40003'],
    ['tplerr-u1', 'failed', 'wechat:47003'],
  ])('%s → %s after one attempt, never retried', async (openid, status, code) => {
    const { app, deps } = await setup();
    await pendingFor(app, openid, `n-${openid}`);
    await sendPendingNotifications(deps(), NOW);
    expect(await delivery(app, `n-${openid}`)).toMatchObject({
      status,
      attempts: 1,
      lastError: code,
      nextAttemptAt: null,
    });
    const attempts = fake.subscribe.attempts.length;
    await sendPendingNotifications(deps(), new Date(NOW.getTime() + 86_400_000));
    expect(fake.subscribe.attempts.length).toBe(attempts);
  });

  it('retries busy (-1) with exponential backoff and gives up after 5 attempts', async () => {
    const { app, deps } = await setup();
    await pendingFor(app, 'busy-u2', 'n-busy');
    let t = NOW.getTime();
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await sendPendingNotifications(deps(), new Date(t))).toMatchObject({ retried: 1 });
      const d = await delivery(app, 'n-busy');
      expect(d).toMatchObject({ status: 'pending', attempts: attempt, lastError: 'wechat:-1' });
      expect(d.nextAttemptAt).toEqual(new Date(t + backoffMs(attempt)));
      // not due yet: nothing is sent
      expect(await sendPendingNotifications(deps(), new Date(t + backoffMs(attempt) - 1000))).toMatchObject({
        retried: 0,
      });
      t += backoffMs(attempt);
    }
    expect(backoffMs(1)).toBe(60_000);
    expect(backoffMs(4)).toBe(8 * 60_000);
    expect(await sendPendingNotifications(deps(), new Date(t))).toMatchObject({ failed: 1 });
    expect(await delivery(app, 'n-busy')).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: null,
    });
  });

  it('recovers when WeChat is busy only once', async () => {
    const { app, deps } = await setup();
    await pendingFor(app, 'busyonce-u3', 'n-busyonce');
    await sendPendingNotifications(deps(), NOW);
    await sendPendingNotifications(deps(), new Date(NOW.getTime() + backoffMs(1)));
    expect(await delivery(app, 'n-busyonce')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('pauses everything for an hour on 45009 (quota), without counting an attempt', async () => {
    const { app, deps } = await setup();
    await pendingFor(app, 'quota-u4', 'n-a-quota');
    await pendingFor(app, 'oSendUser05', 'n-b-after');
    const r = await sendPendingNotifications(deps(), NOW);
    expect(r.rateLimited).toBe(true);
    expect(await delivery(app, 'n-a-quota')).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'wechat:45009',
    });
    expect((await delivery(app, 'n-a-quota')).nextAttemptAt).toEqual(
      new Date(NOW.getTime() + RATE_LIMIT_PAUSE_MS),
    );
  });

  it('two senders at once (two instances) send each message once', async () => {
    const { app, uri, deps } = await setup();
    const second = await build({
      uri,
      env: {
        WECHAT_API_BASE: fake.baseUrl,
        WECHAT_APPID: fake.appid,
        WECHAT_SECRET: fake.secret,
        WECHAT_SUBSCRIBE_TEMPLATE_ID: fake.subscribe.templateId,
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await pendingFor(app, `oTwice0${i}x`, `n-twice-${i}`));
    const before = fake.subscribe.sent.length;
    const [a, b] = await Promise.all([
      sendPendingNotifications(deps(), NOW),
      sendPendingNotifications(
        { conn: second.app.db.conn, ...second.app.notifications.delivery, log: second.app.log },
        NOW,
      ),
    ]);
    expect(a.sent + b.sent).toBe(8);
    const sentTo = fake.subscribe.sent.slice(before).map((m) => m.touser);
    expect(sentTo.length).toBe(8);
    expect(new Set(sentTo).size).toBe(8);
  });

  it('without a template id configured, residents are notified in-app only', async () => {
    const { app, deps } = await setup({ WECHAT_SUBSCRIBE_TEMPLATE_ID: '' });
    await pendingFor(app, 'oSendUser06', 'n-nt');
    await sendPendingNotifications(deps(), NOW);
    expect(await delivery(app, 'n-nt')).toMatchObject({
      channel: 'none',
      status: 'skipped',
      lastError: 'not-configured',
    });
  });

  it('fits the template to the keyword names an operator configures (WECHAT_SUBSCRIBE_FIELDS)', async () => {
    const { app, deps } = await setup({
      WECHAT_SUBSCRIBE_FIELDS: 'caseNumber=character_string7,progress=phrase3,time=date5',
    });
    await pendingFor(app, 'oSendUser07', 'n-fields', 'acceptanceNotice');
    const before = fake.subscribe.sent.length;
    expect(await sendPendingNotifications(deps(), NOW)).toMatchObject({ sent: 1 });
    expect(fake.subscribe.sent[before]!.data).toEqual({
      character_string7: { value: 'XF-2026-990102-000042' },
      phrase3: { value: '文书送达' },
      date5: { value: '2026年11月20日 10:00' },
    });
  });

  it('in DEMO mode uses the fake WeChat of the login, template included', async () => {
    const { app } = await build({ env: { DEMO: 'true' } });
    expect(app.notifications.delivery.settings.templateId).toBe(app.auth.demo!.wechat.subscribe.templateId);
  });
});
