/**
 * What leaders take to meetings: the current view as CSV / Excel (exceljs), and the monthly 信访情况报告
 * (《信访工作条例》第四十一条: 信访事项的数据统计、信访事项涉及领域以及被投诉较多的机关或者单位, 转送、
 * 督办情况). Both are built from the same service calls as the screens, so the files say what the screen says.
 */
import ExcelJS from 'exceljs';
import { isValidChinaDate, type UnitTree } from '../../domain';
import { BadRequest } from '../../errors';
import type { ExportQuery, Report, ReportQuery } from '../../contracts/dashboard';
import type { Actor as SessionActor } from '../auth/session.service';
import type { DashboardService } from './dashboard.service';

interface Section {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

const pct = (rate: number | null) => (rate === null ? '' : Number((rate * 100).toFixed(2)));

/** The sections of the current view (overview, ranking, monthly trend), as plain rows. */
export async function viewSections(
  svc: DashboardService,
  actor: SessionActor,
  q: ExportQuery,
): Promise<{ title: string; sections: Section[] }> {
  const { format: _format, ...period } = q;
  void _format;
  const overview = await svc.overview(actor, period);
  const units = await svc.units(actor, { ...period, sort: 'satisfaction' });
  const trend = await svc.trend(actor, { ...period, granularity: 'month' });
  const span = `${q.from ?? '最早'} 至 ${q.to ?? '最新'}`;
  const title = `${overview.scope.name} 信访统计（${span}）`;
  const metricRows = [
    ...overview.metrics,
    ...overview.hotline.map((m) => ({ ...m, label: `12345 ${m.label}` })),
  ];
  return {
    title,
    sections: [
      {
        title: '指标',
        header: ['指标', '分子', '分母', '比率(%)', '计算公式'],
        rows: metricRows.map((m) => [m.label, m.numerator, m.denominator, pct(m.rate), m.formula]),
      },
      {
        title: '总量',
        header: ['项目', '件数'],
        rows: [
          ['收到信访事项', overview.totals.cases],
          ['已办结', overview.totals.closed],
          ['超期', overview.totals.overdue],
          ['初信初访', overview.totals.firstTime],
          ['督办', overview.totals.supervised],
          ['转送', overview.totals.transferred],
          ['交办', overview.totals.assigned],
          ['12345', overview.totals.hotline],
        ],
      },
      {
        title: '按渠道',
        header: ['渠道', '件数'],
        rows: overview.byChannel.map((c) => [c.label, c.count]),
      },
      {
        title: '按类别',
        header: ['类别', '件数'],
        rows: overview.byCategory.map((c) => [c.label, c.count]),
      },
      {
        title: '单位排名',
        header: ['名次', '单位', '件数', '超期', '满意率(%)', '按期办结率(%)'],
        rows: units.items.map((u) => [
          u.rank,
          u.name,
          u.cases,
          u.overdue,
          pct(u.satisfaction.rate),
          pct(u.onTimeClosure.rate),
        ]),
      },
      {
        title: '月度走势',
        header: ['月份', '件数', '超期', '满意率(%)', '按期办结率(%)'],
        rows: trend.points.map((p) => [
          p.bucket,
          p.cases,
          p.overdue,
          pct(p.metrics.find((m) => m.key === 'satisfaction')?.rate ?? null),
          pct(p.metrics.find((m) => m.key === 'onTimeClosure')?.rate ?? null),
        ]),
      },
    ],
  };
}

/** xlsx: one worksheet per section; csv: the sections one after another (UTF-8 with BOM, so Excel reads it). */
export async function exportFile(
  svc: DashboardService,
  actor: SessionActor,
  q: ExportQuery,
): Promise<{ body: Buffer; mime: string; name: string }> {
  const { title, sections } = await viewSections(svc, actor, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = '信访诉求';
  wb.created = new Date();
  const name = `${title}.${q.format}`;
  if (q.format === 'xlsx') {
    for (const s of sections) {
      const ws = wb.addWorksheet(s.title);
      ws.addRow([title]).font = { bold: true };
      ws.addRow(s.header).font = { bold: true };
      for (const r of s.rows) ws.addRow(r);
      ws.columns.forEach((c) => (c.width = 16));
    }
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return { body, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name };
  }
  const ws = wb.addWorksheet('统计');
  ws.addRow([title]);
  for (const s of sections) {
    ws.addRow([]);
    ws.addRow([s.title]);
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r);
  }
  const csv = Buffer.from(await wb.csv.writeBuffer({ sheetName: '统计' }));
  return { body: Buffer.concat([Buffer.from('\ufeff'), csv]), mime: 'text/csv; charset=utf-8', name };
}

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The area (direct sub-unit of the scope) a unit belongs to; the scope itself when it is the scope. */
function areaOf(tree: UnitTree, unitId: string, scope: string | null): string {
  const chain = [unitId, ...tree.ancestors(unitId).map((u) => u.id)];
  if (!scope) return chain[chain.length - 1] === unitId ? unitId : chain[chain.length - 2]!;
  const i = chain.indexOf(scope);
  return i <= 0 ? unitId : chain[i - 1]!;
}

/** 信访情况报告 for one month (第四十一条). */
export async function monthlyReport(
  svc: DashboardService,
  tree: UnitTree,
  actor: SessionActor,
  q: ReportQuery,
): Promise<Report> {
  const range = monthRange(q.month);
  if (!isValidChinaDate(range.from)) {
    throw new BadRequest(`报告月份“${q.month}”不是有效的月份，请按“年-月”选择`, { field: 'month' });
  }
  const period = { ...(q.unit ? { unit: q.unit } : {}), ...range };
  const overview = await svc.overview(actor, period);
  const units = await svc.units(actor, { ...period, sort: 'overdue' });
  const areas = new Map<string, { cases: number; overdue: number }>();
  for (const u of units.items) {
    const a = areaOf(tree, u.unitId, overview.scope.unitId);
    const x = areas.get(a) ?? { cases: 0, overdue: 0 };
    x.cases += u.cases;
    x.overdue += u.overdue;
    areas.set(a, x);
  }
  const mostComplained = [...units.items]
    .sort((a, b) => b.cases - a.cases || a.unitId.localeCompare(b.unitId))
    .slice(0, 5)
    .map((u) => ({ unitId: u.unitId, name: u.name, cases: u.cases, overdue: u.overdue }));
  return {
    title: `${overview.scope.name}${q.month.replace('-', '年')}月信访情况报告`,
    month: q.month,
    scope: overview.scope,
    period: range,
    basis: '《信访工作条例》第四十一条',
    statistics: {
      totals: overview.totals,
      byChannel: overview.byChannel,
      byCategory: overview.byCategory,
      metrics: overview.metrics,
      hotline: overview.hotline,
    },
    areas: [...areas]
      .map(([unitId, x]) => ({ unitId, name: tree.name(unitId), ...x }))
      .sort((a, b) => b.cases - a.cases || a.unitId.localeCompare(b.unitId)),
    mostComplained,
    routing: {
      transferred: overview.totals.transferred,
      assigned: overview.totals.assigned,
      supervised: overview.totals.supervised,
    },
    asOf: overview.asOf,
  };
}
