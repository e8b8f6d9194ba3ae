/**
 * The authorization policy of every API route, written down by hand (ASVS 4.1.3, 4.2.1): who may call it
 * (public / any signed-in user / these roles) and, for routes on one object, which subjects may reach
 * each target object. `matrix.test.ts` generates its rows from `app.routeTable` × SUBJECTS × targets and
 * compares what the server answers with what this table says. A route missing here fails the test: a
 * branch that adds a route must add its policy.
 *
 * Subjects are role × relation (see subjects.ts). Targets of case routes:
 * - `claim`: a 求决 case filed by resident 1, registered at 江东区信访局 (the first receiver) and transferred
 *   to 江东区住建局 (the current unit); `clerk2.jd` has recused himself (第二十八条第三款).
 * - `accusation`: a 检举控告 case against 江东区住建局, held by 江东区信访局 — 住建局 staff are the accused
 *   unit and must not learn it exists (第三十条第三款); `clerk2.jd` has recused himself.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/domain';
import type { InjectOptions } from 'fastify';
import { multipartBody, png } from '../attachments/support';

export const SUBJECT_KEYS = [
  'anonymous',
  'resident:petitioner',
  'resident:other',
  'grid_worker:unrelated',
  'clerk:first-receiver',
  'clerk:recused',
  'clerk:other-district',
  'handler:current-unit',
  'handler:other-unit',
  'unit_head:current-unit',
  'unit_head:first-receiver',
  'leader:region',
  'leader:city',
  'leader:other-district',
  'auditor:city',
  'admin:system',
] as const;
export type SubjectKey = (typeof SUBJECT_KEYS)[number];

/** Everything a request builder may need: fixture ids and a per-request counter for unique values. */
export interface MatrixContext {
  claimId: string;
  accusationId: string;
  claimAttachmentId: string;
  ownNotificationId: string;
  zjjNotificationId: string;
  spareUserId: string;
  /** A demo account (DEMO login picker). */
  demoUserId: string;
  /** The account a subject is signed in as (undefined: anonymous). */
  userIdOf(subject: SubjectKey): string | undefined;
  /**
   * A fresh pending role grant (auditor for a new account, DOMAIN.md §13), requested by the second
   * administrator (`admin2`) or by `admin:system` himself (`own`).
   */
  pendingGrant(requester: 'second' | 'own'): Promise<string>;
  spareCategory: string;
  /** A claim answered by 住建局 and rated 不满意 by the petitioner: a 回访 is due at 住建局. */
  ratedClaimId: string;
  /** The id of a document issued on the case (the claim's 转送告知书). */
  documentOf(caseId: string): Promise<string>;
  /** Unique per call (usernames, phones, idempotency keys). */
  seq(): number;
  /** The current version of a case (actions need it). */
  version(id: string): Promise<number>;
}

export interface RoutePolicy {
  access: 'public' | 'authenticated' | readonly Role[];
  /** Object-level: per target, the subjects that may reach it; every other subject gets 404 (no leak). */
  targets?: Record<string, readonly SubjectKey[]>;
  /** Of those who reach the object, the ones the domain lets act (PERMISSIONS); the others get 403. */
  permitted?: Record<string, readonly SubjectKey[]>;
  /** The status of a subject who gets through (default 200). */
  ok?: number;
  /** The status of a subject who reaches the object but is not `permitted` (default 403). */
  refused?: number;
  /** A fresh target per row (the allowed row changes the object, e.g. an action). */
  freshTarget?: boolean;
  /** The row needs its own session (the call ends it, e.g. logout). */
  freshSession?: boolean;
  /**
   * The audit entry a row that gets the `ok` status must leave with its request id (sign-in events, session
   * revocations and second-factor changes: issue 12 finding 8, DOMAIN.md §13).
   */
  audit?: { action: string; result: 'ok' | 'denied' | 'error' };
  /** The audit entry a `refused` row (reached the object, not permitted) must leave with its request id. */
  refusedAudit?: { action: string; result: 'ok' | 'denied' | 'error' };
  request(
    ctx: MatrixContext,
    target: string | undefined,
    subject: SubjectKey,
  ): Promise<InjectOptions> | InjectOptions;
}

