import Type, { type Static } from 'typebox';
import { ROLES } from '../domain/case-model';

/**
 * Auth request/response shapes, shared with the client. Response schemas are the privacy filter: WeChat's
 * session_key, password hashes, TOTP secrets (after enrollment), session token hashes and phones in clear
 * have no field here, so they cannot leave the server.
 */

/** Roles (DOMAIN.md §1): the domain's one list (imported from case-model only, so clients don't bundle the calendar). */
export const RoleSchema = Type.Enum(ROLES, { description: '角色' });

export const SessionKindSchema = Type.Union([Type.Literal('resident'), Type.Literal('staff')], {
  description: 'resident 群众；staff 工作人员（会话更短）',
});
export type SessionKind = Static<typeof SessionKindSchema>;

const DateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });
const ObjectId = Type.String({ pattern: '^[0-9a-f]{24}$', description: '对象 ID' });

export const AuthUserSchema = Type.Object(
  {
    id: ObjectId,
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    unitCode: Type.Union([Type.String(), Type.Null()], { description: '所属单位代码；群众为 null' }),
    kind: SessionKindSchema,
    phoneMasked: Type.Optional(Type.String({ description: '脱敏手机号，如 138****0001' })),
  },
  { title: 'AuthUser' },
);
export type AuthUser = Static<typeof AuthUserSchema>;

/** Told to a staff member when he signs in: attempts on his username that failed since he last signed in. */
export const FailedSignInsSchema = Type.Object(
  {
    count: Type.Integer({
      minimum: 1,
      description: '自上次登录以来，以本账号用户名登录失败的次数（密码或动态码错误）',
    }),
    firstAt: DateTime('其中第一次的时间'),
    lastAt: DateTime('其中最近一次的时间'),
  },
  { title: 'FailedSignIns' },
);
export type FailedSignIns = Static<typeof FailedSignInsSchema>;

export const LoginResultSchema = Type.Object(
  {
    token: Type.String({ description: '会话令牌：之后每个请求带上 `Authorization: Bearer <token>`' }),
    expiresAt: DateTime('会话在此时间前无操作则失效（每次使用顺延，不超过绝对时限）'),
    user: AuthUserSchema,
    failedSignIns: Type.Optional(FailedSignInsSchema),
  },
  { title: 'LoginResult' },
);
export type LoginResult = Static<typeof LoginResultSchema>;

export const WechatLoginBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 128, description: 'wx.login 得到的临时登录凭证' }) },
  { additionalProperties: false },
);

export const SmsSendBodySchema = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 20, description: '中国大陆手机号（11 位，1[3-9] 开头）' }),
  },
  { additionalProperties: false },
);
export const SmsSendResultSchema = Type.Object(
  {
    cooldownSeconds: Type.Integer({ description: '再次获取前需等待的秒数' }),
    expiresInSeconds: Type.Integer({ description: '验证码有效期（秒）' }),
  },
  { title: 'SmsSendResult' },
);

export const SmsVerifyBodySchema = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 20 }),
    code: Type.String({ minLength: 1, maxLength: 10, description: '6 位短信验证码' }),
  },
  { additionalProperties: false },
);

export const StaffLoginBodySchema = Type.Object(
  {
    username: Type.String({
      minLength: 1,
      maxLength: 64,
      // The shape of every username (admin UsernameSchema), any case; nothing else reaches the throttle.
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      description: '用户名（字母、数字、点、下划线、连字符，不区分大小写）',
    }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
export const StaffLoginResultSchema = Type.Object(
  {
    mfaToken: Type.String({ description: '第二步（动态验证码）凭证，短期有效，不是会话' }),
    mfaExpiresAt: DateTime(),
    next: Type.Union([Type.Literal('totp'), Type.Literal('enroll')], {
      description: 'totp：输入动态验证码；enroll：先绑定身份验证器（仅此一次返回密钥）',
    }),
    enrollment: Type.Optional(
      Type.Object({
        secret: Type.String({ description: 'Base32 密钥（手动输入用）' }),
        otpauthUri: Type.String({ description: 'otpauth:// 链接（生成二维码）' }),
      }),
    ),
  },
  { title: 'StaffLoginResult' },
);
export type StaffLoginResult = Static<typeof StaffLoginResultSchema>;

export const StaffTotpBodySchema = Type.Object(
  {
    mfaToken: Type.String({ minLength: 1, maxLength: 64 }),
    code: Type.String({ minLength: 1, maxLength: 10, description: '身份验证器上的 6 位动态码' }),
  },
  { additionalProperties: false },
);

export const MeSchema = Type.Object(
  {
    user: AuthUserSchema,
    session: Type.Object({ id: ObjectId, expiresAt: DateTime() }),
  },
  { title: 'Me' },
);

export const SessionInfoSchema = Type.Object(
  {
    id: ObjectId,
    kind: SessionKindSchema,
    createdAt: DateTime(),
    lastSeenAt: DateTime(),
    expiresAt: DateTime(),
    revokedAt: Type.Union([DateTime(), Type.Null()]),
    active: Type.Boolean(),
    userAgent: Type.Optional(Type.String()),
  },
  { title: 'SessionInfo' },
);
export const SessionListSchema = Type.Object(
  { sessions: Type.Array(SessionInfoSchema) },
  { title: 'SessionList' },
);
export const RevokeResultSchema = Type.Object(
  { revoked: Type.Integer({ description: '本次注销的会话数' }) },
  { title: 'RevokeResult' },
);
export const UserIdParamsSchema = Type.Object({ id: ObjectId });

export const DemoAccountSchema = Type.Object(
  {
    id: ObjectId,
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    unitCode: Type.Union([Type.String(), Type.Null()]),
    unitName: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'DemoAccount' },
);
export const DemoAccountListSchema = Type.Object(
  { accounts: Type.Array(DemoAccountSchema) },
  { title: 'DemoAccounts' },
);
export const DemoLoginBodySchema = Type.Object({ userId: ObjectId }, { additionalProperties: false });
export const DemoOutboxBodySchema = Type.Object(
  { phone: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
export const DemoOutboxSchema = Type.Object(
  {
    code: Type.Union([Type.String(), Type.Null()], { description: '最近一条验证码；没有则为 null' }),
    sentAt: Type.Union([DateTime(), Type.Null()]),
  },
  { title: 'DemoSmsOutbox' },
);
