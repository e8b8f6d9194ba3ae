import { Types } from 'mongoose';
import { decideGrant, grantLock, type DutiesRefusal, type Role } from '../../domain';
import { Conflict, NotFound, RuleViolation } from '../../errors';
import type { RoleGrant, RoleGrantListQuery } from '../../contracts/admin';
import type { AuthApi } from '../auth/auth.plugin';
import { userModel } from '../users/user.model';
import { isDuplicateKey, type AdminContext, type AdminDeps } from './admin.shared';
import { roleGrantModel, type RoleGrantDoc } from './role-grant.model';

/** A domain refusal of a role change, as the API answers it (422 with the rule's article). */
export const dutiesViolation = (d: DutiesRefusal) => new RuleViolation(d.message, d.article, d.rule);

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

/**
 * Pending role grants (DOMAIN.md §13, domain/duties.ts): a change that the domain holds for a second
 * administrator is stored here instead of being applied; another administrator approves (the roles are set
 * and the account's sessions end) or rejects it. Every step is audited.
 */
export function roleGrantsService(deps: AdminDeps & { auth: AuthApi }) {
  const Grants = roleGrantModel(deps.conn);
  const User = userModel(deps.conn);

  async function audit(ctx: AdminContext, action: string, g: RoleGrantDoc, detail: Record<string, unknown>) {
    await deps.audit.record({
      actor: ctx.actor,
      action,
      targetType: 'user',
      targetId: g.userId,
      result: 'ok',
      detail: { grantId: String(g._id), rolesFrom: g.rolesFrom, rolesTo: g.rolesTo, ...detail },
      requestId: ctx.requestId,
    });
  }

  /** A decision the separation of duties forbids (his own request, a grant to himself): recorded, refused. */
  async function refused(
    ctx: AdminContext,
    g: RoleGrantDoc,
    d: DutiesRefusal,
    decision: 'approve' | 'reject',
  ) {
    await deps.audit.record({
      actor: ctx.actor,
      action: 'user.role_grant.refused',
      targetType: 'user',
      targetId: g.userId,
      result: 'denied',
      detail: { grantId: String(g._id), decision, rule: d.rule },
      requestId: ctx.requestId,
    });
    return dutiesViolation(d);
  }

  /** The grants as `ctx`'s administrator sees them: whether he may decide each, and why not (domain grantLock). */
  async function toDtos(rows: RoleGrantDoc[], ctx: AdminContext): Promise<RoleGrant[]> {
    const isAdmin = ctx.actor.roles.includes('admin');
    const ids = [...new Set(rows.flatMap((g) => [g.userId, g.requestedBy, g.decidedBy ?? g.userId]))];
    const people = await User.find(
      { _id: { $in: ids.filter((i) => Types.ObjectId.isValid(i)).map((i) => new Types.ObjectId(i)) } },
      { displayName: 1, username: 1 },
    ).lean();
    const byId = new Map(people.map((p) => [String(p._id), p]));
    const ref = (id: string) => ({ id, displayName: byId.get(id)?.displayName ?? '（已删除的账号）' });
    return rows.map((g) => ({
      id: String(g._id),
      userId: g.userId,
      username: byId.get(g.userId)?.username ?? null,
      displayName: byId.get(g.userId)?.displayName ?? '（已删除的账号）',
      rolesFrom: g.rolesFrom,
      rolesTo: g.rolesTo,
      requestedBy: ref(g.requestedBy),
      requestedAt: g.requestedAt.toISOString(),
      status: g.status,
      decidedBy: g.decidedBy ? ref(g.decidedBy) : null,
      decidedAt: g.decidedAt ? g.decidedAt.toISOString() : null,
      reason: g.reason ?? null,
      ...decidable(g),
    }));
    function decidable(g: RoleGrantDoc) {
      const lock = g.status === 'pending' ? grantLock(ctx.actor.userId, g.requestedBy, g.userId) : null;
      return {
        mayDecide: isAdmin && g.status === 'pending' && !lock,
        lock: isAdmin ? (lock?.message ?? null) : null,
      };
    }
  }

  async function loadPending(id: string): Promise<RoleGrantDoc> {
    if (!Types.ObjectId.isValid(id)) throw new NotFound('授权申请不存在');
    const g = await Grants.findById(id).lean<RoleGrantDoc>();
    if (!g) throw new NotFound('授权申请不存在');
    if (g.status !== 'pending') {
      throw new Conflict(g.status === 'approved' ? '该授权申请已被批准' : '该授权申请已被驳回');
    }
    return g;
  }

  /** The pending grant `id`, if the domain lets `ctx`'s administrator make this decision on it (else refused). */
  async function decidable(
    id: string,
    ctx: AdminContext,
    decision: 'approve' | 'reject',
  ): Promise<RoleGrantDoc> {
    const g = await loadPending(id);
    const verdict = decideGrant({
      deciderId: ctx.actor.userId,
      requesterId: g.requestedBy,
      targetId: g.userId,
      to: g.rolesTo,
      decision,
    });
    if (verdict.kind === 'refused') throw await refused(ctx, g, verdict, decision);
    return g;
  }

  return {
    /**
     * Holds `rolesTo` for account `userId` (now `rolesFrom`) for a second administrator. A repeat of the
     * same request returns the pending grant; a different one while a grant is pending is a conflict.
     */
    async request(
      userId: string,
      rolesFrom: readonly Role[],
      rolesTo: readonly Role[],
      ctx: AdminContext,
    ): Promise<RoleGrantDoc> {
      const doc = {
        _id: new Types.ObjectId(),
        userId,
        rolesFrom: [...rolesFrom],
        rolesTo: [...rolesTo],
        requestedBy: ctx.actor.userId,
        requestedAt: new Date(),
        status: 'pending' as const,
        pendingFor: userId,
        decidedBy: null,
        decidedAt: null,
        reason: null,
      };
      try {
        await Grants.create(doc);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const pending = await Grants.findOne({ pendingFor: userId }).lean<RoleGrantDoc>();
        if (pending && sameSet(pending.rolesTo, rolesTo)) return pending;
        throw new Conflict('该用户已有待审批的角色申请，请先由另一名管理员审批或驳回');
      }
      await audit(ctx, 'user.role_grant.request', doc, {});
      return doc;
    },

    /** The pending grant of each of these accounts. */
    async pendingOf(userIds: string[]): Promise<Map<string, RoleGrantDoc>> {
      if (!userIds.length) return new Map();
      const rows = await Grants.find({ pendingFor: { $in: userIds } }).lean<RoleGrantDoc[]>();
      return new Map(rows.map((g) => [g.userId, g]));
    },

    async list(q: RoleGrantListQuery, ctx: AdminContext): Promise<{ items: RoleGrant[] }> {
      const rows = await Grants.find({ status: q.status ?? 'pending' })
        .sort({ requestedAt: -1 })
        .limit(q.limit ?? 50)
        .lean<RoleGrantDoc[]>();
      const items = await toDtos(rows, ctx);
      await deps.audit.record({
        actor: ctx.actor,
        action: 'user.role_grant.list',
        targetType: 'role_grant',
        result: 'ok',
        detail: { status: q.status ?? 'pending', count: items.length },
        requestId: ctx.requestId,
      });
      return { items };
    },

    /**
     * Another administrator's approval: the account's roles become `rolesTo` — only if they are still the
     * `rolesFrom` the request was made on (else 409) — and its sessions end. Replayable: an approval that
     * stopped after setting the roles completes on a retry.
     */
    async approve(id: string, ctx: AdminContext): Promise<{ grant: RoleGrant; sessionsRevoked: number }> {
      const g = await decidable(id, ctx, 'approve');
      const user = Types.ObjectId.isValid(g.userId) ? await User.findById(g.userId).lean() : null;
      if (!user) throw new NotFound('用户不存在');
      if (!sameSet(user.roles, g.rolesTo)) {
        if (!sameSet(user.roles, g.rolesFrom)) {
          throw new Conflict('申请提出后该用户的角色已有变更，请驳回后重新申请');
        }
        const set = await User.updateOne(
          { _id: user._id, roles: user.roles },
          { $set: { roles: g.rolesTo } },
        );
        if (set.modifiedCount !== 1) throw new Conflict('该用户的角色正被同时修改，请刷新后重试');
      }
      const decidedAt = new Date();
      const done = await Grants.findOneAndUpdate(
        { _id: g._id, status: 'pending' },
        { $set: { status: 'approved', decidedBy: ctx.actor.userId, decidedAt }, $unset: { pendingFor: 1 } },
        { new: true },
      ).lean<RoleGrantDoc>();
      if (!done) throw new Conflict('该授权申请已由其他管理员处理');
      // Sessions carry a copy of the roles (as for any role change, users.service.ts update).
      const sessionsRevoked = await deps.auth.sessions.revokeAllForUser(g.userId);
      await audit(ctx, 'user.role_grant.approve', done, { requestedBy: g.requestedBy, sessionsRevoked });
      return { grant: (await toDtos([done], ctx))[0]!, sessionsRevoked };
    },

    async reject(id: string, reason: string | undefined, ctx: AdminContext): Promise<{ grant: RoleGrant }> {
      const g = await decidable(id, ctx, 'reject');
      const done = await Grants.findOneAndUpdate(
        { _id: g._id, status: 'pending' },
        {
          $set: {
            status: 'rejected',
            decidedBy: ctx.actor.userId,
            decidedAt: new Date(),
            reason: reason?.trim() || null,
          },
          $unset: { pendingFor: 1 },
        },
        { new: true },
      ).lean<RoleGrantDoc>();
      if (!done) throw new Conflict('该授权申请已由其他管理员处理');
      // The reason is free text an administrator typed: recorded as present or not, not verbatim.
      await audit(ctx, 'user.role_grant.reject', done, {
        requestedBy: g.requestedBy,
        withReason: !!done.reason,
      });
      return { grant: (await toDtos([done], ctx))[0]! };
    },
  };
}

export type RoleGrantsService = ReturnType<typeof roleGrantsService>;