// Who may read each case (visibility.ts): the petitioner, the first receiver's staff, the current unit's
// staff, leaders at or above, the auditor. Never the recused clerk or the accused unit.
const SEES_CLAIM: readonly SubjectKey[] = [
  'resident:petitioner',
  'clerk:first-receiver',
  'handler:current-unit',
  'unit_head:current-unit',
  'unit_head:first-receiver',
  'leader:region',
  'leader:city',
  'auditor:city',
];
const SEES_ACCUSATION: readonly SubjectKey[] = [
  'resident:petitioner',
  'clerk:first-receiver',
  'unit_head:first-receiver',
  'leader:region',
  'leader:city',
  'auditor:city',
];
const CASE_TARGETS = { claim: SEES_CLAIM, accusation: SEES_ACCUSATION };
const STAFF: readonly Role[] = ['grid_worker', 'clerk', 'handler', 'unit_head', 'leader', 'auditor', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const ADMIN_READ: readonly Role[] = ['admin', 'auditor'];
const DASHBOARD: readonly Role[] = ['leader', 'auditor'];
const DESK: readonly Role[] = ['clerk', 'handler', 'unit_head'];
// Staff of the claim's units who may read it (the desk roles among SEES_CLAIM).
const DESK_SEES_CLAIM: readonly SubjectKey[] = [
  'clerk:first-receiver',
  'handler:current-unit',
  'unit_head:current-unit',
  'unit_head:first-receiver',
];

const caseOf = (ctx: MatrixContext, t: string | undefined) =>
  t === 'accusation' ? ctx.accusationId : ctx.claimId;
const get = (url: string): InjectOptions => ({ method: 'GET', url });

export const FILE_BODY = {
  targetUnitId: 'jd-xfj',
  title: '小区路灯损坏影响夜间出行',
  request: '请求尽快修复小区路灯。',
  facts: '滨江花园东门路灯已损坏两周。',
  subjectCode: 'cxjs-wy',
  proposedCategory: 'claim',
};

export const POLICY: Record<string, RoutePolicy> = {
  // --- public: documentation, health, directory, sign-in (credential failures are 401 for everyone)
  'GET /api/docs': { access: 'public', request: () => get('/api/docs') },
  'GET /api/docs/static/index.html': {
    access: 'public',
    ok: 302, // swagger-ui redirects to /api/docs
    request: () => get('/api/docs/static/index.html'),
  },
  'GET /api/docs/static/swagger-initializer.js': {
    access: 'public',
    request: () => get('/api/docs/static/swagger-initializer.js'),
  },
  'GET /api/docs/json': { access: 'public', request: () => get('/api/docs/json') },
  'GET /api/docs/yaml': { access: 'public', request: () => get('/api/docs/yaml') },
  'GET /api/docs/static/*': { access: 'public', request: () => get('/api/docs/static/swagger-ui.css') },
  'GET /api/health': { access: 'public', request: () => get('/api/health') },
  'GET /api/units': { access: 'public', request: () => get('/api/units') },
  'GET /api/categories': { access: 'public', request: () => get('/api/categories') },
  'POST /api/auth/wechat': {
    audit: { action: 'auth.sign_in', result: 'ok' },
    access: 'public',
    // DEMO: the local fake WeChat accepts each new code once (a first sign-in creates a resident)
    request: (ctx) => ({
      method: 'POST',
      url: '/api/auth/wechat',
      payload: { code: `authz-code-${ctx.seq()}` },
    }),
  },
  'POST /api/auth/sms/send': {
    audit: { action: 'auth.sms_code_sent', result: 'ok' },
    access: 'public',
    request: (ctx) => ({
      method: 'POST',
      url: '/api/auth/sms/send',
      payload: { phone: `1390000${String(ctx.seq()).padStart(4, '0')}` },
    }),
  },
  'POST /api/auth/sms/verify': {
    audit: { action: 'auth.sign_in', result: 'denied' },
    access: 'public',
    ok: 400, // a wrong code is a bad request for everyone, signed in or not
    request: (ctx) => ({
      method: 'POST',
      url: '/api/auth/sms/verify',
      payload: { phone: `1390001${String(ctx.seq()).padStart(4, '0')}`, code: '000000' },
    }),
  },
  'POST /api/auth/staff/login': {
    audit: { action: 'auth.sign_in', result: 'denied' },
    access: 'public',
    ok: 401,
    // one client address per row: guessing is slowed per (username, address), and 16 rows from one address
    // would be answered 429 after the fifth (login-throttle.ts)
    request: (ctx) => ({
      method: 'POST',
      url: '/api/auth/staff/login',
      payload: { username: 'clerk.jd', password: 'wrong-password-123' },
      remoteAddress: `192.0.2.${ctx.seq() % 250}`,
    }),
  },
  'POST /api/auth/staff/totp': {
    audit: { action: 'auth.sign_in', result: 'denied' },
    access: 'public',
    ok: 401,
    request: () => ({
      method: 'POST',
      url: '/api/auth/staff/totp',
      payload: { mfaToken: 'A'.repeat(43), code: '123456' },
    }),
  },
  // DEMO mode only (absent otherwise: demo.test.ts)
  'GET /api/demo/accounts': { access: 'public', request: () => get('/api/demo/accounts') },
  'POST /api/demo/login': {
    audit: { action: 'auth.sign_in', result: 'ok' },
    access: 'public',
    request: (ctx) => ({ method: 'POST', url: '/api/demo/login', payload: { userId: ctx.demoUserId } }),
  },
  'POST /api/demo/sms-outbox': {
    access: 'public',
    request: () => ({ method: 'POST', url: '/api/demo/sms-outbox', payload: { phone: '13800000001' } }),
  },

  // --- any signed-in user
  'GET /api/auth/me': { access: 'authenticated', request: () => get('/api/auth/me') },
  'POST /api/auth/logout': {
    audit: { action: 'auth.sign_out', result: 'ok' },
    access: 'authenticated',
    ok: 204,
    freshSession: true,
    request: () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
  'GET /api/me/notifications': { access: 'authenticated', request: () => get('/api/me/notifications') },
  'POST /api/me/notifications/:id/read': {
    access: 'authenticated',
    targets: { 'own-notification': ['resident:petitioner'] },
    request: (ctx) => ({ method: 'POST', url: `/api/me/notifications/${ctx.ownNotificationId}/read` }),
  },
  'POST /api/attachments': {
    access: 'authenticated',
    ok: 201,
    request: () => {
      const body = multipartBody([{ filename: '现场照片.png', contentType: 'image/png', data: png() }]);
      return { method: 'POST', url: '/api/attachments', headers: body.headers, payload: body.payload };
    },
  },
  'GET /api/attachments/:id': {
    access: 'authenticated',
    // the photo filed with the claim: the uploader (petitioner) and whoever may read the case
    targets: { 'claim-photo': SEES_CLAIM },
    request: (ctx) => get(`/api/attachments/${ctx.claimAttachmentId}`),
  },

  // --- cases
  'POST /api/cases': {
    access: ['resident', 'grid_worker'],
    ok: 201,
    request: (_ctx, _t, subject) => ({
      method: 'POST',
      url: '/api/cases',
      payload: {
        ...FILE_BODY,
        idempotencyKey: randomUUID(),
        // a grid worker files for someone else, with consent recorded (DOMAIN.md §1)
        ...(subject.startsWith('grid_worker')
          ? { onBehalfOf: { name: '孙阿姨', phone: '13700000009', consentRecorded: true } }
          : {}),
      },
    }),
  },
  'POST /api/cases/register': {
    access: ['clerk'],
    ok: 201,
    request: () => ({
      method: 'POST',
      url: '/api/cases/register',
      payload: {
        idempotencyKey: randomUUID(),
        channel: 'phone',
        petitioner: { name: '来电群众' },
        classification: { category: 'suggestion' },
        title: '建议延长图书馆开放时间',
        request: '建议周末延长开放时间。',
        facts: '周末闭馆过早。',
      },
    }),
  },
  'GET /api/cases': {
    access: ['clerk', 'handler', 'unit_head', 'leader', 'auditor', 'grid_worker'],
    request: () => get('/api/cases?limit=5'),
  },
  'GET /api/me/cases': { access: ['resident'], request: () => get('/api/me/cases') },
  'GET /api/cases/:id': {
    access: 'authenticated',
    targets: CASE_TARGETS,
    request: (ctx, t) => get(`/api/cases/${caseOf(ctx, t)}`),
  },
  'POST /api/cases/:id/actions': {
    access: 'authenticated',
    targets: CASE_TARGETS,
    // 受理 (第二十三条): only a clerk of the unit holding the case — 住建局 (handler.jd.zjj is also its
    // clerk) for the transferred claim, 江东区信访局 for the accusation it holds.
    permitted: { claim: ['handler:current-unit'], accusation: ['clerk:first-receiver'] },
    freshTarget: true,
    request: async (ctx, t) => ({
      method: 'POST',
      url: `/api/cases/${caseOf(ctx, t)}/actions`,
      payload: { version: await ctx.version(caseOf(ctx, t)), action: { type: 'accept' } },
    }),
  },
  'POST /api/cases/:id/materials': {
    access: ['resident'],
    targets: CASE_TARGETS,
    request: (ctx, t) => ({
      method: 'POST',
      url: `/api/cases/${caseOf(ctx, t)}/materials`,
      payload: { idempotencyKey: randomUUID(), text: '补充说明：情况仍未改善。' },
    }),
  },
  'POST /api/cases/:id/notes': {
    access: ['clerk', 'handler', 'unit_head', 'leader'],
    targets: CASE_TARGETS,
    request: (ctx, t) => ({
      method: 'POST',
      url: `/api/cases/${caseOf(ctx, t)}/notes`,
      payload: { idempotencyKey: randomUUID(), text: '已电话联系。' },
    }),
  },

  // --- unit inbox
  'GET /api/units/me/notifications': { access: STAFF, request: () => get('/api/units/me/notifications') },
  'POST /api/units/me/notifications/:id/read': {
    access: STAFF,
    targets: { 'zjj-notification': ['handler:current-unit', 'unit_head:current-unit'] },
    request: (ctx) => ({ method: 'POST', url: `/api/units/me/notifications/${ctx.zjjNotificationId}/read` }),
  },

  // --- dashboards
  'GET /api/dashboard/overview': { access: DASHBOARD, request: () => get('/api/dashboard/overview') },
  'GET /api/dashboard/units': { access: DASHBOARD, request: () => get('/api/dashboard/units') },
  'GET /api/dashboard/trend': { access: DASHBOARD, request: () => get('/api/dashboard/trend') },
  'GET /api/dashboard/cases': {
    access: DASHBOARD,
    request: () => get('/api/dashboard/cases?metric=overdue'),
  },

  'GET /api/dashboard/export': {
    access: DASHBOARD,
    request: () => get('/api/dashboard/export?format=csv'),
  },
  'GET /api/dashboard/report': {
    access: DASHBOARD,
    request: () => get('/api/dashboard/report?month=2026-01'),
  },

  // --- staff workspace
  'GET /api/staff/inbox': {
    access: ['clerk', 'handler', 'unit_head', 'leader'],
    request: () => get('/api/staff/inbox'),
  },
  'POST /api/staff/duplicates': {
    access: DESK,
    request: () => ({
      method: 'POST',
      url: '/api/staff/duplicates',
      payload: { phone: '13800000001', title: FILE_BODY.title },
    }),
  },
  'GET /api/staff/approvals': { access: ['unit_head'], request: () => get('/api/staff/approvals') },
  'GET /api/staff/follow-ups': { access: DESK, request: () => get('/api/staff/follow-ups') },
  'POST /api/cases/:id/follow-ups': {
    access: DESK,
    // the 回访 is due at 住建局, which answered; the first receiver reads the case but has none due (422)
    targets: { 'rated-claim': DESK_SEES_CLAIM },
    permitted: { 'rated-claim': ['handler:current-unit', 'unit_head:current-unit'] },
    refused: 422,
    request: (ctx) => ({
      method: 'POST',
      url: `/api/cases/${ctx.ratedClaimId}/follow-ups`,
      payload: {
        idempotencyKey: randomUUID(),
        outcome: 'contacted',
        summary: '已电话回访，信访人表示理解。',
        satisfactionAfter: 'basic',
      },
    }),
  },

  // --- documents (文书)
  'GET /api/document-templates': {
    access: ['clerk', 'handler', 'unit_head', 'admin'],
    request: () => get('/api/document-templates'),
  },
  'GET /api/cases/:id/documents': {
    access: 'authenticated',
    targets: CASE_TARGETS,
    request: (ctx, t) => get(`/api/cases/${caseOf(ctx, t)}/documents`),
  },
  'GET /api/cases/:id/documents/preview': {
    access: DESK,
    targets: { claim: DESK_SEES_CLAIM },
    request: (ctx) => get(`/api/cases/${ctx.claimId}/documents/preview?kind=transferNotice`),
  },
  'POST /api/cases/:id/documents': {
    access: DESK,
    targets: { claim: DESK_SEES_CLAIM },
    // 第三十二条: only the unit that made the decision (江东区信访局 transferred the claim) issues its notice;
    // it was issued automatically, so the manual issue answers with the same document (200)
    permitted: { claim: ['clerk:first-receiver', 'unit_head:first-receiver'] },
    request: (ctx) => ({
      method: 'POST',
      url: `/api/cases/${ctx.claimId}/documents`,
      payload: { kind: 'transferNotice', idempotencyKey: randomUUID() },
    }),
  },
  'GET /api/cases/:id/documents/:docId': {
    access: 'authenticated',
    targets: { claim: SEES_CLAIM },
    request: async (ctx) => get(`/api/cases/${ctx.claimId}/documents/${await ctx.documentOf(ctx.claimId)}`),
  },
  'GET /api/cases/:id/documents/:docId/pdf': {
    access: 'authenticated',
    targets: { claim: SEES_CLAIM },
    request: async (ctx) =>
      get(`/api/cases/${ctx.claimId}/documents/${await ctx.documentOf(ctx.claimId)}/pdf`),
  },

  // --- audit
  'GET /api/audit': { access: ['auditor', 'admin'], request: () => get('/api/audit?limit=5') },
  'GET /api/audit/verify': { access: ['auditor', 'admin'], request: () => get('/api/audit/verify') },

  // --- administration (writes: admin; reads: admin + auditor)
  'GET /api/admin/units': { access: ADMIN_READ, request: () => get('/api/admin/units') },
  'POST /api/admin/units': {
    access: ADMIN,
    ok: 201,
    request: (ctx) => ({
      method: 'POST',
      url: '/api/admin/units',
      payload: {
        code: `authz-${ctx.seq()}`,
        name: `测试社区${ctx.seq()}`,
        kind: '乡镇街道',
        parentCode: 'jd-gov',
        regionCode: '990102',
      },
    }),
  },
  'PATCH /api/admin/units/:code': {
    access: ADMIN,
    request: () => ({ method: 'PATCH', url: '/api/admin/units/jd-st1', payload: { name: '滨江街道办事处' } }),
  },
  'GET /api/admin/users': { access: ADMIN_READ, request: () => get('/api/admin/users') },
  'GET /api/admin/users/:id': {
    access: ADMIN_READ,
    request: (ctx) => get(`/api/admin/users/${ctx.spareUserId}`),
  },
  'POST /api/admin/users': {
    access: ADMIN,
    ok: 201,
    request: (ctx) => ({
      method: 'POST',
      url: '/api/admin/users',
      payload: {
        username: `authz.user${ctx.seq()}`,
        displayName: '新同事',
        roles: ['handler'],
        unitCode: 'jd-rsj',
        password: 'Xinfang#2026ok',
      },
    }),
  },
  'PATCH /api/admin/users/:id': {
    access: ADMIN,
    // DOMAIN.md §13 (issue 12 finding 9): no one changes his own roles — the admin making himself auditor is
    // refused (422) and audited; another account's name he may change.
    targets: { spare: ['admin:system'], self: ['admin:system'] },
    permitted: { spare: ['admin:system'], self: [] },
    refused: 422,
    refusedAudit: { action: 'user.role_change.refused', result: 'denied' },
    request: (ctx, target, subject) =>
      target === 'self'
        ? {
            method: 'PATCH',
            url: `/api/admin/users/${ctx.userIdOf(subject) ?? ctx.spareUserId}`,
            payload: { roles: ['admin', 'auditor'] },
          }
        : {
            method: 'PATCH',
            url: `/api/admin/users/${ctx.spareUserId}`,
            payload: { displayName: '备用账号' },
          },
  },
  // Role grants held for a second administrator (DOMAIN.md §13): read by admins and the auditor; decided by an
  // administrator other than the requester (the requester's own decision: 422, audited).
  'GET /api/admin/role-grants': { access: ADMIN_READ, request: () => get('/api/admin/role-grants') },
  'POST /api/admin/role-grants/:id/approve': {
    access: ADMIN,
    targets: { second: ['admin:system'], own: ['admin:system'] },
    permitted: { second: ['admin:system'], own: [] },
    refused: 422,
    audit: { action: 'user.role_grant.approve', result: 'ok' },
    refusedAudit: { action: 'user.role_grant.refused', result: 'denied' },
    request: async (ctx, target) => ({
      method: 'POST',
      url: `/api/admin/role-grants/${await ctx.pendingGrant(target === 'own' ? 'own' : 'second')}/approve`,
    }),
  },
  'POST /api/admin/role-grants/:id/reject': {
    access: ADMIN,
    targets: { second: ['admin:system'], own: ['admin:system'] },
    permitted: { second: ['admin:system'], own: [] },
    refused: 422,
    audit: { action: 'user.role_grant.reject', result: 'ok' },
    refusedAudit: { action: 'user.role_grant.refused', result: 'denied' },
    request: async (ctx, target) => ({
      method: 'POST',
      url: `/api/admin/role-grants/${await ctx.pendingGrant(target === 'own' ? 'own' : 'second')}/reject`,
      payload: { reason: '授权矩阵测试' },
    }),
  },
  'POST /api/admin/users/:id/reset-totp': {
    audit: { action: 'user.reset_totp', result: 'ok' },
    access: ADMIN,
    request: (ctx) => ({ method: 'POST', url: `/api/admin/users/${ctx.spareUserId}/reset-totp` }),
  },
  'POST /api/admin/users/:id/password': {
    audit: { action: 'user.set_password', result: 'ok' },
    access: ADMIN,
    request: (ctx) => ({
      method: 'POST',
      url: `/api/admin/users/${ctx.spareUserId}/password`,
      payload: { password: 'Xinfang#2026ok' },
    }),
  },
  'GET /api/admin/users/:id/sessions': {
    access: ADMIN,
    request: (ctx) => get(`/api/admin/users/${ctx.spareUserId}/sessions`),
  },
  'POST /api/admin/users/:id/revoke-sessions': {
    audit: { action: 'auth.sessions_revoked', result: 'ok' },
    access: ADMIN,
    request: (ctx) => ({ method: 'POST', url: `/api/admin/users/${ctx.spareUserId}/revoke-sessions` }),
  },
  'GET /api/admin/categories': { access: ADMIN_READ, request: () => get('/api/admin/categories') },
  'POST /api/admin/categories': {
    access: ADMIN,
    ok: 201,
    request: (ctx) => ({
      method: 'POST',
      url: '/api/admin/categories',
      payload: { code: `authz${ctx.seq()}`, name: `测试分类${ctx.seq()}` },
    }),
  },
  'PATCH /api/admin/categories/:code': {
    access: ADMIN,
    request: (ctx) => ({
      method: 'PATCH',
      url: `/api/admin/categories/${ctx.spareCategory}`,
      payload: { name: '测试分类（改）' },
    }),
  },
  'POST /api/admin/categories/:code/deactivate': {
    access: ADMIN,
    request: (ctx) => ({ method: 'POST', url: `/api/admin/categories/${ctx.spareCategory}/deactivate` }),
  },
  'GET /api/admin/profiles': { access: ADMIN_READ, request: () => get('/api/admin/profiles') },
  'GET /api/admin/profiles/:id/:version': {
    access: ADMIN_READ,
    request: () => get('/api/admin/profiles/xinfang-2022/1'),
  },
  'POST /api/admin/profiles': {
    access: ADMIN,
    ok: 201,
    request: async () => {
      const { XINFANG_PROFILE } = await import('../../src/domain');
      return {
        method: 'POST',
        url: '/api/admin/profiles',
        payload: {
          ...structuredClone(XINFANG_PROFILE),
          version: 2,
          settings: { ...XINFANG_PROFILE.settings, ratingWindowDays: 25 },
        } as object,
      };
    },
  },
  'GET /api/admin/calendar': { access: ADMIN_READ, request: () => get('/api/admin/calendar') },
  'GET /api/admin/calendar/:year': { access: ADMIN_READ, request: () => get('/api/admin/calendar/2026') },
  'PUT /api/admin/calendar/:year': {
    access: ADMIN,
    request: () => ({
      method: 'PUT',
      url: '/api/admin/calendar/2027',
      payload: { holidays: ['2027-01-01'], workdays: [], source: '授权矩阵测试' },
    }),
  },
};

/** What the policy says a subject gets on a route (and target). */
export function expectedStatus(
  p: RoutePolicy,
  subject: SubjectKey,
  roles: readonly Role[] | null,
  target?: string,
): number {
  const ok = p.ok ?? 200;
  if (p.access === 'public') return ok;
  if (!roles) return 401;
  const access = p.access;
  if (access !== 'authenticated' && !roles.some((r) => access.includes(r))) return 403;
  if (target && p.targets && !p.targets[target]!.includes(subject)) return 404;
  if (target && p.permitted && !p.permitted[target]!.includes(subject)) return p.refused ?? 403;
  return ok;
}

/**
 * Who may recuse whom, and who may lift it (《信访工作条例》第二十八条第三款, DOMAIN.md §5), on a fresh claim per
 * row (filed by resident 1, registered at 江东区信访局, transferred to 江东区住建局). For a lift, `person` first
 * recuses himself. Anyone on the case may recuse himself; a unit head recuses only his own unit's staff; nobody
 * recuses the auditor or a leader; a superior — the unit head for his staff, a leader above — lifts it. Every
 * 403/404 must be audited as a denial.
 */
export interface RecusalRule {
  subject: SubjectKey;
  action: 'recuse' | 'liftRecusal';
  person: SubjectKey;
  status: 200 | 403 | 404;
  why: string;
}

export const RECUSAL_RULES: readonly RecusalRule[] = [
  {
    subject: 'handler:current-unit',
    action: 'recuse',
    person: 'handler:current-unit',
    status: 200,
    why: '本人回避',
  },
  {
    subject: 'clerk:first-receiver',
    action: 'recuse',
    person: 'clerk:first-receiver',
    status: 200,
    why: '本人回避',
  },
  { subject: 'leader:region', action: 'recuse', person: 'leader:region', status: 200, why: '领导本人回避' },
  {
    subject: 'unit_head:current-unit',
    action: 'recuse',
    person: 'handler:current-unit',
    status: 200,
    why: '本单位工作人员',
  },
  {
    subject: 'unit_head:first-receiver',
    action: 'recuse',
    person: 'clerk:first-receiver',
    status: 200,
    why: '本单位工作人员',
  },
  {
    subject: 'handler:current-unit',
    action: 'recuse',
    person: 'unit_head:current-unit',
    status: 403,
    why: '承办人不能决定他人回避',
  },
  {
    subject: 'unit_head:current-unit',
    action: 'recuse',
    person: 'clerk:first-receiver',
    status: 403,
    why: '他单位工作人员',
  },
  {
    subject: 'unit_head:first-receiver',
    action: 'recuse',
    person: 'handler:current-unit',
    status: 403,
    why: '他单位工作人员（虽经办过）',
  },
  {
    subject: 'unit_head:current-unit',
    action: 'recuse',
    person: 'auditor:city',
    status: 403,
    why: '不能回避审计员',
  },
  {
    subject: 'unit_head:current-unit',
    action: 'recuse',
    person: 'leader:region',
    status: 403,
    why: '不能回避领导',
  },
  {
    subject: 'leader:region',
    action: 'recuse',
    person: 'handler:current-unit',
    status: 403,
    why: '领导不决定他人回避',
  },
  {
    subject: 'auditor:city',
    action: 'recuse',
    person: 'auditor:city',
    status: 403,
    why: '审计员的监督不能被回避',
  },
  {
    subject: 'leader:other-district',
    action: 'recuse',
    person: 'leader:other-district',
    status: 404,
    why: '看不到的事项',
  },
  {
    subject: 'unit_head:current-unit',
    action: 'liftRecusal',
    person: 'handler:current-unit',
    status: 200,
    why: '本单位负责人解除',
  },
  {
    subject: 'leader:region',
    action: 'liftRecusal',
    person: 'unit_head:current-unit',
    status: 200,
    why: '上级领导解除',
  },
  {
    subject: 'leader:city',
    action: 'liftRecusal',
    person: 'leader:region',
    status: 200,
    why: '上级领导解除领导的回避',
  },
  {
    subject: 'unit_head:first-receiver',
    action: 'liftRecusal',
    person: 'handler:current-unit',
    status: 403,
    why: '他单位负责人',
  },
  {
    subject: 'clerk:first-receiver',
    action: 'liftRecusal',
    person: 'handler:current-unit',
    status: 403,
    why: '登记员不能解除',
  },
  {
    subject: 'handler:current-unit',
    action: 'liftRecusal',
    person: 'handler:current-unit',
    status: 404,
    why: '回避者本人看不到',
  },
  {
    subject: 'leader:other-district',
    action: 'liftRecusal',
    person: 'unit_head:current-unit',
    status: 404,
    why: '看不到的事项',
  },
];
