import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { headersFor, seedDirectory } from './support';
import { openCase, XINFANG_PROFILE, type DecisionOk } from '../../src/domain';
import { demoUnitTree } from '../../src/seed/demo-cases';
import { caseRepository } from '../../src/modules/cases/case.repository';
import { caseModel, type CaseDoc } from '../../src/modules/cases/case.model';
import { systemScope } from '../../src/modules/cases/case.scope';
import { loadCalendar, recomputeProvisionalDeadlines } from '../../src/modules/admin/calendar.service';
import type { App } from '../../src/app';

/** 国务院办公厅关于2027年部分节假日安排的通知 is not out yet when this is written: test data, shaped like one. */
const YEAR_2027 = {
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08'],
  workdays: ['2027-02-20'],
  names: { '2027-01-01': '元旦', '2027-02-06': '春节', '2027-02-20': '春节' },
  source: '测试数据（模拟国办发明电）',
};

/**
 * A petition filed online with the district 信访局 on 17 December 2026: the 15-day routing clock (第二十二条)
 * ends on 1 January 2027, a year the package does not cover yet, so the deadline is provisional.
 */
async function provisionalCase(app: App, id = 'case-2027') {
  const opened = openCase(
    {
      id,
      channel: 'online',
      targetUnitId: 'jd-xfj',
      subject: '小区路灯损坏',
      petitioner: { id: 'p-1', contactClear: true },
    },
    { userId: 'p-1', roles: ['resident'], petitionerId: 'p-1' },
    '2026-12-17T10:00:00+08:00',
    { units: demoUnitTree(), profile: XINFANG_PROFILE },
  );
  if (!opened.ok) throw new Error(opened.message);
  await caseRepository(app.db.conn).create(
    systemScope('demo-seed'),
    opened as DecisionOk,
    `XF-2026-990102-${id}`,
    {
      title: '小区路灯损坏',
      request: '请求修复路灯',
      facts: '路灯损坏一个月',
      reasons: '夜间出行不便',
      subjectCode: null,
      location: null,
    },
  );
  // The test reads and pokes the stored document directly (the repository is the door for the app's code).
  const model = caseModel(app.db.conn);
  return { model, get: (caseId: string) => model.findById(caseId).lean<CaseDoc>() };
}

async function setup() {
  const { app } = await build();
  await seedDirectory(app);
  return { app, h: await headersFor(app) };
}

