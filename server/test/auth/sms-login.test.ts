import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { insertUser, useFakes } from './fakes';
import type { App } from '../../src/app';

const fakes = useFakes();

const send = (app: App, phone: string, remoteAddress?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/sms/send',
    payload: { phone },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
const verify = (app: App, phone: string, code: string) =>
  app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { phone, code } });
const lastCode = (phone: string) => fakes.sms.lastTo(phone)!.params[0]!;
/** Moves the cooldown into the past, as if 61 s had gone by. */
const skipCooldown = (app: App) =>
  app.db.conn.collection('sms_codes').updateMany({}, { $set: { lastSentAt: new Date(Date.now() - 61_000) } });

describe('SMS login (H5)', () => {
  it('sends a 6-digit code, stores only its keyed hash, and verify logs in a new resident with an encrypted phone', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000001';
    const res = await send(app, phone);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ cooldownSeconds: 60, expiresInSeconds: 300 });
    const code = lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    const raw = JSON.stringify(await app.db.conn.collection('sms_codes').find().toArray());
    expect(raw).not.toContain(phone);
    expect(raw).not.toContain(`"${code}"`);

    const login = await verify(app, phone, code);
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({
      roles: ['resident'],
      kind: 'resident',
      phoneMasked: '137****0001',
    });
    expect(login.body).not.toContain(phone);
    const user = await app.db.conn.collection('users').findOne({ phoneIndex: app.pii.index(phone) });
    expect(String(user?._id)).toBe(login.json().user.id);
    expect(app.pii.decrypt(user!.phoneEnc)).toBe(phone);
    expect(JSON.stringify(user)).not.toContain(phone);

    // Single use: the same code does not log in twice.
    expect((await verify(app, phone, code)).json().code).toBe('SMS_CODE_INVALID');
  });

  it('logs an existing resident into the same account', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000002';
    const id = await insertUser(app, {
      phoneIndex: app.pii.index(phone),
      phoneEnc: app.pii.encrypt(phone),
      displayName: '老用户',
    });
    await send(app, phone);
    const login = await verify(app, phone, lastCode(phone));
    expect(login.json().user).toMatchObject({ id, displayName: '老用户' });
    expect(await app.db.conn.collection('users').countDocuments()).toBe(1);
  });

  it('answers exactly the same for registered and unregistered phones', async () => {
    const { app } = await build({ env: fakes.env });
    await insertUser(app, { phoneIndex: app.pii.index('13700000003'), displayName: '已注册' });
    const a = await send(app, '13700000003');
    const b = await send(app, '13700000004');
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.body).toBe(b.body);
  });

  it('refuses a phone that is not a mainland mobile number, in Chinese', async () => {
    const { app } = await build({ env: fakes.env });
    for (const phone of ['12345678901', '1380000000', '+8613800000000', 'abc']) {
      const res = await send(app, phone);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe('请输入正确的中国大陆手机号码');
    }
  });

  it('says how many tries are left on a wrong code, and refuses even the right code after 5 attempts', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000005';
    await send(app, phone);
    const code = lastCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await verify(app, phone, wrong);
    expect(first.statusCode).toBe(400);
    expect(first.json()).toMatchObject({ code: 'SMS_CODE_WRONG', message: '验证码错误，还可尝试 4 次' });
    for (let i = 0; i < 3; i++) expect((await verify(app, phone, wrong)).json().code).toBe('SMS_CODE_WRONG');
    expect((await verify(app, phone, wrong)).json().code).toBe('SMS_CODE_EXHAUSTED');
    const right = await verify(app, phone, code);
    expect(right.statusCode).toBe(400);
    expect(right.json()).toMatchObject({
      code: 'SMS_CODE_EXHAUSTED',
      message: '验证码错误次数过多，请重新获取',
    });
    expect(await app.db.conn.collection('sessions').countDocuments()).toBe(0);
  });

  it('counts parallel guesses one by one (no race past the 5 attempts)', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000006';
    await send(app, phone);
    const code = lastCode(phone);
    const guesses = Array.from({ length: 12 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const results = await Promise.all(guesses.map((g) => verify(app, phone, g)));
    expect(results.filter((r) => r.json().code === 'SMS_CODE_WRONG').length).toBe(4);
    const doc = await app.db.conn.collection('sms_codes').findOne({});
    expect(doc?.attempts).toBe(5);
  });

  it('refuses an expired code', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000007';
    await send(app, phone);
    await app.db.conn
      .collection('sms_codes')
      .updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await verify(app, phone, lastCode(phone));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'SMS_CODE_EXPIRED', message: '验证码已过期，请重新获取' });
  });

  it('refuses a code when none was sent', async () => {
    const { app } = await build({ env: fakes.env });
    const res = await verify(app, '13700000008', '123456');
    expect(res.json()).toMatchObject({ code: 'SMS_CODE_INVALID' });
  });

  it('enforces the 60 s cooldown per phone, then the daily cap', async () => {
    const { app } = await build({ env: { ...fakes.env, SMS_DAILY_CAP: '2' } });
    const phone = '13700000009';
    expect((await send(app, phone)).statusCode).toBe(200);
    const again = await send(app, phone);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('SMS_COOLDOWN');
    expect(again.json().message).toMatch(/^验证码已发送，请 \d+ 秒后再试$/);
    // Another phone is not affected.
    expect((await send(app, '13700000010')).statusCode).toBe(200);

    await skipCooldown(app);
    const second = await send(app, phone);
    expect(second.statusCode).toBe(200);
    await skipCooldown(app);
    const third = await send(app, phone);
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({
      code: 'SMS_DAILY_LIMIT',
      message: '今日获取验证码次数已达上限，请明天再试',
    });
  });

  it('sends one code when the same phone asks twice at once', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000011';
    const before = fakes.sms.sent.length;
    const results = await Promise.all([send(app, phone), send(app, phone), send(app, phone)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 429, 429]);
    expect(fakes.sms.sent.length - before).toBe(1);
  });

  it('only the latest code is valid after a resend', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000012';
    await send(app, phone);
    const old = lastCode(phone);
    await skipCooldown(app);
    await send(app, phone);
    const fresh = lastCode(phone);
    if (old !== fresh) expect((await verify(app, phone, old)).json().code).toBe('SMS_CODE_WRONG');
    expect((await verify(app, phone, fresh)).statusCode).toBe(200);
  });

  it('passes provider errors through in Chinese and lets the user retry at once', async () => {
    const { app } = await build({ env: fakes.env });
    const res = await send(app, '13900000429');
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({
      code: 'SMS_RATE_LIMITED',
      message: '该手机号获取验证码过于频繁，请稍后再试',
    });
    const blocked = await send(app, '13900000403');
    expect(blocked.json().code).toBe('SMS_BLOCKED');
    const down = await send(app, '13900000500');
    expect(down.statusCode).toBe(503);
    // Nothing was sent, so no cooldown holds and no code is usable.
    const retry = await send(app, '13900000500');
    expect(retry.statusCode).toBe(503);
    const doc = await app.db.conn
      .collection('sms_codes')
      .findOne({ phoneIndex: app.pii.index('13900000500') });
    expect(doc?.codeHash).toBeNull();
  });

  it('limits SMS requests per IP', async () => {
    const { app } = await build({ env: fakes.env });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await send(app, `1360000${String(i).padStart(4, '0')}`, '10.0.0.7')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    const limited = await send(app, '13611110000', '10.0.0.7');
    expect(limited.json().message).toBe('请求过于频繁，请稍后再试');
    // Another address still gets through.
    expect((await send(app, '13611110001', '10.0.0.8')).statusCode).toBe(200);
  });

  it('refuses SMS login into a staff account', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000013';
    await insertUser(app, {
      phoneIndex: app.pii.index(phone),
      roles: ['clerk'],
      username: 'c13',
      unitCode: 'u',
    });
    await send(app, phone);
    const res = await verify(app, phone, lastCode(phone));
    expect(res.statusCode).toBe(403);
    expect(await app.db.conn.collection('sessions').countDocuments()).toBe(0);
  });
});
