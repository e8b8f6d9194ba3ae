import { describe, expect, it } from 'vitest';
import { build, loginAs } from '../helper';
import { headersFor, seedDirectory } from './support';
import { DUTIES_ARTICLE } from '../../src/domain';
import type { App } from '../../src/app';

/**
 * Issue 12 finding 9 (DOMAIN.md §13; GB/T 22239—2019 8.1.4.2 d, 8.1.5 三员分立): an admin could PATCH his own
 * roles to include auditor and then read every accusation. Now the admin API enforces the domain's rules
 * (domain/duties.ts): no one changes his own roles, admin and auditor never sit on one account, and
 * granting auditor is held until a second administrator approves it.
 */
async function setup() {
  const built = await build();
  await seedDirectory(built.app);
  const h = await headersFor(built.app);
  const admin2 = await loginAs(built.app, 'admin2');
  return { ...built, h, admin2 };
}
const patch = (app: App, headers: Record<string, string>, id: string, payload: object) =>
  app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers, payload });
const rolesOf = async (app: App, username: string) =>
  (await app.db.conn.collection('users').findOne({ username }))!.roles as string[];
const audited = (app: App, action: string) =>
  app.db.conn.collection('audit_log').find({ action }).sort({ seq: 1 }).toArray();

describe('separation of duties in the admin API (issue 12 finding 9)', () => {
  it('an admin cannot give himself the auditor role (nor any role), and the attempt is audited', async () => {
    const { app, h } = await setup();
    const res = await patch(app, h.admin.headers, h.admin.userId, { roles: ['admin', 'auditor'] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '不能修改自己的角色：角色须由另一名管理员调整（职责分离）',
      details: { article: DUTIES_ARTICLE, rule: 'self-grant' },
    });
    expect(await rolesOf(app, 'admin')).toEqual(['admin']);
    expect(await app.db.conn.collection('role_grants').countDocuments()).toBe(0);
    // still no way into the accusations: his session has the admin role only
    const me = await app.inject({ url: '/api/auth/me', headers: h.admin.headers });
    expect(me.json().user.roles).toEqual(['admin']);
    expect(await audited(app, 'user.role_change.refused')).toMatchObject([
      {
        actor: { userId: h.admin.userId },
        targetId: h.admin.userId,
        result: 'denied',
        detail: { rule: 'self-grant' },
      },
    ]);
    // the admin screen is told before he tries: his own roles are locked, another account's are not
    const self = await app.inject({ url: `/api/admin/users/${h.admin.userId}`, headers: h.admin.headers });
    expect(self.json().rolesLocked).toBe('不能修改自己的角色：角色须由另一名管理员调整（职责分离）');
    const other = await app.inject({ url: `/api/admin/users/${h.clerk.userId}`, headers: h.admin.headers });
    expect(other.json().rolesLocked).toBeNull();
    // his own name may still be edited
    expect(
      (await patch(app, h.admin.headers, h.admin.userId, { displayName: '系统管理员甲' })).statusCode,
    ).toBe(200);
  });

  it('admin and auditor never sit on one account (三员分立), on creation or change', async () => {
    const { app, h } = await setup();
    const both = await patch(app, h.admin.headers, h.auditor.userId, { roles: ['auditor', 'admin'] });
    expect(both.statusCode).toBe(422);
    expect(both.json().message).toBe('系统管理员与审计员不能由同一账号担任（三员分立）');
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: h.admin.headers,
      payload: {
        username: 'both.roles',
        displayName: '兼任者',
        roles: ['admin', 'auditor'],
        unitCode: 'lj-xfj',
        password: 'Xinfang#2026ok',
      },
    });
    expect(created.statusCode).toBe(422);
    expect(await app.db.conn.collection('users').countDocuments({ username: 'both.roles' })).toBe(0);
  });

  it('granting auditor is held for a second administrator, who approves it; the grantee’s sessions end then', async () => {
    const { app, h, admin2 } = await setup();
    const clerk = h.clerk; // clerk.jd, signed in once
    const held = await patch(app, h.admin.headers, clerk.userId, { roles: ['auditor'] });
    expect(held.statusCode).toBe(202);
    const grantId = held.json().user.pendingGrant.id;
    expect(held.json()).toMatchObject({
      sessionsRevoked: 0,
      user: { roles: ['clerk'], pendingGrant: { rolesTo: ['auditor'], requestedBy: h.admin.userId } },
    });
    expect(await rolesOf(app, 'clerk.jd')).toEqual(['clerk']);
    // A replay of the same request is the same grant; a different one while it is pending is a conflict.
    expect(
      (await patch(app, h.admin.headers, clerk.userId, { roles: ['auditor'] })).json().user.pendingGrant.id,
    ).toBe(grantId);
    // …and refused whole: the name sent with it is not applied either
    expect(
      (
        await patch(app, h.admin.headers, clerk.userId, {
          displayName: '改名不应生效',
          roles: ['auditor', 'leader'],
        })
      ).statusCode,
    ).toBe(409);
    expect((await app.db.conn.collection('users').findOne({ username: 'clerk.jd' }))!.displayName).toBe(
      '李明',
    );

    const list = await app.inject({ url: '/api/admin/role-grants', headers: admin2.headers });
    expect(list.json().items).toMatchObject([
      {
        id: grantId,
        userId: clerk.userId,
        username: 'clerk.jd',
        rolesFrom: ['clerk'],
        rolesTo: ['auditor'],
        requestedBy: { id: h.admin.userId, displayName: '系统管理员' },
        status: 'pending',
        decidedBy: null,
        mayDecide: true,
        lock: null,
      },
    ]);
    // the requester is shown that he may not decide it, and why
    const ownList = await app.inject({ url: '/api/admin/role-grants', headers: h.admin.headers });
    expect(ownList.json().items).toMatchObject([
      { id: grantId, mayDecide: false, lock: '不能审批自己提出的授权申请：须由另一名管理员审批' },
    ]);
    // the requester cannot decide his own request
    const own = await app.inject({
      method: 'POST',
      url: `/api/admin/role-grants/${grantId}/approve`,
      headers: h.admin.headers,
    });
    expect(own.statusCode).toBe(422);
    expect(own.json().message).toBe('不能审批自己提出的授权申请：须由另一名管理员审批');
    expect(await rolesOf(app, 'clerk.jd')).toEqual(['clerk']);

    const ok = await app.inject({
      method: 'POST',
      url: `/api/admin/role-grants/${grantId}/approve`,
      headers: admin2.headers,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      grant: { status: 'approved', decidedBy: { id: admin2.userId } },
      user: { roles: ['auditor'], pendingGrant: null },
      sessionsRevoked: 1,
    });
    expect((await app.inject({ url: '/api/auth/me', headers: clerk.headers })).statusCode).toBe(401);
    // decided once
    const again = await app.inject({
      method: 'POST',
      url: `/api/admin/role-grants/${grantId}/approve`,
      headers: admin2.headers,
    });
    expect(again.statusCode).toBe(409);
    expect((await audited(app, 'user.role_grant.request')).map((e) => e.detail.grantId)).toEqual([grantId]);
    expect(await audited(app, 'user.role_grant.approve')).toMatchObject([
      {
        actor: { userId: admin2.userId },
        targetId: clerk.userId,
        detail: { grantId, rolesTo: ['auditor'], requestedBy: h.admin.userId, sessionsRevoked: 1 },
      },
    ]);
    expect(await audited(app, 'user.role_grant.refused')).toMatchObject([
      { actor: { userId: h.admin.userId }, detail: { grantId, decision: 'approve', rule: 'own-request' } },
    ]);
  });

  it('another administrator may reject it; the roles stay as they were', async () => {
    const { app, h, admin2 } = await setup();
    const leader = await loginAs(app, 'leader.city');
    const grantId = (
      await patch(app, h.admin.headers, leader.userId, { roles: ['leader', 'auditor'] })
    ).json().user.pendingGrant.id;
    const ownReject = await app.inject({
      method: 'POST',
      url: `/api/admin/role-grants/${grantId}/reject`,
      headers: h.admin.headers,
      payload: {},
    });
    expect(ownReject.statusCode).toBe(422);
    const rejected = await app.inject({
      method: 'POST',
      url: `/api/admin/role-grants/${grantId}/reject`,
      headers: admin2.headers,
      payload: { reason: '审计员应由审计部门人员担任' },
    });
    expect(rejected.json()).toMatchObject({
      grant: { status: 'rejected', reason: '审计员应由审计部门人员担任', decidedBy: { id: admin2.userId } },
    });
    expect(await rolesOf(app, 'leader.city')).toEqual(['leader']);
    expect((await app.inject({ url: '/api/auth/me', headers: leader.headers })).statusCode).toBe(200);
    const decided = await app.inject({
      url: '/api/admin/role-grants?status=rejected',
      headers: h.auditor.headers,
    });
    expect(decided.json().items.map((g: { id: string }) => g.id)).toEqual([grantId]);
    // the reason is free text: not copied into the audit trail
    expect(JSON.stringify(await audited(app, 'user.role_grant.reject'))).not.toContain('审计部门');
  });

  it('a new account with the auditor role is created with its other roles; auditor waits for the approval', async () => {
    const { app, h, admin2 } = await setup();
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: h.admin.headers,
      payload: {
        username: 'auditor.two',
        displayName: '第二审计员',
        roles: ['auditor'],
        unitCode: 'lj-xfj',
        password: 'Xinfang#2026ok',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ roles: [], pendingGrant: { rolesTo: ['auditor'] } });
    const approved = await app.inject({
      method: 'POST',
      url: `/api/admin/role-grants/${created.json().pendingGrant.id}/approve`,
      headers: admin2.headers,
    });
    expect(approved.json().user.roles).toEqual(['auditor']);
  });

  it('a lone administrator cannot make an accomplice: granting admin waits for a second administrator too', async () => {
    const { app, h, admin2 } = await setup();
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: h.admin.headers,
      payload: {
        username: 'admin.three',
        displayName: '第三管理员',
        roles: ['admin'],
        unitCode: 'lj-xfj',
        password: 'Xinfang#2026ok',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    // the account he set the password of is no administrator until another one approves
    expect(created.json()).toMatchObject({ roles: [], pendingGrant: { rolesTo: ['admin'] } });
    expect(await rolesOf(app, 'admin.three')).toEqual([]);
    const leader = await loginAs(app, 'leader.city');
    const promote = await patch(app, h.admin.headers, leader.userId, { roles: ['leader', 'admin'] });
    expect(promote.statusCode).toBe(202);
    expect(await rolesOf(app, 'leader.city')).toEqual(['leader']);
    const approved = await app.inject({
      method: 'POST',
      url: `/api/admin/role-grants/${promote.json().user.pendingGrant.id}/approve`,
      headers: admin2.headers,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await rolesOf(app, 'leader.city')).toEqual(['leader', 'admin']);
  });

  it('an approval on roles that changed since the request is refused (409), nothing applied', async () => {
    const { app, h, admin2 } = await setup();
    const clerk = await loginAs(app, 'clerk.jd');
    const grantId = (await patch(app, h.admin.headers, clerk.userId, { roles: ['clerk', 'auditor'] })).json()
      .user.pendingGrant.id;
    expect(
      (await patch(app, admin2.headers, clerk.userId, { roles: ['clerk', 'unit_head'] })).statusCode,
    ).toBe(200);
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/role-grants/${grantId}/approve`,
      headers: admin2.headers,
    });
    expect(res.statusCode).toBe(409);
    expect(await rolesOf(app, 'clerk.jd')).toEqual(['clerk', 'unit_head']);
  });
});
