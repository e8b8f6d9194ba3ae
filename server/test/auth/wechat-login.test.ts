import { describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { build } from '../helper';
import { insertUser, useFakes } from './fakes';

const fakes = useFakes();

describe('POST /api/auth/wechat', () => {
  it('logs a resident in: upserts by openid, returns a bearer token, keeps session_key encrypted server-side', async () => {
    const { app } = await build({ env: fakes.env });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: 'demo-oAlice' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({
      displayName: '微信用户',
      roles: ['resident'],
      unitCode: null,
      kind: 'resident',
    });
    expect(JSON.stringify(body)).not.toMatch(/session_?key|openid/i);

    const users = await app.db.conn.collection('users').find({ openid: 'oAlice' }).toArray();
    expect(users).toHaveLength(1);
    expect(String(users[0]!._id)).toBe(body.user.id);

    const session = await app.db.conn.collection('sessions').findOne({ userId: users[0]!._id });
    expect(session?.kind).toBe('resident');
    expect(session?.tokenHash).not.toBe(body.token);
    expect(JSON.stringify(session)).not.toContain(body.token);
    // session_key is stored only as AES-GCM ciphertext that decrypts to a 16-byte base64 key.
    expect(app.pii.decrypt(session!.wechatSessionKeyEnc)).toMatch(/^[A-Za-z0-9+/]{22}==$/);

    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: 'demo-oAlice' },
    });
    expect(again.json().user.id).toBe(body.user.id);
    expect(await app.db.conn.collection('users').countDocuments({ openid: 'oAlice' })).toBe(1);
    expect(again.json().token).not.toBe(body.token);
  });

  it('stores the unionid when WeChat returns one', async () => {
    const { app } = await build({ env: fakes.env });
    const res = await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'union-abc' } });
    expect(res.statusCode).toBe(200);
    const user = await app.db.conn
      .collection('users')
      .findOne({ _id: new Types.ObjectId(res.json().user.id) });
    expect(user?.unionid).toMatch(/^u/);
  });

  it.each([
    ['invalid-1', 400, 'WECHAT_CODE_INVALID'],
    ['freq-1', 429, 'WECHAT_RATE_LIMITED'],
    ['risky-1', 403, 'WECHAT_USER_BLOCKED'],
    ['busy-1', 503, 'UNAVAILABLE'],
  ])('answers code %s with %i %s in Chinese and creates no user', async (code, status, errCode) => {
    const { app } = await build({ env: fakes.env });
    const res = await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code } });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(errCode);
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await app.db.conn.collection('users').countDocuments()).toBe(0);
    expect(await app.db.conn.collection('sessions').countDocuments()).toBe(0);
  });

  it('recovers from one -1 by retrying', async () => {
    const { app } = await build({ env: fakes.env });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: 'busyonce-http' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('answers 503 when WeChat times out', async () => {
    const { app } = await build({ env: { ...fakes.env, WECHAT_TIMEOUT_MS: '200' } });
    const res = await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'slow-http' } });
    expect(res.statusCode).toBe(503);
  });

  it('rejects an empty code by schema', async () => {
    const { app } = await build({ env: fakes.env });
    const res = await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
  });

  it('refuses a staff account bound to that openid (staff must use password + TOTP)', async () => {
    const { app } = await build({ env: fakes.env });
    await insertUser(app, { openid: 'oStaff', roles: ['clerk'], unitCode: 'u1', username: 'clerk.x' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: 'demo-oStaff' },
    });
    expect(res.statusCode).toBe(403);
    expect(await app.db.conn.collection('sessions').countDocuments()).toBe(0);
  });

  it('answers 503 when WeChat is not configured', async () => {
    const { app } = await build();
    const res = await app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'demo-x' } });
    expect(res.statusCode).toBe(503);
  });
});
