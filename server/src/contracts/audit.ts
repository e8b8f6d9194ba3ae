import Type, { type Static } from 'typebox';
import { RoleSchema } from './auth';

/**
 * Audit log shapes (网络安全法第二十一条: who, what, when, result). An entry never carries personal data:
 * actors are user ids, targets are ids and codes, `detail` holds ids, codes and counts only.
 */

const DateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });
const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256（十六进制）' });

export const AUDIT_RESULTS = ['ok', 'denied', 'error'] as const;
export const AuditResultSchema = Type.Enum(AUDIT_RESULTS, {
  description: 'ok 成功；denied 被拒绝（401/403/越权 404）；error 失败',
});
export type AuditResult = Static<typeof AuditResultSchema>;

export const AuditActorSchema = Type.Object(
  {
    userId: Type.String(),
    roles: Type.Array(RoleSchema),
    unitCode: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'AuditActor' },
);

export const AuditEntrySchema = Type.Object(
  {
    seq: Type.Integer({ minimum: 1, description: '链上序号，连续递增' }),
    at: DateTime('发生时间'),
    actor: Type.Union([AuditActorSchema, Type.Null()], { description: '操作人；未登录时为 null' }),
    action: Type.String({ description: '动作，如 unit.update、access.denied' }),
    targetType: Type.String({ description: '对象类型，如 unit、user、case、route' }),
    targetId: Type.Union([Type.String(), Type.Null()]),
    result: AuditResultSchema,
    detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
      description: '补充信息（仅编号、代码、数量，不含个人信息）',
    }),
    requestId: Type.Union([Type.String(), Type.Null()]),
    prevHash: Hash,
    hash: Hash,
  },
  { title: 'AuditEntry' },
);
export type AuditEntryDto = Static<typeof AuditEntrySchema>;

export const AuditQuerySchema = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: '操作人用户 ID' })),
    targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' })),
    targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' })),
    result: Type.Optional(AuditResultSchema),
    since: Type.Optional(DateTime('起始时间（含）')),
    until: Type.Optional(DateTime('截止时间（不含）')),
    cursor: Type.Optional(
      Type.Integer({ minimum: 1, description: '上一页返回的 nextCursor：只返回序号更小的记录' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditPageSchema = Type.Object(
  {
    items: Type.Array(AuditEntrySchema),
    nextCursor: Type.Union([Type.Integer(), Type.Null()], { description: '下一页游标；没有更多时为 null' }),
  },
  { title: 'AuditPage' },
);

export const AUDIT_PROBLEMS = ['missing', 'altered', 'link', 'checkpoint', 'truncated', 'anchor'] as const;
export const AuditProblemSchema = Type.Object(
  {
    seq: Type.Integer(),
    reason: Type.Enum(AUDIT_PROBLEMS, {
      description:
        'missing 记录缺失（序号断档）；altered 内容与哈希不符；link 前序哈希不符；checkpoint 清理检查点不符；truncated 日志末尾被删除；anchor 与签名检查点不符（日志被改写），或签名检查点本身被伪造、删除',
    }),
    message: Type.String({ description: '中文说明' }),
  },
  { title: 'AuditProblem' },
);

export const AuditVerifyQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.Integer({ minimum: 1, description: '起始序号（含）' })),
    to: Type.Optional(Type.Integer({ minimum: 1, description: '截止序号（含）' })),
  },
  { additionalProperties: false },
);

export const AuditVerifySchema = Type.Object(
  {
    ok: Type.Boolean(),
    checked: Type.Integer({ description: '校验的记录数' }),
    firstBad: Type.Optional(AuditProblemSchema),
    problems: Type.Array(AuditProblemSchema, { description: '发现的问题（最多 20 条）' }),
    head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Hash }), Type.Null()], {
      description: '链头：可抄录到系统外部作为锚点，事后比对可发现整链重写',
    }),
    checkpoint: Type.Union([Type.Object({ seq: Type.Integer(), hash: Hash }), Type.Null()], {
      description: '按留存期清理后的检查点（最后一条已清理记录的哈希）',
    }),
    anchors: Type.Union(
      [
        Type.Object({
          keyId: Type.String({ description: '签名密钥标识（公钥 SHA-256 前 16 位）' }),
          publicKey: Type.String({ description: 'Ed25519 公钥（base64），外部日志的核对方可用它验证检查点' }),
          checked: Type.Integer({
            description: '参与校验的签名检查点数（数据库与外部文件合计，每个序号计一次）',
          }),
          latest: Type.Union(
            [Type.Object({ seq: Type.Integer(), hash: Hash, at: DateTime('签名时间') }), Type.Null()],
            { description: '最新的签名检查点' },
          ),
          unshipped: Type.Union([Type.Integer(), Type.Null()], {
            description: '尚未送达外部日志的检查点数；未配置外部日志时为 null',
          }),
        }),
        Type.Null(),
      ],
      { description: '签名检查点：由数据库之外的密钥签名，另存于数据目录下的只追加文件（可选送往外部日志）' },
    ),
  },
  { title: 'AuditVerifyResult' },
);
export type AuditVerifyDto = Static<typeof AuditVerifySchema>;
