import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../../contracts/common';
import {
  LoginResultSchema,
  MeSchema,
  RevokeResultSchema,
  SessionListSchema,
  SmsSendBodySchema,
  SmsSendResultSchema,
  SmsVerifyBodySchema,
  StaffLoginBodySchema,
  StaffLoginResultSchema,
  StaffTotpBodySchema,
  UserIdParamsSchema,
  WechatLoginBodySchema,
} from '../../contracts/auth';
import Type from 'typebox';
import { NotFound } from '../../errors';
import { actorOf } from './auth.plugin';
import { auditActorOf } from '../audit/audit.plugin';

const errors = errorResponses(400, 401, 403, 404, 423, 429, 500, 503);

export const meta = (req: FastifyRequest) => ({
  userAgent: req.headers['user-agent'],
  address: req.ip,
  requestId: req.id,
});

/**
 * Per-IP limits (in memory, per instance) on top of the per-phone and per-(username, address) limits kept in
 * the DB. The sign-in routes record their own refusals (auth.service.ts, with method and reason), so the
 * generic access.denied entry is not written for them.
 */
const perIp = (max: number, minutes: number) => ({
  rateLimit: { max, timeWindow: minutes * 60_000 },
  auditsOwnDenials: true,
});

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Scoped to these routes: `global: false` limits only routes that declare config.rateLimit.
  await app.register(rateLimit, { global: false });
  const auth = app.auth.service;

  app.post(
    '/api/auth/wechat',
    {
      config: perIp(30, 1),
      schema: {
        tags: ['auth'],
        summary: '群众：微信小程序登录（wx.login 的 code 换取会话）',
        body: WechatLoginBodySchema,
        response: { 200: LoginResultSchema, ...errors },
      },
    },
    async (req) => auth.wechatLogin(req.body.code, meta(req)),
  );

  app.post(
    '/api/auth/sms/send',
    {
      config: perIp(20, 10),
      schema: {
        tags: ['auth'],
        summary: '群众（H5）：获取短信验证码',
        description: '同一手机号 60 秒内只能获取一次，每日有上限；响应不透露该手机号是否已注册。',
        body: SmsSendBodySchema,
        response: { 200: SmsSendResultSchema, ...errors },
      },
    },
    async (req) => auth.sendSmsCode(req.body.phone, meta(req)),
  );

  app.post(
    '/api/auth/sms/verify',
    {
      config: perIp(30, 10),
      schema: {
        tags: ['auth'],
        summary: '群众（H5）：手机号 + 短信验证码登录（首次登录自动注册）',
        body: SmsVerifyBodySchema,
        response: { 200: LoginResultSchema, ...errors },
      },
    },
    async (req) => auth.verifySmsCode(req.body.phone, req.body.code, meta(req)),
  );

  app.post(
    '/api/auth/staff/login',
    {
      config: perIp(20, 10),
      schema: {
        tags: ['auth'],
        summary: '工作人员：用户名 + 密码（第一步）',
        description:
          '密码正确时返回短期 mfaToken（不是会话）。尚未绑定身份验证器时 next=enroll，并仅此一次返回密钥与 otpauth 链接。用户名不存在与密码错误的回答相同。同一用户名在同一地址连续 5 次密码或动态码错误后，须等待 1、2、4、8 分钟（其后每次 15 分钟）才能再试（429）；其他地址不受影响，不锁定账号。',
        body: StaffLoginBodySchema,
        response: { 200: StaffLoginResultSchema, ...errors },
      },
    },
    async (req) => auth.staffLogin(req.body.username, req.body.password, meta(req)),
  );

  app.post(
    '/api/auth/staff/totp',
    {
      config: perIp(20, 10),
      schema: {
        tags: ['auth'],
        summary: '工作人员：动态验证码（第二步，绑定时即确认绑定），成功后建立会话',
        description:
          '成功时若自上次登录以来有以本用户名登录失败的尝试，返回 failedSignIns（次数、第一次与最近一次的时间），请提示本人核实。',
        body: StaffTotpBodySchema,
        response: { 200: LoginResultSchema, ...errors },
      },
    },
    async (req) => auth.staffTotp(req.body.mfaToken, req.body.code, meta(req)),
  );

  app.get(
    '/api/auth/me',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: '当前登录用户与会话',
        response: { 200: MeSchema, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const [user, expiresAt] = await Promise.all([
        auth.me(actor.userId),
        app.auth.sessions.expiresAtOf(actor.sessionId),
      ]);
      // The session's roles are what authorizes requests: report those, not the user's current ones.
      return {
        user: { ...user, roles: actor.roles, unitCode: actor.unitCode, kind: actor.kind },
        session: { id: actor.sessionId, expiresAt: (expiresAt ?? new Date()).toISOString() },
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: '退出登录（注销当前会话）',
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await app.auth.sessions.revoke(actor.sessionId);
      await app.audit.record({
        actor: auditActorOf(req),
        action: 'auth.sign_out',
        targetType: 'user',
        targetId: actor.userId,
        result: 'ok',
        detail: { sessionId: actor.sessionId, address: req.ip },
        requestId: req.id,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/admin/users/:id/sessions',
    {
      preHandler: app.requireRoles('admin'),
      schema: {
        tags: ['admin'],
        summary: '管理员：查看某用户的会话',
        params: UserIdParamsSchema,
        response: { 200: SessionListSchema, ...errors },
      },
    },
    async (req) => {
      if (!(await auth.userExists(req.params.id))) throw new NotFound('用户不存在');
      return { sessions: await app.auth.sessions.listForUser(req.params.id) };
    },
  );

  app.post(
    '/api/admin/users/:id/revoke-sessions',
    {
      preHandler: app.requireRoles('admin'),
      schema: {
        tags: ['admin'],
        summary: '管理员：强制某用户下线（注销其全部会话）',
        params: UserIdParamsSchema,
        response: { 200: RevokeResultSchema, ...errors },
      },
    },
    async (req) => {
      if (!(await auth.userExists(req.params.id))) throw new NotFound('用户不存在');
      const revoked = await app.auth.sessions.revokeAllForUser(req.params.id);
      await app.audit.record({
        actor: auditActorOf(req),
        action: 'auth.sessions_revoked',
        targetType: 'user',
        targetId: req.params.id,
        result: 'ok',
        detail: { revoked },
        requestId: req.id,
      });
      return { revoked };
    },
  );
};
