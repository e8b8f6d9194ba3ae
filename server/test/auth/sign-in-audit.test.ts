import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { build, loginAs } from '../helper';
import { insertUser, useFakes } from './fakes';
import type { App } from '../../src/app';

/**
 * Issue 12 finding 8 (GB/T 22239—2019 8.1.4.3 a/c; DOMAIN.md §13): every identity-authentication event is in
 * the audit trail — successful and failed sign-ins by every method (staff password, TOTP step, SMS code,
 * WeChat), throttling, logout, session revocation, TOTP enrolment and reset — each with the request's id and
 * the client address, and never a phone number, a password or a code.
 */
const fakes = useFakes();
const PASSWORD = 'Xinfang#2024ok';
const ADDRESS = '198.51.100.20';

type Res = { statusCode: number; headers: Record<string, unknown>; body: string };

async function entryOf(app: App, res: Res, action: string) {
  await app.audit.flush();
  const rows = await app.db.conn
    .collection('audit_log')
    .find({ requestId: res.headers['x-request-id'] as string })
    .toArray();
  const hit = rows.filter((r) => r.action === action);
  expect(
    hit,
    `${action} for ${res.statusCode} ${res.body.slice(0, 120)}; got ${rows.map((r) => r.action)}`,
  ).toHaveLength(1);
  // one entry per request: the route's own, not a second generic access.denied
  expect(rows.map((r) => r.action)).toEqual([action]);
  return hit[0]!;
}

const post = (app: App, url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload, headers, remoteAddress: ADDRESS });

