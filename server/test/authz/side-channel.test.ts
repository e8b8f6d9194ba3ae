import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loginAs } from '../helper';
import { drainOutbox } from '../../src/jobs';
import { buildWorld, type Headers, type World } from './fixture';
import { POLICY, type MatrixContext, type SubjectKey } from './policy';
import { SIDE_CHANNEL, type SideChannelEntry, type SideContext } from './side-channel';

/**
 * The side-channel test (issue 12, DOMAIN.md §5, 《信访工作条例》第三十条第三款、第四十六条第五项): two worlds
 * built by the same steps, except that world B also holds two accusations hidden from the subjects below.
 * For every route of `app.routeTable` (its POLICY request, plus the probes SIDE_CHANNEL adds), every subject
 * must get the same answer in both worlds — status, type and body, counts, flags, cursors, notices and
 * error messages alike — once the ids and times of objects are replaced by placeholders in order of
 * appearance (so an extra object still shows as an extra placeholder). A route without a SIDE_CHANNEL entry
 * fails the test.
 *
 * Hidden in world B:
 * - H1, a 检举控告 against 江东区住建局 taken by phone at 临江市信访局 from the resident who filed the claim, and
 *   accepted there;
 * - H2, a 检举控告 the same resident filed online at 江东区信访局 against 江东区人民政府 — received by 临江市信访局
 *   (outside the accused subtree) — registered there naming 人社局's handler as an accused person.
 * On both, the city bureau's head recused its second clerk (第二十八条第三款).
 */
const SUBJECTS = [
  // [who, the matrix subject whose request builder serves him, login]
  ['accused unit: handler', 'handler:current-unit', 'handler.jd.zjj'],
  ['accused unit: head', 'unit_head:current-unit', 'head.jd.zjj'],
  ['accused unit: leader (江东区)', 'leader:region', 'leader.jd'],
  ['accused person', 'handler:other-unit', 'handler.jd.rsj'],
  ['recused clerk', 'clerk:recused', 'clerk2.city'],
] as const satisfies readonly (readonly [string, SubjectKey, string])[];

const ACCUSER = '13800000001';
const H1 = {
  title: '检举住建局工作人员收受好处费',
  request: '请求查处住建局工作人员收受好处费的问题。',
  facts: '办理物业备案时被要求另付好处费。',
};
const H2 = {
  title: '检举江东区政府违规审批项目',
  request: '请求调查江东区政府违规审批问题。',
  facts: '某地块未经公示即批准建设。',
};

interface Side extends World {
  sc: SideContext;
  as: Map<string, Headers>;
}
let A: Side;
let B: Side;

