import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { startFakeWechat, type FakeWechat } from '../../src/adapters/wechat/fake-server';
import { createSubscribeClient, type SubscribeMessage } from '../../src/adapters/wechat/subscribe';
import { fitValue, kindOfKey } from '../../src/adapters/wechat/subscribe-fields';

let fake: FakeWechat;
beforeAll(async () => {
  fake = await startFakeWechat();
});
afterAll(async () => {
  await fake.close();
});

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      lines.push(String(c));
      cb();
    },
  });
  return { log: Fastify({ logger: { level: 'debug', stream } }).log, lines };
}

function client(over: Partial<Parameters<typeof createSubscribeClient>[0]> = {}) {
  const logs = capture();
  const c = createSubscribeClient({
    baseUrl: fake.baseUrl,
    appid: fake.appid,
    secret: fake.secret,
    timeoutMs: 2000,
    log: logs.log,
    ...over,
  });
  return Object.assign(c, { logs: logs.lines });
}

const message = (touser: string, over: Partial<SubscribeMessage> = {}): SubscribeMessage => ({
  touser,
  templateId: fake.subscribe.templateId,
  page: 'pages/petitions/index?id=abc',
  data: {
    character_string1: { value: 'XF-2026-990102-000123' },
    thing2: { value: '已出具受理告知书' },
    time3: { value: '2026年11月20日 10:00' },
    thing4: { value: '请进入小程序查看详情' },
  },
  miniprogramState: 'formal',
  ...over,
});

describe('WeChat subscribe-message client against the fake', () => {
  it('sends with a token fetched once and cached; the body is what WeChat documents', async () => {
    const c = client();
    const before = fake.subscribe.tokenRequests();
    expect(await c.send(message('oAdapterUser1'))).toEqual({ result: 'sent' });
    expect(await c.send(message('oAdapterUser2'))).toEqual({ result: 'sent' });
    expect(fake.subscribe.tokenRequests() - before).toBe(1);
    const last = fake.subscribe.sent.at(-1)!;
    expect(last).toMatchObject({
      touser: 'oAdapterUser2',
      template_id: fake.subscribe.templateId,
      page: 'pages/petitions/index?id=abc',
      miniprogram_state: 'formal',
    });
    expect(last.data.thing2).toEqual({ value: '已出具受理告知书' });
  });

  it('refreshes the token before it expires (clock) and when WeChat says expired (42001) or invalid (40001)', async () => {
    let clock = Date.now();
    const c = client({ now: () => clock });
    await c.send(message('oAdapterUser3'));
    let requests = fake.subscribe.tokenRequests();
    clock += 7_200_000 - 4 * 60_000; // within the 5-minute safety margin
    expect(await c.send(message('oAdapterUser3'))).toEqual({ result: 'sent' });
    expect(fake.subscribe.tokenRequests()).toBe(requests + 1);

    requests = fake.subscribe.tokenRequests();
    fake.subscribe.expireTokens();
    expect(await c.send(message('oAdapterUser3'))).toEqual({ result: 'sent' });
    fake.subscribe.revokeTokens();
    expect(await c.send(message('oAdapterUser3'))).toEqual({ result: 'sent' });
    expect(fake.subscribe.tokenRequests()).toBe(requests + 2);
  });

  it.each([
    ['refused-a1b2c3', 'skipped', 'wechat:43101'],
    ['badopenid-a1b2c3', 'skipped', 'wechat:40003'],
    ['x', 'skipped', 'wechat:40003'],
    ['tplerr-a1b2c3', 'failed', 'wechat:47003'],
    ['busy-a1b2c3', 'retry', 'wechat:-1'],
    ['quota-a1b2c3', 'rateLimited', 'wechat:45009'],
  ])('maps the answer for %s to %s (%s)', async (openid, result, code) => {
    expect(await client().send(message(openid))).toEqual({ result, code });
  });

  it('fails without retry on a wrong template id (40037) or a value breaking its kind (47003)', async () => {
    expect(await client().send(message('oAdapterUser4', { templateId: 'nope' }))).toEqual({
      result: 'failed',
      code: 'wechat:40037',
    });
    const tooLong = message('oAdapterUser4', {
      data: { thing2: { value: '一二三四五六七八九十一二三四五六七八九十一' } },
    });
    expect(await client().send(tooLong)).toEqual({ result: 'failed', code: 'wechat:47003' });
  });

  it('asks for a retry on a timeout and on a refused token request, without calling send', async () => {
    const slow = await client({ timeoutMs: 300 }).send(message('slow-a1b2c3'));
    expect(slow).toEqual({ result: 'retry', code: 'timeout' });
    const attempts = fake.subscribe.attempts.length;
    expect(await client({ secret: 'wrong' }).send(message('oAdapterUser5'))).toEqual({
      result: 'retry',
      code: 'token:40001',
    });
    expect(fake.subscribe.attempts.length).toBe(attempts);
    expect(await client({ appid: undefined }).send(message('oAdapterUser5'))).toEqual({
      result: 'skipped',
      code: 'not-configured',
    });
  });

  it('never logs the token, the secret or the openid', async () => {
    const c = client({ secret: 'wrong' });
    await c.send(message('oSecretOpenid'));
    const ok = client();
    await ok.send(message('tplerr-oSecretOpenid'));
    const all = [...c.logs, ...ok.logs].join('\n');
    expect(all).toMatch(/errcode/);
    expect(all).not.toContain('oSecretOpenid');
    expect(all).not.toContain(fake.secret);
    expect(all).not.toContain('access_token=');
  });
});

describe('template values fitted to WeChat’s rules', () => {
  it.each([
    ['thing2', '一二三四五六七八九十一二三四五六七八九十一二三', '一二三四五六七八九十一二三四五六七八九…'],
    ['thing2', '短', '短'],
    ['character_string1', 'XF-2026-990102-000123（副本）', 'XF-2026-990102-000123'],
    ['phrase3', '已受理完毕了吗', '已受理完毕'],
    ['phrase3', 'ok', '无'],
    ['number5', '第12.5号', '12.5'],
    ['name6', '张三abc', '张三'],
  ])('%s: %s → %s', (key, value, fitted) => {
    expect(fitValue(key, value)).toBe(fitted);
  });

  it('reads the kind from the keyword name', () => {
    expect(kindOfKey('character_string12')).toBe('character_string');
    expect(kindOfKey('thing1')).toBe('thing');
    expect(kindOfKey('nonsense1')).toBeUndefined();
  });

  it('fitted values are accepted by the fake, which checks WeChat’s rules independently', async () => {
    const long = '关于小区电梯长期故障无人维修及维修基金使用情况不公开的问题';
    const data = Object.fromEntries(
      [
        ['thing2', long],
        ['character_string1', 'XF-2026-990102-000123/补充材料说明'],
        ['phrase3', '办理中的事项'],
        ['time4', '2026年11月20日 10:00'],
      ].map(([k, v]) => [k!, { value: fitValue(k!, v!) }]),
    );
    expect(await client().send(message('oAdapterUser6', { data }))).toEqual({ result: 'sent' });
  });
});
