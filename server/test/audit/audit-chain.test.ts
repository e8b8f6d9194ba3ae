import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import {
  canonicalJson,
  createAuditLog,
  entryHash,
  GENESIS_HASH,
  retentionLimit,
  type AuditEvent,
} from '../../src/modules/audit/audit.service';
import type { App } from '../../src/app';

const DAY = 86_400_000;
const admin = { userId: '64b000000000000000000001', roles: ['admin'], unitCode: 'lj-xfj' };

const event = (i: number, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  actor: admin,
  action: 'unit.update',
  targetType: 'unit',
  targetId: `u-${i}`,
  result: 'ok',
  detail: { i, fields: ['name'] },
  ...extra,
});

const entries = (app: App) => app.db.conn.collection('audit_log');

async function seqs(app: App): Promise<number[]> {
  const rows = await entries(app)
    .find({}, { projection: { seq: 1 } })
    .sort({ seq: 1 })
    .toArray();
  return rows.map((r) => r.seq as number);
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('audit hash chain', () => {
  it('canonical JSON ignores key order, so a stored entry re-hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('50 concurrent record() calls give seq 1..50, each linked to the one before, and verify passes', async () => {
    const { app } = await build();
    await Promise.all(range(1, 50).map((i) => app.audit.record(event(i))));
    expect(await seqs(app)).toEqual(range(1, 50));
    const rows = await entries(app).find().sort({ seq: 1 }).toArray();
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    // Every event is there exactly once.
    expect(new Set(rows.map((r) => r.targetId)).size).toBe(50);
    const v = await app.audit.verify();
    expect(v).toMatchObject({ ok: true, checked: 50, problems: [], head: { seq: 50, hash: rows[49]!.hash } });
  });

  it('two server instances and several writers on one database interleave without gaps or forks', async () => {
    const a = await build();
    const b = await build({ uri: a.uri });
    // Writers with their own queue and tip cache behave like further instances.
    const extra = [
      createAuditLog(a.app.db.conn),
      createAuditLog(b.app.db.conn),
      createAuditLog(b.app.db.conn),
    ];
    const writers = [a.app.audit, b.app.audit, ...extra];
    await Promise.all(range(1, 60).map((i) => writers[i % writers.length]!.record(event(i))));
    expect(await seqs(a.app)).toEqual(range(1, 60));
    expect(await a.app.audit.verify()).toMatchObject({ ok: true, checked: 60 });
    // A writer whose cached tip is stale collides, catches up and appends at the end.
    await a.app.audit.record(event(61));
    await b.app.audit.record(event(62));
    await extra[0]!.record(event(63));
    expect(await seqs(b.app)).toEqual(range(1, 63));
    expect((await b.app.audit.verify()).ok).toBe(true);
  });

  it('records made while a write is in flight are written as one group; a group that collides part-way keeps the entries before the collision and chains the rest on top of the other writer', async () => {
    const { app } = await build();
    await app.audit.record(event(1)); // this instance now caches the tip: seq 1
    // another writer has meanwhile taken seq 4 (only its seq and hash matter to the chain)
    await entries(app).insertOne({
      v: 1,
      seq: 4,
      at: new Date(),
      actor: null,
      action: 'test.other-writer',
      targetType: 'test',
      targetId: 'other',
      result: 'ok',
      detail: null,
      requestId: null,
      prevHash: 'f'.repeat(64),
      hash: 'e'.repeat(64),
    });
    // the first of these is written alone (seq 2), the others wait and go together (3, then a collision)
    await Promise.all(range(2, 8).map((i) => app.audit.record(event(i))));
    const rows = await entries(app).find().sort({ seq: 1 }).toArray();
    expect(rows.map((r) => r.seq)).toEqual(range(1, 9));
    expect(rows.map((r) => r.targetId).sort()).toEqual([...range(1, 8).map((i) => `u-${i}`), 'other'].sort());
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.targetId === 'other') continue;
      expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash); // linked to whatever precedes it, the other writer's too
      expect(entryHash(rows[i] as never)).toBe(rows[i]!.hash);
    }
    const head = await app.db.conn.collection('audit_meta').findOne({ _id: 'head' as never });
    expect(head!.seq).toBe(9);
  });

  it('a crash after the insert and before the head moves loses nothing and leaves no gap', async () => {
    const { app } = await build();
    for (const i of range(1, 5)) await app.audit.record(event(i));
    // Simulate the crash: entry 5 is written but head still says 4.
    const e4 = await entries(app).findOne({ seq: 4 });
    await app.db.conn
      .collection('audit_meta')
      .updateOne({ _id: 'head' as never }, { $set: { seq: 4, hash: e4!.hash } });
    expect((await app.audit.verify()).ok).toBe(true);
    // A fresh instance (no cached tip) continues after entry 5, not after head, and repairs head.
    const other = createAuditLog(app.db.conn);
    await other.record(event(6));
    expect(await seqs(app)).toEqual(range(1, 6));
    const head = await app.db.conn.collection('audit_meta').findOne({ _id: 'head' as never });
    expect(head!.seq).toBe(6);
    expect((await app.audit.verify()).ok).toBe(true);
  });

  it('an entry edited through the driver fails verification at exactly that seq', async () => {
    const { app, logs: _logs } = await build();
    for (const i of range(1, 12)) await app.audit.record(event(i));
    expect((await app.audit.verify()).ok).toBe(true);
    await entries(app).updateOne({ seq: 7 }, { $set: { result: 'denied' } });
    const v = await app.audit.verify();
    expect(v.ok).toBe(false);
    expect(v.firstBad).toMatchObject({ seq: 7, reason: 'altered' });
    expect(v.firstBad!.message).toContain('第 7 条');
    // One edit, one problem: entry 8 still links to entry 7's stored hash.
    expect(v.problems).toHaveLength(1);
  });

  it('an edit that also recomputes the hash breaks the link of the next entry', async () => {
    const { app } = await build();
    for (const i of range(1, 6)) await app.audit.record(event(i));
    const e3 = await entries(app).findOne({ seq: 3 });
    const forged = { ...e3!, targetId: 'u-forged' } as never as Parameters<typeof entryHash>[0];
    await entries(app).updateOne({ seq: 3 }, { $set: { targetId: 'u-forged', hash: entryHash(forged) } });
    const v = await app.audit.verify();
    expect(v.firstBad).toMatchObject({ seq: 4, reason: 'link' });
  });

  it('a deleted entry is reported as a gap at its seq, not as tampering of its neighbours', async () => {
    const { app } = await build();
    for (const i of range(1, 10)) await app.audit.record(event(i));
    await entries(app).deleteOne({ seq: 5 });
    const v = await app.audit.verify();
    expect(v.problems).toEqual([{ seq: 5, reason: 'missing', message: '第 5 条记录缺失（序号断档）' }]);
    expect(v.checked).toBe(9);
  });

  it('a deleted tail is detected through the head', async () => {
    const { app } = await build();
    for (const i of range(1, 8)) await app.audit.record(event(i));
    await entries(app).deleteMany({ seq: { $gte: 7 } });
    const v = await app.audit.verify();
    expect(v.firstBad).toMatchObject({ seq: 7, reason: 'truncated' });
    // Writing continues after the witnessed head, so the hole stays visible as a gap.
    await app.audit.record(event(9));
    expect((await app.audit.verify()).firstBad).toMatchObject({ seq: 7, reason: 'missing' });
  });

  it('verifies a seq range', async () => {
    const { app } = await build();
    for (const i of range(1, 10)) await app.audit.record(event(i));
    await entries(app).updateOne({ seq: 2 }, { $set: { action: 'x' } });
    expect(await app.audit.verify(4, 8)).toMatchObject({ ok: true, checked: 5 });
    expect((await app.audit.verify(1, 3)).firstBad).toMatchObject({ seq: 2, reason: 'altered' });
  });

  it('masks phone and ID numbers that slip into detail, and keeps hashes intact', async () => {
    const { app } = await build();
    await app.audit.record(
      event(1, { detail: { note: '联系电话13800000001', id: '110101199003077777', hash: 'a'.repeat(64) } }),
    );
    const e = await entries(app).findOne({ seq: 1 });
    expect(JSON.stringify(e)).not.toContain('13800000001');
    expect(JSON.stringify(e)).not.toContain('110101199003077777');
    expect(e!.detail).toEqual({ note: '联系电话[已屏蔽]', id: '[已屏蔽]', hash: 'a'.repeat(64) });
    expect((await app.audit.verify()).ok).toBe(true);
  });
});