/** Both worlds' steps, in the same order; `hide` adds the hidden accusations (world B). */
async function world(hide: boolean, hidden?: SideContext['hidden']): Promise<Side> {
  const w = await buildWorld({
    more: [{ username: 'clerk2.city', displayName: '市局登记员二', roles: ['clerk'], unitCode: 'lj-xfj' }],
  });
  const as = new Map<string, Headers>();
  for (const [, , login] of SUBJECTS) as.set(login, (await loginAs(w.app, login)).headers);
  const clerkCity = (await loginAs(w.app, 'clerk.city')).headers;
  const headCity = (await loginAs(w.app, 'head.city')).headers;
  const resident = w.session.get('resident:petitioner')!.headers;
  const clerk2City = await w.userId('clerk2.city');
  const ok = async (res: Promise<LightMyRequestResponse>, status = 200) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  const act = async (id: string, by: Headers, action: object) =>
    ok(
      w.call(
        {
          method: 'POST',
          url: `/api/cases/${id}/actions`,
          payload: { version: await w.ctx.version(id), action },
        },
        by,
      ),
    );
  let facts: SideContext['hidden'] = hidden ?? { h1: '', h2: '', h1Number: '', h2Number: '' };
  if (hide) {
    const h1 = await ok(
      w.call(
        {
          method: 'POST',
          url: '/api/cases/register',
          payload: {
            idempotencyKey: randomUUID(),
            channel: 'phone',
            petitioner: { name: '王检举', phone: ACCUSER },
            classification: { category: 'accusation', accused: { unitId: 'jd-zjj' } },
            ...H1,
          },
        },
        clerkCity,
      ),
      201,
    );
    await act(h1.case.id, clerkCity, { type: 'accept' });
    const h2 = await ok(
      w.call(
        {
          method: 'POST',
          url: '/api/cases',
          payload: {
            idempotencyKey: randomUUID(),
            targetUnitId: 'jd-xfj',
            subjectCode: 'jjjc-gb',
            proposedCategory: 'accusation',
            accused: { unitId: 'jd-gov', names: ['某审批负责人'] },
            ...H2,
          },
        },
        resident,
      ),
      201,
    );
    // 第三十条第三款: received outside the accused subtree
    expect(h2.case.currentUnit.id).toBe('lj-xfj');
    await act(h2.case.id, clerkCity, {
      type: 'register',
      classification: {
        category: 'accusation',
        accused: { unitId: 'jd-gov', userIds: [await w.userId('handler.jd.rsj')] },
      },
    });
    for (const id of [h1.case.id, h2.case.id])
      await act(id, headCity, { type: 'recuse', userId: clerk2City, reason: '与被检举人系同学' });
    facts = { h1: h1.case.id, h2: h2.case.id, h1Number: h1.case.number, h2Number: h2.case.number };
  } else {
    // Case numbers are serial: world A's counter takes the hidden cases' numbers too, so that a case
    // registered later has the same number in both worlds (numbers, like ids, are not what is compared)
    for (const n of [facts.h1Number, facts.h2Number]) {
      const [, year, region] = n.split('-');
      await w.app.db.conn
        .collection('counters')
        .updateOne({ _id: `case:${year}:${region}` as never }, { $inc: { seq: 1 } }, { upsert: true });
    }
  }
  await drainOutbox(w.app.db.conn);
  const userIds = new Map<string, string>();
  for (const u of ['clerk2.city', 'handler.jd.rsj', 'handler.jd.zjj']) userIds.set(u, await w.userId(u));
  return {
    ...w,
    as,
    sc: { ...w.ctx, hidden: facts, userIds, accuser: ACCUSER, titles: [H1.title, H2.title] },
  };
}

beforeAll(async () => {
  B = await world(true);
  A = await world(false, B.sc.hidden);
  // requests on the hidden cases are the same in both worlds: world A has no such case, so its version and
  // documents are read from world B
  const hiddenIds = new Set([B.sc.hidden.h1, B.sc.hidden.h2]);
  const own = A.ctx;
  const fallback: Partial<MatrixContext> = {
    version: async (id) => (hiddenIds.has(id) ? B.ctx.version(id) : own.version(id)),
    documentOf: async (id) => (hiddenIds.has(id) ? B.ctx.documentOf(id) : own.documentOf(id)),
  };
  A.sc = { ...A.sc, ...fallback };
  for (const s of [A, B]) s.sc = { ...s.sc, accusationId: B.sc.hidden.h2 };
}, 240_000);

const ID_PATTERNS: [string, RegExp][] = [
  ['uuid', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi],
  ['id', /\b[0-9a-f]{32}\b|\b[0-9a-f]{24}\b/g],
  ['number', /XF-\d{4}-\d+-\d{6}/g],
  ['time', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?/g],
  ['cntime', /\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[:：]\d{2}(:\d{2})?/g],
  ['cursor', /"(cursor|nextCursor)":"[^"]+"/g],
  ['token', /"(token)":"[^"]+"/g],
];

