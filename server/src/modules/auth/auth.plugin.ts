import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { Forbidden, Unauthorized } from '../../errors';
import { userModel, type Role } from '../users/user.model';
import { sessionModel } from './session.model';
import { smsCodeModel } from './sms-code.model';
import { mfaChallengeModel } from './mfa-challenge.model';
import { loginAttemptModel } from './login-attempt.model';
import { createWechatClient } from '../../adapters/wechat/client';
import { startFakeWechat, type FakeWechat } from '../../adapters/wechat/fake-server';
import { createTencentSms } from '../../adapters/sms/tencent';
import { startFakeTencentSms, type FakeTencentSms } from '../../adapters/sms/fake-server';
import { createSessionStore, purgeExpiredSessions, type Actor, type SessionStore } from './session.service';
import { createAuthService, type AuthService } from './auth.service';

export type { Actor } from './session.service';

/** The env keys this plugin reads (config.ts). */
export type AuthConfig = Pick<
  Config,
  | 'DEMO'
  | 'WECHAT_APPID'
  | 'WECHAT_SECRET'
  | 'WECHAT_API_BASE'
  | 'WECHAT_TIMEOUT_MS'
  | 'SMS_API_BASE'
  | 'SMS_SECRET_ID'
  | 'SMS_SECRET_KEY'
  | 'SMS_SDK_APP_ID'
  | 'SMS_SIGN_NAME'
  | 'SMS_TEMPLATE_ID'
  | 'SMS_REGION'
  | 'SMS_TIMEOUT_MS'
  | 'SMS_DAILY_CAP'
  | 'SESSION_STAFF_IDLE_MINUTES'
  | 'SESSION_STAFF_MAX_HOURS'
  | 'SESSION_RESIDENT_IDLE_DAYS'
  | 'SESSION_RESIDENT_MAX_DAYS'
  | 'SESSION_CACHE_MS'
>;

export interface AuthApi {
  service: AuthService;
  sessions: SessionStore;
  /** For the jobs runner: deletes expired sessions, MFA challenges and stale SMS records. */
  purgeExpiredSessions(now?: Date): ReturnType<typeof purgeExpiredSessions>;
  /** Admin sets a staff password (policy-checked, argon2id); ends the user's sessions (returns how many). */
  setPassword(userId: string, password: string): Promise<number>;
  /** DEMO only: the in-process fake WeChat and SMS servers (the SMS outbox holds the codes). */
  demo: { wechat: FakeWechat; sms: FakeTencentSms } | null;
}

export type PreHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthApi;
    /** preHandler: resolves `Authorization: Bearer <token>` into `req.actor`, or throws 401. */
    authenticate: PreHandler;
    /** preHandler factory: authenticates, then 403 unless the actor has one of the roles. */
    requireRoles(...roles: Role[]): PreHandler;
  }
  interface FastifyRequest {
    /** Set by `app.authenticate`; null on routes that do not authenticate. Prefer `actorOf(req)`. */
    actor: Actor | null;
  }
}

// The contract's role list and the model's must stay the same list.

/** The authenticated actor of a request behind `app.authenticate`; throws 401 if there is none. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Unauthorized();
  return req.actor;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/;

export default fp<{ config: AuthConfig }>(
  async (app, { config }) => {
    let wechatBase = config.WECHAT_API_BASE;
    let wechatCreds = { appid: config.WECHAT_APPID, secret: config.WECHAT_SECRET };
    let smsBase = config.SMS_API_BASE;
    let smsCreds = {
      secretId: config.SMS_SECRET_ID,
      secretKey: config.SMS_SECRET_KEY,
      sdkAppId: config.SMS_SDK_APP_ID,
      signName: config.SMS_SIGN_NAME,
      templateId: config.SMS_TEMPLATE_ID,
    };
    let demo: AuthApi['demo'] = null;
    if (config.DEMO) {
      // DEMO (refused in production by config.ts): both providers are local fakes with throwaway
      // credentials, so the real adapter code runs end to end without reaching WeChat or Tencent.
      const wechat = await startFakeWechat();
      const sms = await startFakeTencentSms();
      demo = { wechat, sms };
      wechatBase = wechat.baseUrl;
      wechatCreds = { appid: wechat.appid, secret: wechat.secret };
      smsBase = sms.baseUrl;
      smsCreds = {
        secretId: sms.secretId,
        secretKey: sms.secretKey,
        sdkAppId: sms.sdkAppId,
        signName: sms.signName,
        templateId: sms.templateId,
      };
      app.addHook('onClose', async () => {
        await Promise.all([wechat.close(), sms.close()]);
      });
      app.log.warn('DEMO mode: WeChat and SMS providers are local fakes; demo login picker enabled');
    }

    const wechat = createWechatClient({
      baseUrl: wechatBase,
      ...wechatCreds,
      timeoutMs: config.WECHAT_TIMEOUT_MS,
      log: app.log,
    });
    const sms = createTencentSms({
      baseUrl: smsBase,
      ...smsCreds,
      region: config.SMS_REGION,
      timeoutMs: config.SMS_TIMEOUT_MS,
      log: app.log,
    });
    const sessions = createSessionStore(app.db.conn, {
      staffIdleMs: config.SESSION_STAFF_IDLE_MINUTES * 60_000,
      staffMaxMs: config.SESSION_STAFF_MAX_HOURS * 3_600_000,
      residentIdleMs: config.SESSION_RESIDENT_IDLE_DAYS * 86_400_000,
      residentMaxMs: config.SESSION_RESIDENT_MAX_DAYS * 86_400_000,
      cacheMs: config.SESSION_CACHE_MS,
    });
    const service = createAuthService({
      conn: app.db.conn,
      pii: app.pii,
      wechat,
      sms,
      sessions,
      smsDailyCap: config.SMS_DAILY_CAP,
      audit: app.audit,
    });

    // Unique indexes (openid, phoneIndex, username, tokenHash…) must exist before the first upsert relies
    // on them, and building them while requests run races on a fresh database.
    await Promise.all(
      [userModel, sessionModel, smsCodeModel, mfaChallengeModel, loginAttemptModel].map((model) =>
        model(app.db.conn).init(),
      ),
    );

    app.decorate('auth', {
      service,
      sessions,
      purgeExpiredSessions: (now?: Date) => purgeExpiredSessions(app.db.conn, now),
      setPassword: (userId: string, password: string) => service.setPassword(userId, password),
      demo,
    } satisfies AuthApi);
    app.decorateRequest('actor', null);

    const authenticate: PreHandler = async (req) => {
      if (req.actor) return;
      const header = req.headers.authorization;
      if (!header) throw new Unauthorized('请先登录');
      const token = BEARER.exec(header)?.[1];
      const actor = token ? await sessions.resolve(token) : undefined;
      if (!actor) throw new Unauthorized('登录已失效，请重新登录');
      const { expiresAt: _expiresAt, ...rest } = actor;
      req.actor = rest;
    };
    app.decorate('authenticate', authenticate);
    app.decorate('requireRoles', (...roles: Role[]): PreHandler => {
      return async (req, reply) => {
        await authenticate(req, reply);
        if (!roles.some((r) => req.actor!.roles.includes(r))) throw new Forbidden();
      };
    });
  },
  { name: 'auth', dependencies: ['db', 'audit'] },
);
