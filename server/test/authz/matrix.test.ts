import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loginAs } from '../helper';
import { ROLES } from '../../src/domain';
import { buildWorld, SUBJECTS, type World } from './fixture';
import {
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
let app: App;
let session: World['session'];
let ctx: MatrixContext;
let call: World['call'];
let makeCase: World['makeCase'];

beforeAll(async () => {
  ({ app, session, ctx, call, makeCase } = await buildWorld());
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
