import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { seedIfEmpty } from '../../src/seed/demo';
import { demoUnitTree } from '../../src/seed/demo-cases';
import { raiseAlerts, sweepDeadlines, DUE_SOON_MS } from '../../src/jobs/deadline-sweeper';
import { drainOutbox } from '../../src/jobs/outbox-drain';
import type { OutboxItem } from '../../src/modules/cases/case.model';
import { caseModel, type CaseDoc } from '../../src/modules/cases/case.model';
import { type ClockName, formatChinaInstant, RIGHT_WINDOW_CLOCKS, TERMINAL_STATES } from '../../src/domain';

const SEEDED_AT = new Date('2026-11-20T10:00:00+08:00');

async function seeded() {
  const { app, uri } = await build();
  await seedIfEmpty(app, { now: SEEDED_AT });
  // The seed's own notifications (its steps', drained): these tests count the notifications they cause.
  await app.db.conn.collection('notifications').deleteMany({});
  return { app, uri, Case: caseModel(app.db.conn) };
}

const alertKeys = (cases: CaseDoc[]) =>
  cases.flatMap((c) => (c.alerts ?? []).map((a) => `${c._id}|${a.clock}|${a.level}|${a.due}`));

describe('sweepDeadlines (期限预警 / 超期提醒)', () => {
  it('raises each alert once on the demo seed: the first sweep raises them, the second none, versions untouched', async () => {
    const { app, Case } = await seeded();
    const units = demoUnitTree();
    const before = await Case.find().lean<CaseDoc[]>();
    expect(before.every((c) => c.alerts.length === 0 && c.outbox.length === 0)).toBe(true);

    const first = await sweepDeadlines(app.db.conn, SEEDED_AT, units);
    expect(first.alerts).toBeGreaterThan(0);
    const after = await Case.find().lean<CaseDoc[]>();
    const keys = alertKeys(after);
    expect(keys.length).toBe(first.alerts);
    expect(new Set(keys).size).toBe(keys.length);
    expect(after.reduce((n, c) => n + c.outbox.length, 0)).toBe(first.outboxItems);
    // not a state change: version and updatedAt stay
    const byId = new Map(before.map((c) => [c._id, c]));
    for (const c of after) {
      expect(c.version).toBe(byId.get(c._id)!.version);
      expect(c.updatedAt).toBe(byId.get(c._id)!.updatedAt);
      if (c.alerts.length) expect(TERMINAL_STATES).not.toContain(c.state);
    }

    const second = await sweepDeadlines(app.db.conn, SEEDED_AT, units);
    expect(second).toMatchObject({ alerts: 0, outboxItems: 0 });
    expect(alertKeys(await Case.find().lean<CaseDoc[]>())).toEqual(keys);
  });

  it('reaches every due case however many there are: a small batch raises the same alerts as one big read', async () => {
    const small = await seeded();
    const big = await seeded();
    const units = demoUnitTree();
    const bySmall = await sweepDeadlines(small.app.db.conn, SEEDED_AT, units, { batch: 2 });
    const byBig = await sweepDeadlines(big.app.db.conn, SEEDED_AT, units, { batch: 10_000 });
    expect(byBig.scanned).toBeGreaterThan(2);
    expect(bySmall).toEqual(byBig);
    const strip = (keys: string[]) => keys.map((k) => k.split('|').slice(1).join('|')).sort();
    expect(strip(alertKeys(await small.Case.find().lean<CaseDoc[]>()))).toEqual(
      strip(alertKeys(await big.Case.find().lean<CaseDoc[]>())),
    );
  });

  it('alerts the owing unit and the 首接单位 on every miss; overdue alerts are flagged for the unit head', async () => {
    const { app, Case } = await seeded();
    await sweepDeadlines(app.db.conn, SEEDED_AT, demoUnitTree());
    const cases = await Case.find({ 'alerts.0': { $exists: true } }).lean<CaseDoc[]>();
    const overdue = cases.filter((c) => c.alerts.some((a) => a.level === 'overdue'));
    expect(overdue.length).toBeGreaterThan(0);
    for (const c of overdue) {
      const items = c.outbox as OutboxItem[];
      for (const a of c.alerts.filter((x) => x.level === 'overdue')) {
        const owing = c.deadlines[a.clock as keyof typeof c.deadlines]!.unitId;
        const mine = items.filter((i) => i.id.includes(`:alert:${a.clock}:overdue:`));
        expect(mine.every((i) => i.audience === 'unit' && i.kind === 'deadlineAlert' && i.forUnitHead)).toBe(
          true,
        );
        expect(mine.map((i) => i.unitId)).toContain(owing);
        // DOMAIN.md §4.2: the first receiver stays accountable after transferring the case
        if (c.firstReceiver) expect(mine.map((i) => i.unitId)).toContain(c.firstReceiver.unitId);
        if (c.firstReceiver && c.firstReceiver.unitId !== owing) {
          const fr = mine.find((i) => i.unitId === c.firstReceiver!.unitId)!;
          expect(fr.message).toMatch(/首接单位/);
        }
        expect(mine[0]!.message).toMatch(/届满/);
      }
    }
  });

  it('warns 3 days ahead (dueSoon), then raises overdue once the day has passed', async () => {
    const { app, Case } = await seeded();
    const units = demoUnitTree();
    // The earliest running DUTY deadline still ahead at seed time. Chosen by meaning, not by list position: a
    // right window (objection, 复查/复核 request) is never alerted, and several cases fall due at the same
    // instant (the demo's ids are random and MongoDB leaves the order of ties unspecified), so ties are broken
    // by the case number.
    const open = await Case.find({
      state: { $nin: TERMINAL_STATES },
      nextDue: { $gt: formatChinaInstant(SEEDED_AT) },
    }).lean<CaseDoc[]>();
    const dutyDueNext = (c: CaseDoc) =>
      Object.entries(c.deadlines).some(
        ([clock, d]) =>
          d?.status === 'running' && d.due === c.nextDue && !RIGHT_WINDOW_CLOCKS.includes(clock as ClockName),
      );
    const target = open
      .filter(dutyDueNext)
      .sort((a, b) => a.nextDue!.localeCompare(b.nextDue!) || a.number.localeCompare(b.number))[0]!;
    const due = new Date(target.nextDue!);
    const soon = new Date(due.getTime() - DUE_SOON_MS + 60_000);
    await sweepDeadlines(app.db.conn, soon, units);
    let doc = (await Case.findById(target._id).lean<CaseDoc>())!;
    const dueSoon = doc.alerts.filter((a) => a.level === 'dueSoon' && a.due === target.nextDue);
    expect(dueSoon.length).toBe(1);
    expect((doc.outbox as OutboxItem[]).some((i) => /将于.+届满/.test(i.message) && !i.forUnitHead)).toBe(
      true,
    );

    const late = new Date(due.getTime() + 60_000);
    await sweepDeadlines(app.db.conn, late, units);
    await sweepDeadlines(app.db.conn, late, units);
    doc = (await Case.findById(target._id).lean<CaseDoc>())!;
    expect(doc.alerts.filter((a) => a.due === target.nextDue).map((a) => a.level)).toEqual([
      'dueSoon',
      'overdue',
    ]);
  });

  it('a concurrent double sweep (two instances) raises each alert exactly once', async () => {
    const { app, uri, Case } = await seeded();
    const other = await build({ uri });
    const units = demoUnitTree();
    const [a, b] = await Promise.all([
      sweepDeadlines(app.db.conn, SEEDED_AT, units),
      sweepDeadlines(other.app.db.conn, SEEDED_AT, units),
    ]);
    const cases = await Case.find().lean<CaseDoc[]>();
    const keys = alertKeys(cases);
    expect(a.alerts + b.alerts).toBe(keys.length);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = cases.flatMap((c) => c.outbox.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(a.outboxItems + b.outboxItems).toBe(ids.length);

    // …and the drain turns them into exactly that many unit notifications
    const drained = await drainOutbox(app.db.conn, SEEDED_AT);
    expect(drained.created).toBe(ids.length);
    const notes = await app.db.conn.collection('notifications').find().toArray();
    expect(notes.length).toBe(ids.length);
    expect(notes.every((n) => n.audience === 'unit' && n.delivery.channel === 'none')).toBe(true);
  });

  it('the conditional update itself refuses a duplicate: a sweeper holding a stale read raises nothing', async () => {
    const { app, Case } = await seeded();
    const units = demoUnitTree();
    const stale = await Case.find({ state: { $nin: TERMINAL_STATES }, nextDue: { $ne: null } }).lean<
      CaseDoc[]
    >();
    const first = await sweepDeadlines(app.db.conn, SEEDED_AT, units);
    expect(first.alerts).toBeGreaterThan(0);
    let again = 0;
    for (const doc of stale) again += (await raiseAlerts(app.db.conn, doc, SEEDED_AT, units)).alerts;
    expect(again).toBe(0);
    expect(alertKeys(await Case.find().lean<CaseDoc[]>()).length).toBe(first.alerts);
  });

  it('a case that changed since the sweeper read it is judged again on the stored document', async () => {
    const { app, Case } = await seeded();
    const units = demoUnitTree();
    const due = await Case.find({
      state: { $nin: TERMINAL_STATES },
      nextDue: { $ne: null, $lt: formatChinaInstant(SEEDED_AT.getTime() + DUE_SOON_MS) },
    })
      .sort({ number: 1 }) // a fixed pick: natural order is unspecified (and the demo's ids are random)
      .lean<CaseDoc[]>();
    expect(due.length).toBeGreaterThan(1);
    const [stopped, moved] = due as [CaseDoc, CaseDoc];

    // a transition after the read stopped every running clock of one case (version bumped, like apply)…
    const running = Object.entries(stopped.deadlines)
      .filter(([, d]) => d?.status === 'running')
      .map(([clock]) => clock);
    await Case.updateOne(
      { _id: stopped._id },
      {
        $set: Object.fromEntries(running.map((c) => [`deadlines.${c}.status`, 'stopped'])),
        $inc: { version: 1 },
      },
    );
    // …and only bumped the version of the other (its deadlines still run)
    await Case.updateOne({ _id: moved._id }, { $inc: { version: 1 } });

    expect(await raiseAlerts(app.db.conn, stopped, SEEDED_AT, units)).toEqual({ alerts: 0, outboxItems: 0 });
    expect((await Case.findById(stopped._id).lean<CaseDoc>())!.alerts).toEqual([]);

    const r = await raiseAlerts(app.db.conn, moved, SEEDED_AT, units);
    expect(r.alerts).toBeGreaterThan(0);
    const after = (await Case.findById(moved._id).lean<CaseDoc>())!;
    expect(after.alerts.length).toBe(r.alerts);
    expect(after.outbox.length).toBe(r.outboxItems);
    expect(after.version).toBe(moved.version + 1); // the sweeper did not bump it
    expect(after.alertSeq).toBe(1);
  });
});
