import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { headersFor, seedDirectory, waitForAudit } from '../admin/support';

describe('audit routes', () => {
  it('auditor and admin read the trail with filters and seq cursor pagination; the read itself is audited', async () => {
    const { app } = await build();
    await seedDirectory(app);
    const h = await headersFor(app);
    for (let i = 1; i <= 7; i++) {
      await app.audit.record({
        actor: { userId: h.admin.userId, roles: ['admin'], unitCode: 'lj-xfj' },
        action: i % 2 ? 'unit.update' : 'user.update',
        targetType: i % 2 ? 'unit' : 'user',
        targetId: `t${i}`,
        result: 'ok',
        detail: { i },
      });
    }
    const page1 = await app.inject({
      url: '/api/audit?targetType=unit&limit=2',
      headers: h.auditor.headers,
    });
    expect(page1.statusCode).toBe(200);
    const b1 = page1.json();
    expect(b1.items.map((e: { targetId: string }) => e.targetId)).toEqual(['t7', 't5']);
    expect(b1.items[0]).toMatchObject({
      action: 'unit.update',
      result: 'ok',
      actor: { userId: h.admin.userId, roles: ['admin'], unitCode: 'lj-xfj' },
      detail: { i: 7 },
    });
    expect(b1.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const page2 = await app.inject({
      url: `/api/audit?targetType=unit&limit=2&cursor=${b1.nextCursor}`,
      headers: h.auditor.headers,
    });
    expect(page2.json().items.map((e: { targetId: string }) => e.targetId)).toEqual(['t3', 't1']);
    expect(page2.json().nextCursor).toBeNull();

    // Prefix match on the action, filter by actor and result, time range.
    const prefix = await app.inject({ url: '/api/audit?action=user.&limit=50', headers: h.admin.headers });
    expect(prefix.statusCode).toBe(200);
    expect(prefix.json().items.every((e: { action: string }) => e.action === 'user.update')).toBe(true);
    expect(prefix.json().items).toHaveLength(3);
    const byActor = await app.inject({
      url: `/api/audit?actor=${h.auditor.userId}&action=audit.read`,
      headers: h.auditor.headers,
    });
    // page 1 and page 2 (this query is recorded after it answers)
    expect(byActor.json().items.length).toBe(2);
    const future = await app.inject({
      url: `/api/audit?since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`,
      headers: h.auditor.headers,
    });
    expect(future.json().items).toEqual([]);
    const bad = await app.inject({
      url: '/api/audit?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z',
      headers: h.auditor.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('起始时间必须早于截止时间');
    const badResult = await app.inject({ url: '/api/audit?result=maybe', headers: h.auditor.headers });
    expect(badResult.statusCode).toBe(400);
    expect(badResult.json().message).toContain('取值不在允许范围内');
  });

  it('GET /api/audit/verify reports a tampered entry at its seq', async () => {
    const { app } = await build();
    await seedDirectory(app);
    const h = await headersFor(app);
    await app.audit.flush();
    // the five sign-ins of headersFor are entries 1–5 (issue 12 finding 8); the test's own are 6–10
    const base = await app.db.conn.collection('audit_log').countDocuments();
    expect(base).toBe(5);
    for (let i = 1; i <= 5; i++) {
      await app.audit.record({ actor: null, action: 'x.test', targetType: 't', result: 'ok', detail: { i } });
    }
    const ok = await app.inject({ url: '/api/audit/verify', headers: h.auditor.headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, checked: base + 5, problems: [] });
    await app.db.conn.collection('audit_log').updateOne({ seq: base + 3 }, { $set: { 'detail.i': 99 } });
    const bad = await app.inject({ url: '/api/audit/verify', headers: h.admin.headers });
    expect(bad.json()).toMatchObject({ ok: false, firstBad: { seq: base + 3, reason: 'altered' } });
    const ranged = await app.inject({
      url: `/api/audit/verify?from=${base + 4}&to=${base + 5}`,
      headers: h.admin.headers,
    });
    expect(ranged.json()).toMatchObject({ ok: true, checked: 2 });
    const backwards = await app.inject({ url: '/api/audit/verify?from=5&to=4', headers: h.admin.headers });
    expect(backwards.statusCode).toBe(400);
  });

  it('clerk, leader and resident get 403; nobody gets 401 — and every denial is audited', async () => {
    const { app } = await build();
    await seedDirectory(app);
    const h = await headersFor(app);
    for (const who of [h.clerk, h.leader, h.resident]) {
      for (const url of ['/api/audit', '/api/audit/verify']) {
        const res = await app.inject({ url, headers: who.headers });
        expect(res.statusCode).toBe(403);
        expect(res.json().message).toBe('您没有权限执行此操作');
      }
      const e = await waitForAudit(app, { 'actor.userId': who.userId, action: 'access.denied' });
      expect(e).toMatchObject({
        result: 'denied',
        targetType: 'route',
        detail: { statusCode: 403, method: 'GET' },
      });
    }
    const anon = await app.inject({ url: '/api/audit?targetId=query-marker-7f3a' });
    expect(anon.statusCode).toBe(401);
    const e = await waitForAudit(app, { actor: null, 'detail.statusCode': 401 });
    expect(e).toMatchObject({ action: 'access.denied', targetId: 'GET /api/audit', result: 'denied' });
    expect(e.requestId).toBe(anon.headers['x-request-id']);
    // The route pattern is logged, never the query string.
    expect(JSON.stringify(await app.db.conn.collection('audit_log').find().toArray())).not.toContain(
      'query-marker-7f3a',
    );
  });
});
