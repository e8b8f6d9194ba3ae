/**
 * Separation of duties for role grants (DOMAIN.md §13; 等保 三级, GB/T 22239—2019 8.1.4.2 d "授予管理用户所需的
 * 最小权限，实现管理用户的权限分离" and 8.1.5 安全管理中心: 系统管理员、审计管理员分设, 三员分立). Pure: the admin API
 * asks these functions and enforces their answer; the admin screen shows it.
 *
 * - No one changes his own roles (he could otherwise make himself auditor and read every accusation, or
 *   lift his own limits).
 * - The system administrator and the auditor are never one account. (The code has no separate security
 *   administrator role; if one is added, it joins ROLE_CONFLICTS.)
 * - Granting `auditor` takes a second administrator: the change is held as a pending grant until an
 *   administrator other than the requester — and other than the grantee — approves it. Granting `admin`
 *   does too: otherwise one administrator could make an account he controls an administrator (he sets its
 *   initial password) and approve his own auditor grants with it.
 */
import type { Role } from './case-model';

export const DUTIES_ARTICLE = 'GB/T 22239—2019 8.1.4.2 d）、8.1.5（三员分立）';

/** Roles one account may never hold together. */
export const ROLE_CONFLICTS: readonly (readonly [Role, Role])[] = [['admin', 'auditor']];

/** Roles that are granted only with a second administrator's approval. */
export const APPROVAL_ROLES = ['auditor', 'admin'] as const satisfies readonly Role[];

export type DutiesRule = 'self-grant' | 'conflicting-roles' | 'own-request' | 'own-grant';

export interface DutiesRefusal {
  kind: 'refused';
  rule: DutiesRule;
  message: string;
  article: string;
}

export type RoleChangeDecision =
  | { kind: 'apply' }
  /** Held for a second administrator: `roles` are the ones that need the approval. */
  | { kind: 'needsApproval'; roles: Role[] }
  | DutiesRefusal;

const ROLE_NAMES: Partial<Record<Role, string>> = { admin: '系统管理员', auditor: '审计员' };

const refuse = (rule: DutiesRule, message: string): DutiesRefusal => ({
  kind: 'refused',
  rule,
  message,
  article: DUTIES_ARTICLE,
});

const conflictRefusal = ([a, b]: readonly [Role, Role]) =>
  refuse('conflicting-roles', `${ROLE_NAMES[a] ?? a}与${ROLE_NAMES[b] ?? b}不能由同一账号担任（三员分立）`);

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

/** The first pair of roles in `roles` that one account may not hold together. */
export function conflictingRoles(roles: readonly Role[]): readonly [Role, Role] | undefined {
  return ROLE_CONFLICTS.find(([a, b]) => roles.includes(a) && roles.includes(b));
}

/**
 * Why `actorId` may change no role of account `targetId` at all — his own — or null. The admin screen shows
 * it before anything is sent; `decideRoleChange` refuses with it.
 */
export function rolesLock(actorId: string, targetId: string | null): DutiesRefusal | null {
  return targetId !== null && targetId === actorId
    ? refuse('self-grant', '不能修改自己的角色：角色须由另一名管理员调整（职责分离）')
    : null;
}

/**
 * Why `deciderId` may not decide a grant `requesterId` asked for on account `targetId` — his own request or a
 * grant to himself — or null. Shown with each pending grant; `decideGrant` refuses with it.
 */
export function grantLock(deciderId: string, requesterId: string, targetId: string): DutiesRefusal | null {
  if (deciderId === targetId) return refuse('own-grant', '不能审批授予自己的角色：须由另一名管理员审批');
  if (deciderId === requesterId) {
    return refuse('own-request', '不能审批自己提出的授权申请：须由另一名管理员审批');
  }
  return null;
}

/**
 * An administrator (`actorId`) sets the roles of account `targetId` from `from` to `to` (a new account:
 * `from` is empty).
 */
export function decideRoleChange(input: {
  actorId: string;
  targetId: string | null;
  from: readonly Role[];
  to: readonly Role[];
}): RoleChangeDecision {
  const { actorId, targetId, from, to } = input;
  if (sameSet(from, to)) return { kind: 'apply' };
  const lock = rolesLock(actorId, targetId);
  if (lock) return lock;
  const conflict = conflictingRoles(to);
  if (conflict) {
    return conflictRefusal(conflict);
  }
  const added: Role[] = APPROVAL_ROLES.filter((r) => to.includes(r) && !from.includes(r));
  return added.length ? { kind: 'needsApproval', roles: added } : { kind: 'apply' };
}

/**
 * An administrator (`deciderId`) approves or rejects a pending grant that `requesterId` asked for on account
 * `targetId` (roles `to`). Neither the requester nor the grantee may decide it; an approval re-checks the
 * roles, since the rules may have been broken by another change meanwhile.
 */
export function decideGrant(input: {
  deciderId: string;
  requesterId: string;
  targetId: string;
  to: readonly Role[];
  decision: 'approve' | 'reject';
}): { kind: 'ok' } | DutiesRefusal {
  const lock = grantLock(input.deciderId, input.requesterId, input.targetId);
  if (lock) return lock;
  if (input.decision === 'approve') {
    const conflict = conflictingRoles(input.to);
    if (conflict) {
      return conflictRefusal(conflict);
    }
  }
  return { kind: 'ok' };
}
