import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { insertUser } from './fakes';

describe('DEMO endpoints', () => {
  it.each([
    ['GET', '/api/demo/accounts', undefined],
    ['POST', '/api/demo/login', { userId: '0123456789abcdef01234567' }],
    ['POST', '/api/demo/sms-outbox', { phone: '13800000001' }],
  ] as const)('%s %s is 404 when DEMO is off', async (method, url, payload) => {
    const { app } = await build();
    const res = await app.inject({ method, url, ...(payload ? { payload } : {}) });
    expect(res.statusCode).toBe(404);
    expect(app.auth.demo).toBeNull();
  });

  it('lists demo accounts (no notes, no phones) and logs in as one without password or TOTP', async () => {
    const { app } = await build({ env: { DEMO: 'true' } });
    await app.db.conn.collection('units').insertOne({ code: 'jd-xfj', name: '江东区信访局' });
    const clerk = await insertUser(app, {
      username: 'clerk.jd',
      displayName: '李明',
      roles: ['clerk'],
      unitCode: 'jd-xfj',
      demo: true,
    });
    const resident = await insertUser(app, {
      displayName: '张秀英',
      demo: true,
      phoneIndex: app.pii.index('13800000001'),
      phoneEnc: app.pii.encrypt('13800000001'),
      note: '群众（住房问题）',
    });
    await insertUser(app, { username: 'not.demo', roles: ['admin'], unitCode: 'x' });

    const list = await app.inject({ url: '/api/demo/accounts' });
    expect(list.statusCode).toBe(200);
    expect(list.json().accounts).toEqual([
      { id: clerk, displayName: '李明', roles: ['clerk'], unitCode: 'jd-xfj', unitName: '江东区信访局' },
      { id: resident, displayName: '张秀英', roles: ['resident'], unitCode: null, unitName: null },
    ]);
    expect(list.body).not.toMatch(/13800000001|phone|note|住房/);

    const login = await app.inject({ method: 'POST', url: '/api/demo/login', payload: { userId: clerk } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ id: clerk, kind: 'staff' });
    const me = await app.inject({
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${login.json().token}` },
    });
    expect(me.json().user.displayName).toBe('李明');

    const notDemo = await app.db.conn.collection('users').findOne({ username: 'not.demo' });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/demo/login',
      payload: { userId: String(notDemo!._id) },
    });
    expect(refused.statusCode).toBe(404);
  });

  it('runs WeChat and SMS login end to end against the in-process fakes, with the code from the outbox', async () => {
    const { app } = await build({ env: { DEMO: 'true' } });
    const wx = await app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: 'demo-oDemoUser' },
    });
    expect(wx.statusCode).toBe(200);

    const phone = '13800000009';
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { phone } })).statusCode,
    ).toBe(200);
    const outbox = await app.inject({ method: 'POST', url: '/api/demo/sms-outbox', payload: { phone } });
    expect(outbox.json().code).toMatch(/^\d{6}$/);
    const verify = await app.inject({
      method: 'POST',
      url: '/api/auth/sms/verify',
      payload: { phone, code: outbox.json().code },
    });
    expect(verify.statusCode).toBe(200);
    expect(
      (
        await app.inject({ method: 'POST', url: '/api/demo/sms-outbox', payload: { phone: '13800000008' } })
      ).json(),
    ).toEqual({
      code: null,
      sentAt: null,
    });
  });

  it('closes the in-process fakes with the app', async () => {
    const { app } = await build({ env: { DEMO: 'true' } });
    const base = app.auth.demo!.wechat.baseUrl;
    await app.close();
    await expect(fetch(`${base}/sns/jscode2session`)).rejects.toThrow();
  });
});
