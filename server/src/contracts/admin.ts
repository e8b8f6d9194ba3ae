import Type, { type Static } from 'typebox';
import { ChinaDate } from './common';
import { UNIT_KINDS } from '../domain/units';
import { RoleSchema, SessionKindSchema } from './auth';

/**
 * Admin shapes: units, users, categories, rule profiles, calendar years. Response schemas are the privacy
 * filter: password hashes, TOTP secrets, phone ciphertexts and lookup hashes have no field here; a phone
 * leaves only masked.
 */

const DateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });
const ObjectId = Type.String({ pattern: '^[0-9a-f]{24}$', description: '对象 ID' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const UnitCodeSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  description: '单位代码（小写字母、数字、连字符），如 jd-zjj',
});
export const RegionCodeSchema = Type.String({ pattern: '^[0-9]{6}$', description: '6 位行政区划代码' });
export const ProfileIdSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  description: '规则档案编号，如 xinfang-2022',
});
export const UnitKindSchema = Type.Enum(UNIT_KINDS, { description: '单位类型' });
const Name = (max: number) => Type.String({ minLength: 1, maxLength: max });

// ---- units ----

export const UnitNodeSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    kind: UnitKindSchema,
    parentCode: Nullable(Type.String()),
    ancestors: Type.Array(Type.String(), { description: '上级单位代码，自根起' }),
    depth: Type.Integer({ description: '层级（根为 0）' }),
    childCount: Type.Integer(),
    regionCode: Type.String(),
    profileId: Type.String(),
    active: Type.Boolean(),
    updatedAt: Nullable(DateTime()),
  },
  { title: 'UnitNode' },
);
export type UnitNode = Static<typeof UnitNodeSchema>;

export const UnitTreeSchema = Type.Object(
  {
    units: Type.Array(UnitNodeSchema, {
      description: '按树的先序排列：每个单位紧跟在其上级之后，depth 表示缩进层级',
    }),
  },
  { title: 'UnitTree' },
);

export const UnitCodeParamsSchema = Type.Object({ code: UnitCodeSchema });

export const CreateUnitBodySchema = Type.Object(
  {
    code: UnitCodeSchema,
    name: Name(100),
    kind: UnitKindSchema,
    parentCode: Nullable(UnitCodeSchema),
    regionCode: RegionCodeSchema,
    profileId: Type.Optional(ProfileIdSchema),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBodySchema>;

export const UpdateUnitBodySchema = Type.Object(
  {
    name: Type.Optional(Name(100)),
    kind: Type.Optional(UnitKindSchema),
    parentCode: Type.Optional(Nullable(UnitCodeSchema)),
    regionCode: Type.Optional(RegionCodeSchema),
    profileId: Type.Optional(ProfileIdSchema),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUnitBody = Static<typeof UpdateUnitBodySchema>;

// ---- users ----

export const UserStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled')], {
  description: 'active 正常；disabled 停用',
});

/** A role change waiting for a second administrator (granting 审计员 or 管理员, DOMAIN.md §13). */
export const PendingGrantSchema = Type.Object(
  {
    id: ObjectId,
    rolesTo: Type.Array(RoleSchema, { description: '批准后的全部角色' }),
    requestedBy: ObjectId,
    requestedAt: DateTime(),
  },
  { title: 'PendingRoleGrant' },
);

export const AdminUserSchema = Type.Object(
  {
    id: ObjectId,
    username: Nullable(Type.String()),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    unitCode: Nullable(Type.String()),
    status: UserStatusSchema,
    kind: SessionKindSchema,
    phoneMasked: Type.Optional(Type.String({ description: '脱敏手机号，如 138****0001' })),
    totpEnrolled: Type.Boolean({ description: '是否已绑定身份验证器' }),
    pendingGrant: Nullable(PendingGrantSchema),
    rolesLocked: Nullable(
      Type.String({ description: '本人不能修改此账号角色的原因（职责分离：自己的账号）；可修改时为 null' }),
    ),
    createdAt: Nullable(DateTime()),
  },
  { title: 'AdminUser' },
);
export type AdminUser = Static<typeof AdminUserSchema>;

export const UserListQuerySchema = Type.Object(
  {
    unitCode: Type.Optional(UnitCodeSchema),
    includeSubunits: Type.Optional(Type.Boolean({ description: '包含下级单位的人员' })),
    role: Type.Optional(RoleSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: '按姓名或用户名搜索' })),
    status: Type.Optional(UserStatusSchema),
    cursor: Type.Optional(ObjectId),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuerySchema>;

export const UserPageSchema = Type.Object(
  { items: Type.Array(AdminUserSchema), nextCursor: Nullable(ObjectId) },
  { title: 'AdminUserPage' },
);

export const UserIdParamsSchema = Type.Object({ id: ObjectId });

export const UsernameSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{2,31}$',
  description: '用户名：3–32 位小写字母、数字、点、下划线、连字符',
});
const Password = Type.String({ minLength: 1, maxLength: 128, description: '密码（不会被记录或返回）' });

