import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../contracts/common';
import {
  DemoAccountListSchema,
  DemoLoginBodySchema,
  DemoOutboxBodySchema,
  DemoOutboxSchema,
  LoginResultSchema,
} from '../../contracts/auth';
import { BadRequest } from '../../errors';
import { PHONE_PATTERN } from './auth.service';
import { meta } from './auth.routes';

const errors = errorResponses(400, 404, 500);

/**
 * DEMO mode only — app.ts registers these routes only when config.DEMO is true (and config.ts refuses
 * DEMO in production), so outside DEMO they do not exist and answer 404.
 */
export const demoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = app.auth.service;

  app.get(
    '/api/demo/accounts',
    {
      schema: {
        tags: ['demo'],
        summary: '演示：可一键登录的演示账号（仅演示模式）',
        response: { 200: DemoAccountListSchema, ...errors },
      },
    },
    async () => ({ accounts: await auth.demoAccounts() }),
  );

  app.post(
    '/api/demo/login',
    {
      // audited by the service as a sign-in (method demo)
      config: { auditsOwnDenials: true },
      schema: {
        tags: ['demo'],
        summary: '演示：以演示账号登录，无需密码与动态码（仅演示模式）',
        body: DemoLoginBodySchema,
        response: { 200: LoginResultSchema, ...errors },
      },
    },
    async (req) => auth.sessionFor(req.body.userId, meta(req), { demo: true }),
  );

  // POST with the phone in the body, not GET ?phone=: phone numbers never go into URLs (request logs).
  app.post(
    '/api/demo/sms-outbox',
    {
      schema: {
        tags: ['demo'],
        summary: '演示：查看发给某手机号的最近一条验证码（模拟短信，仅演示模式）',
        body: DemoOutboxBodySchema,
        response: { 200: DemoOutboxSchema, ...errors },
      },
    },
    async (req) => {
      const phone = req.body.phone.trim();
      if (!PHONE_PATTERN.test(phone)) throw new BadRequest('请输入正确的中国大陆手机号码');
      const last = app.auth.demo?.sms.lastTo(phone);
      return { code: last?.params[0] ?? null, sentAt: last ? last.sentAt.toISOString() : null };
    },
  );
};
