/**
 * The world the authorization matrix and the side-channel test run in: the demo seed, a few extra accounts,
 * a session per subject and the MatrixContext the POLICY request builders read (see policy.ts for the
 * targets). The side-channel test builds two of these, identical except for hidden accusations.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { build, copyDemoSeed, loginAs } from '../helper';
import { drainOutbox } from '../../src/jobs';
import type { Role } from '../../src/domain';
import { multipartBody, png } from '../attachments/support';
import { FILE_BODY, SUBJECT_KEYS, type MatrixContext, type SubjectKey } from './policy';
import type { App } from '../../src/app';

export const SUBJECTS: Record<SubjectKey, { roles: Role[] | null; login?: string | { phone: string } }> = {
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

export type Headers = { authorization: string };
export type Session = { headers: Headers; userId: string };

export interface World {
  app: App;
  ctx: MatrixContext;
  session: Map<SubjectKey, Session>;
  call(opts: InjectOptions, headers?: Headers): Promise<LightMyRequestResponse>;
  /** The claim (transferred to 住建局) or the accusation (against 住建局, held by 江东区信访局), clerk2 recused. */
  makeCase(kind: 'claim' | 'accusation', attachmentIds?: string[]): Promise<string>;
  /** The id of a seeded or extra account. */
  userId(username: string): Promise<string>;
}

/** Accounts the matrix adds to the demo seed (`more` for a test's own). */
const EXTRA = [
  { username: 'clerk2.jd', displayName: '回避登记员', roles: ['clerk'], unitCode: 'jd-xfj' },
  { username: 'leader.jx', displayName: '江西区领导', roles: ['leader'], unitCode: 'jx-gov' },
  { username: 'spare.user', displayName: '备用账号', roles: ['handler'], unitCode: 'jd-rsj' },
];

export async function buildWorld(
  opts: { more?: { username: string; displayName: string; roles: Role[]; unitCode: string }[] } = {},
): Promise<World> {
  const { app } = await build({ suite: true, env: { DEMO: 'true' } });
  await copyDemoSeed(app);
  const users = app.db.conn.collection('users');
  for (const u of [...EXTRA, ...(opts.more ?? [])])
    await users.insertOne({ ...u, status: 'active', demo: false } as never);
  const userId = async (username: string) => String((await users.findOne({ username }))!._id);
  const clerk2Id = await userId('clerk2.jd');
  const session = new Map<SubjectKey, Session>();
  let counter = 0;
  const call = (o: InjectOptions, headers?: Headers) =>
    app.inject({ ...o, headers: { ...(o.headers ?? {}), ...(headers ?? {}) } });
  // the second administrator of the demo (DOMAIN.md §13): he requests the grants admin:system decides
  const secondAdmin = await loginAs(app, 'admin2');
  for (const key of SUBJECT_KEYS) {
    const s = SUBJECTS[key];
    if (s.login) session.set(key, await loginAs(app, s.login));
  }
  const ctx: MatrixContext = {
    claimId: '',
    accusationId: '',
    claimAttachmentId: '',
    ownNotificationId: '',
    zjjNotificationId: '',
    spareUserId: await userId('spare.user'),
    demoUserId: await userId('clerk.jd'),
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

  const makeCase = async (kind: 'claim' | 'accusation', attachmentIds: string[] = []): Promise<string> => {
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
  };

  /** A claim 住建局 accepted and answered (the head signs, 第三十二条), rated 不满意 by the petitioner. */
  const makeRatedClaim = async (): Promise<string> => {
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
  return { app, ctx, session, call, makeCase, userId };
}
