import { describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { generate } from 'otplib';
import { build } from '../helper';
import { insertUser } from './fakes';
import type { App } from '../../src/app';

/**
 * Issue 12 finding 11 (GB/T 22239—2019 8.1.4.1 b 登录失败处理): the old lockout answered 401 ×5 then 423 for an
 * existing username and 401 for ever for an unknown one, and let anyone lock any staff account with five
 * requests. Now known and unknown usernames get the same answers; guessing is slowed per (username, client
 * address), with the state in the database; the account owner is told about failed attempts when he next
 * signs in.
 */

const PASSWORD = 'Xinfang#2024ok';
const OUTSIDER = '203.0.113.7';
const DESK = '198.51.100.20';

async function staff(app: App, username = 'clerk.test') {
  const id = await insertUser(app, { username, displayName: '王登记', roles: ['clerk'], unitCode: 'jd-xfj' });
  await app.auth.setPassword(id, PASSWORD);
  return id;
}
const login = (app: App, username: string, password: string, remoteAddress = DESK) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/staff/login',
    payload: { username, password },
    remoteAddress,
  });
const totp = (app: App, mfaToken: string, code: string, remoteAddress = DESK) =>
  app.inject({ method: 'POST', url: '/api/auth/staff/totp', payload: { mfaToken, code }, remoteAddress });
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
/** What a client can observe of an answer (the request id differs by design). */
const seen = (r: { statusCode: number; json: () => Record<string, unknown> }) => ({
  status: r.statusCode,
  body: { ...r.json(), requestId: undefined },
});
/** The throttle's records, made due now (as if the wait had passed), for the (username, address) pairs given. */
async function waitOver(app: App) {
  await app.db.conn
    .collection('login_attempts')
    .updateMany({}, { $set: { nextAt: new Date(Date.now() - 1000) } });
}

async function enroll(app: App, username = 'clerk.test', address = DESK) {
  const first = (await login(app, username, PASSWORD, address)).json();
  const secret = first.enrollment.secret as string;
  const done = await totp(app, first.mfaToken, await generate({ secret }), address);
  expect(done.statusCode, done.body).toBe(200);
  return secret;
}

