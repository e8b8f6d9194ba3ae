import { describe, expect, it } from 'vitest';
import { build } from './helper';
import { seedIfEmpty } from '../src/seed/demo';
import { DEMO_UNITS, DEMO_USERS } from '../src/seed/demo-data';
import { unitModel } from '../src/modules/units/unit.model';
import { userModel } from '../src/modules/users/user.model';
import { caseModel } from '../src/modules/cases/case.model';
import { checkInvariants, XINFANG_PROFILE } from '../src/domain';
import { demoUnitTree } from '../src/seed/demo-cases';
import { toSnapshot } from '../src/modules/cases/case.repository';

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
    const before = await count();
    // as if the process had died before the seed marked itself complete
    await app.db.conn.collection('counters').updateOne({ _id: 'demo-seed' as never }, { $set: { seq: 0 } });
    expect(await seedIfEmpty(app)).toMatchObject({ cases: before.cases });
    expect(await count()).toEqual(before);
    expect(await seedIfEmpty(app)).toBeUndefined();
  });
});
