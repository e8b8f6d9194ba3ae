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
    const counts = await seedIfEmpty({ conn: app.db.conn, pii: app.pii, log: app.log });
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
    const counts = await seedIfEmpty({ conn: app.db.conn, pii: app.pii, log: app.log, now });
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
    const first = await seedIfEmpty({ conn: app.db.conn, pii: app.pii, log: app.log });
    expect(first).toBeDefined();
    expect(await seedIfEmpty({ conn: app.db.conn, pii: app.pii, log: app.log })).toBeUndefined();
    expect(await unitModel(app.db.conn).countDocuments()).toBe(DEMO_UNITS.length);
  });
});
