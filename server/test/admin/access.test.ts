import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { headersFor, seedDirectory, waitForAudit } from './support';

const SOME_ID = '64b000000000000000000001';

const READS = [
  '/api/admin/units',
  '/api/admin/users',
  `/api/admin/users/${SOME_ID}`,
  '/api/admin/categories',
  '/api/admin/profiles',
  '/api/admin/profiles/xinfang-2022/1',
  '/api/admin/calendar',
  '/api/admin/calendar/2026',
];

const WRITES: { method: 'POST' | 'PATCH' | 'PUT'; url: string; payload?: object }[] = [
  {
    method: 'POST',
    url: '/api/admin/units',
    payload: { code: 'x-1', name: '测试', kind: '职能部门', parentCode: 'jd-gov', regionCode: '990102' },
  },
  { method: 'PATCH', url: '/api/admin/units/jd-st1', payload: { name: '改名' } },
  {
    method: 'POST',
    url: '/api/admin/users',
    payload: {
      username: 'x.one',
      displayName: '某人',
      roles: ['admin'],
      unitCode: 'jd-xfj',
      password: 'Xinfang#2026ok',
    },
  },
  { method: 'PATCH', url: `/api/admin/users/${SOME_ID}`, payload: { roles: ['admin'] } },
  { method: 'POST', url: `/api/admin/users/${SOME_ID}/reset-totp` },
  { method: 'POST', url: `/api/admin/users/${SOME_ID}/password`, payload: { password: 'Xinfang#2026ok' } },
  { method: 'POST', url: '/api/admin/categories', payload: { code: 'x', name: '测试' } },
  { method: 'PATCH', url: '/api/admin/categories/cxjs', payload: { name: '改名' } },
  { method: 'POST', url: '/api/admin/categories/cxjs-wy/deactivate' },
  { method: 'POST', url: '/api/admin/profiles', payload: { id: 'x', version: 1 } },
  {
    method: 'PUT',
    url: '/api/admin/calendar/2027',
    payload: { holidays: ['2027-01-01'], workdays: [], source: '测试' },
  },
];

describe('admin: access', () => {
  it('clerk, leader and resident get 403 on every admin route; nothing changes; denials are audited', async () => {
    const { app } = await build();
    await seedDirectory(app);
    const h = await headersFor(app);
    const before = await app.db.conn.collection('units').find().toArray();
    for (const who of [h.clerk, h.leader, h.resident]) {
      for (const url of READS) {
        const res = await app.inject({ url, headers: who.headers });
        expect(res.statusCode, `${url}`).toBe(403);
      }
      for (const w of WRITES) {
        const res = await app.inject({ ...w, headers: who.headers });
        expect(res.statusCode, `${w.method} ${w.url}`).toBe(403);
        expect(res.json().message).toBe('您没有权限执行此操作');
      }
    }
    expect(await app.db.conn.collection('units').find().toArray()).toEqual(before);
    expect(await app.db.conn.collection('calendar_years').countDocuments()).toBe(0);
    const denial = await waitForAudit(app, {
      'actor.userId': h.resident.userId,
      targetId: 'PUT /api/admin/calendar/:year',
    });
    expect(denial).toMatchObject({
      action: 'access.denied',
      result: 'denied',
      actor: { roles: ['resident'] },
    });
  });

  it('the auditor reads the directory but cannot change it', async () => {
    const { app } = await build();
    await seedDirectory(app);
    const h = await headersFor(app);
    for (const url of READS) {
      const res = await app.inject({ url, headers: h.auditor.headers });
      // The made-up user id is a 404 after authorization passed.
      expect(res.statusCode, url).toBe(url.includes(SOME_ID) ? 404 : 200);
    }
    for (const w of WRITES) {
      expect(
        (await app.inject({ ...w, headers: h.auditor.headers })).statusCode,
        `${w.method} ${w.url}`,
      ).toBe(403);
    }
  });

  it('nobody logged in gets 401', async () => {
    const { app } = await build();
    for (const url of READS) expect((await app.inject({ url })).statusCode).toBe(401);
    for (const w of WRITES) expect((await app.inject(w)).statusCode).toBe(401);
  });
});
