import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../helper';
import { headersFor, seedDirectory } from '../admin/support';
import { entryHash, GENESIS_HASH, type AuditEvent } from '../../src/modules/audit/audit.service';
import { startFakeAuditLog } from '../../src/adapters/audit-log/fake-server';
import type { App } from '../../src/app';

/**
 * Issue 12 finding 7 (GB/T 22239—2019 8.1.4.3 d; DOMAIN.md §13): the hash chain is anchored by checkpoints
 * signed with a key outside the database, kept in a file outside the database and optionally in an external
 * log. Each test tampers with the collections through the driver, as someone with database write access
 * would, and asks GET /api/audit/verify.
 */

const admin = { userId: '64b000000000000000000001', roles: ['admin'], unitCode: 'lj-xfj' };
const event = (i: number): AuditEvent => ({
  actor: admin,
  action: 'unit.update',
  targetType: 'unit',
  targetId: `u-${i}`,
  result: 'ok',
  detail: { i },
});
const entries = (app: App) => app.db.conn.collection('audit_log');
const meta = (app: App) => app.db.conn.collection('audit_meta');
const anchorsOf = (app: App) => app.db.conn.collection<{ _id: number; nextShipAt: Date }>('audit_anchors');

async function recordMany(app: App, from: number, to: number) {
  for (let i = from; i <= to; i++) await app.audit.record(event(i));
  await app.audit.flush();
}

/** What an intruder with database access does: entries from `from` on are replaced by a plausible chain. */
async function rechainFrom(app: App, from: number, count: number) {
  await entries(app).deleteMany({ seq: { $gte: from } });
  const before = from > 1 ? await entries(app).findOne({ seq: from - 1 }) : null;
  let prevHash = (before?.hash as string | undefined) ?? GENESIS_HASH;
  for (let seq = from; seq < from + count; seq++) {
    const fields = {
      v: 1 as const,
      seq,
      at: new Date(),
      actor: admin,
      action: 'unit.read',
      targetType: 'unit',
      targetId: `forged-${seq}`,
      result: 'ok' as const,
      detail: null,
      requestId: null,
      prevHash,
    };
    const hash = entryHash(fields);
    await entries(app).insertOne({ ...fields, hash });
    prevHash = hash;
  }
  const last = from + count - 1;
  await meta(app).updateOne({ _id: 'head' as never }, { $set: { seq: last, hash: prevHash } });
}