describe('audit retention (网络安全法第二十一条第三项)', () => {
  const now = new Date('2026-09-30T12:00:00+08:00');

  it('the retention limit is six calendar months back, and never less than 180 days', () => {
    const limit = retentionLimit(now);
    expect(limit.toISOString()).toBe(new Date('2026-03-30T12:00:00+08:00').toISOString());
    expect(now.getTime() - limit.getTime()).toBeGreaterThanOrEqual(180 * DAY);
    // 31 August minus six months is the last day of February, not 3 March.
    expect(retentionLimit(new Date('2026-08-31T08:00:00+08:00')).toISOString()).toBe(
      new Date('2026-02-28T08:00:00+08:00').toISOString(),
    );
  });

  it('refuses a cutoff less than 180 days ago, with the article', async () => {
    const { app } = await build();
    await app.audit.record(event(1, { at: new Date(now.getTime() - 400 * DAY) }));
    const err = await app.audit
      .purgeAuditBefore(new Date(now.getTime() - 179 * DAY), { now })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 422, article: '《中华人民共和国网络安全法》第二十一条第三项' });
    expect((err as Error).message).toContain('至少留存六个月');
    expect(await seqs(app)).toEqual([1]);
  });

  it('purges old entries behind a checkpoint; the rest still verifies; a rerun is a no-op', async () => {
    const { app } = await build();
    for (const i of range(1, 6))
      await app.audit.record(event(i, { at: new Date(now.getTime() - 300 * DAY + i) }));
    for (const i of range(7, 9))
      await app.audit.record(event(i, { at: new Date(now.getTime() - 10 * DAY + i) }));
    const e6 = await entries(app).findOne({ seq: 6 });
    const res = await app.audit.purgeAuditBefore(new Date(now.getTime() - 200 * DAY), { now, actor: admin });
    expect(res).toEqual({ deleted: 6, upToSeq: 6 });
    expect(await seqs(app)).toEqual([7, 8, 9, 10]);
    const purge = await entries(app).findOne({ seq: 10 });
    expect(purge).toMatchObject({ action: 'audit.purge', detail: { upToSeq: 6, checkpointHash: e6!.hash } });
    const v = await app.audit.verify();
    expect(v).toMatchObject({ ok: true, checked: 4, checkpoint: { seq: 6, hash: e6!.hash } });
    // Idempotent.
    expect(await app.audit.purgeAuditBefore(new Date(now.getTime() - 200 * DAY), { now })).toEqual({
      deleted: 0,
      upToSeq: 6,
    });
    // The chain keeps growing on top.
    await app.audit.record(event(11));
    expect((await app.audit.verify()).ok).toBe(true);
  });

  it('a forged checkpoint (no matching purge entry) fails verification', async () => {
    const { app } = await build();
    for (const i of range(1, 4))
      await app.audit.record(event(i, { at: new Date(now.getTime() - 300 * DAY) }));
    await app.audit.record(event(5, { at: now }));
    await app.audit.purgeAuditBefore(new Date(now.getTime() - 200 * DAY), { now });
    // Someone deletes entry 5 and moves the checkpoint over it.
    const e5 = await entries(app).findOne({ seq: 5 });
    await entries(app).deleteOne({ seq: 5 });
    await app.db.conn
      .collection('audit_meta')
      .updateOne({ _id: 'checkpoint' as never }, { $set: { seq: 5, hash: e5!.hash } });
    const v = await app.audit.verify();
    expect(v.ok).toBe(false);
    expect(v.problems.map((p) => p.reason)).toContain('checkpoint');
  });

  it('a purge interrupted after its checkpoint verifies, and the next run completes it', async () => {
    const { app } = await build();
    for (const i of range(1, 4))
      await app.audit.record(event(i, { at: new Date(now.getTime() - 300 * DAY) }));
    await app.audit.record(event(5, { at: now }));
    const old = await entries(app)
      .find({ seq: { $lte: 4 } })
      .toArray();
    await app.audit.purgeAuditBefore(new Date(now.getTime() - 200 * DAY), { now });
    expect(await seqs(app)).toEqual([5, 6]);
    // As if the process had died between writing the checkpoint and deleting: the old entries are back.
    await entries(app).insertMany(old);
    expect(await app.audit.verify()).toMatchObject({ ok: true, checked: 6 });
    // A tampered leftover is still caught.
    await entries(app).updateOne({ seq: 4 }, { $set: { hash: 'f'.repeat(64) } });
    expect((await app.audit.verify()).problems.map((p) => p.reason)).toContain('checkpoint');
    await entries(app).updateOne({ seq: 4 }, { $set: { hash: old[3]!.hash } });
    expect(await app.audit.purgeAuditBefore(new Date(now.getTime() - 200 * DAY), { now })).toEqual({
      deleted: 4,
      upToSeq: 4,
    });
    expect(await seqs(app)).toEqual([5, 6]);
  });

  it('refuses to purge a part of the chain that does not verify (evidence is kept)', async () => {
    const { app } = await build();
    for (const i of range(1, 5))
      await app.audit.record(event(i, { at: new Date(now.getTime() - 300 * DAY) }));
    await entries(app).updateOne({ seq: 2 }, { $set: { targetId: 'changed' } });
    const err = await app.audit
      .purgeAuditBefore(new Date(now.getTime() - 200 * DAY), { now })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 409, code: 'AUDIT_CHAIN_BROKEN' });
    expect(await seqs(app)).toEqual(range(1, 5));
  });
});