export const CreateUserBodySchema = Type.Object(
  {
    username: UsernameSchema,
    displayName: Name(50),
    roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 8, uniqueItems: true }),
    unitCode: UnitCodeSchema,
    password: Password,
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = Type.Object(
  {
    displayName: Type.Optional(Name(50)),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, maxItems: 8, uniqueItems: true })),
    unitCode: Type.Optional(UnitCodeSchema),
    status: Type.Optional(UserStatusSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBodySchema>;

export const PasswordBodySchema = Type.Object({ password: Password }, { additionalProperties: false });

export const UserChangeResultSchema = Type.Object(
  {
    user: AdminUserSchema,
    sessionsRevoked: Type.Integer({ description: '因本次变更被注销的会话数（角色、单位变更或停用时）' }),
  },
  {
    title: 'AdminUserChange',
    description:
      '授予审计员或管理员角色须另一名管理员批准：此时角色暂不变更，user.pendingGrant 为待审批的申请（202）',
  },
);

export const OkSchema = Type.Object({ ok: Type.Literal(true) }, { title: 'Ok' });

// ---- role grants (separation of duties, domain/duties.ts) ----

export const RoleGrantStatusSchema = Type.Union(
  [Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')],
  { description: 'pending 待审批；approved 已批准；rejected 已驳回' },
);
const PersonRef = Type.Object({ id: ObjectId, displayName: Type.String() });

export const RoleGrantSchema = Type.Object(
  {
    id: ObjectId,
    userId: ObjectId,
    username: Nullable(Type.String()),
    displayName: Type.String(),
    rolesFrom: Type.Array(RoleSchema, { description: '申请时的角色' }),
    rolesTo: Type.Array(RoleSchema, { description: '批准后的角色' }),
    requestedBy: PersonRef,
    requestedAt: DateTime(),
    status: RoleGrantStatusSchema,
    decidedBy: Nullable(PersonRef),
    decidedAt: Nullable(DateTime()),
    reason: Nullable(Type.String({ description: '驳回理由' })),
    mayDecide: Type.Boolean({
      description: '本人可否批准或驳回（待审批的申请，且不是本人提出或授予本人的）',
    }),
    lock: Nullable(Type.String({ description: '本人不能审批的原因（职责分离）；无此限制时为 null' })),
  },
  { title: 'RoleGrant' },
);
export type RoleGrant = Static<typeof RoleGrantSchema>;

export const RoleGrantListQuerySchema = Type.Object(
  {
    status: Type.Optional(RoleGrantStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type RoleGrantListQuery = Static<typeof RoleGrantListQuerySchema>;

export const RoleGrantListSchema = Type.Object(
  { items: Type.Array(RoleGrantSchema, { description: '按申请时间倒序' }) },
  { title: 'RoleGrantList' },
);
export const RoleGrantIdParamsSchema = Type.Object({ id: ObjectId });
export const RejectGrantBodySchema = Type.Object(
  { reason: Type.Optional(Name(200)) },
  { additionalProperties: false },
);
export const RoleGrantDecisionSchema = Type.Object(
  {
    grant: RoleGrantSchema,
    user: AdminUserSchema,
    sessionsRevoked: Type.Integer({ description: '因角色变更被注销的会话数' }),
  },
  { title: 'RoleGrantDecision' },
);
export const RoleGrantRejectedSchema = Type.Object(
  { grant: RoleGrantSchema },
  { title: 'RoleGrantRejected' },
);

// ---- categories ----

export const CategoryCodeSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,31}$',
  description: '分类代码，如 cxjs-wy',
});

export const AdminCategorySchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    parentCode: Nullable(Type.String()),
    hint: Type.String(),
    order: Type.Integer(),
    active: Type.Boolean(),
    updatedAt: Nullable(DateTime()),
  },
  { title: 'AdminCategory' },
);
export type AdminCategory = Static<typeof AdminCategorySchema>;

export const CategoryListSchema = Type.Object(
  { categories: Type.Array(AdminCategorySchema, { description: '一级分类在前，各自的二级分类紧随其后' }) },
  { title: 'AdminCategoryList' },
);
export const CategoryCodeParamsSchema = Type.Object({ code: CategoryCodeSchema });

