import { describe, expect, it } from 'vitest';
import { build, copyDemoSeed, loginAs } from './helper';
import { seedIfEmpty } from '../src/seed/demo';
import { DEMO_UNITS, DEMO_USERS } from '../src/seed/demo-data';
import { unitModel } from '../src/modules/units/unit.model';
import { userModel } from '../src/modules/users/user.model';
import { caseModel } from '../src/modules/cases/case.model';
import { checkInvariants, type DeadlineRecord, recomputeDeadline, XINFANG_PROFILE } from '../src/domain';
import { demoUnitTree } from '../src/seed/demo-cases';
import { nextDueOf, toSnapshot } from '../src/modules/cases/case.repository';
import { drainOutbox } from '../src/jobs/outbox-drain';
import { isIssuable } from '../src/modules/documents/document.fill';
import { notificationModel } from '../src/modules/notifications/notification.model';
import type { App } from '../src/app';

/** Every collection's size and the audit chain's head: what a seed that adds nothing leaves unchanged. */
async function footprint(app: App) {
  const db = app.db.conn.db!;
  const sizes: Record<string, number> = {};
  for (const { name } of await db.listCollections().toArray()) {
    if (!name.startsWith('system.')) sizes[name] = await db.collection(name).countDocuments();
  }
  const head = await db.collection('audit_log').find().sort({ seq: -1 }).limit(1).next();
  const counters = await db.collection('counters').find().sort({ _id: 1 }).toArray();
  return { sizes, auditHead: head?.hash, counters };
}

