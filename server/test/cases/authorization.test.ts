import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type BuiltApp } from '../helper';
import { file, fileBody, key, ok, seeded, type Headers } from './support';
import type { App } from '../../src/app';

/**
 * Every case route × role × relation (ASVS 4.2.1, 13.1.4), against a policy table. Relations: the own
 * petitioner, another resident, the first receiver (江东区信访局), the current unit (江东区住建局), an
 * unrelated unit of the same district (人社局), another district (江西区), leaders above and outside, the
 * auditor, the admin, a grid worker who did not file it, and nobody. A refusal never reveals existence (404).
 */
type Who =
  | 'anonymous'
  | 'resident-own'
  | 'resident-other'
  | 'first-receiver'
  | 'current-unit'
  | 'other-unit'
  | 'other-district'
  | 'leader-region'
  | 'leader-city'
  | 'leader-other'
  | 'auditor'
  | 'admin'
  | 'grid-other';

const LOGIN: Record<Exclude<Who, 'anonymous'>, string | { phone: string }> = {
  'resident-own': { phone: '13800000001' },
  'resident-other': { phone: '13800000002' },
  'first-receiver': 'clerk.jd',
  'current-unit': 'handler.jd.zjj',
  'other-unit': 'handler.jd.rsj',
  'other-district': 'clerk.jx',
  'leader-region': 'leader.jd',
  'leader-city': 'leader.city',
  'leader-other': 'leader.jd', // replaced below by a leader of another district when the seed has one
  auditor: 'auditor',
  admin: 'admin',
  'grid-other': 'grid.jd.st1',
};

let built: BuiltApp;
let app: App;
const headers = new Map<Who, Headers | undefined>();
/** A claim case filed by resident 1, registered at 江东区信访局 and transferred to 江东区住建局. */
let caseId: string;
/** A 检举控告 case accusing 江东区住建局, held by 江东区信访局. */
let accusationId: string;

