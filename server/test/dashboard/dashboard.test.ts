import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import {
  caseFacts,
  chinaDate,
  dashboardMetrics,
  exclusionByParties,
  exclusionPartiesOf,
  formatChinaInstant,
  hotlineMetrics,
  type Actor,
  type CaseFacts,
  type UnitTree,
} from '../../src/domain';
import type { CaseDoc } from '../../src/modules/cases/case.model';
import { toSnapshot } from '../../src/modules/cases/case.repository';
import {
  countsOf,
  HOTLINE_PROFILE_ID,
  rebuildCaseFacts,
  refreshCaseFacts,
} from '../../src/modules/dashboard/dashboard.facts';
import { bucketsOf, buildRollups } from '../../src/modules/dashboard/dashboard.rollups';
import {
  addCounts,
  dashboardMetricsFromCounts,
  emptyCounts,
  hotlineMetricsFromCounts,
} from '../../src/modules/dashboard/dashboard.metrics';
import { loginAs } from '../helper';
import type { App } from '../../src/app';
import { seeded, type Headers } from '../cases/support';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number) {
  // mulberry32: small, seedable, and without the field-to-field correlation of a plain LCG.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const LEVELS = ['satisfied', 'basic', 'unsatisfied'] as const;

/**
 * Extra cases made by varying the seeded ones (unit, dates, ratings, profile, repeat/first-time), inserted
 * directly: the facts only read the snapshot, and the variety exercises every count.
 */
async function addGeneratedCases(app: App, tree: UnitTree, n: number, now: Date) {
  const Cases = app.db.conn.collection<CaseDoc>('cases');
  const leaderJd = String((await app.db.conn.collection('users').findOne({ username: 'leader.jd' }))!._id);
  const base = await Cases.find({}).toArray();
  const targets = tree
    .all()
    .filter((u) => tree.isSameOrUnder(u.id, 'jd-gov') || tree.isSameOrUnder(u.id, 'jx-gov'))
    .map((u) => u.id);
  const r = rng(42);
  const docs: CaseDoc[] = [];
  for (let i = 0; i < n; i++) {
    const src = base[i % base.length]!;
    const shift = Math.floor(r() * 120) * DAY;
    const iso = (s: string | null | undefined) => (s ? formatChinaInstant(new Date(s).getTime() - shift) : s);
    const ratings: CaseDoc['ratings'] = {};
    for (const stage of ['acceptance', 'first', 'review', 'recheck'] as const) {
      const prev = src.ratings?.[stage];
      if (prev || r() < 0.5) {
        ratings[stage] = {
          ...(prev ?? { at: src.updatedAt }),
          level: LEVELS[Math.floor(r() * 3)]!,
          ...(r() < 0.6 ? { resolved: r() < 0.5 } : {}),
        } as NonNullable<CaseDoc['ratings'][typeof stage]>;
      }
    }
    const unit = targets[Math.floor(r() * targets.length)]!;
    // Some cases the 江东区 leader must not count: recused (第二十八条第三款), accused in person or as a unit
    // (第三十条第三款). Inserted directly: the rule under test is the reader's exclusion, not routing.
    const exclusion =
      i % 11 === 0
        ? { recusals: [{ userId: leaderJd, reason: '近亲属', byUserId: leaderJd, at: src.receivedAt }] }
        : i % 13 === 0
          ? { category: 'accusation' as const, accused: { userIds: [leaderJd], names: ['林海'] } }
          : i % 17 === 0
            ? { category: 'accusation' as const, accused: { unitId: 'jd-gov' } }
            : {};
    docs.push({
      ...src,
      _id: `gen-${i}`,
      number: `XF-GEN-${i}`,
      receivedAt: iso(src.receivedAt)!,
      updatedAt: formatChinaInstant(now.getTime() - Math.floor(r() * 10) * DAY),
      currentUnitId: unit,
      ratings,
      firstTime: r() < 0.6,
      repeatOf: r() < 0.2 ? src._id : null,
      profile: r() < 0.3 ? { ...src.profile, id: HOTLINE_PROFILE_ID } : src.profile,
      channel: (['online', 'letter', 'visit', 'phone', 'grid', 'hotline12345'] as const)[
        Math.floor(r() * 6)
      ]!,
      ...exclusion,
    });
  }
  await Cases.insertMany(docs as never[]);
}

/**
 * What the domain says, on the raw snapshots in the scope and period that the reader may open (the domain's
 * exclusions: recusal, accused person or unit).
 */
async function expected(
  app: App,
  tree: UnitTree,
  asOf: Date,
  opts: { unit?: string; from?: string; to?: string; basicWeight?: number; reader?: Actor },
) {
  const rows = await app.db.conn.collection<CaseDoc>('cases').find({}).toArray();
  const facts: CaseFacts[] = rows
    .map((d) => toSnapshot(d))
    .filter((c) => !opts.reader || !exclusionByParties(exclusionPartiesOf(c), opts.reader, tree))
    .map((c) => caseFacts(c, formatChinaInstant(asOf.getTime())))
    .filter((f) => !opts.unit || tree.isSameOrUnder(f.currentUnitId, opts.unit))
    .filter((f) => (!opts.from || f.receivedDay >= opts.from) && (!opts.to || f.receivedDay <= opts.to));
  const w = { basicWeight: opts.basicWeight ?? 1 };
  return {
    facts,
    metrics: dashboardMetrics(facts, w),
    hotline: hotlineMetrics(
      facts.filter((f) => f.profileId === HOTLINE_PROFILE_ID),
      w,
    ),
  };
}

describe('leader dashboard', () => {
  let app: App;
  let tree: UnitTree;
  let jd: Headers;
  let jx: Headers;
  let auditor: Headers;
  let jdReader: Actor;
  let jxReader: Actor;
  let auditorReader: Actor;
  const now = new Date();

  beforeAll(async () => {
    ({ app } = await seeded({ suite: true }));
    tree = await app.units.tree();
    await addGeneratedCases(app, tree, 150, now);
    // A leader of 江西区 (the demo has none): a copy of the 江东区 leader at jx-gov.
    const users = app.db.conn.collection('users');
    const { _id, ...leader } = (await users.findOne({ username: 'leader.jd' }))!;
    void _id;
    await users.insertOne({
      ...leader,
      _id: new Types.ObjectId(),
      username: 'leader.jx',
      unitCode: 'jx-gov',
    });
    await rebuildCaseFacts(app.db.conn, now, tree);
    const who = async (username: string, unitId?: string) => {
      const s = await loginAs(app, username);
      const roles = username === 'auditor' ? ['auditor'] : ['leader'];
      return [s.headers, { userId: s.userId, roles, ...(unitId ? { unitId } : {}) } as Actor] as const;
    };
    [jd, jdReader] = await who('leader.jd', 'jd-gov');
    [jx, jxReader] = await who('leader.jx', 'jx-gov');
    [auditor, auditorReader] = await who('auditor');
  });

  const overview = async (headers: Headers, qs = '') => {
    const res = await app.inject({ method: 'GET', url: `/api/dashboard/overview${qs}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('overview equals the domain metric functions on the raw snapshots in scope', async () => {
    for (const [headers, unit, reader] of [
      [jd, 'jd-gov', jdReader],
      [jx, 'jx-gov', jxReader],
      [auditor, undefined, auditorReader],
    ] as const) {
      for (const basicWeight of [1, 0.5]) {
        const body = await overview(headers, `?basicWeight=${basicWeight}`);
        const exp = await expected(app, tree, now, { unit, basicWeight, reader });
        expect(exp.facts.length).toBeGreaterThan(10);
        expect(body.totals.cases).toBe(exp.facts.length);
        expect(body.metrics).toEqual(exp.metrics);
        expect(body.hotline).toEqual(exp.hotline);
        expect(body.totals.overdue).toBe(exp.facts.filter((f) => f.overdue.length > 0).length);
        for (const ch of body.byChannel) {
          expect(ch.count).toBe(exp.facts.filter((f) => f.channel === ch.key).length);
        }
        for (const cat of body.byCategory) {
          expect(cat.count).toBe(exp.facts.filter((f) => (f.category ?? 'none') === cat.key).length);
        }
      }
    }
    // The numbers are not trivial: ratings and 12345 cases exist.
    const all = await overview(auditor);
    expect(all.metrics.find((m: { key: string }) => m.key === 'satisfaction').denominator).toBeGreaterThan(0);
    expect(all.hotline[0].formula).toMatch(/^响应率 = /);
  });

  it('a leader does not count cases the domain would not let them open; the figures equal the drill-down (第二十八条第三款, 第三十条第三款)', async () => {
    const body = await overview(jd);
    const visible = await expected(app, tree, now, { unit: 'jd-gov', reader: jdReader });
    const everything = await expected(app, tree, now, { unit: 'jd-gov' });
    // The generated set holds recusals of leader.jd, accusations against him and against 江东区政府.
    expect(everything.facts.length - visible.facts.length).toBeGreaterThanOrEqual(5);
    expect(body.totals.cases).toBe(visible.facts.length);
    // The auditor (not excluded) counts them in 江东区's figures.
    const audited = await overview(auditor, '?unit=jd-gov');
    expect(audited.totals.cases).toBe(everything.facts.length);
    expect(audited.scope).toEqual({ unitId: 'jd-gov', name: tree.name('jd-gov') });

    // Every figure's drill-down lists exactly the cases counted (a window small enough for one page).
    const from = chinaDate(now.getTime() - 40 * DAY);
    const to = chinaDate(now.getTime());
    const fig = await overview(jd, `?from=${from}&to=${to}`);
    const exp = await expected(app, tree, now, { unit: 'jd-gov', from, to, reader: jdReader });
    expect(fig.totals.cases).toBe(exp.facts.length);
    for (const [metric, pick] of [
      ['all', () => true],
      ['overdue', (f: CaseFacts) => f.overdue.length > 0],
      ['unsatisfied', (f: CaseFacts) => f.unsatisfied > 0],
    ] as const) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/dashboard/cases?metric=${metric}&from=${from}&to=${to}&limit=200`,
        headers: jd,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().truncated).toBe(false);
      const ids = res
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort();
      expect(ids, metric).toEqual(
        exp.facts
          .filter(pick)
          .map((f) => f.caseId)
          .sort(),
      );
    }
    expect(fig.totals.overdue).toBe(exp.facts.filter((f) => f.overdue.length > 0).length);
  });

  it('exports the current view as Excel and CSV with the same numbers as the screen', async () => {
    const from = chinaDate(now.getTime() - 60 * DAY);
    const to = chinaDate(now.getTime());
    const body = await overview(jd, `?from=${from}&to=${to}`);
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/dashboard/export?format=xlsx&from=${from}&to=${to}`,
      headers: jd,
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(String(xlsx.headers['content-disposition'])).toMatch(/filename\*=UTF-8''.*\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '指标',
      '总量',
      '按渠道',
      '按类别',
      '单位排名',
      '月度走势',
    ]);
    const sat = body.metrics.find((m: { key: string }) => m.key === 'satisfaction');
    const row = wb
      .getWorksheet('指标')!
      .getSheetValues()
      .find((r) => Array.isArray(r) && r[1] === '满意率') as unknown[];
    expect(row.slice(1, 3)).toEqual([sat.label, sat.numerator]);
    expect(row[5]).toBe(sat.formula);
    const totals = wb.getWorksheet('总量')!.getSheetValues() as unknown[][];
    expect(totals.find((r) => r?.[1] === '收到信访事项')?.[2]).toBe(body.totals.cases);

    const csv = await app.inject({
      method: 'GET',
      url: `/api/dashboard/export?format=csv&from=${from}&to=${to}`,
      headers: jd,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain(sat.formula);
    expect(csv.body).toContain(`收到信访事项,${body.totals.cases}`);
    const bad = await app.inject({ method: 'GET', url: '/api/dashboard/export?format=pdf', headers: jd });
    expect(bad.statusCode).toBe(400);
  });

  it('monthly 信访情况报告 carries the 第四十一条 items with the overview numbers', async () => {
    const month = chinaDate(now.getTime()).slice(0, 7);
    const res = await app.inject({
      method: 'GET',
      url: `/api/dashboard/report?month=${month}`,
      headers: auditor,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    const ov = await overview(auditor, `?from=${r.period.from}&to=${r.period.to}`);
    expect(r.period.from).toBe(`${month}-01`);
    expect(r.statistics.totals).toEqual(ov.totals);
    expect(r.statistics.metrics).toEqual(ov.metrics);
    expect(r.routing).toEqual({
      transferred: ov.totals.transferred,
      assigned: ov.totals.assigned,
      supervised: ov.totals.supervised,
    });
    expect(r.areas.reduce((s: number, a: { cases: number }) => s + a.cases, 0)).toBe(ov.totals.cases);
    expect(r.mostComplained.length).toBeLessThanOrEqual(5);
    const counts = r.mostComplained.map((u: { cases: number }) => u.cases);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(r.basis).toBe('《信访工作条例》第四十一条');
    // The domain counts 转送 for the report; the seeded cases include transferred ones.
    const exp = await expected(app, tree, now, {
      reader: auditorReader,
      from: r.period.from,
      to: r.period.to,
    });
    expect(r.routing.transferred).toBe(exp.facts.filter((f) => f.transferred > 0).length);
    const bad = await app.inject({ method: 'GET', url: '/api/dashboard/report?month=2025-13', headers: jd });
    expect(bad.statusCode).toBe(400);
  });

  it('facts and roll-ups of an older shape are rebuilt whole on the next run', async () => {
    const Meta = app.db.conn.collection<{ _id: string; version?: number }>('dashboard_meta');
    await Meta.updateOne({ _id: 'case_facts' }, { $unset: { version: '' } });
    const r = await refreshCaseFacts(app.db.conn, now, tree);
    expect(r).toHaveProperty('rollups');
    expect((await Meta.findOne({ _id: 'case_facts' }))?.version).toBe(2);
  });

  it('a period is read as whole months plus the days at its ends', () => {
    expect(bucketsOf('2025-01-30', '2025-03-02')).toEqual([
      { gran: 'd', bucket: '2025-01-30' },
      { gran: 'd', bucket: '2025-01-31' },
      { gran: 'm', bucket: '2025-02' },
      { gran: 'd', bucket: '2025-03-01' },
      { gran: 'd', bucket: '2025-03-02' },
    ]);
    expect(bucketsOf('2024-02-01', '2024-02-29')).toEqual([{ gran: 'm', bucket: '2024-02' }]);
    expect(bucketsOf('2024-02-01', '2024-02-28')).toHaveLength(28);
    expect(bucketsOf('2024-12-01', '2025-12-31').filter((b) => b.gran === 'm')).toHaveLength(13);
    expect(bucketsOf('2025-03-02', '2025-03-01')).toEqual([]);
  });

  it('the sums adapter equals the domain on per-case facts (pure)', async () => {
    const { facts } = await expected(app, tree, now, {});
    const c = emptyCounts();
    for (const f of facts) addCounts(c, countsOf(f));
    for (const w of [0, 0.3, 1]) {
      expect(dashboardMetricsFromCounts({ cases: facts.length, c }, w)).toEqual(
        dashboardMetrics(facts, { basicWeight: w }),
      );
      expect(hotlineMetricsFromCounts({ cases: facts.length, c }, w)).toEqual(
        hotlineMetrics(
          facts.filter((f) => f.profileId === HOTLINE_PROFILE_ID),
          { basicWeight: w },
        ),
      );
    }
    expect(dashboardMetricsFromCounts({ cases: 0, c: emptyCounts() })[0]!.rate).toBeNull();
  });

  it('a leader of 江西区 does not see 江东区 numbers', async () => {
    const body = await overview(jx);
    expect(body.scope.unitId).toBe('jx-gov');
    const jdOnly = await expected(app, tree, now, { unit: 'jd-gov', reader: jdReader });
    const jxOnly = await expected(app, tree, now, { unit: 'jx-gov', reader: jxReader });
    expect(body.totals.cases).toBe(jxOnly.facts.length);
    expect(body.totals.cases).not.toBe(jxOnly.facts.length + jdOnly.facts.length);
    const units = await app.inject({ method: 'GET', url: '/api/dashboard/units', headers: jx });
    expect(units.statusCode).toBe(200);
    const ids: string[] = units.json().items.map((i: { unitId: string }) => i.unitId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => tree.isSameOrUnder(id, 'jx-gov'))).toBe(true);
    const drill = await app.inject({
      method: 'GET',
      url: '/api/dashboard/cases?metric=overdue&unit=jd-gov',
      headers: jx,
    });
    expect(drill.statusCode).toBe(403);
  });

  it('clerks, handlers and residents get 403; no session 401', async () => {
    for (const who of ['clerk.jd']) {
      const { headers } = await loginAs(app, who);
      for (const path of ['overview', 'units', 'trend', 'cases?metric=overdue']) {
        const res = await app.inject({ method: 'GET', url: `/api/dashboard/${path}`, headers });
        expect(res.statusCode, path).toBe(403);
      }
    }
    const anon = await app.inject({ method: 'GET', url: '/api/dashboard/overview' });
    expect(anon.statusCode).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/dashboard/overview?basicWeight=2',
      headers: jd,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('every dashboard route refuses impossible dates and periods longer than its granularity allows: 400 in Chinese, nothing read', async () => {
    const routes = [
      'overview?',
      'units?',
      'trend?granularity=month&',
      'trend?granularity=day&',
      'cases?metric=all&',
      'export?format=csv&',
    ];
    const ask = (url: string) =>
      app.inject({ method: 'GET', url: `/api/dashboard/${url}`, headers: auditor });
    const refused = async (url: string, message: RegExp) => {
      const res = await ask(url);
      expect(res.statusCode, `${url} → ${res.body.slice(0, 300)}`).toBe(400);
      expect(res.json().message, url).toMatch(message);
      expect(res.json().message, url).toMatch(/[\u4e00-\u9fff]/);
    };
    for (const r of routes) {
      // Not real calendar dates, though shaped like them.
      await refused(`${r}from=2026-13-45&to=2026-12-31`, /开始日期“2026-13-45”不是有效的日期/);
      await refused(`${r}from=2026-01-01&to=2026-02-30`, /结束日期“2026-02-30”不是有效的日期/);
      await refused(`${r}from=2026-03-01&to=2026-02-01`, /开始日期不能晚于结束日期/);
      // The request that occupied the server for a minute, and one month over the limit.
      await refused(`${r}from=1000-01-01&to=9999-12-31`, /期间最长/);
      await refused(`${r}from=2016-01-01&to=2026-01-31`, /期间最长/);
      // The longest period allowed for month buckets is read.
      if (!r.includes('granularity=day')) {
        expect((await ask(`${r}from=2016-02-01&to=2026-01-31`)).statusCode, r).toBe(200);
      }
    }
    // A trend by day: at most 366 days (a leap year whole).
    await refused(
      'trend?granularity=day&from=2024-01-01&to=2025-01-01',
      /按日统计的期间最长 366 天（所选期间 367 天）/,
    );
    expect((await ask('trend?granularity=day&from=2024-01-01&to=2024-12-31')).statusCode).toBe(200);
    // 2024-02-29 is a real date, 2025-02-29 is not.
    expect((await ask('overview?from=2024-02-29&to=2024-03-31')).statusCode).toBe(200);
    await refused('overview?from=2025-02-29&to=2025-03-31', /不是有效的日期/);
    // The monthly report: a month of a real year.
    await refused('report?month=0000-01', /报告月份“0000-01”不是有效的月份/);
  });

  it('an open end is filled with the first/last date that has data, and the filled period is bounded too', async () => {
    const Meta = app.db.conn.collection<{ _id: string; firstDate?: string }>('dashboard_meta');
    const before = (await Meta.findOne({ _id: 'case_facts' }))!.firstDate!;
    const to = chinaDate(now.getTime());
    try {
      // An archive that reaches back over 400 days: fine by month, too long by day.
      await Meta.updateOne(
        { _id: 'case_facts' },
        { $set: { firstDate: chinaDate(now.getTime() - 400 * DAY) } },
      );
      const day = await app.inject({
        method: 'GET',
        url: `/api/dashboard/trend?granularity=day&to=${to}`,
        headers: jd,
      });
      expect(day.statusCode, day.body.slice(0, 300)).toBe(400);
      expect(day.json().message).toMatch(
        /未指定的起止日期按已有数据的最早、最晚日期计算；按日统计的期间最长 366 天/,
      );
      const month = await app.inject({
        method: 'GET',
        url: `/api/dashboard/trend?granularity=month&to=${to}`,
        headers: jd,
      });
      expect(month.statusCode, month.body.slice(0, 300)).toBe(200);
    } finally {
      await Meta.updateOne({ _id: 'case_facts' }, { $set: { firstDate: before } });
    }
  });

  it('filters by period (China dates of receipt)', async () => {
    const to = chinaDate(now.getTime() - 20 * DAY);
    const from = chinaDate(now.getTime() - 80 * DAY);
    const body = await overview(jd, `?from=${from}&to=${to}`);
    const exp = await expected(app, tree, now, { unit: 'jd-gov', from, to, reader: jdReader });
    const all = await expected(app, tree, now, { unit: 'jd-gov', reader: jdReader });
    expect(exp.facts.length).toBeGreaterThan(0);
    expect(exp.facts.length).toBeLessThan(all.facts.length);
    expect(body.totals.cases).toBe(exp.facts.length);
    expect(body.metrics).toEqual(exp.metrics);
    expect(body.period).toEqual({ from, to });
  });

  it('trend by day and by month adds up to the overview', async () => {
    const total = (await overview(jd)).totals.cases;
    for (const g of ['day', 'month']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/dashboard/trend?granularity=${g}`,
        headers: jd,
      });
      expect(res.statusCode).toBe(200);
      const pts: { bucket: string; cases: number }[] = res.json().points;
      expect(pts.reduce((s, p) => s + p.cases, 0)).toBe(total);
      expect(pts.every((p) => p.bucket.length === (g === 'day' ? 10 : 7))).toBe(true);
      expect([...pts].map((p) => p.bucket)).toEqual(pts.map((p) => p.bucket).sort());
    }
  });

  it('drill-down lists the cases behind a figure, as masked summaries in scope', async () => {
    const exp = await expected(app, tree, now, { unit: 'jd-gov', reader: jdReader });
    const unsatisfied = exp.facts.filter((f) => f.unsatisfied > 0).map((f) => f.caseId);
    const res = await app.inject({
      method: 'GET',
      url: '/api/dashboard/cases?metric=unsatisfied&limit=200',
      headers: jd,
    });
    expect(res.statusCode, res.body).toBe(200);
    const items: { id: string; currentUnit: { id: string } }[] = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    // Every listed case is behind the figure and in scope (visibility may still hide a few).
    for (const i of items) {
      expect(unsatisfied).toContain(i.id);
      expect(tree.isSameOrUnder(i.currentUnit.id, 'jd-gov')).toBe(true);
    }
    expect(res.body).not.toMatch(/1380000000|"petitioner"|"phone"\s*:|"idNumber"/);
    const overdue = await app.inject({
      method: 'GET',
      url: '/api/dashboard/cases?metric=overdue',
      headers: jd,
    });
    expect(overdue.statusCode).toBe(200);
    const od = exp.facts.filter((f) => f.overdue.length > 0).map((f) => f.caseId);
    for (const i of overdue.json().items) expect(od).toContain(i.id);
  });

  it('incremental refresh picks up changed cases; roll-ups are idempotent', async () => {
    const Cases = app.db.conn.collection<CaseDoc>('cases');
    const Rollups = app.db.conn.collection('dashboard_rollups');
    const snapshot = async () =>
      (await Rollups.find({}).sort({ _id: 1 }).toArray()).map((r) => JSON.stringify(r));
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(0);
    await refreshCaseFacts(app.db.conn, now, tree);
    const months = (await Rollups.distinct('month')) as string[];
    await buildRollups(app.db.conn, months);
    await buildRollups(app.db.conn, months);
    expect(await snapshot()).toEqual(before);

    const later = new Date(now.getTime() + 60_000);
    const target = await Cases.findOne({ _id: 'gen-3', currentUnitId: { $exists: true } });
    await Cases.updateOne(
      { _id: 'gen-3' },
      {
        $set: {
          updatedAt: formatChinaInstant(later.getTime()),
          currentUnitId: 'jd-gov',
          'ratings.first': { at: formatChinaInstant(later.getTime()), level: 'unsatisfied' } as never,
        },
      },
    );
    expect(target).not.toBeNull();
    const r = await refreshCaseFacts(app.db.conn, later, tree);
    expect(r.cases).toBeGreaterThanOrEqual(1);
    expect(r.cases).toBeLessThan(await Cases.countDocuments()); // incremental, not a rebuild
    const body = await overview(jd);
    const exp = await expected(app, tree, later, { unit: 'jd-gov', reader: jdReader });
    expect(body.totals.cases).toBe(exp.facts.length);
    // Overdue is as of each case's refresh; ratings/rates do not depend on it.
    const satisfaction = (m: { key: string }[]) => m.find((x) => x.key === 'satisfaction');
    expect(satisfaction(body.metrics)).toEqual(satisfaction(exp.metrics));
  });
});
