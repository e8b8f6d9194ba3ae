import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { build } from '../helper';
import { insertUser } from './fakes';
import type { App } from '../../src/app';

const PASSWORD = 'Xinfang#2024ok';

async function staff(app: App, username = 'clerk.test') {
  const id = await insertUser(app, { username, displayName: '王登记', roles: ['clerk'], unitCode: 'jd-xfj' });
  await app.auth.setPassword(id, PASSWORD);
  return id;
}
const login = (app: App, username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/staff/login', payload: { username, password } });
const totp = (app: App, mfaToken: string, code: string) =>
  app.inject({ method: 'POST', url: '/api/auth/staff/totp', payload: { mfaToken, code } });
/** A code for the next 30-second step: accepted (±1 step drift) yet newer than one just used. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/** Password + enrollment; returns the TOTP secret the staff member scanned. */
async function enroll(app: App, username = 'clerk.test') {
  const first = (await login(app, username, PASSWORD)).json();
  const secret = first.enrollment.secret as string;
  const done = await totp(app, first.mfaToken, await generate({ secret }));
  expect(done.statusCode).toBe(200);
  return secret;
}

describe('staff login: password + TOTP', () => {
  it('enrolls TOTP on the first login: the secret is returned once, confirmed by a code, then a staff session', async () => {
    const { app } = await build();
    const id = await staff(app);
    const res = await login(app, 'clerk.test', PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.next).toBe('enroll');
    expect(body.mfaToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(body).not.toHaveProperty('token');
    // The mfaToken is not a session.
    const me = await app.inject({
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${body.mfaToken}` },
    });
    expect(me.statusCode).toBe(401);
    // Not enrolled until confirmed.
    const pending = await app.db.conn.collection('users').findOne({ username: 'clerk.test' });
    expect(pending?.totpEnc ?? null).toBeNull();

    const done = await totp(app, body.mfaToken, await generate({ secret: body.enrollment.secret }));
    expect(done.statusCode).toBe(200);
    expect(done.json().user).toMatchObject({ id, roles: ['clerk'], unitCode: 'jd-xfj', kind: 'staff' });
    const user = await app.db.conn.collection('users').findOne({ username: 'clerk.test' });
    expect(user?.totpEnc).toBeTruthy();
    expect(user?.totpEnc).not.toContain(body.enrollment.secret);
    expect(app.pii.decrypt(user!.totpEnc)).toBe(body.enrollment.secret);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);

    // The mfaToken is single-use.
    expect((await totp(app, body.mfaToken, await nextCode(body.enrollment.secret))).json().code).toBe(
      'MFA_EXPIRED',
    );
  });

  it('asks an enrolled user for a TOTP code and never shows the secret again', async () => {
    const { app } = await build();
    await staff(app);
    const secret = await enroll(app);
    const res = await login(app, 'clerk.test', PASSWORD);
    expect(res.json().next).toBe('totp');
    expect(res.json()).not.toHaveProperty('enrollment');
    expect(res.body).not.toContain(secret);
    const ok = await totp(app, res.json().mfaToken, await nextCode(secret));
    expect(ok.statusCode).toBe(200);
    const me = await app.inject({
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${ok.json().token}` },
    });
    expect(me.json().user.kind).toBe('staff');
  });

  it('refuses a wrong TOTP code and a replayed one', async () => {
    const { app } = await build();
    await staff(app);
    const secret = await enroll(app);
    const mfa = (await login(app, 'clerk.test', PASSWORD)).json().mfaToken;
    const wrong = await totp(app, mfa, '000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({
      code: 'TOTP_INVALID',
      message: '动态验证码错误，请查看身份验证器后重试',
    });
    const code = await nextCode(secret);
    expect((await totp(app, mfa, code)).statusCode).toBe(200);
    const mfa2 = (await login(app, 'clerk.test', PASSWORD)).json().mfaToken;
    expect((await totp(app, mfa2, code)).json().code).toBe('TOTP_INVALID');
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const { app } = await build();
    await staff(app);
    const unknown = await login(app, 'nobody', PASSWORD);
    const wrong = await login(app, 'clerk.test', 'Wrong#password1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
  });

  it('after 5 wrong passwords from one address, 429 even for the right one, until the wait is over (no lock)', async () => {
    const { app } = await build();
    await staff(app);
    for (let i = 0; i < 5; i++)
      expect((await login(app, 'clerk.test', `Wrong#pass${i}x`)).statusCode).toBe(401);
    const slowed = await login(app, 'clerk.test', PASSWORD);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json()).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 60 } });
    expect(slowed.json().message).toMatch(/分钟后再试/);
    await app.db.conn
      .collection('login_attempts')
      .updateMany({}, { $set: { nextAt: new Date(Date.now() - 1000) } });
    expect((await login(app, 'clerk.test', PASSWORD)).statusCode).toBe(200);
  });

  it('cannot be raced past 5 attempts with parallel wrong passwords', async () => {
    const { app } = await build();
    await staff(app);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(app, 'clerk.test', `Wrong#pass${i}x`)),
    );
    expect(results.filter((r) => r.statusCode === 401).length).toBe(5);
    expect(results.filter((r) => r.statusCode === 429).length).toBe(5);
    expect((await login(app, 'clerk.test', PASSWORD)).statusCode).toBe(429);
  });

  it('counts wrong TOTP codes towards the same throttle, so a known password does not buy unlimited guesses', async () => {
    const { app } = await build();
    await staff(app);
    await enroll(app);
    for (let i = 0; i < 5; i++) {
      const mfa = (await login(app, 'clerk.test', PASSWORD)).json().mfaToken;
      expect((await totp(app, mfa, '000000')).statusCode).toBe(401);
    }
    expect((await login(app, 'clerk.test', PASSWORD)).statusCode).toBe(429);
  });

  it('resets the failure count after a full login', async () => {
    const { app } = await build();
    await staff(app);
    const secret = await enroll(app);
    for (let i = 0; i < 4; i++) await login(app, 'clerk.test', `Wrong#pass${i}x`);
    const mfa = (await login(app, 'clerk.test', PASSWORD)).json().mfaToken;
    expect((await totp(app, mfa, await nextCode(secret))).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login(app, 'clerk.test', `Wrong#pass${i}x`);
    expect((await login(app, 'clerk.test', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a disabled account after the password', async () => {
    const { app } = await build();
    await staff(app);
    await app.db.conn
      .collection('users')
      .updateOne({ username: 'clerk.test' }, { $set: { status: 'disabled' } });
    expect((await login(app, 'clerk.test', PASSWORD)).statusCode).toBe(403);
  });
});

describe('setPassword', () => {
  it.each(['short#A1', 'alllowercaseletters', 'abcdefghij12', 'Clerk.test#2024x'])(
    'refuses %s by policy',
    async (pw) => {
      const { app } = await build();
      const id = await insertUser(app, { username: 'clerk.test', roles: ['clerk'] });
      await expect(app.auth.setPassword(id, pw)).rejects.toMatchObject({
        statusCode: 400,
        message: expect.stringMatching(/至少 10 位/),
      });
    },
  );

  it('accepts a strong password, stores argon2id only, and ends existing sessions', async () => {
    const { app } = await build();
    const id = await insertUser(app, { username: 'clerk.test', roles: ['clerk'] });
    const { token } = await app.auth.service.sessionFor(id);
    await app.auth.setPassword(id, 'Abcdefgh1234');
    const user = await app.db.conn.collection('users').findOne({ username: 'clerk.test' });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(user)).not.toContain('Abcdefgh1234');
    const me = await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(401);
  });

  it('refuses residents (no username) and unknown ids', async () => {
    const { app } = await build();
    const resident = await insertUser(app, {});
    await expect(app.auth.setPassword(resident, 'Abcdefgh1234')).rejects.toMatchObject({ statusCode: 404 });
    await expect(app.auth.setPassword('0123456789abcdef01234567', 'Abcdefgh1234')).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