describe('demo seed', () => {
  it('creates the unit tree with ancestors, staff for every role, and residents with encrypted phones', async () => {
    const { app } = await build();
    const counts = await seedIfEmpty(app);
    expect(counts).toMatchObject({ units: DEMO_UNITS.length, users: DEMO_USERS.length });

    const Unit = unitModel(app.db.conn);
    const street = await Unit.findOne({ code: 'jd-st1' }).lean();
    expect(street).toMatchObject({ kind: '乡镇街道', parentCode: 'jd-gov', ancestors: ['lj-gov', 'jd-gov'] });
    // 复查 climbs to the parent of the handling unit (第三十五条): every district bureau has a parent.
    const bureaus = await Unit.find({ kind: '职能部门', regionCode: '990102' }).lean();
    expect(bureaus.length).toBe(5);
    expect(bureaus.every((b) => b.parentCode === 'jd-gov')).toBe(true);
    expect(await Unit.countDocuments({ kind: '纪检监察' })).toBe(1);

    const User = userModel(app.db.conn);
    const roles = new Set((await User.find().lean()).flatMap((u) => u.roles));
    for (const r of [
      'resident',
      'grid_worker',
      'clerk',
      'handler',
      'unit_head',
      'leader',
      'auditor',
      'admin',
    ]) {
      expect(roles).toContain(r);
    }
    const resident = await User.findOne({ phoneIndex: app.pii.index('13800000001') }).lean();
    expect(resident?.displayName).toBe('张秀英');
    expect(resident?.phoneEnc).not.toContain('13800000001');
    expect(app.pii.decrypt(resident!.phoneEnc!)).toBe('13800000001');
    const raw = JSON.stringify(await app.db.conn.collection('users').find().toArray());
    expect(raw).not.toContain('13800000001');
  });

  it('creates a few dozen cases in varied states, each consistent with its timeline and deadlines', async () => {
    const { app } = await build();
    const now = new Date('2026-11-20T10:00:00+08:00');
    const counts = await seedIfEmpty(app, { now });
    expect(counts!.cases).toBeGreaterThanOrEqual(24);
    const cases = await caseModel(app.db.conn).find().lean();
    const states = new Set(cases.map((c) => c.state));
    for (const s of [
      'submitted',
      'registered',
      'transferred',
      'objected',
      'accepted',
      'replied',
      'reviewing',
      'rechecking',
      'final',
      'mediated',
      'notAccepted',
      'withdrawn',
      'closed',
    ]) {
      expect(states, s).toContain(s);
    }
    for (const c of cases) {
      expect(c.number).toMatch(/^XF-20\d\d-9901\d\d-\d{6}$/);
      // the timeline explains the state: its last event ends in the stored state
      expect(c.events.at(-1)!.to).toBe(c.state);
      expect(checkInvariants(toSnapshot(c), { units: demoUnitTree(), profile: XINFANG_PROFILE })).toEqual([]);
    }
    expect(new Set(cases.map((c) => c.number)).size).toBe(cases.length);
    // 首接首办: registered cases carry their first receiver, and it survives transfers
    const moved = cases.filter((c) => c.transfers.length > 0);
    expect(moved.length).toBeGreaterThan(5);
    expect(moved.every((c) => c.firstReceiver?.unitId === 'jd-xfj')).toBe(true);
    // some handling deadlines are overdue at seed time, so the demo shows the red list
    const overdue = cases.filter(
      (c) => c.state === 'accepted' && c.nextDue && c.nextDue < '2026-11-20T10:00:00+08:00',
    );
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('leaves a seeded database alone when run again', async () => {
    const { app } = await build();
    const first = await seedIfEmpty(app);
    expect(first).toBeDefined();
    expect(await seedIfEmpty(app)).toBeUndefined();
    expect(await unitModel(app.db.conn).countDocuments()).toBe(DEMO_UNITS.length);
  });
});

describe('the demo seed goes through the services, as the demo accounts would act', () => {
  it('every step leaves what a live one leaves: its 文书, its notifications, its audit entry', async () => {
    const { app } = await build();
    const now = new Date('2026-11-20T10:00:00+08:00');
    await seedIfEmpty(app, { now });
    const cases = await caseModel(app.db.conn).find().sort({ createdAt: 1 }).lean();
    const docs = await app.db.conn.collection('documents').find().toArray();
    const notes = await app.db.conn.collection('notifications').find().toArray();
    const audit = await app.db.conn.collection('audit_log').find().toArray();
    for (const c of cases) {
      const issued = docs.filter((d) => d.caseId === c._id).map((d) => d.kind);
      // 第二十三条 / 第三十四条 / 第三十二条: each step that owes the petitioner a document issued it
      for (const [type, kind] of [
        ['accept', 'acceptanceNotice'],
        ['notAccept', 'notAcceptNotice'],
        ['route', 'transferNotice'],
      ] as const) {
        if (c.events.some((e) => e.type === type)) expect(issued, `${c.number} ${type}`).toContain(kind);
      }
      if (c.replies.first && c.category === 'claim') expect(issued).toContain('opinion');
      if (c.replies.review) expect(issued).toContain('reviewOpinion');
      if (c.replies.recheck) expect(issued).toContain('recheckOpinion');
      // the outbox was drained into notifications, the unit's and the petitioner's
      expect(c.outbox).toEqual([]);
      expect(notes.some((n) => n.caseId === c._id && n.audience === 'unit')).toBe(true);
      // every event of the timeline is in the audit trail, by whom and when it happened
      for (const e of c.events) {
        const action = e.type === 'open' ? 'case.file' : `case.${e.type}`;
        const entry = audit.find(
          (a) => a.targetId === c._id && a.action === action && a.at.getTime() === Date.parse(e.at),
        );
        expect(entry, `${c.number} ${action}`).toBeTruthy();
        expect(entry!.actor.userId).toBe(e.actor.userId);
      }
    }
    expect(notes.some((n) => n.audience === 'petitioner' && n.document === 'opinion')).toBe(true);
    expect(await app.audit.verify()).toMatchObject({ ok: true });
    // 初信初访 from the filing check: each resident's first case, and no later one they filed themselves or
    // a clerk registered (a grid worker's filing is weighed against the cases the grid worker may see)
    const firsts = new Map<string, string>();
    for (const c of cases) if (!firsts.has(c.petitioner.id)) firsts.set(c.petitioner.id, c._id);
    for (const c of cases.filter((x) => x.channel !== 'grid')) {
      expect(c.firstTime, c.number).toBe(firsts.get(c.petitioner.id) === c._id);
    }
    // filed in time order: case numbers and 文号 follow the calendar
    const serial = (n: string) => Number(n.slice(-6));
    const byYear = (y: string) =>
      cases.filter((c) => c.number.startsWith(`XF-${y}`)).map((c) => serial(c.number));
    for (const y of new Set(cases.map((c) => c.number.slice(3, 7)))) {
      expect(byYear(y)).toEqual([...byYear(y)].sort((a, b) => a - b));
    }
  });

  it('《信访工作条例》第三十二条: each seeded opinion states the request, the facts found, a decision and its basis', async () => {
    const { app } = await build();
    await seedIfEmpty(app);
    const cases = await caseModel(app.db.conn).find().lean();
    const ITEM = { support: '第一项', explain: '第二项', reject: '第三项' } as const;
    let opinions = 0;
    for (const c of cases) {
      for (const r of Object.values(c.replies)) {
        const d = r?.document;
        if (d?.kind !== 'opinion') continue;
        opinions++;
        // the unit's words, not the petitioner's: no first person, and not a copy of what was filed
        expect(d.request, c.number).not.toMatch(/我/);
        expect(d.factsAndReasons, c.number).not.toMatch(/我/);
        expect(d.factsAndReasons).not.toContain(c.content.facts);
        expect(d.factsAndReasons.length).toBeGreaterThan(80);
        // the decision rests on the item of 第三十二条第一款 it names, after the provisions applied
        expect(d.legalBasis.at(-1)).toBe(`《信访工作条例》第三十二条第一款${ITEM[d.decision]}`);
        expect(d.legalBasis.length).toBeGreaterThan(1);
      }
    }
    expect(opinions).toBeGreaterThanOrEqual(10);
  });

  it('a seed interrupted half-way resumes without duplicating a case, a document or a notification', async () => {
    const { app } = await build();
    await seedIfEmpty(app);
    const count = async () =>
      Object.fromEntries(
        await Promise.all(
          ['cases', 'documents', 'notifications', 'units', 'users'].map(
            async (n) => [n, await app.db.conn.collection(n).countDocuments()] as const,
          ),
        ),
      );
    // every step and every 文书 is audited once; a replayed registration only shows the clerk the phone again,
    // and that read is audited like any other
    const steps = { action: { $ne: 'case.read.personal' } };
    const audited = await app.db.conn.collection('audit_log').countDocuments(steps);
    const before = await count();
    // as if the process had died before the seed marked itself complete
    await app.db.conn.collection('counters').updateOne({ _id: 'demo-seed' as never }, { $set: { seq: 0 } });
    expect(await seedIfEmpty(app)).toMatchObject({ cases: before.cases });
    expect(await count()).toEqual(before);
    expect(await app.db.conn.collection('audit_log').countDocuments(steps)).toBe(audited);
    expect(await app.audit.verify()).toMatchObject({ ok: true });
    expect(await seedIfEmpty(app)).toBeUndefined();
  });

  it('《信访工作条例》第二十二条、第二十三条、第三十四条、第三十五条: every seeded clock is the domain’s, started and stopped by a step of the timeline', async () => {
    const { app } = await build();
    await copyDemoSeed(app);
    const calendar = await app.workCalendar.get();
    const cases = await caseModel(app.db.conn).find().lean();
    let clocks = 0;
    for (const c of cases) {
      const ats = c.events.map((e) => Date.parse(e.at));
      expect(ats, c.number).toEqual([...ats].sort((a, b) => a - b));
      expect(ats.at(-1)!).toBeLessThanOrEqual(Date.now());
      // a letter's clocks run from the day it arrived (第二十二条: 收到信访事项之日), the others' from a step
      const instants = new Set([...c.events.map((e) => e.at), c.receivedAt]);
      for (const [name, rec] of Object.entries(c.deadlines) as [string, DeadlineRecord][]) {
        clocks++;
        expect(rec.clock).toBe(name);
        // the due date, last day and explanation are what the domain computes from the start, limit and calendar
        expect(recomputeDeadline(rec, calendar), `${c.number} ${name}`).toEqual(rec);
        expect(instants, `${c.number} ${name} started`).toContain(rec.startedAt);
        if (rec.status === 'stopped') {
          expect(instants, `${c.number} ${name} stopped`).toContain(rec.stoppedAt);
          expect(Date.parse(rec.stoppedAt!)).toBeGreaterThanOrEqual(Date.parse(rec.startedAt));
        }
      }
      // the inbox's urgency order reads the earliest running clock
      expect(c.nextDue, c.number).toBe(nextDueOf(c));
    }
    expect(clocks).toBeGreaterThan(cases.length * 2);
  });

  it('the notifications are the outbox of the steps: each from the step that raised it, to its petitioner or a unit, announcing the 文书 that step issued', async () => {
    const { app } = await build();
    await copyDemoSeed(app);
    // nothing is left waiting for the drain job
    expect(await drainOutbox(app.db.conn)).toMatchObject({ cases: 0, items: 0, created: 0 });
    const cases = new Map((await caseModel(app.db.conn).find().lean()).map((c) => [c._id, c]));
    const docs = await app.db.conn.collection('documents').find().toArray();
    const notes = await notificationModel(app.db.conn).find().lean();
    const tree = demoUnitTree();
    for (const n of notes) {
      const c = cases.get(n.caseId)!;
      expect(c, n._id).toBeDefined();
      expect(n.caseNumber).toBe(c.number);
      // an outbox item's id: the case, the version its step made, the notice's index
      const [caseId, version] = n._id.split(':');
      expect(caseId).toBe(c._id);
      const step = c.events[Number(version) - 1];
      expect(step, n._id).toBeDefined();
      expect(n.createdAt.getTime(), n._id).toBe(Date.parse(step!.at));
      if (n.audience === 'petitioner') expect(n.userId).toBe(c.petitioner.id);
      else expect(tree.get(n.unitId ?? ''), n._id).toBeDefined();
      // an issuable 文书 is the system's (the 调解/和解协议书 is the parties' own, signed on paper: 第三十三条)
      if (n.document && isIssuable(n.document)) {
        expect(
          docs.some((d) => d.caseId === c._id && d.kind === n.document && d.triggerAt === step!.at),
          `${n._id} ${n.document}`,
        ).toBe(true);
      }
    }
    // and each 文书 issued was announced to the petitioner with the step that issued it
    for (const d of docs) {
      expect(
        notes.some(
          (n) =>
            n.caseId === d.caseId &&
            n.audience === 'petitioner' &&
            n.document === d.kind &&
            n.createdAt.getTime() === Date.parse(d.triggerAt),
        ),
        `${d.caseNumber} ${d.kind}`,
      ).toBe(true);
    }
    expect(notes.length).toBeGreaterThan(cases.size * 3);
  });

  it('the seeded 文书 are the documents of their steps: numbered per unit and year in issue order, and read by the petitioner through the API', async () => {
    const { app } = await build();
    await copyDemoSeed(app);
    const cases = new Map((await caseModel(app.db.conn).find().lean()).map((c) => [c._id, c]));
    const docs = await app.db.conn.collection('documents').find().sort({ issuedAt: 1 }).toArray();
    const serials = new Map<string, number[]>();
    for (const d of docs) {
      const c = cases.get(d.caseId)!;
      // issued at the instant of its step, as of the case version that step made
      const step = c.events.find((e) => e.at === d.triggerAt);
      expect(step, `${d.caseNumber} ${d.kind}`).toBeDefined();
      expect(new Date(d.issuedAt).getTime()).toBe(Date.parse(d.triggerAt));
      expect(c.events[d.caseVersion - 1]?.at).toBe(d.triggerAt);
      const m = /^(.+)〔(\d{4})〕第(\d+)号$/.exec(d.number)!;
      expect(m, d.number).toBeTruthy();
      expect(m[1]).toBe(d.signature.unit);
      const key = `${m[1]}${m[2]}`;
      serials.set(key, [...(serials.get(key) ?? []), Number(m[3])]);
    }
    for (const [unit, list] of serials) {
      expect(list, unit).toEqual(list.map((_, i) => i + 1));
    }
    // each 意见书 issued says what the reply of its stage says (第三十二条, 第三十五条, 第三十六条)
    const KIND = { first: 'opinion', review: 'reviewOpinion', recheck: 'recheckOpinion' } as const;
    let opinions = 0;
    for (const c of cases.values()) {
      for (const [stage, kind] of Object.entries(KIND) as [keyof typeof KIND, string][]) {
        const r = c.replies[stage];
        if (r?.document.kind !== 'opinion') continue;
        const issued = docs.find((d) => d.caseId === c._id && d.kind === kind && d.triggerAt === r.at);
        expect(issued, `${c.number} ${stage}`).toBeDefined();
        expect(issued!.paragraphs.join('\n')).toContain(r.document.factsAndReasons);
        opinions++;
      }
    }
    expect(opinions).toBeGreaterThanOrEqual(10);
    // 张秀英 sees her cases and their 文书 as she would in the app
    const { headers, userId } = await loginAs(app, { phone: '13800000001' });
    const mine = await app.inject({ method: 'GET', url: '/api/me/cases?limit=50', headers });
    expect(mine.statusCode).toBe(200);
    const items = mine.json<{ items: { id: string }[] }>().items;
    expect(items.length).toBe([...cases.values()].filter((c) => c.petitioner.id === userId).length);
    let seen = 0;
    for (const { id } of items) {
      const res = await app.inject({ method: 'GET', url: `/api/cases/${id}/documents`, headers });
      expect(res.statusCode).toBe(200);
      const listed = res.json<{ items: { number: string }[] }>().items.map((d) => d.number);
      expect(listed.sort()).toEqual(
        docs
          .filter((d) => d.caseId === id)
          .map((d) => d.number)
          .sort(),
      );
      seen += listed.length;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('a second seed of a complete demo adds nothing: no case, 文书, notification, audit entry or serial', async () => {
    const { app } = await build();
    await copyDemoSeed(app);
    const before = await footprint(app);
    expect(await seedIfEmpty(app)).toBeUndefined();
    expect(await footprint(app)).toEqual(before);
    expect(before.sizes).toMatchObject({ cases: 28 });
  });
});