beforeAll(async () => {
  built = await seeded({ suite: true });
  app = built.app;
  // a leader of 江西区, outside the case's region
  await app.db.conn.collection('users').insertOne({
    username: 'leader.jx',
    displayName: '江西区领导',
    roles: ['leader'],
    unitCode: 'jx-gov',
    status: 'active',
    demo: false,
  } as never);
  LOGIN['leader-other'] = 'leader.jx';
  headers.set('anonymous', undefined);
  for (const [who, login] of Object.entries(LOGIN))
    headers.set(who as Who, (await loginAs(app, login)).headers);

  const own = headers.get('resident-own')!;
  const clerk = headers.get('first-receiver')!;
  const c = await file(app, own);
  await ok(app, clerk, c.id, { type: 'register', classification: { category: 'claim' } });
  await ok(app, clerk, c.id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
  caseId = c.id;
  const a = await file(app, own, { proposedCategory: 'accusation', accused: { unitId: 'jd-zjj' } });
  await ok(app, clerk, a.id, {
    type: 'register',
    classification: { category: 'accusation', accused: { unitId: 'jd-zjj' } },
  });
  accusationId = a.id;
});

async function call(who: Who, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const h = headers.get(who);
  return app.inject({ method, url, ...(h ? { headers: h } : {}), ...(payload ? { payload } : {}) });
}

const ALL: Who[] = [
  'anonymous',
  'resident-own',
  'resident-other',
  'first-receiver',
  'current-unit',
  'other-unit',
  'other-district',
  'leader-region',
  'leader-city',
  'leader-other',
  'auditor',
  'admin',
  'grid-other',
];

function expectAll(policy: Partial<Record<Who, number>>, fallback: number) {
  return ALL.map((who) => [who, policy[who] ?? fallback] as const);
}

describe('authorization matrix: GET /api/cases/:id', () => {
  it.each(
    expectAll(
      {
        anonymous: 401,
        'resident-own': 200,
        'first-receiver': 200,
        'current-unit': 200,
        'leader-region': 200,
        'leader-city': 200,
        auditor: 200,
      },
      404,
    ),
  )('claim case — %s → %i', async (who, status) => {
    expect((await call(who, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(status);
  });

  it.each(
    expectAll(
      {
        anonymous: 401,
        'resident-own': 200,
        'first-receiver': 200,
        'leader-region': 200,
        'leader-city': 200,
        auditor: 200,
        // 'current-unit' is staff of the accused unit: 404 like everyone unrelated (第三十条第三款)
      },
      404,
    ),
  )('accusation against 住建局 — %s → %i', async (who, status) => {
    expect((await call(who, 'GET', `/api/cases/${accusationId}`)).statusCode).toBe(status);
  });

  it('a denial looks exactly like a missing case', async () => {
    const denied = await call('other-unit', 'GET', `/api/cases/${caseId}`);
    const missing = await call('other-unit', 'GET', '/api/cases/ffffffffffffffffffffffffffffffff');
    expect(denied.json().message).toBe(missing.json().message);
    expect(denied.json().code).toBe(missing.json().code);
  });
});

describe('authorization matrix: POST /api/cases/:id/actions (accept on the transferred case)', () => {
  it.each(
    expectAll(
      {
        anonymous: 401,
        'resident-own': 403,
        'first-receiver': 403,
        'leader-region': 403,
        'leader-city': 403,
        auditor: 403,
        'current-unit': 200,
      },
      404,
    ),
  )('%s → %i', async (who, status) => {
    // a fresh case per row, so the one allowed row does not change the others
    const own = headers.get('resident-own')!;
    const clerk = headers.get('first-receiver')!;
    const c = await file(app, own);
    await ok(app, clerk, c.id, { type: 'register', classification: { category: 'claim' } });
    await ok(app, clerk, c.id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
    const doc = await app.db.conn.collection('cases').findOne({ _id: c.id as never });
    const res = await call(who, 'POST', `/api/cases/${c.id}/actions`, {
      version: doc!.version,
      action: { type: 'accept' },
    });
    expect(res.statusCode, res.body).toBe(status);
    const after = await app.db.conn.collection('cases').findOne({ _id: c.id as never });
    expect(after!.state).toBe(status === 200 ? 'accepted' : 'transferred');
  });
});

describe('authorization matrix: collection routes', () => {
  it.each(expectAll({ anonymous: 401, 'resident-own': 201, 'resident-other': 201, 'grid-other': 201 }, 403))(
    'POST /api/cases (file) — %s → %i',
    async (who, status) => {
      const body = fileBody(
        who === 'grid-other'
          ? { onBehalfOf: { name: '孙阿姨', phone: '13700000009', consentRecorded: true } }
          : {},
      );
      expect((await call(who, 'POST', '/api/cases', body)).statusCode).toBe(status);
    },
  );

  it.each(
    expectAll(
      {
        anonymous: 401,
        'first-receiver': 201,
        'current-unit': 201,
        'other-unit': 201,
        'other-district': 201,
      },
      403,
    ),
  )('POST /api/cases/register — %s → %i', async (who, status) => {
    const body = {
      idempotencyKey: key(),
      channel: 'phone',
      petitioner: { name: '来电群众' },
      classification: { category: 'suggestion' },
      title: '建议延长图书馆开放时间',
      request: '建议周末延长开放时间。',
      facts: '周末闭馆过早。',
    };
    expect((await call(who, 'POST', '/api/cases/register', body)).statusCode).toBe(status);
  });

  it.each(expectAll({ anonymous: 401, 'resident-own': 403, 'resident-other': 403, admin: 403 }, 200))(
    'GET /api/cases — %s → %i',
    async (who, status) => {
      const res = await call(who, 'GET', '/api/cases?limit=100');
      expect(res.statusCode).toBe(status);
      if (status === 200) {
        const ids = res.json().items.map((i: { id: string }) => i.id);
        const sees = ['first-receiver', 'current-unit', 'leader-region', 'leader-city', 'auditor'].includes(
          who,
        );
        expect(ids.includes(caseId), `${who} list`).toBe(sees);
        expect(ids.includes(accusationId), `${who} accusation`).toBe(sees && who !== 'current-unit');
      }
    },
  );

  it.each(expectAll({ anonymous: 401, 'resident-own': 200, 'resident-other': 200 }, 403))(
    'GET /api/me/cases — %s → %i',
    async (who, status) => {
      const res = await call(who, 'GET', '/api/me/cases');
      expect(res.statusCode).toBe(status);
      if (status === 200) {
        const ids = res.json().items.map((i: { id: string }) => i.id);
        expect(ids.includes(caseId)).toBe(who === 'resident-own');
      }
    },
  );

  it.each(expectAll({ anonymous: 401, 'resident-own': 200, 'resident-other': 404 }, 403))(
    'POST /api/cases/:id/materials — %s → %i',
    async (who, status) => {
      const res = await call(who, 'POST', `/api/cases/${caseId}/materials`, {
        idempotencyKey: key(),
        text: '补充现场照片说明',
      });
      expect(res.statusCode).toBe(status);
    },
  );

  it.each(
    expectAll(
      {
        anonymous: 401,
        'resident-own': 403,
        'resident-other': 403,
        auditor: 403,
        admin: 403,
        'grid-other': 403,
        'first-receiver': 200,
        'current-unit': 200,
        'leader-region': 200,
        'leader-city': 200,
      },
      404,
    ),
  )('POST /api/cases/:id/notes — %s → %i', async (who, status) => {
    const res = await call(who, 'POST', `/api/cases/${caseId}/notes`, {
      idempotencyKey: key(),
      text: '已电话联系物业',
    });
    expect(res.statusCode).toBe(status);
  });

  it('internal notes never reach the petitioner', async () => {
    const res = await call('resident-own', 'GET', `/api/cases/${caseId}`);
    expect(res.json().notes).toBeUndefined();
    expect(res.body).not.toContain('已电话联系物业');
  });
});
