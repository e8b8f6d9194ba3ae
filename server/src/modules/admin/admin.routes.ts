import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../contracts/common';
import {
  AdminCategorySchema,
  AdminUserSchema,
  CalendarCoverageSchema,
  CalendarPutResultSchema,
  CalendarYearBodySchema,
  CalendarYearParamsSchema,
  CalendarYearSchema,
  CategoryCodeParamsSchema,
  CategoryListSchema,
  CreateCategoryBodySchema,
  CreateUnitBodySchema,
  CreateUserBodySchema,
  OkSchema,
  PasswordBodySchema,
  RejectGrantBodySchema,
  RoleGrantDecisionSchema,
  RoleGrantIdParamsSchema,
  RoleGrantListQuerySchema,
  RoleGrantListSchema,
  RoleGrantRejectedSchema,
  ProfileBodySchema,
  ProfileDetailSchema,
  ProfileListSchema,
  ProfileParamsSchema,
  ProfileSummarySchema,
  UnitCodeParamsSchema,
  UnitNodeSchema,
  UnitTreeSchema,
  UpdateCategoryBodySchema,
  UpdateUnitBodySchema,
  UpdateUserBodySchema,
  UserChangeResultSchema,
  UserIdParamsSchema,
  UserListQuerySchema,
  UserPageSchema,
} from '../../contracts/admin';
import { actorOf } from '../auth/auth.plugin';
import { calendarService } from './calendar.service';
import { categoriesService } from './categories.service';
import { profilesService } from './profiles.service';
import { unitsService } from './units.service';
import { usersService } from './users.service';
import type { AdminContext } from './admin.shared';

const errors = errorResponses(400, 401, 403, 404, 409, 422, 500, 503);

function ctxOf(req: FastifyRequest): AdminContext {
  const a = actorOf(req);
  return { actor: { userId: a.userId, roles: [...a.roles], unitCode: a.unitCode }, requestId: req.id };
}

/**
 * 系统管理: units, users, categories, rule profiles, calendar years. Writes are for admins only; auditors may
 * read the directory (they need it to interpret the audit trail). Every write is audited, and so is every
 * read of user records (names, masked phones).
 */