export const CreateCategoryBodySchema = Type.Object(
  {
    code: CategoryCodeSchema,
    name: Name(50),
    parentCode: Type.Optional(Nullable(CategoryCodeSchema)),
    hint: Type.Optional(Type.String({ maxLength: 100 })),
    order: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export type CreateCategoryBody = Static<typeof CreateCategoryBodySchema>;

export const UpdateCategoryBodySchema = Type.Object(
  {
    name: Type.Optional(Name(50)),
    parentCode: Type.Optional(Nullable(CategoryCodeSchema)),
    hint: Type.Optional(Type.String({ maxLength: 100 })),
    order: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCategoryBody = Static<typeof UpdateCategoryBodySchema>;

// ---- rule profiles ----

export const ProfileSummarySchema = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    name: Type.String(),
    source: Type.String(),
    builtin: Type.Boolean({ description: '内置档案（只读）' }),
    latest: Type.Boolean({ description: '是否为该档案的最新版本（新受理的事项使用最新版本）' }),
    casesUsing: Type.Integer({ description: '按此版本办理的事项数；被使用过的版本永不修改' }),
    unitsBound: Type.Integer({ description: '绑定此档案编号的单位数' }),
    createdAt: Nullable(DateTime()),
    createdBy: Nullable(Type.String()),
  },
  { title: 'ProfileSummary' },
);
export type ProfileSummary = Static<typeof ProfileSummarySchema>;

export const ProfileListSchema = Type.Object(
  { profiles: Type.Array(ProfileSummarySchema) },
  { title: 'ProfileList' },
);

/** The profile document itself; its inner structure is checked by the domain's `validateProfile`. */
export const ProfileBodySchema = Type.Object(
  {
    id: ProfileIdSchema,
    version: Type.Integer({ minimum: 1, maximum: 100_000 }),
    name: Name(100),
    source: Name(200),
    clocks: Type.Record(Type.String(), Type.Unknown()),
    stages: Type.Record(Type.String(), Type.Unknown()),
    settings: Type.Record(Type.String(), Type.Unknown()),
    references: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ProfileBody = Static<typeof ProfileBodySchema>;

export const ProfileDetailSchema = Type.Object(
  { summary: ProfileSummarySchema, profile: ProfileBodySchema },
  { title: 'ProfileDetail' },
);

export const ProfileParamsSchema = Type.Object({
  id: ProfileIdSchema,
  version: Type.Integer({ minimum: 1 }),
});

// ---- calendar years ----

export const CalendarYearParamsSchema = Type.Object({ year: Type.Integer({ minimum: 1949, maximum: 2200 }) });

export const CalendarYearBodySchema = Type.Object(
  {
    holidays: Type.Array(ChinaDate, { maxItems: 366, description: '放假日期（含假期内的周末）' }),
    workdays: Type.Array(ChinaDate, { maxItems: 366, description: '调休上班日期' }),
    names: Type.Optional(
      Type.Record(ChinaDate, Type.String({ minLength: 1, maxLength: 20 }), {
        description: '节日名称，如 {"2027-02-06": "春节"}',
      }),
    ),
    source: Type.String({ minLength: 1, maxLength: 200, description: '数据来源，如国务院办公厅通知文号' }),
  },
  { additionalProperties: false },
);
export type CalendarYearBody = Static<typeof CalendarYearBodySchema>;

export const CalendarOriginSchema = Type.Union([Type.Literal('chinese-days'), Type.Literal('admin')], {
  description: 'chinese-days 随程序发布的数据；admin 管理员导入（覆盖同年的程序数据）',
});

export const CalendarYearSchema = Type.Object(
  {
    year: Type.Integer(),
    origin: CalendarOriginSchema,
    holidays: Type.Array(Type.String()),
    workdays: Type.Array(Type.String()),
    names: Type.Record(Type.String(), Type.String()),
    source: Nullable(Type.String()),
    loadedBy: Nullable(Type.String()),
    loadedAt: Nullable(DateTime()),
  },
  { title: 'CalendarYear' },
);
export type CalendarYearDto = Static<typeof CalendarYearSchema>;

export const CalendarCoverageSchema = Type.Object(
  {
    from: Nullable(Type.Integer()),
    to: Nullable(Type.Integer()),
    fingerprint: Type.String({ description: '日历数据指纹：变化即说明期限需按新日历重算' }),
    years: Type.Array(
      Type.Object({
        year: Type.Integer(),
        origin: CalendarOriginSchema,
        holidays: Type.Integer({ description: '放假天数' }),
        workdays: Type.Integer({ description: '调休上班天数' }),
        source: Nullable(Type.String()),
        loadedBy: Nullable(Type.String()),
        loadedAt: Nullable(DateTime()),
      }),
    ),
  },
  { title: 'CalendarCoverage' },
);

export const RecomputeSummarySchema = Type.Object(
  {
    matched: Type.Integer({ description: '含该年度临时期限的事项数' }),
    updated: Type.Integer({ description: '本次重新计算并保存的事项数' }),
    unchanged: Type.Integer({ description: '无需变更（已是最新）的事项数' }),
    conflicts: Type.Integer({ description: '多次并发冲突未能保存的事项数（再次导入同一年度即可补算）' }),
  },
  { title: 'RecomputeSummary' },
);

export const CalendarPutResultSchema = Type.Object(
  { year: CalendarYearSchema, changed: Type.Boolean(), recompute: RecomputeSummarySchema },
  { title: 'CalendarPutResult' },
);
