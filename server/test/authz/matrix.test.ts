import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { InjectOptions } from 'fastify';
import { build, loginAs } from '../helper';
import { seedIfEmpty } from '../../src/seed/demo';
import { drainOutbox } from '../../src/jobs';
import { ROLES, type Role } from '../../src/domain';
import { multipartBody, png } from '../attachments/support';
import {
  FILE_BODY,
  POLICY,
  RECUSAL_RULES,
  SUBJECT_KEYS,
  expectedStatus,
  type MatrixContext,
  type SubjectKey,
} from './policy';
import type { App } from '../../src/app';

/**
 * The generated authorization matrix (ASVS 4.1.3, 4.2.1): every route of `app.routeTable` × every subject
 * (role × relation) × every target object of the route, compared with the hand-written POLICY; every denial
 * (401, 403, and the 404 that hides someone else's object) must leave a `denied` entry in the audit log.
 */
const SUBJECTS: Record<SubjectKey, { roles: Role[] | null; login?: string | { phone: string } }> = {
  anonymous: { roles: null },
  'resident:petitioner': { roles: ['resident'], login: { phone: '13800000001' } },
  'resident:other': { roles: ['resident'], login: { phone: '13800000002' } },
  'grid_worker:unrelated': { roles: ['grid_worker'], login: 'grid.jd.st1' },
  'clerk:first-receiver': { roles: ['clerk'], login: 'clerk.jd' },
  'clerk:recused': { roles: ['clerk'], login: 'clerk2.jd' },
  'clerk:other-district': { roles: ['clerk'], login: 'clerk.jx' },
  // the demo's department handlers also register (登记员 + 承办人), as small units do
  'handler:current-unit': { roles: ['clerk', 'handler'], login: 'handler.jd.zjj' },
  'handler:other-unit': { roles: ['clerk', 'handler'], login: 'handler.jd.rsj' },
  'unit_head:current-unit': { roles: ['unit_head'], login: 'head.jd.zjj' },
  'unit_head:first-receiver': { roles: ['unit_head'], login: 'head.jd' },
  'leader:region': { roles: ['leader'], login: 'leader.jd' },
  'leader:city': { roles: ['leader'], login: 'leader.city' },
  'leader:other-district': { roles: ['leader'], login: 'leader.jx' },
  'auditor:city': { roles: ['auditor'], login: 'auditor' },
  'admin:system': { roles: ['admin'], login: 'admin' },
};

let app: App;
const session = new Map<SubjectKey, { headers: { authorization: string }; userId: string }>();
let counter = 0;
let ctx: MatrixContext;
let clerk2Id: string;
let secondAdmin: { headers: { authorization: string }; userId: string };

async function call(opts: InjectOptions, headers?: { authorization: string }) {
  return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(headers ?? {}) } });
}