export const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // onRequest, not preHandler: who may call is decided from the headers before the body is parsed or
  // validated, so a caller without the role learns nothing from validation errors and costs no parsing.
  const admin = app.requireRoles('admin');
  const reader = app.requireRoles('admin', 'auditor');
  const deps = { conn: app.db.conn, audit: app.audit };
  // The cases module caches the unit tree and the calendar; drop them after a change on this instance.
  const units = unitsService({ ...deps, onChange: () => app.units.invalidate() });
  const users = usersService({ ...deps, pii: app.pii, auth: app.auth });
  const categories = categoriesService(deps);
  const profiles = profilesService(deps);
  const calendar = calendarService(deps);

  // ---- units ----
  app.get(
    '/api/admin/units',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：单位树（先序排列，含层级）',
        response: { 200: UnitTreeSchema, ...errors },
      },
    },
    async () => ({ units: await units.tree() }),
  );

  app.post(
    '/api/admin/units',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：新增单位',
        description: '同一请求重复提交返回已有单位（200）；同一代码但内容不同返回 409。',
        body: CreateUnitBodySchema,
        response: { 200: UnitNodeSchema, 201: UnitNodeSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { unit, created } = await units.create(req.body, ctxOf(req));
      return reply.status(created ? 201 : 200).send(unit);
    },
  );

  app.patch(
    '/api/admin/units/:code',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：修改单位（名称、类型、上级、区划、规则档案、启停）',
        description: '调整上级单位时校验层级不成环，并同步更新该单位及全部下级单位的上级链。',
        params: UnitCodeParamsSchema,
        body: UpdateUnitBodySchema,
        response: { 200: UnitNodeSchema, ...errors },
      },
    },
    async (req) => units.update(req.params.code, req.body, ctxOf(req)),
  );

  // ---- users ----
  app.get(
    '/api/admin/users',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：查询用户（按单位、角色、状态、姓名或用户名）',
        description: '手机号仅返回脱敏形式。',
        querystring: UserListQuerySchema,
        response: { 200: UserPageSchema, ...errors },
      },
    },
    async (req) => users.list(req.query, ctxOf(req)),
  );

  app.get(
    '/api/admin/users/:id',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：查看用户',
        params: UserIdParamsSchema,
        response: { 200: AdminUserSchema, ...errors },
      },
    },
    async (req) => users.get(req.params.id, ctxOf(req)),
  );

  app.post(
    '/api/admin/users',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：新增工作人员账号（设置初始密码）',
        description:
          '首次登录时绑定身份验证器。密码不会被记录或返回。含审计员或管理员角色时，账号先以其余角色建立，这些角色待另一名管理员批准（pendingGrant）；系统管理员与审计员不能由同一账号担任（422）。',
        body: CreateUserBodySchema,
        response: { 201: AdminUserSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await users.create(req.body, ctxOf(req))),
  );

  app.patch(
    '/api/admin/users/:id',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：修改用户（姓名、角色、所属单位、启用/停用）',
        description:
          '角色或单位变更、停用账号时，该用户的全部会话立即失效。职责分离（422）：不能修改自己的角色；系统管理员与审计员不能由同一账号担任。授予审计员或管理员角色须另一名管理员批准：角色暂不变更，返回 202 与待审批的申请（user.pendingGrant）。',
        params: UserIdParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserChangeResultSchema, 202: UserChangeResultSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { held, ...result } = await users.update(req.params.id, req.body, ctxOf(req));
      return reply.status(held ? 202 : 200).send(result);
    },
  );

  // ---- role grants held for a second administrator (DOMAIN.md §13, domain/duties.ts) ----
  app.get(
    '/api/admin/role-grants',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：角色授权申请（默认待审批的）',
        description: '授予审计员或管理员角色须由申请人和被授权人以外的另一名管理员批准或驳回。',
        querystring: RoleGrantListQuerySchema,
        response: { 200: RoleGrantListSchema, ...errors },
      },
    },
    async (req) => users.grants.list(req.query, ctxOf(req)),
  );

  app.post(
    '/api/admin/role-grants/:id/approve',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：批准他人提出的角色授权申请（该用户会话失效）',
        description: '申请人本人或被授权人本人审批返回 422；申请已处理返回 409；申请后角色已变更返回 409。',
        params: RoleGrantIdParamsSchema,
        response: { 200: RoleGrantDecisionSchema, ...errors },
      },
    },
    async (req) => users.approveGrant(req.params.id, ctxOf(req)),
  );

  app.post(
    '/api/admin/role-grants/:id/reject',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：驳回他人提出的角色授权申请',
        params: RoleGrantIdParamsSchema,
        body: RejectGrantBodySchema,
        response: { 200: RoleGrantRejectedSchema, ...errors },
      },
    },
    async (req) => users.grants.reject(req.params.id, req.body.reason, ctxOf(req)),
  );

  app.post(
    '/api/admin/users/:id/reset-totp',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：重置身份验证器（下次登录重新绑定，现有会话失效）',
        params: UserIdParamsSchema,
        response: { 200: OkSchema, ...errors },
      },
    },
    async (req) => {
      await users.resetTotp(req.params.id, ctxOf(req));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/admin/users/:id/password',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：重设工作人员密码（现有会话失效）',
        params: UserIdParamsSchema,
        body: PasswordBodySchema,
        response: { 200: OkSchema, ...errors },
      },
    },
    async (req) => {
      await users.setPassword(req.params.id, req.body.password, ctxOf(req));
      return { ok: true as const };
    },
  );

  // ---- categories ----
  app.get(
    '/api/admin/categories',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：事项分类（两级）',
        response: { 200: CategoryListSchema, ...errors },
      },
    },
    async () => ({ categories: await categories.list() }),
  );

  app.post(
    '/api/admin/categories',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：新增事项分类',
        body: CreateCategoryBodySchema,
        response: { 200: AdminCategorySchema, 201: AdminCategorySchema, ...errors },
      },
    },
    async (req, reply) => {
      const { category, created } = await categories.create(req.body, ctxOf(req));
      return reply.status(created ? 201 : 200).send(category);
    },
  );

  app.patch(
    '/api/admin/categories/:code',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：修改事项分类',
        params: CategoryCodeParamsSchema,
        body: UpdateCategoryBodySchema,
        response: { 200: AdminCategorySchema, ...errors },
      },
    },
    async (req) => categories.update(req.params.code, req.body, ctxOf(req)),
  );

  app.post(
    '/api/admin/categories/:code/deactivate',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：停用事项分类（已有事项不受影响）',
        params: CategoryCodeParamsSchema,
        response: { 200: AdminCategorySchema, ...errors },
      },
    },
    async (req) => categories.update(req.params.code, { active: false }, ctxOf(req)),
  );

  // ---- rule profiles ----
  app.get(
    '/api/admin/profiles',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：规则档案及其版本',
        response: { 200: ProfileListSchema, ...errors },
      },
    },
    async () => ({ profiles: await profiles.list() }),
  );

  app.get(
    '/api/admin/profiles/:id/:version',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：查看某一版本的规则档案',
        params: ProfileParamsSchema,
        response: { 200: ProfileDetailSchema, ...errors },
      },
    },
    async (req) => profiles.get(req.params.id, req.params.version),
  );

  app.post(
    '/api/admin/profiles',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：发布规则档案新版本',
        description:
          '版本一经发布不再修改（事项按受理时的版本办理）；修改即发布下一个版本号。内容经规则校验，法定期限不得超过条例规定。',
        body: ProfileBodySchema,
        response: { 200: ProfileSummarySchema, 201: ProfileSummarySchema, ...errors },
      },
    },
    async (req, reply) => {
      const { summary, created } = await profiles.create(req.body, ctxOf(req));
      return reply.status(created ? 201 : 200).send(summary);
    },
  );

  // ---- calendar years ----
  app.get(
    '/api/admin/calendar',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：工作日历覆盖年份（程序数据与管理员导入）',
        response: { 200: CalendarCoverageSchema, ...errors },
      },
    },
    async () => calendar.coverage(),
  );

  app.get(
    '/api/admin/calendar/:year',
    {
      onRequest: reader,
      schema: {
        tags: ['admin'],
        summary: '管理员：查看某年节假日安排',
        params: CalendarYearParamsSchema,
        response: { 200: CalendarYearSchema, ...errors },
      },
    },
    async (req) => calendar.get(req.params.year),
  );

  app.put(
    '/api/admin/calendar/:year',
    {
      onRequest: admin,
      schema: {
        tags: ['admin'],
        summary: '管理员：导入某年节假日安排（国务院办公厅通知）',
        description:
          '导入后，按该年临时计算的期限自动重新计算（不再标注“临时”）。重复导入相同数据不会改变任何内容。',
        params: CalendarYearParamsSchema,
        body: CalendarYearBodySchema,
        response: { 200: CalendarPutResultSchema, ...errors },
      },
    },
    async (req) => {
      const result = await calendar.put(req.params.year, req.body, ctxOf(req));
      // New deadlines on this instance count with the new year at once.
      app.workCalendar.invalidate();
      return result;
    },
  );
};
