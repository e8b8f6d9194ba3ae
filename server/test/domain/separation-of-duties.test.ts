import { describe, expect, it } from 'vitest';
import {
  decideGrant,
  decideRoleChange,
  DUTIES_ARTICLE,
  grantLock,
  ROLES,
  rolesLock,
  type Role,
} from '../../src/domain';

/** DOMAIN.md §13, GB/T 22239—2019 8.1.4.2 d) and 8.1.5: separation of duties for role grants (issue 12 finding 9). */
const ADMIN = 'a1';
const SECOND = 'a2';
const CLERK = 'u1';

describe('等保 8.1.4.2 d): no one grants roles to himself', () => {
  it('an administrator cannot change his own roles, adding or removing', () => {
    for (const to of [['admin', 'auditor'], ['admin', 'leader'], ['leader'], []] as Role[][]) {
      expect(decideRoleChange({ actorId: ADMIN, targetId: ADMIN, from: ['admin'], to })).toMatchObject({
        kind: 'refused',
        rule: 'self-grant',
        article: DUTIES_ARTICLE,
        message: expect.stringContaining('不能修改自己的角色'),
      });
    }
  });

  it('the lock the admin screen shows before anything is sent is the same refusal, for his own account only', () => {
    expect(rolesLock(ADMIN, ADMIN)).toEqual(
      decideRoleChange({ actorId: ADMIN, targetId: ADMIN, from: ['admin'], to: ['admin', 'auditor'] }),
    );
    expect(rolesLock(ADMIN, CLERK)).toBeNull();
    expect(rolesLock(ADMIN, null)).toBeNull();
  });

  it('leaving his own roles as they are is no change (other fields of his account may be edited)', () => {
    expect(decideRoleChange({ actorId: ADMIN, targetId: ADMIN, from: ['admin'], to: ['admin'] })).toEqual({
      kind: 'apply',
    });
  });
});

describe('三员分立 (8.1.5): the system administrator and the auditor are different accounts', () => {
  it('no account holds admin and auditor together, whoever grants it and from whatever roles', () => {
    for (const from of [[], ['admin'], ['auditor'], ['clerk']] as Role[][]) {
      expect(
        decideRoleChange({ actorId: ADMIN, targetId: CLERK, from, to: ['admin', 'auditor'] }),
      ).toMatchObject({
        kind: 'refused',
        rule: 'conflicting-roles',
        message: '系统管理员与审计员不能由同一账号担任（三员分立）',
      });
    }
  });

  it('every other pair of roles may be combined', () => {
    const staff = ROLES.filter((r) => r !== 'resident');
    for (const a of staff)
      for (const b of staff) {
        if (new Set([a, b]).size === 2 && [a, b].includes('admin') && [a, b].includes('auditor')) continue;
        const d = decideRoleChange({ actorId: ADMIN, targetId: CLERK, from: ['clerk'], to: [a, b] });
        expect(d.kind, `${a}+${b}`).not.toBe('refused');
      }
  });
});

describe('DOMAIN.md §13: granting the auditor (or administrator) role takes a second administrator', () => {
  it('adding auditor, to an existing or a new account, is held for approval; other changes apply at once', () => {
    expect(decideRoleChange({ actorId: ADMIN, targetId: CLERK, from: ['clerk'], to: ['auditor'] })).toEqual({
      kind: 'needsApproval',
      roles: ['auditor'],
    });
    expect(decideRoleChange({ actorId: ADMIN, targetId: null, from: [], to: ['auditor'] })).toEqual({
      kind: 'needsApproval',
      roles: ['auditor'],
    });
    expect(
      decideRoleChange({ actorId: ADMIN, targetId: CLERK, from: ['clerk'], to: ['clerk', 'unit_head'] }),
    ).toEqual({
      kind: 'apply',
    });
    // keeping or removing auditor needs no one else
    expect(
      decideRoleChange({ actorId: ADMIN, targetId: CLERK, from: ['auditor'], to: ['auditor', 'leader'] }),
    ).toEqual({
      kind: 'apply',
    });
    expect(decideRoleChange({ actorId: ADMIN, targetId: CLERK, from: ['auditor'], to: ['leader'] })).toEqual({
      kind: 'apply',
    });
  });

  it('granting admin is held too: one administrator cannot make himself an accomplice to approve his grants', () => {
    expect(decideRoleChange({ actorId: ADMIN, targetId: CLERK, from: ['clerk'], to: ['admin'] })).toEqual({
      kind: 'needsApproval',
      roles: ['admin'],
    });
    expect(decideRoleChange({ actorId: ADMIN, targetId: null, from: [], to: ['admin', 'leader'] })).toEqual({
      kind: 'needsApproval',
      roles: ['admin'],
    });
    // an existing administrator keeps the role through other changes, and may lose it without a second one
    expect(
      decideRoleChange({ actorId: ADMIN, targetId: SECOND, from: ['admin'], to: ['admin', 'leader'] }),
    ).toEqual({ kind: 'apply' });
    expect(decideRoleChange({ actorId: ADMIN, targetId: SECOND, from: ['admin'], to: ['leader'] })).toEqual({
      kind: 'apply',
    });
  });

  it('the requester cannot approve or reject his own request, nor the grantee a grant to himself', () => {
    const grant = { requesterId: ADMIN, targetId: CLERK, to: ['auditor'] as Role[] };
    for (const decision of ['approve', 'reject'] as const) {
      expect(decideGrant({ ...grant, deciderId: ADMIN, decision })).toMatchObject({
        kind: 'refused',
        rule: 'own-request',
        message: '不能审批自己提出的授权申请：须由另一名管理员审批',
      });
      expect(decideGrant({ ...grant, targetId: SECOND, deciderId: SECOND, decision })).toMatchObject({
        kind: 'refused',
        rule: 'own-grant',
      });
      expect(decideGrant({ ...grant, deciderId: SECOND, decision })).toEqual({ kind: 'ok' });
    }
  });

  it('each pending grant shows whether this administrator may decide it, with the refusal he would get', () => {
    expect(grantLock(SECOND, ADMIN, CLERK)).toBeNull();
    expect(grantLock(ADMIN, ADMIN, CLERK)).toEqual(
      decideGrant({
        deciderId: ADMIN,
        requesterId: ADMIN,
        targetId: CLERK,
        to: ['auditor'],
        decision: 'approve',
      }),
    );
    expect(grantLock(CLERK, ADMIN, CLERK)).toMatchObject({ rule: 'own-grant' });
  });

  it('an approval re-checks 三员分立 on the roles it would set', () => {
    expect(
      decideGrant({
        requesterId: ADMIN,
        targetId: CLERK,
        to: ['admin', 'auditor'],
        deciderId: SECOND,
        decision: 'approve',
      }),
    ).toMatchObject({ kind: 'refused', rule: 'conflicting-roles' });
    // rejecting such a request is always possible
    expect(
      decideGrant({
        requesterId: ADMIN,
        targetId: CLERK,
        to: ['admin', 'auditor'],
        deciderId: SECOND,
        decision: 'reject',
      }),
    ).toEqual({ kind: 'ok' });
  });
});