/** The auditor's session, taken before the entries under test (a sign-in is itself an audit entry). */
const auditors = new WeakMap<App, { authorization: string }>();
async function verifyAs(app: App) {
  const headers = auditors.get(app) ?? (await headersFor(app)).auditor.headers;
  const res = await app.inject({ url: '/api/audit/verify', headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The checks are about entries 1..n; the verify call itself and the logins add entries after them. */
async function setUp(env: Record<string, string> = {}) {
  const built = await build({ env: { AUDIT_ANCHOR_EVERY: '5', ...env } });
  await seedDirectory(built.app);
  // sign-ins are audited: take the session before the entries under test
  auditors.set(built.app, (await headersFor(built.app)).auditor.headers);
  await built.app.audit.flush();
  return built;
}

describe('signed audit checkpoints (GB/T 22239—2019 8.1.4.3 d)', () => {
  it('a tail deleted and re-chained with plain SHA-256 passes the chain check but not the signed checkpoints', async () => {
    const { app } = await setUp();
    const start = ((await entries(app).countDocuments()) as number) + 1;
    await recordMany(app, start, start + 11);
    const anchored = (await anchorsOf(app).find().sort({ _id: -1 }).limit(1).toArray())[0]!._id;
    expect(anchored % 5).toBe(0);
    expect((await verifyAs(app)).ok).toBe(true);

    await rechainFrom(app, anchored - 2, 8);
    const v = await verifyAs(app);
    expect(v.ok, JSON.stringify(v.problems)).toBe(false);
    expect(v.problems).toContainEqual(
      expect.objectContaining({
        seq: anchored,
        reason: 'anchor',
        message: expect.stringContaining('签名检查点'),
      }),
    );
  });

  it('a cut tail whose head was moved back with it is reported as truncated', async () => {
    const { app } = await setUp();
    const start = ((await entries(app).countDocuments()) as number) + 1;
    await recordMany(app, start, start + 11);
    const anchored = (await anchorsOf(app).find().sort({ _id: -1 }).limit(1).toArray())[0]!._id;
    const keep = anchored - 2;
    await entries(app).deleteMany({ seq: { $gt: keep } });
    const last = await entries(app).findOne({ seq: keep });
    await meta(app).updateOne({ _id: 'head' as never }, { $set: { seq: keep, hash: last!.hash } });
    const v = await verifyAs(app);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({
      seq: keep + 1,
      reason: 'truncated',
      message: `日志末尾缺失：签名检查点登记到第 ${anchored} 条，实际只到第 ${keep} 条`,
    });
  });

  it('a chain rewritten from its first entry, with the checkpoints deleted from the database too, is caught by the file', async () => {
    const { app, anchorFile } = await setUp();
    const start = ((await entries(app).countDocuments()) as number) + 1;
    await recordMany(app, start, start + 9);
    const lines = readFileSync(anchorFile, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const total = await entries(app).countDocuments();
    await anchorsOf(app).deleteMany({});
    await rechainFrom(app, 1, total);
    const v = await verifyAs(app);
    expect(v.ok).toBe(false);
    const reasons = v.problems.map((p: { reason: string; message: string }) => `${p.reason}: ${p.message}`);
    expect(
      reasons.some((r: string) => /^anchor: .*与签名检查点登记的哈希不符/.test(r)),
      reasons.join('\n'),
    ).toBe(true);
    expect(reasons.some((r: string) => /在数据库中缺失/.test(r))).toBe(true);
    // The file is append-only JSON lines naming the key; nothing personal is in it.
    const first = JSON.parse(lines[0]!);
    expect(Object.keys(first).sort()).toEqual(['at', 'hash', 'keyId', 'seq', 'sig', 'v']);
    expect(first.keyId).toBe(v.anchors.keyId);
  });

  it('a checkpoint forged or edited in the database without the key is reported', async () => {
    const { app } = await setUp();
    const start = ((await entries(app).countDocuments()) as number) + 1;
    await recordMany(app, start, start + 9);
    const [a] = await anchorsOf(app).find().sort({ _id: -1 }).limit(1).toArray();
    // The intruder re-chains the tail and moves the database's checkpoint onto his chain.
    await rechainFrom(app, a!._id - 1, 3);
    const forged = await entries(app).findOne({ seq: a!._id });
    await anchorsOf(app).updateOne({ _id: a!._id }, { $set: { hash: forged!.hash } });
    const v = await verifyAs(app);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(
      expect.objectContaining({
        seq: a!._id,
        reason: 'anchor',
        message: expect.stringContaining('签名无效'),
      }),
    );
    // The file still holds the honest checkpoint for the same seq.
    expect(v.problems).toContainEqual(
      expect.objectContaining({
        seq: a!._id,
        message: expect.stringContaining('与签名检查点登记的哈希不符'),
      }),
    );
  });

  it('the audit-anchor job signs the newest entry of a quiet log, and a second instance with the same key and file verifies it', async () => {
    const a = await build({ env: { AUDIT_ANCHOR_EVERY: '1000' } });
    await recordMany(a.app, 1, 3);
    expect(await anchorsOf(a.app).countDocuments()).toBe(0);
    expect(await a.app.audit.anchorNow()).toMatchObject({ anchored: 3 });
    // Nothing new: the job signs nothing twice.
    expect(await a.app.audit.anchorNow()).toMatchObject({ anchored: null });
    const b = await build({ uri: a.uri, anchorFile: a.anchorFile, env: { AUDIT_ANCHOR_EVERY: '1000' } });
    const ok = await b.app.audit.verify();
    expect(ok).toMatchObject({ ok: true, anchors: { checked: 1, latest: { seq: 3 } } });
    // Entry 3 removed and the head moved back over it: only the checkpoint still knows.
    await entries(b.app).deleteOne({ seq: 3 });
    const e2 = await entries(b.app).findOne({ seq: 2 });
    await meta(b.app).updateOne({ _id: 'head' as never }, { $set: { seq: 2, hash: e2!.hash } });
    expect((await b.app.audit.verify()).firstBad).toMatchObject({ seq: 3, reason: 'truncated' });
  });

  it('graceful shutdown signs what the instance wrote since its last checkpoint', async () => {
    const a = await build({ env: { AUDIT_ANCHOR_EVERY: '1000' } });
    await recordMany(a.app, 1, 4);
    await a.app.close();
    const b = await build({ uri: a.uri, anchorFile: a.anchorFile });
    expect(await b.app.audit.verify()).toMatchObject({ ok: true, anchors: { latest: { seq: 4 } } });
  });
});

describe('shipping checkpoints to an external log', () => {
  /** A collector of its own per test (it keeps each checkpoint once per key and seq). */
  async function collector() {
    const fake = await startFakeAuditLog();
    onTestFinished(() => fake.close());
    const env = {
      AUDIT_ANCHOR_EVERY: '2',
      AUDIT_SHIP_URL: fake.url,
      AUDIT_SHIP_TOKEN: fake.token,
      AUDIT_SHIP_TIMEOUT_MS: '300',
    };
    return { fake, env };
  }

  it('POSTs each checkpoint with its signature; the external copy names the same key', async () => {
    const { fake, env } = await collector();
    const { app } = await build({ env });
    await recordMany(app, 1, 4);
    const got = fake.received;
    expect(got.map((a) => a.seq)).toEqual([2, 4]);
    const v = await app.audit.verify();
    expect(v).toMatchObject({ ok: true, anchors: { unshipped: 0 } });
    expect(got.every((a) => a.keyId === v.anchors!.keyId && /^[A-Za-z0-9+/]+=*$/.test(a.sig))).toBe(true);
  });

  it('a failing or stalled external log never holds up a write; the job retries until it is delivered', async () => {
    const { fake, env } = await collector();
    const { app } = await build({ env });
    fake.failNext(1, 503);
    await recordMany(app, 1, 2);
    // entry 2 was written and anchored; its shipment failed and waits for a retry
    expect(await entries(app).countDocuments()).toBe(2);
    const pending = await anchorsOf(app).findOne({ _id: 2 });
    expect(pending).toMatchObject({ shippedAt: null, shipAttempts: 1 });
    expect(pending!.nextShipAt.getTime()).toBeGreaterThan(Date.now());

    // A collector that does not answer within the timeout: the write still completes at once.
    fake.stallNext(1, 2000);
    await app.audit.record(event(3));
    await app.audit.record(event(4));
    expect(await entries(app).countDocuments()).toBe(4);
    expect(fake.received).toEqual([]);
    await app.audit.flush();
    expect(await anchorsOf(app).findOne({ _id: 4 })).toMatchObject({
      shippedAt: null,
      shipAttempts: 1,
    });
    expect((await app.audit.verify()).anchors).toMatchObject({ unshipped: 2 });

    // Not due yet: nothing is sent. After the backoff the job delivers both, oldest first.
    expect(await app.audit.anchorNow(new Date())).toMatchObject({ shipped: 0, pending: 2 });
    const later = new Date(Date.now() + 3_600_000);
    expect(await app.audit.anchorNow(later)).toMatchObject({ shipped: 2, pending: 0 });
    // the stalled delivery of 4 reached the collector late; the retry is stored once (Idempotency-Key)
    expect(fake.received.map((a) => a.seq).sort()).toEqual([2, 4]);
    expect((await app.audit.verify()).anchors).toMatchObject({ unshipped: 0 });
  });

  it('a refused token counts as a failed shipment and is retried, not dropped', async () => {
    const { env } = await collector();
    const { app } = await build({ env: { ...env, AUDIT_SHIP_TOKEN: 'wrong-token' } });
    await recordMany(app, 1, 2);
    expect(await anchorsOf(app).findOne({ _id: 2 })).toMatchObject({
      shippedAt: null,
      shipAttempts: 1,
    });
    expect(await app.audit.anchorNow(new Date(Date.now() + 3_600_000))).toMatchObject({
      shipped: 0,
      pending: 1,
    });
    expect(await anchorsOf(app).findOne({ _id: 2 })).toMatchObject({ shipAttempts: 2 });
  });
});