describe('staff sign-in without a username oracle or an outsider lockout (issue 12 finding 11)', () => {
  it('answers a known username with a wrong password exactly as an unknown username, attempt after attempt', async () => {
    const { app } = await build();
    await staff(app);
    const known = [];
    const unknown = [];
    for (let i = 0; i < 8; i++) {
      known.push(seen(await login(app, 'clerk.test', `Wrong#pass${i}x`, OUTSIDER)));
      unknown.push(seen(await login(app, 'nobody.here', `Wrong#pass${i}x`, OUTSIDER)));
    }
    expect(known).toEqual(unknown);
    expect(known.map((k) => k.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(known[0]!.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    expect(known[5]!.body).toMatchObject({
      code: 'LOGIN_THROTTLED',
      message: '登录失败次数较多，请 1 分钟后再试',
      details: { retryAfterSeconds: 60 },
    });
  });

  it('does the same database work for an unknown username as for a wrong password (comparable timing)', async () => {
    const { app } = await build();
    await staff(app);
    // warm both paths (model init, dummy hash)
    await login(app, 'clerk.test', 'Wrong#warmup1', '192.0.2.1');
    await login(app, 'nobody.here', 'Wrong#warmup1', '192.0.2.1');
    const commands = async (username: string, address: string) => {
      const log: string[] = [];
      mongoose.set('debug', (coll: string, method: string) => log.push(`${coll}.${method}`));
      try {
        await login(app, username, 'Wrong#password1', address);
      } finally {
        mongoose.set('debug', false);
      }
      return log.filter((c) => !c.startsWith('audit_'));
    };
    const known = await commands('clerk.test', '192.0.2.2');
    const unknown = await commands('nobody.here', '192.0.2.2');
    expect(known.length).toBeGreaterThan(2);
    expect(unknown).toEqual(known);
  });

  it('an outsider guessing from his address slows down only himself: the owner signs in from his desk', async () => {
    const { app } = await build();
    await staff(app);
    const secret = await enroll(app);
    for (let i = 0; i < 12; i++) await login(app, 'clerk.test', `Wrong#pass${i}x`, OUTSIDER);
    expect((await login(app, 'clerk.test', PASSWORD, OUTSIDER)).statusCode).toBe(429);
    const step = await login(app, 'clerk.test', PASSWORD, DESK);
    expect(step.statusCode, step.body).toBe(200);
    expect((await totp(app, step.json().mfaToken, await nextCode(secret), DESK)).statusCode).toBe(200);
  });

  it('after five failures from one address the wait doubles, for the right password too; the streak holds across instances', async () => {
    const a = await build();
    await staff(a.app);
    const b = await build({ uri: a.uri });
    for (let i = 0; i < 3; i++)
      expect((await login(a.app, 'clerk.test', `Wrong#a${i}xx`)).statusCode).toBe(401);
    for (let i = 0; i < 2; i++)
      expect((await login(b.app, 'clerk.test', `Wrong#b${i}xx`)).statusCode).toBe(401);
    // the sixth attempt, on either instance, waits a minute — even with the right password
    const wait1 = await login(a.app, 'clerk.test', PASSWORD);
    expect(wait1.statusCode).toBe(429);
    expect(wait1.json().details.retryAfterSeconds).toBeGreaterThan(55);
    expect((await login(b.app, 'clerk.test', PASSWORD)).statusCode).toBe(429);
    await waitOver(a.app);
    expect((await login(b.app, 'clerk.test', 'Wrong#again1')).statusCode).toBe(401);
    const wait2 = await login(a.app, 'clerk.test', PASSWORD);
    expect(wait2.json()).toMatchObject({
      code: 'LOGIN_THROTTLED',
      message: '登录失败次数较多，请 2 分钟后再试',
    });
    await waitOver(a.app);
    expect((await login(a.app, 'clerk.test', PASSWORD)).statusCode).toBe(200);
    // no address of the raw kind is stored, only its keyed hash
    expect(JSON.stringify(await a.app.db.conn.collection('login_attempts').find().toArray())).not.toContain(
      '198.51.100.20',
    );
  });

  it('tells the owner, at his next sign-in, how many attempts failed and when; once', async () => {
    const { app } = await build();
    await staff(app);
    const secret = await enroll(app);
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) await login(app, 'clerk.test', `Wrong#pass${i}x`, OUTSIDER);
    await login(app, 'CLERK.test', 'Wrong#other1', '192.0.2.99');
    const mfa = (await login(app, 'clerk.test', PASSWORD)).json().mfaToken;
    await totp(app, mfa, '000000');
    // failures on other usernames are not his
    await login(app, 'clerk.other', 'Wrong#pass9x', OUTSIDER);

    const step = await login(app, 'clerk.test', PASSWORD);
    const done = await totp(app, step.json().mfaToken, await nextCode(secret));
    expect(done.statusCode, done.body).toBe(200);
    const notice = done.json().failedSignIns;
    expect(notice.count).toBe(5);
    expect(Date.parse(notice.firstAt)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(Date.parse(notice.lastAt)).toBeGreaterThanOrEqual(Date.parse(notice.firstAt));
    expect(Date.parse(notice.lastAt)).toBeLessThanOrEqual(Date.now());

    // Told once: the next sign-in has nothing to report.
    // (as if half a minute had passed: the last TOTP step is forgotten so the same code is fresh again)
    await app.db.conn
      .collection('users')
      .updateOne({ username: 'clerk.test' }, { $set: { totpLastStep: null } });
    const again = await login(app, 'clerk.test', PASSWORD);
    const next = await totp(app, again.json().mfaToken, await nextCode(secret));
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json()).not.toHaveProperty('failedSignIns');
  });

  it('an administrator’s new password lets the owner try again at once', async () => {
    const { app } = await build();
    const id = await staff(app);
    for (let i = 0; i < 6; i++) await login(app, 'clerk.test', `Wrong#pass${i}x`);
    expect((await login(app, 'clerk.test', PASSWORD)).statusCode).toBe(429);
    await app.auth.setPassword(id, 'Another#Pass2024');
    expect((await login(app, 'clerk.test', 'Another#Pass2024')).statusCode).toBe(200);
  });

  it('behind a trusted proxy (TRUST_PROXY) the client address comes from X-Forwarded-For', async () => {
    const { app } = await build({ env: { TRUST_PROXY: '127.0.0.1' } });
    await staff(app);
    const via = (client: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/staff/login',
        payload: { username: 'clerk.test', password },
        headers: { 'x-forwarded-for': client },
      });
    for (let i = 0; i < 6; i++) await via(OUTSIDER, `Wrong#pass${i}x`);
    expect((await via(OUTSIDER, PASSWORD)).statusCode).toBe(429);
    expect((await via(DESK, PASSWORD)).statusCode).toBe(200);
  });

  it('the sessions-purge job deletes records idle for 90 days, and only those', async () => {
    const { app } = await build();
    await login(app, 'nobody.here', 'Wrong#pass1x', OUTSIDER);
    await login(app, 'nobody.else', 'Wrong#pass1x', OUTSIDER);
    const attempts = app.db.conn.collection('login_attempts');
    await attempts.updateOne(
      { username: 'nobody.here' },
      { $set: { lastAt: new Date(Date.now() - 91 * 86_400_000) } },
    );
    expect((await app.auth.purgeExpiredSessions(new Date())).loginAttempts).toBe(1);
    expect(await attempts.distinct('username')).toEqual(['nobody.else']);
  });

  it('refuses a username of the wrong shape before anything is counted or stored', async () => {
    const { app } = await build();
    const res = await login(app, 'admin\nx', 'Wrong#pass1x');
    expect(res.statusCode).toBe(400);
    expect(await app.db.conn.collection('login_attempts').countDocuments()).toBe(0);
  });
});