/** Ids replaced by placeholders numbered by first appearance (per kind) in one answer; times, cursors and tokens by one. */
function normalize(res: LightMyRequestResponse, entry: SideChannelEntry): string {
  const type = String(res.headers['content-type'] ?? '');
  const binary = /pdf|octet|image|spreadsheet|zip/.test(type);
  let body = binary
    ? `<${res.rawPayload.length > 0 ? 'binary' : 'empty'}>`
    : entry.canonical && type.includes('json')
      ? JSON.stringify(entry.canonical(res.json() as never))
      : res.body;
  for (const [kind, re] of ID_PATTERNS) {
    const seen = new Map<string, number>();
    body = body.replace(re, (m) => {
      if (!seen.has(m)) seen.set(m, seen.size + 1);
      if (kind === 'cursor' || kind === 'token') return `"${m.slice(1, m.indexOf('"', 1))}":"<${kind}>"`;
      // the worlds are built a minute or so apart: times are not numbered, ids are
      return kind.endsWith('time') ? `<${kind}>` : `<${kind}#${seen.get(m)}>`;
    });
  }
  return `${res.statusCode} ${type}\n${body}`;
}

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('side channels (generated from app.routeTable): a hidden accusation changes no answer', () => {
  it('every route has a SIDE_CHANNEL entry, and every entry names a route that exists', () => {
    const routes = B.app.routeTable.filter((r) => r.url.startsWith('/api')).map(routeKey);
    expect(
      routes.filter((k) => !SIDE_CHANNEL[k]),
      'routes without an entry in server/test/authz/side-channel.ts',
    ).toEqual([]);
    expect(Object.keys(SIDE_CHANNEL).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('world B really holds the hidden accusations, and the subjects really cannot see them', async () => {
    const auditor = B.session.get('auditor:city')!.headers;
    for (const id of [B.sc.hidden.h1, B.sc.hidden.h2]) {
      expect((await B.call({ method: 'GET', url: `/api/cases/${id}` }, auditor)).statusCode).toBe(200);
      for (const [who, , login] of SUBJECTS) {
        const res = await B.call({ method: 'GET', url: `/api/cases/${id}` }, B.as.get(login));
        expect(res.statusCode, who).toBe(404);
      }
    }
  });

  const totals = { requests: 0, answered: 0, unauthenticated: 0 };
  it.each(Object.keys(POLICY))('%s: the same answer with and without the hidden accusations', async (key) => {
    const policy = POLICY[key]!;
    const entry = SIDE_CHANNEL[key];
    expect(entry, `${key} has no SIDE_CHANNEL entry`).toBeDefined();
    const mismatches: string[] = [];
    const targets = policy.targets ? Object.keys(policy.targets) : [undefined];
    for (const target of targets) {
      for (const [who, subject, login] of SUBJECTS) {
        const requests: [InjectOptions, InjectOptions][] = [];
        if (policy.freshTarget && target === 'claim')
          for (const s of [A, B]) s.sc = { ...s.sc, claimId: await s.makeCase('claim') };
        requests.push([
          await policy.request(A.sc, target, subject),
          await policy.request(B.sc, target, subject),
        ]);
        const pa = (await entry!.probes?.(A.sc)) ?? [];
        const pb = (await entry!.probes?.(B.sc)) ?? [];
        pa.forEach((p, i) => requests.push([p, pb[i]!]));
        // a row that ends its session (logout) signs in afresh, so the subject stays signed in for the rest
        const ha = policy.freshSession ? (await loginAs(A.app, login)).headers : A.as.get(login);
        const hb = policy.freshSession ? (await loginAs(B.app, login)).headers : B.as.get(login);
        for (const [i, [ra, rb]] of requests.entries()) {
          const resA = await A.call(ra, ha);
          const resB = await B.call(rb, hb);
          const a = normalize(resA, entry!);
          const b = normalize(resB, entry!);
          totals.requests += 2;
          if (resA.statusCode < 300) totals.answered++;
          if (resA.statusCode === 401 && !['public'].includes(String(policy.access)))
            totals.unauthenticated++;
          if (a !== b) {
            // where the answers part, with some context
            let at = 0;
            while (a[at] === b[at]) at++;
            const near = (x: string) => x.slice(Math.max(0, at - 160), at + 240);
            mismatches.push(
              `${key} [${target ?? '-'}] ${who}${i ? ` probe ${i}` : ''} (${a.slice(0, 40).split('\n')[0]}):\n  without: …${near(a)}\n  with:    …${near(b)}`,
            );
          }
        }
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  });

  it('compared every route for every subject', () => {
    console.log(
      `side channels: ${totals.requests} requests (${totals.answered} pairs answered 2xx), every answer the same in both worlds`,
    );
    expect(totals.requests).toBeGreaterThan(800);
    // the subjects stayed signed in, and really got answers to compare
    expect(totals.unauthenticated).toBe(0);
    expect(totals.answered).toBeGreaterThan(250);
  });
});