describe('sign-in events in the audit trail (issue 12 finding 8)', () => {
  it('staff: wrong password, unknown username, throttling, password step, wrong and right TOTP, enrolment, logout', async () => {
    const { app } = await build({ env: fakes.env });
    const id = await insertUser(app, {
      username: 'clerk.test',
      displayName: '王登记',
      roles: ['clerk'],
      unitCode: 'jd-xfj',
    });
    await app.auth.setPassword(id, PASSWORD);
    const login = (username: string, password: string) =>
      post(app, '/api/auth/staff/login', { username, password });

    const wrong = await login('clerk.test', 'Wrong#pass0x');
    expect(await entryOf(app, wrong, 'auth.sign_in')).toMatchObject({
      actor: null,
      targetType: 'user',
      targetId: id,
      result: 'denied',
      detail: { method: 'password', username: 'clerk.test', reason: 'INVALID_CREDENTIALS', address: ADDRESS },
    });
    const unknown = await login('nobody.here', 'Wrong#pass0x');
    expect(await entryOf(app, unknown, 'auth.sign_in')).toMatchObject({
      targetId: null,
      result: 'denied',
      detail: { method: 'password', username: 'nobody.here', reason: 'INVALID_CREDENTIALS' },
    });

    // The password step and the enrolment with its first code.
    const step = await login('clerk.test', PASSWORD);
    expect(await entryOf(app, step, 'auth.password')).toMatchObject({
      targetId: id,
      result: 'ok',
      detail: { username: 'clerk.test', next: 'enroll', address: ADDRESS },
    });
    const { mfaToken, enrollment } = step.json();
    const badCode = await post(app, '/api/auth/staff/totp', { mfaToken, code: '000000' });
    expect(await entryOf(app, badCode, 'auth.sign_in')).toMatchObject({
      targetId: id,
      result: 'denied',
      detail: { method: 'totp', username: 'clerk.test', reason: 'TOTP_INVALID', enrolling: true },
    });
    const code = await generate({ secret: enrollment.secret });
    const done = await post(app, '/api/auth/staff/totp', { mfaToken, code });
    expect(done.statusCode).toBe(200);
    await app.audit.flush();
    const rows = await app.db.conn
      .collection('audit_log')
      .find({ requestId: done.headers['x-request-id'] as string })
      .sort({ seq: 1 })
      .toArray();
    expect(rows.map((r) => r.action)).toEqual(['auth.totp_enrolled', 'auth.sign_in']);
    expect(rows[1]).toMatchObject({
      actor: { userId: id, roles: ['clerk'], unitCode: 'jd-xfj' },
      targetId: id,
      result: 'ok',
      detail: { method: 'password+totp', kind: 'staff', address: ADDRESS, failedBefore: 2 },
    });
    const sessionId = rows[1]!.detail.sessionId as string;
    expect(sessionId).toMatch(/^[0-9a-f]{24}$/);

    // Logout names the session it ends.
    const out = await post(app, '/api/auth/logout', {}, { authorization: `Bearer ${done.json().token}` });
    expect(out.statusCode).toBe(204);
    expect(await entryOf(app, out, 'auth.sign_out')).toMatchObject({
      actor: { userId: id },
      targetId: id,
      result: 'ok',
      detail: { sessionId },
    });

    // Throttling: the sixth attempt from one address.
    for (let i = 0; i < 5; i++) await login('clerk.test', `Wrong#pass${i + 1}x`);
    const slowed = await login('clerk.test', PASSWORD);
    expect(slowed.statusCode).toBe(429);
    expect(await entryOf(app, slowed, 'auth.throttled')).toMatchObject({
      targetId: id,
      result: 'denied',
      detail: {
        method: 'password',
        username: 'clerk.test',
        reason: 'LOGIN_THROTTLED',
        retryAfterSeconds: 60,
      },
    });

    const everything = JSON.stringify(await app.db.conn.collection('audit_log').find().toArray());
    for (const secret of [PASSWORD, 'Wrong#pass0x', enrollment.secret, code, mfaToken, done.json().token])
      expect(everything).not.toContain(secret);
  });

  it('residents: SMS code sent, wrong and right code; WeChat; phones only masked or as the blind index', async () => {
    const { app } = await build({ env: fakes.env });
    const phone = '13700000031';
    const sent = await post(app, '/api/auth/sms/send', { phone });
    expect(await entryOf(app, sent, 'auth.sms_code_sent')).toMatchObject({
      actor: null,
      targetType: 'phone',
      targetId: app.pii.index(phone),
      result: 'ok',
      detail: { phone: '137****0031', address: ADDRESS },
    });
    const sentCode = fakes.sms.lastTo(phone)!.params[0]!;
    const wrong = await post(app, '/api/auth/sms/verify', {
      phone,
      code: sentCode === '000000' ? '111111' : '000000',
    });
    expect(await entryOf(app, wrong, 'auth.sign_in')).toMatchObject({
      targetType: 'phone',
      targetId: app.pii.index(phone),
      result: 'denied',
      detail: { method: 'sms', phone: '137****0031', reason: 'SMS_CODE_WRONG' },
    });
    const ok = await post(app, '/api/auth/sms/verify', { phone, code: sentCode });
    expect(ok.statusCode).toBe(200);
    expect(await entryOf(app, ok, 'auth.sign_in')).toMatchObject({
      actor: { userId: ok.json().user.id, roles: ['resident'] },
      targetType: 'user',
      targetId: ok.json().user.id,
      result: 'ok',
      detail: { method: 'sms', kind: 'resident', phone: '137****0031' },
    });
    // Cooldown refusals are throttling too.
    const again = await post(app, '/api/auth/sms/send', { phone });
    expect(again.statusCode).toBe(429);
    expect(await entryOf(app, again, 'auth.throttled')).toMatchObject({
      result: 'denied',
      detail: { method: 'sms', reason: 'SMS_COOLDOWN' },
    });

    const wx = await post(app, '/api/auth/wechat', { code: 'demo-oAuditWx' });
    expect(await entryOf(app, wx, 'auth.sign_in')).toMatchObject({
      actor: { userId: wx.json().user.id },
      result: 'ok',
      detail: { method: 'wechat', kind: 'resident' },
    });
    const bad = await post(app, '/api/auth/wechat', { code: 'invalid-1' });
    expect(bad.statusCode).toBe(400);
    expect(await entryOf(app, bad, 'auth.sign_in')).toMatchObject({
      targetId: null,
      result: 'denied',
      detail: { method: 'wechat', reason: 'WECHAT_CODE_INVALID' },
    });
    // A staff account bound to a WeChat openid is refused, and that is recorded against the account.
    const staffId = await insertUser(app, {
      openid: 'oStaffWx',
      roles: ['clerk'],
      unitCode: 'jd-xfj',
      username: 'x.wx',
    });
    const refused = await post(app, '/api/auth/wechat', { code: 'demo-oStaffWx' });
    expect(refused.statusCode).toBe(403);
    expect(await entryOf(app, refused, 'auth.sign_in')).toMatchObject({
      targetId: staffId,
      result: 'denied',
      detail: { method: 'wechat', reason: 'FORBIDDEN' },
    });

    expect(JSON.stringify(await app.db.conn.collection('audit_log').find().toArray())).not.toContain(phone);
  });

  it('administration: revoking sessions, resetting TOTP and setting a password are audited with the sessions they end', async () => {
    const { app } = await build({ env: fakes.env });
    const admin = await insertUser(app, { username: 'admin.test', roles: ['admin'], unitCode: 'lj-xfj' });
    const clerk = await insertUser(app, { username: 'clerk.test', roles: ['clerk'], unitCode: 'jd-xfj' });
    const h = (await loginAs(app, admin)).headers;
    await loginAs(app, clerk);
    await loginAs(app, clerk);
    const revoke = await post(app, `/api/admin/users/${clerk}/revoke-sessions`, {}, h);
    expect(revoke.json()).toEqual({ revoked: 2 });
    expect(await entryOf(app, revoke, 'auth.sessions_revoked')).toMatchObject({
      actor: { userId: admin },
      targetType: 'user',
      targetId: clerk,
      result: 'ok',
      detail: { revoked: 2 },
    });
    await loginAs(app, clerk);
    const reset = await post(app, `/api/admin/users/${clerk}/reset-totp`, {}, h);
    expect(await entryOf(app, reset, 'user.reset_totp')).toMatchObject({
      targetId: clerk,
      detail: { sessionsRevoked: 1 },
    });
    await loginAs(app, clerk);
    const pw = await post(app, `/api/admin/users/${clerk}/password`, { password: PASSWORD }, h);
    expect(await entryOf(app, pw, 'user.set_password')).toMatchObject({
      targetId: clerk,
      detail: { sessionsRevoked: 1 },
    });
  });

  it('a DEMO sign-in is recorded as such', async () => {
    const { app } = await build({ env: { ...fakes.env, DEMO: 'true' } });
    const id = await insertUser(app, {
      username: 'demo.clerk',
      roles: ['clerk'],
      unitCode: 'jd-xfj',
      demo: true,
    });
    const res = await post(app, '/api/demo/login', { userId: id });
    expect(res.statusCode).toBe(200);
    expect(await entryOf(app, res, 'auth.sign_in')).toMatchObject({
      actor: { userId: id },
      targetId: id,
      result: 'ok',
      detail: { method: 'demo', kind: 'staff' },
    });
  });
});
