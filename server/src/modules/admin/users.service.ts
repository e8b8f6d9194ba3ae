import { Types } from 'mongoose';
import { BadRequest, Conflict, NotFound } from '../../errors';
import { maskPhone, type PiiCipher } from '../../lib/pii';
import type { AdminUser, CreateUserBody, UpdateUserBody, UserListQuery } from '../../contracts/admin';
import type { AuthApi } from '../auth/auth.plugin';
import { kindOf } from '../auth/auth.service';
import { checkPasswordPolicy } from '../auth/password';
import { unitModel } from '../units/unit.model';
import { userModel, type Role, type User } from '../users/user.model';
import { isDuplicateKey, type AdminContext, type AdminDeps } from './admin.shared';
import { escapeRegex } from '../../lib/regex';
import { decideRoleChange, rolesLock, type DutiesRefusal } from '../../domain';
import { dutiesViolation, roleGrantsService } from './role-grants.service';
import type { RoleGrantDoc } from './role-grant.model';

type UserRow = User & { _id: Types.ObjectId; createdAt?: Date | null };

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');

export function usersService(deps: AdminDeps & { pii: PiiCipher; auth: AuthApi }) {
  const User = userModel(deps.conn);
  const Unit = unitModel(deps.conn);
  const grants = roleGrantsService(deps);

  function toAdminUser(u: UserRow, pending: RoleGrantDoc | undefined, ctx: AdminContext): AdminUser {
    let phoneMasked: string | undefined;
    if (u.phoneEnc) {
      try {
        // Decrypted only to be masked here; the clear number is never returned, stored elsewhere or logged.
        phoneMasked = maskPhone(deps.pii.decrypt(u.phoneEnc));
      } catch {
        phoneMasked = undefined;
      }
    }
    return {
      id: String(u._id),
      username: u.username ?? null,
      displayName: u.displayName,
      roles: u.roles as Role[],
      unitCode: u.unitCode ?? null,
      status: u.status === 'disabled' ? 'disabled' : 'active',
      kind: kindOf(u.roles),
      ...(phoneMasked ? { phoneMasked } : {}),
      totpEnrolled: !!u.totpEnc,
      pendingGrant: pending
        ? {
            id: String(pending._id),
            rolesTo: pending.rolesTo,
            requestedBy: pending.requestedBy,
            requestedAt: pending.requestedAt.toISOString(),
          }
        : null,
      rolesLocked: rolesLock(ctx.actor.userId, String(u._id))?.message ?? null,
      createdAt: u.createdAt ? new Date(u.createdAt).toISOString() : null,
    };
  }

  /** One account as the admin API shows it (with its pending role grant). */
  async function view(id: string, ctx: AdminContext): Promise<AdminUser> {
    const u = await load(id);
    return toAdminUser(u, (await grants.pendingOf([id])).get(id), ctx);
  }

  async function load(id: string): Promise<UserRow> {
    if (!Types.ObjectId.isValid(id)) throw new NotFound('用户不存在');
    const u = await User.findById(id).lean<UserRow>();
    if (!u) throw new NotFound('用户不存在');
    return u;
  }

  async function assertActiveUnit(code: string) {
    const unit = await Unit.findOne({ code }, { active: 1, name: 1 }).lean();
    if (!unit) throw new BadRequest(`单位不存在：${code}`);
    if (unit.active === false) throw new BadRequest(`单位已停用：${unit.name}`);
  }

  function assertStaffRoles(roles: readonly string[]) {
    if (roles.includes('resident')) throw new BadRequest('工作人员账号不能包含“信访人”角色');
  }

  async function audit(
    ctx: AdminContext,
    action: string,
    targetId: string | undefined,
    detail: Record<string, unknown>,
  ) {
    await deps.audit.record({
      actor: ctx.actor,
      action,
      targetType: 'user',
      targetId,
      result: 'ok',
      detail,
      requestId: ctx.requestId,
    });
  }

  /** A role change the separation of duties forbids: recorded (an attempt at it is a security event), then refused. */
  async function refuseDuties(ctx: AdminContext, targetId: string | undefined, d: DutiesRefusal, to: Role[]) {
    await deps.audit.record({
      actor: ctx.actor,
      action: 'user.role_change.refused',
      targetType: 'user',
      targetId,
      result: 'denied',
      detail: { rule: d.rule, rolesTo: to },
      requestId: ctx.requestId,
    });
    return dutiesViolation(d);
  }

  return {
    grants,
    view,

    /** Staff and residents by unit (optionally with sub-units), role, status, name or username. */
    async list(
      q: UserListQuery,
      ctx: AdminContext,
    ): Promise<{ items: AdminUser[]; nextCursor: string | null }> {
      const limit = q.limit ?? 50;
      const filter: Record<string, unknown> = {};
      if (q.unitCode) {
        if (q.includeSubunits) {
          const below = await Unit.find({ ancestors: q.unitCode }, { code: 1 }).lean();
          filter.unitCode = { $in: [q.unitCode, ...below.map((u) => u.code)] };
        } else filter.unitCode = q.unitCode;
      }
      if (q.role) filter.roles = q.role;
      if (q.status) filter.status = q.status === 'disabled' ? 'disabled' : { $ne: 'disabled' };
      if (q.q) {
        const re = { $regex: escapeRegex(q.q.trim()), $options: 'i' };
        filter.$or = [{ displayName: re }, { username: re }];
      }
      if (q.cursor) filter._id = { $lt: new Types.ObjectId(q.cursor) };
      const rows = await User.find(filter)
        .sort({ _id: -1 })
        .limit(limit + 1)
        .lean<UserRow[]>();
      const page = rows.slice(0, limit);
      const pending = await grants.pendingOf(page.map((u) => String(u._id)));
      const items = page.map((u) => toAdminUser(u, pending.get(String(u._id)), ctx));
      // Names and (masked) phones are personal data: the listing is a read to audit.
      await audit(ctx, 'user.list', undefined, {
        count: items.length,
        filters: Object.keys(q).filter((k) => k !== 'limit' && k !== 'cursor' && k !== 'q'),
        search: !!q.q,
      });
      return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
    },

    async get(id: string, ctx: AdminContext): Promise<AdminUser> {
      const u = await view(id, ctx);
      await audit(ctx, 'user.read', id, {});
      return u;
    },

    /**
     * Creates a staff account with its initial password (argon2id through the auth service). A replay after
     * a failure between the insert and the password (same username, same data, no password yet) resumes.
     */
    async create(body: CreateUserBody, ctx: AdminContext): Promise<AdminUser> {
      assertStaffRoles(body.roles);
      // Separation of duties (domain/duties.ts): 三员分立 refuses; 审计员 and 管理员 are held for a second
      // administrator, and the account is created with the other roles (possibly none) until then.
      const decision = decideRoleChange({
        actorId: ctx.actor.userId,
        targetId: null,
        from: [],
        to: body.roles,
      });
      if (decision.kind === 'refused') throw await refuseDuties(ctx, undefined, decision, body.roles);
      const held = decision.kind === 'needsApproval' ? decision.roles : [];
      checkPasswordPolicy(body.password, body.username);
      await assertActiveUnit(body.unitCode);
      const wanted = {
        displayName: body.displayName.trim(),
        roles: body.roles.filter((r) => !held.includes(r)),
        unitCode: body.unitCode,
      };
      const resumable = (u: UserRow | null) =>
        !!u &&
        !u.passwordHash &&
        u.displayName === wanted.displayName &&
        u.unitCode === wanted.unitCode &&
        sameSet(u.roles, wanted.roles);

      let user = await User.findOne({ username: body.username }).lean<UserRow>();
      if (user && !resumable(user)) throw new Conflict(`用户名已存在：${body.username}`);
      if (!user) {
        try {
          const doc = await User.create({
            username: body.username,
            ...wanted,
            status: 'active',
            demo: false,
          });
          user = doc.toObject() as UserRow;
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
          user = await User.findOne({ username: body.username }).lean<UserRow>();
          if (!resumable(user)) throw new Conflict(`用户名已存在：${body.username}`);
        }
      }
      const id = String(user!._id);
      // The held roles are requested before the password makes the create final: a create that stopped in
      // between resumes (no password yet) and finds the same pending grant (request is idempotent).
      if (held.length) await grants.request(id, wanted.roles, body.roles, ctx);
      await deps.auth.setPassword(id, body.password);
      await audit(ctx, 'user.create', id, {
        roles: wanted.roles,
        unitCode: body.unitCode,
        ...(held.length ? { rolesHeldForApproval: held } : {}),
      });
      return view(id, ctx);
    },

    /**
     * Roles, unit, name, status. Sessions carry a copy of roles and unit, so a change of either — and
     * disabling — revokes the user's sessions (after the write: a retried request repeats both).
     */
    async update(
      id: string,
      body: UpdateUserBody,
      ctx: AdminContext,
    ): Promise<{ user: AdminUser; sessionsRevoked: number; held: boolean }> {
      const u = await load(id);
      const kind = kindOf(u.roles);
      if (body.roles) {
        if (kindOf(body.roles) !== kind || (kind === 'staff' && body.roles.includes('resident'))) {
          throw new BadRequest('不能在群众账号与工作人员账号之间转换角色');
        }
      }
      if (body.unitCode !== undefined) {
        if (kind === 'resident') throw new BadRequest('群众账号不属于任何单位');
        if (body.unitCode !== u.unitCode) await assertActiveUnit(body.unitCode);
      }
      // An admin locking themselves out would leave nobody to undo it.
      if (id === ctx.actor.userId && body.status === 'disabled') throw new BadRequest('不能停用自己的账号');
      // Separation of duties (domain/duties.ts): never one's own roles, never admin + auditor, and 审计员 or
      // 管理员 only with a second administrator's approval — then the roles wait in a pending grant.
      let held = false;
      if (body.roles) {
        const decision = decideRoleChange({
          actorId: ctx.actor.userId,
          targetId: id,
          from: u.roles as Role[],
          to: body.roles,
        });
        if (decision.kind === 'refused') throw await refuseDuties(ctx, id, decision, body.roles);
        held = decision.kind === 'needsApproval';
      }
      const $set: Record<string, unknown> = {};
      if (body.displayName !== undefined) $set.displayName = body.displayName.trim();
      if (body.roles && !held) $set.roles = body.roles;
      if (body.unitCode !== undefined) $set.unitCode = body.unitCode;
      if (body.status) $set.status = body.status;
      // The grant first: a different request while one is pending is a 409 before anything is written, and a
      // retry after a stop in between finds the same pending grant.
      if (held) await grants.request(id, u.roles as Role[], body.roles!, ctx);
      if (Object.keys($set).length) await User.updateOne({ _id: u._id }, { $set });

      const rolesChanged = !!body.roles && !held && !sameSet(body.roles, u.roles);
      const unitChanged = body.unitCode !== undefined && body.unitCode !== (u.unitCode ?? null);
      const disabling = body.status === 'disabled';
      const sessionsRevoked =
        rolesChanged || unitChanged || disabling ? await deps.auth.sessions.revokeAllForUser(id) : 0;
      await audit(ctx, 'user.update', id, {
        fields: Object.keys($set),
        ...(rolesChanged ? { rolesFrom: u.roles, rolesTo: body.roles } : {}),
        ...(unitChanged ? { unitFrom: u.unitCode ?? null, unitTo: body.unitCode } : {}),
        ...(body.status && body.status !== (u.status ?? 'active') ? { status: body.status } : {}),
        ...(held ? { rolesHeldForApproval: body.roles } : {}),
        sessionsRevoked,
      });
      return { user: await view(id, ctx), sessionsRevoked, held };
    },

    /** Another administrator approves a pending role grant: the account with its new roles. */
    async approveGrant(grantId: string, ctx: AdminContext) {
      const { grant, sessionsRevoked } = await grants.approve(grantId, ctx);
      return { grant, user: await view(grant.userId, ctx), sessionsRevoked };
    },

    /** The staff member lost their authenticator: the next login enrolls a new one; sessions end. */
    async resetTotp(id: string, ctx: AdminContext): Promise<void> {
      const u = await load(id);
      if (kindOf(u.roles) !== 'staff' || !u.username) throw new BadRequest('群众账号不使用身份验证器');
      const sessionsRevoked = await deps.auth.service.resetTotp(id);
      await audit(ctx, 'user.reset_totp', id, { sessionsRevoked });
    },

    /** Admin sets a new password (policy-checked); the user's sessions end. The password is never recorded. */
    async setPassword(id: string, password: string, ctx: AdminContext): Promise<void> {
      const u = await load(id);
      if (kindOf(u.roles) !== 'staff' || !u.username) throw new BadRequest('群众账号不使用密码登录');
      const sessionsRevoked = await deps.auth.setPassword(id, password);
      await audit(ctx, 'user.set_password', id, { sessionsRevoked });
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
