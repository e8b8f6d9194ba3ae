import { describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { build, loginAs } from '../helper';
import { headersFor, RESIDENT_PHONE, seedDirectory } from './support';
import { PASSWORD_POLICY_MESSAGE } from '../../src/modules/auth/password';

const GOOD_PASSWORD = 'Xinfang#2026ok';

async function setup() {
  const built = await build();
  await seedDirectory(built.app);
  return { ...built, h: await headersFor(built.app) };
}

describe('admin: users', () => {
  it('lists by unit, role and name; residents’ phones only masked; secrets never leave; the read is audited', async () => {
    const { app, h } = await setup();
    const res = await app.inject({
      url: '/api/admin/users?role=resident&limit=200',
      headers: h.admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const residents = res.json().items;
    expect(residents).toHaveLength(4);
    const zhang = residents.find((u: { displayName: string }) => u.displayName === '张秀英');
    expect(zhang).toMatchObject({
      kind: 'resident',
      phoneMasked: '138****0001',
      username: null,
      unitCode: null,
    });
    const raw = res.body;
    expect(raw).not.toContain(RESIDENT_PHONE);
    for (const secret of ['phoneEnc', 'phoneIndex', 'passwordHash', 'totpEnc', 'openid'])
      expect(raw).not.toContain(secret);

    const unit = await app.inject({ url: '/api/admin/users?unitCode=jd-zjj', headers: h.auditor.headers });
    expect(
      unit
        .json()
        .items.map((u: { username: string }) => u.username)
        .sort(),
    ).toEqual(['handler.jd.zjj', 'head.jd.zjj']);
    const sub = await app.inject({
      url: '/api/admin/users?unitCode=jd-gov&includeSubunits=true',
      headers: h.admin.headers,
    });
    expect(sub.json().items.length).toBeGreaterThan(8);
    const byName = await app.inject({
      url: `/api/admin/users?q=${encodeURIComponent('孙')}`,
      headers: h.admin.headers,
    });
    expect(byName.json().items.map((u: { displayName: string }) => u.displayName)).toEqual(['孙浩']);
    // Regex characters are searched literally.
    const weird = await app.inject({
      url: `/api/admin/users?q=${encodeURIComponent('.*')}`,
      headers: h.admin.headers,
    });
    expect(weird.json().items).toEqual([]);

    const audit = await app.db.conn.collection('audit_log').find({ action: 'user.list' }).toArray();
    expect(audit.length).toBe(5);
    expect(audit[0]).toMatchObject({
      targetType: 'user',
      actor: { userId: h.admin.userId },
      detail: { count: 4 },
    });
  });

  it('pages with an id cursor', async () => {
    const { app, h } = await setup();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { json(): { items: { id: string }[]; nextCursor: string | null } } = await app.inject({
        url: `/api/admin/users?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        headers: h.admin.headers,
      });
      const body = res.json();
      seen.push(...body.items.map((u) => u.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await app.db.conn.collection('users').countDocuments());
  });

  it('creates a staff account that can then log in; the password is never stored in clear, logged or audited', async () => {
    const { app, h, logs } = await setup();
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: h.admin.headers,
      payload: {
        username: 'handler.jd.jyj',
        displayName: '新同事',
        roles: ['clerk', 'handler'],
        unitCode: 'jd-jyj',
        password: GOOD_PASSWORD,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'handler.jd.jyj',
      roles: ['clerk', 'handler'],
      unitCode: 'jd-jyj',
      status: 'active',
      kind: 'staff',
      totpEnrolled: false,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/staff/login',
      payload: { username: 'handler.jd.jyj', password: GOOD_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().next).toBe('enroll');
    const stored = await app.db.conn.collection('users').findOne({ username: 'handler.jd.jyj' });
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    const everything =
      JSON.stringify(await app.db.conn.collection('audit_log').find().toArray()) + logs.join('');
    expect(everything).not.toContain(GOOD_PASSWORD);
    const audit = await app.db.conn.collection('audit_log').findOne({ action: 'user.create' });
    expect(audit).toMatchObject({
      targetId: res.json().id,
      detail: { roles: ['clerk', 'handler'], unitCode: 'jd-jyj' },
    });
  });

  it('rejects a weak password (nothing created), a taken username, resident role, an unknown unit', async () => {
    const { app, h } = await setup();
    const post = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/admin/users', headers: h.admin.headers, payload });
    const base = {
      username: 'new.one',
      displayName: '新人',
      roles: ['clerk'],
      unitCode: 'jd-xfj',
      password: GOOD_PASSWORD,
    };
    const weak = await post({ ...base, password: 'short' });
    expect(weak.json()).toMatchObject({ statusCode: 400, message: PASSWORD_POLICY_MESSAGE });
    expect(await app.db.conn.collection('users').countDocuments({ username: 'new.one' })).toBe(0);
    const taken = await post({ ...base, username: 'clerk.jd' });
    expect(taken.json()).toMatchObject({ statusCode: 409, message: '用户名已存在：clerk.jd' });
    expect((await post({ ...base, roles: ['resident'] })).json().message).toBe(
      '工作人员账号不能包含“信访人”角色',
    );
    expect((await post({ ...base, unitCode: 'nowhere' })).json().message).toBe('单位不存在：nowhere');
    expect((await post({ ...base, roles: [] })).statusCode).toBe(400);
    expect((await post({ ...base, roles: ['boss'] })).json().message).toContain('取值不在允许范围内');
    expect((await post({ ...base, username: 'A' })).statusCode).toBe(400);
  });

  it('a role change or a disable revokes the user’s sessions; a name change does not', async () => {
    const { app, h } = await setup();
    const clerk = h.clerk;
    const me = (headers: { authorization: string }) => app.inject({ url: '/api/auth/me', headers });
    const patch = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${clerk.userId}`,
        headers: h.admin.headers,
        payload,
      });

    const renamed = await patch({ displayName: '李明明' });
    expect(renamed.json()).toMatchObject({ user: { displayName: '李明明' }, sessionsRevoked: 0 });
    expect((await me(clerk.headers)).statusCode).toBe(200);

    const promoted = await patch({ roles: ['clerk', 'unit_head'] });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().sessionsRevoked).toBe(1);
    expect((await me(clerk.headers)).statusCode).toBe(401);
    // The next session carries the new roles.
    const again = await loginAs(app, clerk.userId);
    expect((await me(again.headers)).json().user.roles).toEqual(['clerk', 'unit_head']);

    const moved = await patch({ unitCode: 'jd-rsj' });
    expect(moved.json().sessionsRevoked).toBe(1);

    const third = await loginAs(app, clerk.userId);
    const disabled = await patch({ status: 'disabled' });
    expect(disabled.json()).toMatchObject({ user: { status: 'disabled' }, sessionsRevoked: 1 });
    expect((await me(third.headers)).statusCode).toBe(401);
    await expect(loginAs(app, clerk.userId)).rejects.toThrow();

    const audit = await app.db.conn
      .collection('audit_log')
      .find({ action: 'user.update', targetId: clerk.userId })
      .sort({ seq: 1 })
      .toArray();
    expect(audit.map((a) => a.detail.sessionsRevoked)).toEqual([0, 1, 1, 1]);
    expect(audit[1]!.detail).toMatchObject({ rolesFrom: ['clerk'], rolesTo: ['clerk', 'unit_head'] });
    expect(JSON.stringify(audit)).not.toContain('李明明');
  });

  it('refuses self-lockout, resident↔staff role swaps, a unit for a resident', async () => {
    const { app, h } = await setup();
    const patch = (id: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: h.admin.headers, payload });
    expect((await patch(h.admin.userId, { status: 'disabled' })).json().message).toBe('不能停用自己的账号');
    // no one changes his own roles (issue 12 finding 9; separation-of-duties.test.ts): removing his own
    // admin role is refused like any other change of them
    expect((await patch(h.admin.userId, { roles: ['auditor'] })).json()).toMatchObject({
      statusCode: 422,
      message: '不能修改自己的角色：角色须由另一名管理员调整（职责分离）',
    });
    expect((await patch(h.resident.userId, { roles: ['clerk'] })).json().message).toBe(
      '不能在群众账号与工作人员账号之间转换角色',
    );
    expect((await patch(h.clerk.userId, { roles: ['resident'] })).statusCode).toBe(400);
    expect((await patch(h.resident.userId, { unitCode: 'jd-xfj' })).json().message).toBe(
      '群众账号不属于任何单位',
    );
    expect((await patch(new Types.ObjectId().toString(), { displayName: '无' })).statusCode).toBe(404);
    // A resident can be disabled.
    expect((await patch(h.resident.userId, { status: 'disabled' })).json().sessionsRevoked).toBe(1);
  });

  it('resets TOTP (next login enrolls again) and sets a new password; both end sessions', async () => {
    const { app, h } = await setup();
    const users = app.db.conn.collection('users');
    await users.updateOne(
      { username: 'clerk.jd' },
      { $set: { totpEnc: app.pii.encrypt('JBSWY3DPEHPK3PXP'), totpLastStep: 5 } },
    );
    const reset = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${h.clerk.userId}/reset-totp`,
      headers: h.admin.headers,
    });
    expect(reset.json()).toEqual({ ok: true });
    const u = await users.findOne({ username: 'clerk.jd' });
    expect(u!.totpEnc).toBeNull();
    expect((await app.inject({ url: '/api/auth/me', headers: h.clerk.headers })).statusCode).toBe(401);

    const pw = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${h.clerk.userId}/password`,
      headers: h.admin.headers,
      payload: { password: GOOD_PASSWORD },
    });
    expect(pw.statusCode).toBe(200);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/staff/login',
      payload: { username: 'clerk.jd', password: GOOD_PASSWORD },
    });
    expect(login.json().next).toBe('enroll');
    const weak = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${h.clerk.userId}/password`,
      headers: h.admin.headers,
      payload: { password: 'weak' },
    });
    expect(weak.json().message).toBe(PASSWORD_POLICY_MESSAGE);
    const residentReset = await app.inject({
      method: 'POST',
      url: `/api/admin/users/${h.resident.userId}/reset-totp`,
      headers: h.admin.headers,
    });
    expect(residentReset.json()).toMatchObject({ statusCode: 400, message: '群众账号不使用身份验证器' });
    const actions = (
      await app.db.conn
        .collection('audit_log')
        .find({ targetId: h.clerk.userId, 'actor.userId': h.admin.userId })
        .toArray()
    ).map((a) => a.action);
    expect(actions).toEqual(['user.reset_totp', 'user.set_password']);
  });
});
