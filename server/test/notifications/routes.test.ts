import { describe, expect, it } from 'vitest';
import { build, loginAs } from '../helper';
import { seedIfEmpty } from '../../src/seed/demo';
import { demoUnitTree } from '../../src/seed/demo-cases';
import { sweepDeadlines } from '../../src/jobs/deadline-sweeper';
import { drainOutbox, notificationFrom } from '../../src/jobs/outbox-drain';
import type { App } from '../../src/app';

const NOW = new Date('2026-11-20T10:00:00+08:00');

async function setup() {
  const { app } = await build();
  await seedIfEmpty(app, { now: NOW });
  // The seed's own notifications (its steps', drained): these tests count the notifications they cause.
  await app.db.conn.collection('notifications').deleteMany({});
  const resident = await loginAs(app, { phone: '13800000001' });
  const other = await loginAs(app, { phone: '13800000002' });
  return { app, resident, other };
}

/**
 * `count` petitioner notifications for a user, one minute apart (some share a time, to test the cursor), about
 * one of the user's own cases: a notification is shown only when its reader may see its case (DOMAIN.md §5).
 */
async function insertFor(app: App, userId: string, count: number, prefix: string) {
  const own = await app.db.conn.collection('cases').findOne({ 'petitioner.id': userId });
  if (!own) throw new Error(`no case of ${userId} in the demo seed`);
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: `${prefix}:${String(i).padStart(3, '0')}`,
    ...notificationFrom(
      String(own._id),
      {
        id: `${prefix}:${i}`,
        at: new Date(NOW.getTime() + Math.floor(i / 2) * 60_000).toISOString(),
        audience: 'petitioner',
        userId,
        message: `进展 ${i}`,
        caseNumber: 'XF-2026-990102-000001',
        ...(i % 5 === 0 ? { document: 'acceptanceNotice' } : {}),
      },
      NOW,
    ),
  }));
  await app.db.conn.collection('notifications').insertMany(docs as never[]);
}

describe('GET /api/me/notifications', () => {
  it('lists only my own, newest first, with a stable cursor over pages and an unread count', async () => {
    const { app, resident, other } = await setup();
    await insertFor(app, resident.userId, 25, 'mine');
    await insertFor(app, other.userId, 3, 'theirs');

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/me/notifications?limit=10${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await app.inject({
        method: 'GET',
        url,
        headers: resident.headers,
      });
      expect(res.statusCode).toBe(200);
      const body: { unread: number; items: { id: string }[]; nextCursor: string | null } = res.json();
      expect(body.unread).toBe(25);
      seen.push(...body.items.map((n) => n.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.length).toBe(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen.every((id) => id.startsWith('mine:'))).toBe(true);
    expect(seen[0]).toBe('mine:024');

    const first = (
      await app.inject({ method: 'GET', url: '/api/me/notifications?limit=1', headers: resident.headers })
    ).json().items[0];
    expect(Object.keys(first).sort()).toEqual(
      [
        'audience',
        'caseId',
        'caseNumber',
        'createdAt',
        'delivery',
        'forUnitHead',
        'id',
        'kind',
        'message',
        'readAt',
      ].sort(),
    );
    expect(first.delivery).toEqual({ channel: 'wechat', status: 'pending' });
    const withDoc = (
      await app.inject({ method: 'GET', url: '/api/me/notifications?limit=50', headers: resident.headers })
    )
      .json()
      .items.find((n: { id: string }) => n.id === 'mine:020');
    expect(withDoc).toMatchObject({ document: 'acceptanceNotice', documentLabel: '受理告知书' });
  });

  it('marks one read (idempotently); another’s is 404; a bad cursor is 400; logged out is 401', async () => {
    const { app, resident, other } = await setup();
    await insertFor(app, resident.userId, 2, 'mine');
    const read = () =>
      app.inject({ method: 'POST', url: '/api/me/notifications/mine:001/read', headers: resident.headers });
    const r1 = await read();
    expect(r1.statusCode).toBe(200);
    const r2 = await read();
    expect(r2.json().readAt).toBe(r1.json().readAt);
    const list = await app.inject({ method: 'GET', url: '/api/me/notifications', headers: resident.headers });
    expect(list.json().unread).toBe(1);
    const unreadOnly = await app.inject({
      method: 'GET',
      url: '/api/me/notifications?unreadOnly=true',
      headers: resident.headers,
    });
    expect(unreadOnly.json().items.map((n: { id: string }) => n.id)).toEqual(['mine:000']);

    const theirs = await app.inject({
      method: 'POST',
      url: '/api/me/notifications/mine:000/read',
      headers: other.headers,
    });
    expect(theirs.statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/me/notifications?cursor=zzzz',
          headers: resident.headers,
        })
      ).statusCode,
    ).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/me/notifications' })).statusCode).toBe(401);
  });
});

describe('GET /api/units/me/notifications', () => {
  it('shows staff their unit’s alerts (首接单位 included), filterable to those for the unit head; residents get 403', async () => {
    const { app, resident } = await setup();
    await sweepDeadlines(app.db.conn, NOW, demoUnitTree());
    await drainOutbox(app.db.conn, NOW);
    const clerk = await loginAs(app, 'clerk.jd'); // 江东区信访局: the 首接单位 of the transferred demo cases
    const res = await app.inject({
      method: 'GET',
      url: '/api/units/me/notifications',
      headers: clerk.headers,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      kind: string;
      forUnitHead: boolean;
      message: string;
      audience: string;
    }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((n) => n.audience === 'unit' && n.kind === 'deadlineAlert')).toBe(true);
    expect(items.some((n) => /首接单位/.test(n.message))).toBe(true);

    const headOnly = await app.inject({
      method: 'GET',
      url: '/api/units/me/notifications?forUnitHead=true',
      headers: clerk.headers,
    });
    expect(headOnly.json().items.every((n: { forUnitHead: boolean }) => n.forUnitHead)).toBe(true);

    // another unit sees none of jd-xfj's
    const stored = await app.db.conn.collection('notifications').find({ unitId: 'jd-xfj' }).toArray();
    const otherUnit = await loginAs(app, 'clerk.jx');
    const theirs = await app.inject({
      method: 'GET',
      url: '/api/units/me/notifications',
      headers: otherUnit.headers,
    });
    const theirIds = new Set(theirs.json().items.map((n: { id: string }) => n.id));
    expect(stored.some((n) => theirIds.has(n._id))).toBe(false);

    // read state is shared within the unit
    const id = stored[0]!._id;
    const head = await loginAs(app, 'head.jd');
    const mark = await app.inject({
      method: 'POST',
      url: `/api/units/me/notifications/${id}/read`,
      headers: head.headers,
    });
    expect(mark.statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/units/me/notifications/${id}/read`,
          headers: otherUnit.headers,
        })
      ).statusCode,
    ).toBe(404);

    expect(
      (await app.inject({ method: 'GET', url: '/api/units/me/notifications', headers: resident.headers }))
        .statusCode,
    ).toBe(403);
  });
});
