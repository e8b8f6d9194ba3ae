import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import { AppError, BadRequest, Forbidden, NotFound, Unauthorized } from '../../errors';
import type { PiiCipher } from '../../lib/pii';
import { maskPhone } from '../../lib/pii';
import { userModel, type Role } from '../users/user.model';
import { unitModel } from '../units/unit.model';
import type { WechatAuth } from '../../adapters/wechat/client';
import type { SmsSender } from '../../adapters/sms/tencent';
import type { AuditLog } from '../audit/audit.service';
import type { AuthUser, LoginResult, SessionKind, StaffLoginResult } from '../../contracts/auth';
import { hashToken, newToken, TOKEN_PATTERN, type SessionStore } from './session.service';
import { smsCodeModel } from './sms-code.model';
import { mfaChallengeModel } from './mfa-challenge.model';
import { burnPasswordCheck, checkPasswordPolicy, hashPassword, verifyPassword } from './password';
import { createLoginThrottle, type ThrottleKey } from './login-throttle';

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const SMS = { codeTtlMs: 5 * 60_000, cooldownMs: 60_000, maxAttempts: 5 } as const;
const MFA_TTL_MS = 5 * 60_000;
const TOTP_ISSUER = '信访工作平台';

export interface AuthServiceDeps {
  conn: Connection;
  pii: PiiCipher;
  wechat: WechatAuth;
  sms: SmsSender;
  sessions: SessionStore;
  smsDailyCap: number;
  /** Sign-in events go to the audit trail (GB/T 22239—2019 8.1.4.3; DOMAIN.md §13). */
  audit: AuditLog;
}

export interface RequestMeta {
  userAgent?: string;
  /** The client's address (req.ip): staff sign-in attempts are throttled per (username, address). */
  address?: string;
  /** For the audit entries of the sign-in. */
  requestId?: string;
}

/** How someone signed in (audit `detail.method`). */
export type SignInMethod = 'wechat' | 'sms' | 'password' | 'totp' | 'password+totp' | 'demo';

/**
 * What an audit entry of a sign-in attempt says about it, filled in as the attempt proceeds (so a failure
 * is recorded against whatever was known by then). Never a phone number, password or code: usernames,
 * user ids, a masked phone and the phone's blind index only.
 */
interface Trail {
  method: SignInMethod;
  /** The action for a refusal that is not throttling. */
  action: 'auth.sign_in' | 'auth.sms_code_sent';
  targetType: 'user' | 'phone';
  targetId: string | null;
  detail: Record<string, unknown>;
}

/** Refusals that are throttling or lockout (the caller must wait), audited as `auth.throttled`. */
const THROTTLE_CODES = new Set([
  'LOGIN_THROTTLED',
  'SMS_COOLDOWN',
  'SMS_DAILY_LIMIT',
  'SMS_RATE_LIMITED',
  'SMS_CODE_EXHAUSTED',
  'WECHAT_RATE_LIMITED',
]);

const badPhone = () => new BadRequest('请输入正确的中国大陆手机号码');
const badCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
const mfaExpired = () => new AppError(401, 'MFA_EXPIRED', '验证已过期，请重新输入用户名和密码');

/** The calendar day in China (UTC+8, no daylight saving): the daily SMS cap resets at local midnight. */
const chinaDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;

function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** Which session a user gets: staff rules (short timeouts) as soon as any role is not "resident". */
export function kindOf(roles: readonly string[]): SessionKind {
  return roles.length > 0 && roles.every((r) => r === 'resident') ? 'resident' : 'staff';
}

type UserLike = {
  _id: Types.ObjectId;
  displayName: string;
  roles: string[];
  unitCode?: string | null;
  phoneEnc?: string | null;
};

