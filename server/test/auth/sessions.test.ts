import { describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { build, loginAs } from '../helper';
import { insertUser } from './fakes';
import { hashToken } from '../../src/modules/auth/session.service';
import type { App } from '../../src/app';

const me = (app: App, token?: string) =>
  app.inject({ url: '/api/auth/me', headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('sessions', () => {
  it('GET /api/auth/me returns the actor; only sha256(token) is stored', async () => {
    const { app } = await build();
    const id = await insertUser(app, {
      username: 'h1',
      displayName: '孙浩',
      roles: ['clerk', 'handler'],
      unitCode: 'jd-zjj',
    });
    const { token } = await loginAs(app, 'h1');
    const res = await me(app, token);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({
      id,
      displayName: '孙浩',
      roles: ['clerk', 'handler'],
      unitCode: 'jd-zjj',
      kind: 'staff',
    });
    const stored = await app.db.conn
      .collection('sessions')
      .findOne({ _id: new Types.ObjectId(res.json().session.id) });
    expect(stored?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('answers 401 in Chinese without a token, with a malformed one, or an unknown one', async () => {
    const { app } = await build();
    expect((await me(app)).json()).toMatchObject({ statusCode: 401, message: '请先登录' });
    expect((await me(app, 'short')).statusCode).toBe(401);
    expect((await me(app, 'A'.repeat(43))).json().message).toBe('登录已失效，请重新登录');
    const basic = await app.inject({ url: '/api/auth/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.statusCode).toBe(401);
  });

  it('logout revokes the session (idempotently gone for good)', async () => {
    const { app } = await build();
    await insertUser(app, { username: 'c1', roles: ['clerk'], unitCode: 'u' });
    const { token } = await loginAs(app, 'c1');
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(app, token)).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.statusCode).toBe(401);
  });

  // These two rewrite the session in the database behind the app's back: without the in-process cache
  // (SESSION_CACHE_MS=0), so that every request reads what the test wrote.
  it('expires staff sessions after the idle timeout and slides it on use', async () => {
    const { app } = await build({ env: { SESSION_CACHE_MS: '0' } });
    await insertUser(app, { username: 'c2', roles: ['clerk'], unitCode: 'u' });
    const { token } = await loginAs(app, 'c2');
    const sessions = app.db.conn.collection('sessions');
    const s = await sessions.findOne({ tokenHash: hashToken(token) });
    // Staff idle timeout defaults to 30 minutes; residents get days.
    expect(s!.expiresAt.getTime() - s!.createdAt.getTime()).toBe(30 * 60_000);
    expect(s!.absoluteExpiresAt.getTime() - s!.createdAt.getTime()).toBe(12 * 3_600_000);

    // Last seen 10 minutes ago: still valid, and using it pushes expiry to now + 30 min.
    const tenAgo = new Date(Date.now() - 10 * 60_000);
    await sessions.updateOne(
      { _id: s!._id },
      { $set: { lastSeenAt: tenAgo, expiresAt: new Date(tenAgo.getTime() + 30 * 60_000) } },
    );
    expect((await me(app, token)).statusCode).toBe(200);
    const slid = await sessions.findOne({ _id: s!._id });
    expect(slid!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);

    await sessions.updateOne({ _id: s!._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(app, token)).statusCode).toBe(401);
  });

  it('never slides past the absolute timeout', async () => {
    const { app } = await build({ env: { SESSION_CACHE_MS: '0' } });
    await insertUser(app, { username: 'c3', roles: ['clerk'], unitCode: 'u' });
    const { token } = await loginAs(app, 'c3');
    const sessions = app.db.conn.collection('sessions');
    const absolute = new Date(Date.now() + 5 * 60_000);
    await sessions.updateOne(
      { tokenHash: hashToken(token) },
      { $set: { absoluteExpiresAt: absolute, lastSeenAt: new Date(Date.now() - 120_000) } },
    );
    expect((await me(app, token)).statusCode).toBe(200);
    const s = await sessions.findOne({ tokenHash: hashToken(token) });
    expect(s!.expiresAt.getTime()).toBe(absolute.getTime());
  });

  it('a resolved session is reused in-process for SESSION_CACHE_MS: a revocation by another instance takes effect within that window, one through this instance at once', async () => {
    const { app } = await build({ env: { SESSION_CACHE_MS: '3000' } });
    await insertUser(app, { username: 'c5', roles: ['clerk'], unitCode: 'u' });
    const { token } = await loginAs(app, 'c5');
    expect((await me(app, token)).statusCode).toBe(200); // resolved from the database, now cached
    // another instance revokes it (written straight to the database)
    await app.db.conn
      .collection('sessions')
      .updateOne({ tokenHash: hashToken(token) }, { $set: { revokedAt: new Date() } });
    expect((await me(app, token)).statusCode).toBe(200); // the documented window
    await new Promise((r) => setTimeout(r, 3100));
    expect((await me(app, token)).statusCode).toBe(401);

    // through this instance: the admin revokes all of a user's sessions — no window
    const { token: second } = await loginAs(app, 'c5');
    expect((await me(app, second)).statusCode).toBe(200);
    const userId = (await me(app, second)).json().user.id as string;
    expect(await app.auth.sessions.revokeAllForUser(userId)).toBe(1);
    expect((await me(app, second)).statusCode).toBe(401);
  });

  it('resident sessions last days', async () => {
    const { app } = await build();
    const id = await insertUser(app, {});
    const { token } = await loginAs(app, id);
    const s = await app.db.conn.collection('sessions').findOne({ tokenHash: hashToken(token) });
    expect(s!.kind).toBe('resident');
    expect(s!.expiresAt.getTime() - s!.createdAt.getTime()).toBe(7 * 86_400_000);
  });

  it('purgeExpiredSessions deletes expired sessions and challenges only', async () => {
    const { app } = await build();
    const id = await insertUser(app, {});
    const live = await loginAs(app, id);
    const dead = await loginAs(app, id);
    await app.db.conn
      .collection('sessions')
      .updateOne({ tokenHash: hashToken(dead.token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const counts = await app.auth.purgeExpiredSessions(new Date());
    expect(counts.sessions).toBe(1);
    expect((await me(app, live.token)).statusCode).toBe(200);
    expect(await app.db.conn.collection('sessions').countDocuments()).toBe(1);
    expect((await app.auth.purgeExpiredSessions(new Date())).sessions).toBe(0);
  });
});

describe('roles and admin session management', () => {
  it('requireRoles answers 403 to a non-admin and 401 to nobody', async () => {
    const { app } = await build();
    const target = await insertUser(app, {});
    await insertUser(app, { username: 'c4', roles: ['clerk'], unitCode: 'u' });
    const clerk = await loginAs(app, 'c4');
    const res = await app.inject({ url: `/api/admin/users/${target}/sessions`, headers: clerk.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
    expect((await app.inject({ url: `/api/admin/users/${target}/sessions` })).statusCode).toBe(401);
    const revoke = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${target}/revoke-sessions`,
      headers: clerk.headers,
    });
    expect(revoke.statusCode).toBe(403);
  });

  it('an admin lists a user’s sessions (no token material) and revokes them all', async () => {
    const { app } = await build();
    const target = await insertUser(app, { username: 'c5', roles: ['clerk'], unitCode: 'u' });
    await insertUser(app, { username: 'admin1', roles: ['admin'], unitCode: 'u' });
    const admin = await loginAs(app, 'admin1');
    const a = await loginAs(app, 'c5');
    const b = await loginAs(app, 'c5');

    const list = await app.inject({ url: `/api/admin/users/${target}/sessions`, headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().sessions).toHaveLength(2);
    expect(list.json().sessions[0]).toMatchObject({ kind: 'staff', active: true, revokedAt: null });
    expect(list.body).not.toMatch(/tokenHash|wechatSessionKey/);
    expect(list.body).not.toContain(hashToken(a.token));

    const revoke = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${target}/revoke-sessions`,
      headers: admin.headers,
    });
    expect(revoke.json()).toEqual({ revoked: 2 });
    expect((await me(app, a.token)).statusCode).toBe(401);
    expect((await me(app, b.token)).statusCode).toBe(401);
    expect((await me(app, admin.token)).statusCode).toBe(200);
    const after = await app.inject({ url: `/api/admin/users/${target}/sessions`, headers: admin.headers });
    expect(
      after
        .json()
        .sessions.every((s: { active: boolean; revokedAt: string | null }) => !s.active && s.revokedAt),
    ).toBe(true);
    // Idempotent.
    const again = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${target}/revoke-sessions`,
      headers: admin.headers,
    });
    expect(again.json()).toEqual({ revoked: 0 });
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const { app } = await build();
    await insertUser(app, { username: 'admin2', roles: ['admin'], unitCode: 'u' });
    const admin = await loginAs(app, 'admin2');
    expect(
      (
        await app.inject({
          url: `/api/admin/users/0123456789abcdef01234567/sessions`,
          headers: admin.headers,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ url: `/api/admin/users/nope/sessions`, headers: admin.headers })).statusCode,
    ).toBe(400);
  });

  it('documents every auth route with tags, summary and response schemas in OpenAPI', async () => {
    const { app } = await build();
    const doc = (await app.inject({ url: '/api/docs/json' })).json();
    const routes = [
      ['post', '/api/auth/wechat'],
      ['post', '/api/auth/sms/send'],
      ['post', '/api/auth/sms/verify'],
      ['post', '/api/auth/staff/login'],
      ['post', '/api/auth/staff/totp'],
      ['get', '/api/auth/me'],
      ['post', '/api/auth/logout'],
      ['get', '/api/admin/users/{id}/sessions'],
      ['post', '/api/admin/users/{id}/revoke-sessions'],
    ] as const;
    for (const [method, path] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op, path).toBeDefined();
      expect(op.tags.length, path).toBeGreaterThan(0);
      expect(op.summary, path).toMatch(/[\u4e00-\u9fa5]/);
      expect(Object.keys(op.responses), path).toContain('401');
    }
    expect(doc.paths['/api/demo/accounts']).toBeUndefined();
  });
});
