import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { seedIfEmpty } from '../../src/seed/demo';
import { drainOutbox } from '../../src/jobs/outbox-drain';
import type { OutboxItem } from '../../src/modules/cases/case.model';
import { caseModel, type CaseDoc } from '../../src/modules/cases/case.model';
import type { App } from '../../src/app';

const NOW = new Date('2026-11-20T10:00:00+08:00');

/** The seed, plus outbox items on three cases as the cases module writes them (same update as the change). */
async function withOutbox() {
  const { app, uri } = await build();
  await seedIfEmpty(app, { now: NOW });
  // The seed's own notifications (its steps', drained): these tests count the notifications they cause.
  await app.db.conn.collection('notifications').deleteMany({});
  const Case = caseModel(app.db.conn);
  const cases = await Case.find().sort({ number: 1 }).limit(3).lean<CaseDoc[]>();
  const items: OutboxItem[] = [];
  for (const c of cases) {
    const mine: OutboxItem[] = [
      {
        id: `${c._id}:${c.version}:0`,
        at: c.updatedAt,
        audience: 'petitioner',
        userId: c.petitioner.id,
        document: 'acceptanceNotice',
        message: '您的信访事项已受理。',
        caseNumber: c.number,
      },
      {
        id: `${c._id}:${c.version}:1`,
        at: c.updatedAt,
        audience: 'unit',
        unitId: c.currentUnitId,
        message: `收到信访事项：${c.subject}`,
        caseNumber: c.number,
      },
    ];
    await Case.updateOne({ _id: c._id }, { $push: { outbox: { $each: mine } } });
    items.push(...mine);
  }
  return { app, uri, Case, cases, items };
}

const notes = (app: App) => app.db.conn.collection('notifications');

describe('drainOutbox', () => {
  it('copies every item into notifications keyed by its id, then empties the outboxes without bumping versions', async () => {
    const { app, Case, cases, items } = await withOutbox();
    const result = await drainOutbox(app.db.conn, NOW);
    expect(result).toEqual({ cases: 3, items: 6, created: 6 });

    const stored = await notes(app).find().sort({ _id: 1 }).toArray();
    expect(stored.map((n) => n._id).sort()).toEqual(items.map((i) => i.id).sort());
    const petitioner = stored.find((n) => n.audience === 'petitioner')!;
    expect(petitioner).toMatchObject({
      kind: 'caseUpdate',
      document: 'acceptanceNotice',
      readAt: null,
      forUnitHead: false,
      delivery: { channel: 'wechat', status: 'pending', attempts: 0 },
    });
    expect(petitioner.delivery.nextAttemptAt).toEqual(NOW);
    const unit = stored.find((n) => n.audience === 'unit')!;
    expect(unit.delivery).toMatchObject({ channel: 'none', status: 'skipped' });

    for (const c of await Case.find({ _id: { $in: cases.map((x) => x._id) } }).lean<CaseDoc[]>()) {
      expect(c.outbox).toEqual([]);
      expect(c.version).toBe(cases.find((x) => x._id === c._id)!.version);
    }
    expect(await drainOutbox(app.db.conn, NOW)).toEqual({ cases: 0, items: 0, created: 0 });
  });

  it('survives a crash between the copy and the $pull: the rerun creates nothing twice and keeps read state', async () => {
    const { app, Case, items } = await withOutbox();
    let crashed = false;
    await expect(
      drainOutbox(app.db.conn, NOW, {
        afterCopy: () => {
          crashed = true;
          throw new Error('process killed');
        },
      }),
    ).rejects.toThrow('process killed');
    expect(crashed).toBe(true);
    // the first case's items were copied, but are still in its outbox
    expect(await notes(app).countDocuments()).toBe(2);
    const stillQueued = (await Case.find({ 'outbox.0': { $exists: true } }).lean<CaseDoc[]>()).length;
    expect(stillQueued).toBe(3);
    // meanwhile the resident read one of them
    const copied = (await notes(app).findOne({ audience: 'petitioner' }))!;
    const readAt = new Date('2026-11-20T10:05:00+08:00');
    await notes(app).updateOne({ _id: copied._id }, { $set: { readAt } });

    expect(await drainOutbox(app.db.conn, NOW)).toMatchObject({ cases: 3, items: 6, created: 4 });
    expect(await notes(app).countDocuments()).toBe(items.length);
    expect((await notes(app).findOne({ _id: copied._id }))!.readAt).toEqual(readAt);
    expect(await Case.countDocuments({ 'outbox.0': { $exists: true } })).toBe(0);
  });

  it('two drainers at once (two instances) copy each item exactly once', async () => {
    const { app, uri, items } = await withOutbox();
    const other = await build({ uri });
    const [a, b] = await Promise.all([drainOutbox(app.db.conn, NOW), drainOutbox(other.app.db.conn, NOW)]);
    expect(a.created + b.created).toBe(items.length);
    expect(await notes(app).countDocuments()).toBe(items.length);
  });

  it('pulls only what it copied: an item pushed meanwhile waits for the next round', async () => {
    const { app, Case, cases } = await withOutbox();
    const late: OutboxItem = {
      id: `${cases[0]!._id}:99:0`,
      at: NOW.toISOString(),
      audience: 'unit',
      unitId: 'jd-xfj',
      message: '后到的通知',
      caseNumber: cases[0]!.number,
    };
    await drainOutbox(app.db.conn, NOW, {
      afterCopy: async (caseId) => {
        if (caseId === cases[0]!._id) await Case.updateOne({ _id: caseId }, { $push: { outbox: late } });
      },
    });
    const c = (await Case.findById(cases[0]!._id).lean<CaseDoc>())!;
    expect(c.outbox.map((i) => i.id)).toEqual([late.id]);
    await drainOutbox(app.db.conn, NOW);
    expect(await notes(app).findOne({ _id: late.id as never })).toMatchObject({ message: '后到的通知' });
  });
});