export function createAuthService(deps: AuthServiceDeps) {
  const User = userModel(deps.conn);
  const SmsCode = smsCodeModel(deps.conn);
  const Mfa = mfaChallengeModel(deps.conn);
  const { pii, sessions } = deps;
  const throttle = createLoginThrottle(deps.conn, pii);

  const codeHash = (phoneIndex: string, code: string) =>
    pii.index(`sms-code\u0000${phoneIndex}\u0000${code}`);

  function toAuthUser(u: UserLike): AuthUser {
    const kind = kindOf(u.roles);
    let phoneMasked: string | undefined;
    if (u.phoneEnc) {
      try {
        phoneMasked = maskPhone(pii.decrypt(u.phoneEnc));
      } catch {
        phoneMasked = undefined;
      }
    }
    return {
      id: String(u._id),
      displayName: u.displayName,
      roles: u.roles as Role[],
      unitCode: u.unitCode ?? null,
      kind,
      ...(phoneMasked ? { phoneMasked } : {}),
    };
  }

  /** Issues the session and records the sign-in (`auth.sign_in`, ok) with the session's id. */
  async function startSession(
    u: UserLike,
    meta: RequestMeta,
    trail: Pick<Trail, 'method' | 'detail'>,
    extra: { wechatSessionKeyEnc?: string } = {},
  ): Promise<LoginResult> {
    const user = toAuthUser(u);
    const s = await sessions.issue({
      userId: u._id,
      roles: user.roles,
      unitCode: user.unitCode,
      kind: user.kind,
      userAgent: meta.userAgent,
      ...extra,
    });
    await deps.audit.record({
      actor: { userId: user.id, roles: [...user.roles], unitCode: user.unitCode },
      action: 'auth.sign_in',
      targetType: 'user',
      targetId: user.id,
      result: 'ok',
      detail: {
        ...trail.detail,
        method: trail.method,
        kind: user.kind,
        sessionId: s.sessionId,
        address: meta.address,
      },
      requestId: meta.requestId,
    });
    return { token: s.token, expiresAt: s.expiresAt.toISOString(), user };
  }

  /**
   * Runs a sign-in step; a refusal is recorded before it is thrown (`auth.throttled` for throttling, else
   * the trail's action; `denied` for a 4xx, `error` for a failure on our side or the provider's).
   */
  async function audited<T>(trail: Trail, meta: RequestMeta, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'INTERNAL';
      const status = err instanceof AppError ? err.statusCode : 500;
      const retry = err instanceof AppError ? err.details?.retryAfterSeconds : undefined;
      await deps.audit
        .record({
          actor: null,
          action: THROTTLE_CODES.has(code) ? 'auth.throttled' : trail.action,
          targetType: trail.targetType,
          targetId: trail.targetId ?? undefined,
          result: status >= 500 ? 'error' : 'denied',
          detail: {
            ...trail.detail,
            method: trail.method,
            reason: code,
            address: meta.address,
            ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}),
          },
          requestId: meta.requestId,
        })
        .catch(() => undefined); // the refusal stands; the audit writer logs its own failure
      throw err;
    }
  }

  const phoneTrail = (method: SignInMethod, action: Trail['action'], phone: string): Trail => ({
    method,
    action,
    targetType: 'phone',
    targetId: PHONE_PATTERN.test(phone) ? pii.index(phone) : null,
    detail: { phone: PHONE_PATTERN.test(phone) ? maskPhone(phone) : null },
  });

  /** Residents only: staff accounts must go through password + TOTP, never a phone or WeChat shortcut. */
  function assertResident(u: { roles: string[]; status?: string | null }, staffHint: string) {
    if (u.status === 'disabled') throw new Forbidden('账号已停用，请联系工作人员');
    if (kindOf(u.roles) !== 'resident') throw new Forbidden(staffHint);
  }

  /** Insert-or-get by a unique key; a concurrent insert of the same key (11000) is read back. */
  async function upsertResident(
    filter: Record<string, unknown>,
    onInsert: Record<string, unknown>,
    set = {},
  ) {
    const update = {
      $setOnInsert: { roles: ['resident'], unitCode: null, status: 'active', demo: false, ...onInsert },
      ...(Object.keys(set).length ? { $set: set } : {}),
    };
    try {
      return await User.findOneAndUpdate(filter, update, { upsert: true, new: true }).lean();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      return await User.findOneAndUpdate(filter, update, { new: true }).lean();
    }
  }

  /** Sends a code (refusals are audited by the caller). */
  async function sendCode(rawPhone: string, now: Date) {
    const phone = rawPhone.trim();
    if (!PHONE_PATTERN.test(phone)) throw badPhone();
    const phoneIndex = pii.index(phone);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const hash = codeHash(phoneIndex, code);
    const today = chinaDay(now);
    const cutoff = new Date(now.getTime() - SMS.cooldownMs);
    const fresh = {
      codeHash: hash,
      expiresAt: new Date(now.getTime() + SMS.codeTtlMs),
      attempts: 0,
      lastSentAt: now,
    };

    // Three conditional writes, each of which either takes the slot or changes nothing:
    // same day under the cap, a new day, or the first code ever for this phone.
    let reserved = !!(await SmsCode.findOneAndUpdate(
      { phoneIndex, day: today, dayCount: { $lt: deps.smsDailyCap }, lastSentAt: { $lte: cutoff } },
      { $set: fresh, $inc: { dayCount: 1 } },
    ));
    if (!reserved) {
      reserved = !!(await SmsCode.findOneAndUpdate(
        { phoneIndex, day: { $ne: today }, lastSentAt: { $lte: cutoff } },
        { $set: { ...fresh, day: today, dayCount: 1 } },
      ));
    }
    if (!reserved) {
      try {
        await SmsCode.create({ phoneIndex, ...fresh, day: today, dayCount: 1 });
        reserved = true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
    if (!reserved) {
      const cur = await SmsCode.findOne({ phoneIndex }).lean();
      if (cur && cur.lastSentAt > cutoff) {
        const wait = Math.ceil((cur.lastSentAt.getTime() + SMS.cooldownMs - now.getTime()) / 1000);
        throw new AppError(429, 'SMS_COOLDOWN', `验证码已发送，请 ${wait} 秒后再试`, {
          retryAfterSeconds: wait,
        });
      }
      throw new AppError(429, 'SMS_DAILY_LIMIT', '今日获取验证码次数已达上限，请明天再试');
    }
    try {
      await deps.sms.sendCode(phone, code, SMS.codeTtlMs / 60_000);
    } catch (err) {
      // Not sent: the code must not be usable and the user may ask again at once (the daily count stays,
      // which bounds retries against a failing provider).
      await SmsCode.updateOne(
        { phoneIndex, codeHash: hash },
        { $set: { codeHash: null, lastSentAt: new Date(0) } },
      );
      throw err;
    }
    return { cooldownSeconds: SMS.cooldownMs / 1000, expiresInSeconds: SMS.codeTtlMs / 1000 };
  }

  /** Checks a code and signs the resident in (refusals are audited by the caller). */
  async function verifyCode(rawPhone: string, rawCode: string, meta: RequestMeta, trail: Trail, now: Date) {
    const phone = rawPhone.trim();
    const code = rawCode.trim();
    if (!PHONE_PATTERN.test(phone)) throw badPhone();
    if (!/^\d{6}$/.test(code)) throw new BadRequest('请输入 6 位数字验证码');
    const phoneIndex = pii.index(phone);
    // Spend an attempt first (atomically), then compare: guesses in parallel still count one by one.
    const doc = await SmsCode.findOneAndUpdate(
      { phoneIndex, codeHash: { $ne: null }, expiresAt: { $gt: now }, attempts: { $lt: SMS.maxAttempts } },
      { $inc: { attempts: 1 } },
      { new: true },
    ).lean();
    if (!doc) {
      const cur = await SmsCode.findOne({ phoneIndex }).lean();
      if (cur?.codeHash && cur.attempts >= SMS.maxAttempts) {
        throw new AppError(400, 'SMS_CODE_EXHAUSTED', '验证码错误次数过多，请重新获取');
      }
      if (cur?.codeHash && cur.expiresAt <= now) {
        throw new AppError(400, 'SMS_CODE_EXPIRED', '验证码已过期，请重新获取');
      }
      throw new AppError(400, 'SMS_CODE_INVALID', '验证码无效，请重新获取');
    }
    if (!safeEqual(doc.codeHash!, codeHash(phoneIndex, code))) {
      const left = SMS.maxAttempts - doc.attempts;
      if (left <= 0) throw new AppError(400, 'SMS_CODE_EXHAUSTED', '验证码错误次数过多，请重新获取');
      throw new AppError(400, 'SMS_CODE_WRONG', `验证码错误，还可尝试 ${left} 次`, { attemptsLeft: left });
    }
    // Single use: only the request that clears this exact hash logs in.
    const used = await SmsCode.updateOne(
      { _id: doc._id, codeHash: doc.codeHash },
      { $set: { codeHash: null } },
    );
    if (used.modifiedCount !== 1) throw new AppError(400, 'SMS_CODE_INVALID', '验证码无效，请重新获取');
    const user = await upsertResident(
      { phoneIndex },
      { phoneIndex, phoneEnc: pii.encrypt(phone), displayName: `用户${phone.slice(-4)}` },
    );
    if (!user) throw new Unauthorized('登录失败，请重试');
    Object.assign(trail, { targetType: 'user', targetId: String(user._id) });
    assertResident(user, '该手机号已绑定工作人员账号，请使用账号密码登录');
    return startSession(user, meta, trail);
  }

  /** The password step of a staff sign-in (audited by the caller). */
  async function passwordStep(
    key: ThrottleKey,
    password: string,
    meta: RequestMeta,
    trail: Trail,
    now: Date,
  ): Promise<StaffLoginResult> {
    // Looked up first (known or not, the same query), so even a throttled attempt is recorded against the account.
    const user = await User.findOne({ username: key.username }).lean();
    if (user) trail.targetId = String(user._id);
    await throttle.reserve(key, now);

    let right = false;
    if (user?.passwordHash) right = await verifyPassword(user.passwordHash, password);
    else await burnPasswordCheck(password);
    if (!user || !right) {
      await throttle.failed(key, now);
      throw badCredentials();
    }
    // The password was right: its attempt does not count. The streak of this address is cleared only
    // after the TOTP step, so knowing the password does not buy unlimited TOTP guesses.
    await throttle.giveBack(key);
    if (user.status === 'disabled') throw new Forbidden('账号已停用，请联系管理员');

    const mfaToken = newToken();
    const mfaExpiresAt = new Date(now.getTime() + MFA_TTL_MS);
    const enroll = !user.totpEnc;
    const secret = enroll ? generateSecret() : undefined;
    await Mfa.create({
      tokenHash: hashToken(mfaToken),
      userId: user._id,
      expiresAt: mfaExpiresAt,
      enrollSecretEnc: secret ? pii.encrypt(secret) : null,
    });
    // The first factor passed: recorded, since a right password followed by no (or a failed) TOTP step
    // is itself worth an auditor's attention.
    await deps.audit.record({
      actor: null,
      action: 'auth.password',
      targetType: 'user',
      targetId: String(user._id),
      result: 'ok',
      detail: { username: key.username, next: enroll ? 'enroll' : 'totp', address: meta.address },
      requestId: meta.requestId,
    });
    return {
      mfaToken,
      mfaExpiresAt: mfaExpiresAt.toISOString(),
      next: enroll ? 'enroll' : 'totp',
      ...(secret
        ? {
            enrollment: {
              secret,
              otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: user.username!, secret }),
            },
          }
        : {}),
    };
  }

  /** The TOTP step: confirms an enrolment or checks the code, then signs in (audited by the caller). */
  async function totpStep(mfaToken: string, rawCode: string, meta: RequestMeta, trail: Trail, now: Date) {
    if (!TOKEN_PATTERN.test(mfaToken)) throw mfaExpired();
    const code = rawCode.trim();
    const challenge = await Mfa.findOne({
      tokenHash: hashToken(mfaToken),
      usedAt: null,
      expiresAt: { $gt: now },
    }).lean();
    if (!challenge) throw mfaExpired();
    trail.targetId = String(challenge.userId);
    const user = await User.findById(challenge.userId).lean();
    if (!user || user.status === 'disabled') throw mfaExpired();
    const enrolling = !!challenge.enrollSecretEnc;
    trail.detail = { username: user.username ?? null, enrolling };
    // Another login enrolled first: this challenge's secret is no longer the one to confirm.
    if (enrolling && user.totpEnc) throw mfaExpired();
    const secretEnc = enrolling ? challenge.enrollSecretEnc : user.totpEnc;
    if (!secretEnc) throw mfaExpired();
    const key = throttle.keyOf(user.username ?? '', meta.address ?? '');
    await throttle.reserve(key, now);

    const secret = pii.decrypt(secretEnc);
    const result = /^\d{6}$/.test(code)
      ? await verifyTotp({
          secret,
          token: code,
          epoch: Math.floor(now.getTime() / 1000),
          // One period either side for clock drift between the phone and the server.
          epochTolerance: 30,
        })
      : { valid: false as const };
    const lastStep = user.totpLastStep ?? -1;
    const timeStep = result.valid && 'timeStep' in result ? result.timeStep : undefined;
    if (timeStep === undefined || timeStep <= lastStep) {
      await throttle.failed(key, now);
      throw new AppError(401, 'TOTP_INVALID', '动态验证码错误，请查看身份验证器后重试');
    }
    const consumed = await Mfa.updateOne({ _id: challenge._id, usedAt: null }, { $set: { usedAt: now } });
    if (consumed.modifiedCount !== 1) throw mfaExpired();
    // Replay protection and enrollment in one conditional write: the time step only moves forward, and
    // the secret is set only if none was set meanwhile.
    const done = await User.updateOne(
      {
        _id: user._id,
        $or: [{ totpLastStep: null }, { totpLastStep: { $lt: timeStep } }],
        ...(enrolling ? { totpEnc: null } : {}),
      },
      {
        $set: {
          totpLastStep: timeStep,
          ...(enrolling ? { totpEnc: secretEnc } : {}),
        },
      },
    );
    if (done.modifiedCount !== 1) {
      await throttle.failed(key, now);
      throw new AppError(401, 'TOTP_INVALID', '动态验证码已使用，请等待下一个验证码');
    }
    const failedSignIns = await throttle.succeeded(key);
    const actor = { userId: String(user._id), roles: [...user.roles], unitCode: user.unitCode ?? null };
    if (enrolling) {
      await deps.audit.record({
        actor,
        action: 'auth.totp_enrolled',
        targetType: 'user',
        targetId: actor.userId,
        result: 'ok',
        detail: { username: user.username ?? null, address: meta.address },
        requestId: meta.requestId,
      });
    }
    const session = await startSession(user, meta, {
      method: 'password+totp',
      detail: {
        username: user.username ?? null,
        ...(failedSignIns ? { failedBefore: failedSignIns.count } : {}),
      },
    });
    return failedSignIns ? { ...session, failedSignIns } : session;
  }

  return {
    kindOf,
    toAuthUser,

    // ---- residents: WeChat ----
    async wechatLogin(code: string, meta: RequestMeta = {}): Promise<LoginResult> {
      const trail: Trail = {
        method: 'wechat',
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: null,
        detail: {},
      };
      return audited(trail, meta, async () => {
        const wx = await deps.wechat.code2Session(code);
        const user = await upsertResident(
          { openid: wx.openid },
          { openid: wx.openid, displayName: '微信用户' },
          wx.unionid ? { unionid: wx.unionid } : {},
        );
        if (!user) throw new Unauthorized('登录失败，请重试');
        trail.targetId = String(user._id);
        assertResident(user, '该微信已绑定工作人员账号，请使用账号密码登录');
        return startSession(user, meta, trail, { wechatSessionKeyEnc: pii.encrypt(wx.sessionKey) });
      });
    },

    // ---- residents: phone + SMS code ----
    async sendSmsCode(rawPhone: string, meta: RequestMeta = {}, now = new Date()) {
      const trail = phoneTrail('sms', 'auth.sms_code_sent', rawPhone.trim());
      const sent = await audited(trail, meta, () => sendCode(rawPhone, now));
      await deps.audit.record({
        actor: null,
        action: 'auth.sms_code_sent',
        targetType: trail.targetType,
        targetId: trail.targetId ?? undefined,
        result: 'ok',
        detail: { ...trail.detail, address: meta.address },
        requestId: meta.requestId,
      });
      return sent;
    },

    async verifySmsCode(rawPhone: string, rawCode: string, meta: RequestMeta = {}, now = new Date()) {
      const trail = phoneTrail('sms', 'auth.sign_in', rawPhone.trim());
      return audited(trail, meta, () => verifyCode(rawPhone, rawCode, meta, trail, now));
    },

    // ---- staff: password, then TOTP ----
    /**
     * A known username with a wrong password and an unknown one take the same steps (throttle reservation,
     * one argon2id verification — against a dummy hash for the unknown —, the failure recorded) and get the
     * same answer, so neither the status, the body nor the timing tells whether the account exists.
     */
    async staffLogin(
      username: string,
      password: string,
      meta: RequestMeta = {},
      now = new Date(),
    ): Promise<StaffLoginResult> {
      const key = throttle.keyOf(username, meta.address ?? '');
      const trail: Trail = {
        method: 'password',
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: null,
        detail: { username: key.username },
      };
      return audited(trail, meta, () => passwordStep(key, password, meta, trail, now));
    },

    async staffTotp(mfaToken: string, rawCode: string, meta: RequestMeta = {}, now = new Date()) {
      const trail: Trail = {
        method: 'totp',
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: null,
        detail: {},
      };
      return audited(trail, meta, () => totpStep(mfaToken, rawCode, meta, trail, now));
    },

    /** For admins (the initial password) and a future password change: policy-checked, argon2id. */
    /** Returns how many sessions the new password ended. */
    async setPassword(userId: string, password: string, now = new Date()): Promise<number> {
      if (!Types.ObjectId.isValid(userId)) throw new NotFound('用户不存在');
      const user = await User.findOne({ _id: userId, username: { $ne: null } }).lean();
      if (!user) throw new NotFound('用户不存在');
      checkPasswordPolicy(password, user.username);
      const passwordHash = await hashPassword(password);
      await User.updateOne({ _id: user._id }, { $set: { passwordHash, passwordChangedAt: now } });
      // Whoever was slowed down on this username (the owner at his own desk included) may try again.
      await throttle.clearForUsername(user.username!);
      // A new password ends every existing session of that account.
      return sessions.revokeAllForUser(String(user._id), now);
    },

    /** Admin: the staff member lost their authenticator; the next login enrolls a new one. */
    async resetTotp(userId: string, now = new Date()): Promise<number> {
      if (!Types.ObjectId.isValid(userId)) throw new NotFound('用户不存在');
      const res = await User.updateOne({ _id: userId }, { $set: { totpEnc: null, totpLastStep: null } });
      if (res.matchedCount !== 1) throw new NotFound('用户不存在');
      return sessions.revokeAllForUser(userId, now);
    },

    async me(userId: string): Promise<AuthUser> {
      const user = await User.findById(userId).lean();
      if (!user || user.status === 'disabled') throw new Unauthorized('登录已失效，请重新登录');
      return toAuthUser(user);
    },

    async userExists(userId: string): Promise<boolean> {
      return Types.ObjectId.isValid(userId) && (await User.exists({ _id: userId })) !== null;
    },

    /** Issues a session for a user by id without credentials: DEMO picker and tests only. */
    async sessionFor(userId: string, meta: RequestMeta = {}, filter: Record<string, unknown> = {}) {
      if (!Types.ObjectId.isValid(userId)) throw new NotFound('账号不存在');
      const user = await User.findOne({ _id: userId, status: { $ne: 'disabled' }, ...filter }).lean();
      if (!user) throw new NotFound('账号不存在');
      return startSession(user, meta, { method: 'demo', detail: {} });
    },

    async demoAccounts() {
      const users = await User.find({ demo: true, status: { $ne: 'disabled' } })
        .sort({ _id: 1 })
        .lean();
      const codes = [...new Set(users.map((u) => u.unitCode).filter((c): c is string => !!c))];
      const units = codes.length
        ? await unitModel(deps.conn)
            .find({ code: { $in: codes } })
            .lean()
        : [];
      const names = new Map(units.map((u) => [u.code, u.name]));
      return users.map((u) => ({
        id: String(u._id),
        displayName: u.displayName,
        roles: u.roles as Role[],
        unitCode: u.unitCode ?? null,
        unitName: (u.unitCode && names.get(u.unitCode)) || null,
      }));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