/** The claim (transferred to 住建局) or the accusation (against 住建局, held by 江东区信访局), clerk2 recused. */
async function makeCase(kind: 'claim' | 'accusation', attachmentIds: string[] = []): Promise<string> {
  const me = session.get('resident:petitioner')!.headers;
  const clerk = session.get('clerk:first-receiver')!.headers;
  const body =
    kind === 'claim'
      ? { ...FILE_BODY, attachmentIds }
      : { ...FILE_BODY, proposedCategory: 'accusation', accused: { unitId: 'jd-zjj' } };
  const filed = await call(
    { method: 'POST', url: '/api/cases', payload: { ...body, idempotencyKey: randomUUID() } },
    me,
  );
  expect(filed.statusCode, filed.body).toBe(201);
  const id: string = filed.json().case.id;
  const act = async (action: object) => {
    const res = await call(
      {
        method: 'POST',
        url: `/api/cases/${id}/actions`,
        payload: { version: await ctx.version(id), action },
      },
      clerk,
    );
    expect(res.statusCode, res.body).toBe(200);
  };
  if (kind === 'claim') {
    await act({ type: 'register', classification: { category: 'claim' } });
    await act({ type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
  } else {
    await act({
      type: 'register',
      classification: { category: 'accusation', accused: { unitId: 'jd-zjj' } },
    });
  }
  // 第二十八条第三款: clerk2.jd has a direct interest and is on the recusal list.
  await app.db.conn.collection('cases').updateOne({ _id: id as never }, {
    $push: {
      recusals: {
        userId: clerk2Id,
        reason: '与信访人系亲属',
        byUserId: clerk2Id,
        at: new Date().toISOString(),
      },
    },
  } as never);
  return id;
}

/** A claim 住建局 accepted and answered (the head signs, 第三十二条), rated 不满意 by the petitioner. */
async function makeRatedClaim(): Promise<string> {
  const id = await makeCase('claim');
  const step = async (subject: SubjectKey, action: object) => {
    const res = await call(
      {
        method: 'POST',
        url: `/api/cases/${id}/actions`,
        payload: { version: await ctx.version(id), action },
      },
      session.get(subject)!.headers,
    );
    expect(res.statusCode, res.body).toBe(200);
  };
  await step('handler:current-unit', { type: 'accept' });
  await step('unit_head:current-unit', {
    type: 'reply',
    document: {
      kind: 'opinion',
      request: FILE_BODY.request,
      factsAndReasons: '经现场核查，路灯线路老化，已安排维修。',
      decision: 'support',
      legalBasis: ['《城市道路管理条例》第三十一条'],
    },
  });
  await step('resident:petitioner', { type: 'rate', stage: 'first', level: 'unsatisfied' });
  return id;
}

beforeAll(async () => {
  ({ app } = await build({ suite: true, env: { DEMO: 'true' } }));
  await seedIfEmpty({ conn: app.db.conn, pii: app.pii, log: app.log });
  const users = app.db.conn.collection('users');
  const extra = [
    { username: 'clerk2.jd', displayName: '回避登记员', roles: ['clerk'], unitCode: 'jd-xfj' },
    { username: 'leader.jx', displayName: '江西区领导', roles: ['leader'], unitCode: 'jx-gov' },
    { username: 'spare.user', displayName: '备用账号', roles: ['handler'], unitCode: 'jd-rsj' },
  ];
  for (const u of extra) await users.insertOne({ ...u, status: 'active', demo: false } as never);
  clerk2Id = String((await users.findOne({ username: 'clerk2.jd' }))!._id);
  // the second administrator of the demo (DOMAIN.md §13): he requests the grants admin:system decides
  secondAdmin = await loginAs(app, 'admin2');
  const spareUserId = String((await users.findOne({ username: 'spare.user' }))!._id);
  for (const key of SUBJECT_KEYS) {
    const s = SUBJECTS[key];
    if (s.login) session.set(key, await loginAs(app, s.login));
  }
  ctx = {
    claimId: '',
    accusationId: '',
    claimAttachmentId: '',
    ownNotificationId: '',
    zjjNotificationId: '',
    spareUserId,
    demoUserId: String((await users.findOne({ username: 'clerk.jd' }))!._id),
    userIdOf: (subject) => session.get(subject)?.userId,
    pendingGrant: async (requester) => {
      const n = ++counter;
      const { insertedId } = await users.insertOne({
        username: `grantee.${n}`,
        displayName: '授权对象',
        roles: ['clerk'],
        unitCode: 'jd-xfj',
        status: 'active',
        demo: false,
      } as never);
      const by = requester === 'own' ? session.get('admin:system')! : secondAdmin;
      const held = await call(
        { method: 'PATCH', url: `/api/admin/users/${String(insertedId)}`, payload: { roles: ['auditor'] } },
        by.headers,
      );
      expect(held.statusCode, held.body).toBe(202);
      return held.json().user.pendingGrant.id as string;
    },
    spareCategory: 'authzspare',
    ratedClaimId: '',
    documentOf: async (caseId) => {
      const d = await app.db.conn.collection('documents').findOne({ caseId });
      expect(d, `a document issued on ${caseId}`).toBeTruthy();
      return String(d!._id);
    },
    seq: () => ++counter,
    version: async (id) =>
      (
        (await app.db.conn.collection('cases').findOne({ _id: id as never })) as unknown as {
          version: number;
        }
      ).version,
  };
  const photo = multipartBody([{ filename: '现场照片.png', contentType: 'image/png', data: png() }]);
  const up = await call(
    { method: 'POST', url: '/api/attachments', headers: photo.headers, payload: photo.payload },
    session.get('resident:petitioner')!.headers,
  );
  expect(up.statusCode, up.body).toBe(201);
  ctx.claimAttachmentId = up.json().id;
  ctx.claimId = await makeCase('claim', [ctx.claimAttachmentId]);
  ctx.accusationId = await makeCase('accusation');
  ctx.ratedClaimId = await makeRatedClaim();
  await drainOutbox(app.db.conn);
  const notifications = app.db.conn.collection('notifications');
  const residentId = session.get('resident:petitioner')!.userId;
  ctx.ownNotificationId = String((await notifications.findOne({ userId: residentId }))!._id);
  ctx.zjjNotificationId = String((await notifications.findOne({ unitId: 'jd-zjj' }))!._id);
  const cat = await call(
    {
      method: 'POST',
      url: '/api/admin/categories',
      payload: { code: ctx.spareCategory, name: '授权测试分类' },
    },
    session.get('admin:system')!.headers,
  );
  expect(cat.statusCode, cat.body).toBe(201);
});

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('authorization matrix (generated from app.routeTable)', () => {
  it('every route has a policy, and every policy names a route that exists', () => {
    const routes = app.routeTable.filter((r) => r.url.startsWith('/api')).map(routeKey);
    const missing = routes.filter((k) => !POLICY[k]);
    expect(missing, 'routes without a policy in server/test/authz/policy.ts').toEqual([]);
    expect(
      Object.keys(POLICY).filter((k) => !routes.includes(k)),
      'policies of routes that do not exist',
    ).toEqual([]);
  });

  it('the subjects cover every role of the domain and anonymous', async () => {
    const roles = new Set(Object.values(SUBJECTS).flatMap((s) => s.roles ?? ['anonymous']));
    for (const r of [...ROLES, 'anonymous']) expect(roles.has(r), r).toBe(true);
    // and the subjects as logged in really have the roles the matrix assumes
    for (const [key, s] of Object.entries(SUBJECTS)) {
      if (!s.login) continue;
      const me = await call({ method: 'GET', url: '/api/auth/me' }, session.get(key as SubjectKey)!.headers);
      expect([...me.json().user.roles].sort(), key).toEqual([...s.roles!].sort());
    }
  });

  const totals = { rows: 0, denials: 0, audited: 0 };

  it.each(Object.keys(POLICY))(
    '%s: every role × relation as the policy says, every denial audited',
    async (key) => {
      const route = app.routeTable.find((r) => routeKey(r) === key);
      expect(route, `${key} is not a route`).toBeDefined();
      const policy = POLICY[key]!;
      const mismatches: string[] = [];
      const audit = app.db.conn.collection('audit_log');
      const targets = policy.targets ? Object.keys(policy.targets) : [undefined];
      for (const target of targets) {
        for (const subject of SUBJECT_KEYS) {
          const s = SUBJECTS[subject];
          if (policy.freshTarget && target) {
            if (target === 'claim') ctx.claimId = await makeCase('claim');
            else ctx.accusationId = await makeCase('accusation');
          }
          const headers = s.login
            ? policy.freshSession
              ? (await loginAs(app, s.login)).headers
              : session.get(subject)!.headers
            : undefined;
          const expected = expectedStatus(policy, subject, s.roles, target);
          const deniedBefore = await audit.countDocuments({ result: 'denied' });
          const res = await call(await policy.request(ctx, target, subject), headers);
          totals.rows++;
          const label = `${key} [${target ?? '-'}] ${subject}`;
          if (res.statusCode !== expected) {
            mismatches.push(
              `${label}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
            continue;
          }
          // The row's own audit entry: a sign-in or session event that succeeded, or a refusal the domain made.
          const own =
            policy.audit && expected === (policy.ok ?? 200)
              ? policy.audit
              : policy.refusedAudit && policy.refused !== undefined && expected === policy.refused
                ? policy.refusedAudit
                : undefined;
          if (own) {
            totals.audited++;
            const { action, result } = own;
            const requestId = res.headers['x-request-id'];
            try {
              await vi.waitFor(
                async () => {
                  if (!(await audit.countDocuments({ requestId, action, result })))
                    throw new Error('not audited yet');
                },
                { timeout: 1000, interval: 5 },
              );
            } catch {
              mismatches.push(`${label}: no ${action} (${result}) audit entry`);
            }
          }
          const isDenial = [401, 403].includes(expected) || (expected === 404 && !!policy.targets);
          if (!isDenial || policy.access === 'public') continue;
          totals.denials++;
          const requestId = res.headers['x-request-id'];
          try {
            await vi.waitFor(
              async () => {
                const n =
                  expected === 404
                    ? await audit.countDocuments({ result: 'denied' })
                    : await audit.countDocuments({ result: 'denied', requestId });
                if (expected === 404 ? n <= deniedBefore : n === 0) throw new Error('not audited yet');
              },
              { timeout: 1000, interval: 5 },
            );
          } catch {
            mismatches.push(`${label}: ${expected} not audited`);
          }
        }
      }
      expect(mismatches, mismatches.join('\n')).toEqual([]);
    },
  );

  it('covered the whole matrix, and the audit chain still verifies', async () => {
    console.log(
      `authorization matrix: ${totals.rows} requests, ${totals.denials} denials, all audited; ` +
        `${totals.audited} sign-in, session and role-grant rows, each with its own audit entry`,
    );
    expect(totals.rows).toBeGreaterThan(900);
    expect(totals.denials).toBeGreaterThan(400);
    // every subject on the six sign-in routes, plus logout, session revocation and the admin's resets
    expect(totals.audited).toBeGreaterThan(100);
    await app.audit.flush();
    const verify = await call(
      { method: 'GET', url: '/api/audit/verify' },
      session.get('auditor:city')!.headers,
    );
    expect(verify.json().ok, verify.body).toBe(true);
  });
});

describe('recusal (《信访工作条例》第二十八条第三款): who may recuse whom, who may lift it', () => {
  it.each(
    RECUSAL_RULES.map((r) => [`${r.subject} ${r.action} ${r.person} → ${r.status}（${r.why}）`, r] as const),
  )('%s', async (_label, rule) => {
    const id = await makeCase('claim');
    const person = session.get(rule.person)!;
    const actOn = async (subject: SubjectKey, action: object) =>
      call(
        {
          method: 'POST',
          url: `/api/cases/${id}/actions`,
          payload: { version: await ctx.version(id), action },
        },
        session.get(subject)!.headers,
      );
    if (rule.action === 'liftRecusal') {
      const own = await actOn(rule.person, { type: 'recuse', userId: person.userId, reason: '本人亲属涉事' });
      expect(own.statusCode, own.body).toBe(200);
    }
    const audit = app.db.conn.collection('audit_log');
    const deniedBefore = await audit.countDocuments({ result: 'denied' });
    const res = await actOn(rule.subject, {
      type: rule.action,
      userId: person.userId,
      reason: rule.action === 'recuse' ? '利害关系' : '经核实无利害关系',
    });
    expect(res.statusCode, res.body).toBe(rule.status);
    if (rule.status !== 200) {
      // a 403 carries its request id; the 404 that hides the case is audited by the cases module
      const requestId = res.headers['x-request-id'];
      await vi.waitFor(
        async () => {
          const audited =
            rule.status === 404
              ? (await audit.countDocuments({ result: 'denied' })) > deniedBefore
              : (await audit.countDocuments({ result: 'denied', requestId })) > 0;
          if (!audited) throw new Error('not audited yet');
        },
        { timeout: 1000, interval: 5 },
      );
    }
    // the person is excluded exactly when a recusal took effect, or a lift did not
    if (rule.subject !== 'leader:other-district') {
      const seen = await call({ method: 'GET', url: `/api/cases/${id}` }, person.headers);
      const excluded = (rule.action === 'recuse') === (rule.status === 200);
      expect(seen.statusCode).toBe(excluded ? 404 : 200);
    }
  });
});