describe('admin: calendar years', () => {
  it('shows coverage: package years, then loaded years', async () => {
    const { app, h } = await setup();
    const res = await app.inject({ url: '/api/admin/calendar', headers: h.auditor.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.to).toBe(2026);
    expect(body.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({
      origin: 'chinese-days',
      loadedAt: null,
    });
    expect(body.years.find((y: { year: number }) => y.year === 2026).holidays).toBeGreaterThan(20);
    const y2026 = await app.inject({ url: '/api/admin/calendar/2026', headers: h.admin.headers });
    expect(y2026.json().holidays).toContain('2026-10-01');
    expect(y2026.json().names['2026-10-01']).toBe('国庆节');
    const y2027 = await app.inject({ url: '/api/admin/calendar/2027', headers: h.admin.headers });
    expect(y2027.json()).toMatchObject({ statusCode: 404, message: '2027年的节假日安排尚未导入' });
  });

  it('validates a year with the domain rules (Chinese messages) and stores nothing when invalid', async () => {
    const { app, h } = await setup();
    const put = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: '/api/admin/calendar/2027', headers: h.admin.headers, payload });
    const wrongYear = await put({ ...YEAR_2027, holidays: ['2026-01-01'] });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().message).toContain('放假日期中的日期 2026-01-01 不属于2027年');
    const weekdayMakeup = await put({ ...YEAR_2027, workdays: ['2027-02-22'] });
    expect(weekdayMakeup.json().message).toContain('调休上班日 2027-02-22 是星期一，本来就是工作日');
    const empty = await put({ ...YEAR_2027, holidays: [], names: {} });
    expect(empty.json().message).toContain('至少应包含一个放假日期');
    const badDate = await put({ ...YEAR_2027, holidays: ['2027-02-30'] });
    expect(badDate.json().details.errors).toContain('放假日期中的日期无效：2027-02-30');
    const strayName = await put({ ...YEAR_2027, names: { '2027-05-01': '劳动节' } });
    expect(strayName.json().message).toContain('节日名称中的日期 2027-05-01 不在放假或调休日期中');
    const noSource = await put({ holidays: YEAR_2027.holidays, workdays: [] });
    expect(noSource.json().message).toContain('source');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/admin/calendar/1800',
          headers: h.admin.headers,
          payload: YEAR_2027,
        })
      ).statusCode,
    ).toBe(400);
    expect(await app.db.conn.collection('calendar_years').countDocuments()).toBe(0);
  });

  it('loading 2027 makes a provisional 2027 deadline final, once; loadCalendar then covers 2027', async () => {
    const { app, h } = await setup();
    const repo = await provisionalCase(app);
    const before = (await repo.get('case-2027'))!;
    expect(before.deadlines.route).toMatchObject({
      provisional: true,
      provisionalYears: [2027],
      lastDay: '2027-01-01',
    });
    expect(before.deadlines.route!.explanation.join('\n')).toMatch(/2027/);

    const res = await app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/2027',
      headers: h.admin.headers,
      payload: YEAR_2027,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      changed: true,
      year: { year: 2027, origin: 'admin', source: YEAR_2027.source, loadedBy: h.admin.userId },
      recompute: { matched: 1, updated: 1, unchanged: 0, conflicts: 0 },
    });

    const after = (await repo.get('case-2027'))!;
    // 1 January 2027 is now 元旦 (a rest day through 3 January): 《民法典》第二百零三条 moves the end to 4 January.
    expect(after.deadlines.route).toMatchObject({
      provisional: false,
      provisionalYears: [],
      lastDay: '2027-01-04',
      due: '2027-01-04T23:59:59.999+08:00',
      status: 'running',
    });
    expect(after.nextDue).toBe('2027-01-04T23:59:59.999+08:00');
    expect(after.version).toBe(before.version + 1);
    expect(after.events).toEqual(before.events);
    const audit = await app.db.conn
      .collection('audit_log')
      .find({ targetId: { $in: ['2027', 'case-2027'] } })
      .toArray();
    expect(audit.map((a) => a.action)).toEqual(['calendar.load', 'case.deadlines_recomputed']);
    expect(audit[1]!.detail).toMatchObject({ year: 2027, clocks: ['route'], stillProvisional: [] });

    // Loading the same data again changes nothing (idempotent).
    const again = await app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/2027',
      headers: h.admin.headers,
      payload: YEAR_2027,
    });
    expect(again.json()).toMatchObject({ changed: false, recompute: { matched: 0, updated: 0 } });
    expect((await repo.get('case-2027'))!.version).toBe(after.version);

    const cal = await loadCalendar(app.db.conn);
    expect(cal.covers(2027)).toBe(true);
    expect(cal.dayInfo('2027-01-01')).toMatchObject({ kind: 'holiday', name: '元旦' });
    expect(cal.dayInfo('2027-02-20')).toMatchObject({ kind: 'makeupWorkday', working: true });
    const cov = (await app.inject({ url: '/api/admin/calendar', headers: h.admin.headers })).json();
    expect(cov.to).toBe(2027);
    expect(cov.years.find((y: { year: number }) => y.year === 2027)).toMatchObject({
      origin: 'admin',
      holidays: 6,
      workdays: 1,
    });
  });

  it('two recomputes racing on one case: the conditional update lets exactly one write', async () => {
    const { app, h } = await setup();
    const repo = await provisionalCase(app, 'case-race');
    await app.inject({
      method: 'PUT',
      url: '/api/admin/calendar/2027',
      headers: h.admin.headers,
      payload: YEAR_2027,
    });
    // Put the case back to its provisional state, then let two recomputes race for it.
    const fresh = (await repo.get('case-race'))!;
    const provisional = {
      ...fresh.deadlines.route!,
      provisional: true,
      provisionalYears: [2027],
      lastDay: '2027-01-01',
    };
    await repo.model.updateOne({ _id: 'case-race' }, { $set: { 'deadlines.route': provisional } });
    const cal = await loadCalendar(app.db.conn);
    const [a, b] = await Promise.all([
      recomputeProvisionalDeadlines(app.db.conn, 2027, cal),
      recomputeProvisionalDeadlines(app.db.conn, 2027, cal),
    ]);
    expect(a.updated + b.updated).toBe(1);
    expect(a.conflicts + b.conflicts).toBe(0);
    const done = (await repo.get('case-race'))!;
    expect(done.version).toBe(fresh.version + 1);
    expect(done.deadlines.route!.provisional).toBe(false);
  });

  it('loadCalendar skips a stored year that no longer validates, and says so', async () => {
    const { app } = await setup();
    await app.db.conn.collection('calendar_years').insertOne({
      year: 2028,
      holidays: ['2027-01-01'],
      workdays: [],
      names: {},
      source: 'x',
      loadedBy: 'x',
      loadedAt: new Date(),
    });
    const seen: number[] = [];
    const cal = await loadCalendar(app.db.conn, { onInvalid: (year) => seen.push(year) });
    expect(seen).toEqual([2028]);
    expect(cal.covers(2028)).toBe(false);
    expect(cal.covers(2026)).toBe(true);
  });
});
