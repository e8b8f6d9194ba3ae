import type { FastifyInstance } from 'fastify';
import {
  CATEGORY_LABELS,
  type PeriodGranularity,
  periodProblem,
  type Category,
  type Channel,
  type UnitTree,
} from '../../domain';
import { CHANNEL_LABELS } from '../../domain/case-model';
import { BadRequest, Forbidden } from '../../errors';
import type { CaseSummary } from '../../contracts/cases';
import type {
  DrillMetric,
  DrillQuery,
  Overview,
  PeriodQuery,
  TrendQuery,
  UnitsQuery,
} from '../../contracts/dashboard';
import type { Actor as SessionActor } from '../auth/session.service';
import type { CaseDoc } from '../cases/case.model';
import { personScope, toDomainActor } from '../cases/case.scope';
import { caseSummary } from '../cases/case.views';
import type { UnitDirectory } from '../units/unit.service';
import { caseFactsModel, CHANNEL_KEYS, dashboardMetaModel, type Cell } from './dashboard.model';
import { dashboardMetricsFromCounts, hotlineMetricsFromCounts, type Totals } from './dashboard.metrics';
import {
  addCell,
  ALL_SCOPE,
  bucketsOf,
  daysBetween,
  emptyCell,
  fetchRollups,
  rollupId,
  visibleParts,
} from './dashboard.rollups';

interface Group extends Totals {
  key: string;
  channels: Record<string, number>;
}

const groupOf = (key: string, cell: Cell): Group => ({
  key,
  cases: cell.cases,
  c: cell.c,
  channels: cell.ch,
});

/** Sums cells by key over several maps (roll-up parts). */
function sumMaps(maps: Record<string, Cell>[]): Group[] {
  const out = new Map<string, Cell>();
  for (const m of maps) {
    for (const [k, cell] of Object.entries(m)) {
      let into = out.get(k);
      if (!into) out.set(k, (into = emptyCell()));
      addCell(into, cell);
    }
  }
  return [...out].map(([k, cell]) => groupOf(k, cell));
}

function total(groups: Group[]): Group {
  const t = emptyCell();
  for (const g of groups) addCell(t, { cases: g.cases, c: g.c, ch: g.channels as Cell['ch'] });
  return groupOf('all', t);
}

export function dashboardService(app: FastifyInstance, units: UnitDirectory, now = () => new Date()) {
  const conn = app.db.conn;
  const Facts = caseFactsModel(conn);
  const Meta = dashboardMetaModel(conn);

  /** Leaders: their unit's subtree; auditors: everything (null). */
  function scopeUnit(actor: SessionActor): string | null {
    if (actor.roles.includes('auditor')) return null;
    if (actor.roles.includes('leader') && actor.unitCode) return actor.unitCode;
    throw new Forbidden('只有领导和审计人员可以查看统计');
  }

  /** The unit whose subtree the figures cover: the reader's scope, or a unit inside it (`unit`). */
  function effectiveScope(actor: SessionActor, q: { unit?: string }, tree: UnitTree): string | null {
    const scope = scopeUnit(actor);
    if (!q.unit) return scope;
    if (!tree.has(q.unit) || (scope && !tree.isSameOrUnder(q.unit, scope))) {
      throw new Forbidden('该单位不在您的统计范围内');
    }
    return q.unit;
  }

  /**
   * The period's bounds, checked by the domain's period rule for the granularity it is read in (real dates,
   * from ≤ to, at most MAX_PERIOD long): 400 before anything is read. Open ends take the first/last date
   * that has facts, and the period so filled is bounded too.
   */
  async function bounds(q: { from?: string; to?: string }, granularity: PeriodGranularity) {
    const asked = periodProblem(q, granularity);
    if (asked) throw new BadRequest(asked.message, { field: asked.field });
    const meta = await Meta.findById('case_facts').lean();
    const from = q.from ?? meta?.firstDate ?? null;
    const to = q.to ?? meta?.lastDate ?? null;
    const filled = from && to && from <= to ? periodProblem({ from, to }, granularity) : null;
    if (filled) {
      throw new BadRequest(`未指定的起止日期按已有数据的最早、最晚日期计算；${filled.message}`, {
        field: filled.field,
      });
    }
    return { meta, from, to };
  }

  /**
   * The roll-ups of the buckets for the reader, reduced to the parts the reader may count: a case the domain
   * would not let the reader open (recusal, accused unit or person) is not counted either, so every figure
   * equals the drill-down behind it (DOMAIN.md §5: the accused must not even learn that the item exists).
   */
  async function partsOf(
    actor: SessionActor,
    tree: UnitTree,
    scope: string | null,
    buckets: { gran: 'd' | 'm'; bucket: string }[],
    field: 'cats' | 'units',
  ) {
    const key = scope ?? ALL_SCOPE;
    const docs = await fetchRollups(
      conn,
      buckets.map((b) => rollupId(b.gran, key, b.bucket)),
      { bucket: 1, [`open.${field}`]: 1, [`restricted.${field}`]: 1, 'restricted.parties': 1 },
    );
    const who = toDomainActor(actor);
    return docs.map((d) => ({
      bucket: d.bucket,
      maps: visibleParts(d, who, tree).map((p) => p[field] ?? {}),
    }));
  }

  return {
    async overview(actor: SessionActor, q: PeriodQuery): Promise<Overview> {
      const w = q.basicWeight ?? 1;
      const tree = await units.tree();
      const unit = effectiveScope(actor, q, tree);
      const { meta, from, to } = await bounds(q, 'month');
      const parts = from && to ? await partsOf(actor, tree, unit, bucketsOf(from, to), 'cats') : [];
      const byCat = sumMaps(parts.flatMap((p) => p.maps));
      const t = total(byCat);
      return {
        scope: { unitId: unit, name: unit ? tree.name(unit) : '全部单位' },
        period: { from: q.from ?? null, to: q.to ?? null },
        basicWeight: w,
        totals: {
          cases: t.cases,
          closed: t.c.closed,
          overdue: t.c.overdue,
          firstTime: t.c.firstTime,
          supervised: t.c.supervised,
          hotline: t.c.hotline,
          transferred: t.c.transferred,
          assigned: t.c.assigned,
        },
        byChannel: CHANNEL_KEYS.map((ch) => ({
          key: ch,
          label: CHANNEL_LABELS[ch as Channel] ?? ch,
          count: t.channels[ch] ?? 0,
        })),
        byCategory: byCat
          .map((g) => ({
            key: g.key,
            label: g.key === 'none' ? '未分类' : (CATEGORY_LABELS[g.key as Category] ?? g.key),
            count: g.cases,
          }))
          .sort((a, b) => a.key.localeCompare(b.key)),
        metrics: dashboardMetricsFromCounts(t, w),
        hotline: hotlineMetricsFromCounts(t, w),
        asOf: meta?.lastRunAt ?? null,
      };
    },

    async units(actor: SessionActor, q: UnitsQuery) {
      const w = q.basicWeight ?? 1;
      const tree = await units.tree();
      const unit = effectiveScope(actor, q, tree);
      const { from, to } = await bounds(q, 'month');
      const parts = from && to ? await partsOf(actor, tree, unit, bucketsOf(from, to), 'units') : [];
      const rows = sumMaps(parts.flatMap((p) => p.maps)).map((g) => {
        const [, onTime, , satisfaction] = dashboardMetricsFromCounts(g, w);
        return {
          unitId: g.key,
          name: tree.name(g.key),
          cases: g.cases,
          overdue: g.c.overdue,
          satisfaction: satisfaction!,
          onTimeClosure: onTime!,
        };
      });
      const sort = q.sort ?? 'satisfaction';
      const rate = (r: number | null) => (r === null ? -1 : r);
      rows.sort((a, b) =>
        sort === 'overdue'
          ? b.overdue - a.overdue || a.unitId.localeCompare(b.unitId)
          : rate((sort === 'satisfaction' ? b.satisfaction : b.onTimeClosure).rate) -
              rate((sort === 'satisfaction' ? a.satisfaction : a.onTimeClosure).rate) ||
            a.unitId.localeCompare(b.unitId),
      );
      return { items: rows.map((r, i) => ({ rank: i + 1, ...r })) };
    },

    async trend(actor: SessionActor, q: TrendQuery) {
      const granularity = q.granularity ?? 'day';
      const tree = await units.tree();
      const unit = effectiveScope(actor, q, tree);
      const { from, to } = await bounds(q, granularity);
      const buckets =
        !from || !to
          ? []
          : granularity === 'day'
            ? daysBetween(from, to).map((d) => ({ gran: 'd' as const, bucket: d }))
            : bucketsOf(from, to);
      const parts = await partsOf(actor, tree, unit, buckets, 'cats');
      const byBucket = new Map<string, Record<string, Cell>[]>();
      for (const p of parts) {
        const k = granularity === 'day' ? p.bucket : p.bucket.slice(0, 7);
        byBucket.set(k, [...(byBucket.get(k) ?? []), ...p.maps]);
      }
      const points = [...byBucket]
        .map(([bucket, maps]) => ({ bucket, g: total(sumMaps(maps)) }))
        .filter((x) => x.g.cases > 0)
        .sort((a, b) => a.bucket.localeCompare(b.bucket))
        .map(({ bucket, g }) => ({
          bucket,
          cases: g.cases,
          overdue: g.c.overdue,
          metrics: dashboardMetricsFromCounts(g, q.basicWeight ?? 1),
        }));
      return { granularity, points };
    },

    /** The cases behind a figure: scoped like the figures, then each re-checked with the domain's visibility. */
    async cases(actor: SessionActor, q: DrillQuery) {
      const tree = await units.tree();
      const scope = effectiveScope(actor, q, tree);
      // Bounded like the figures it lists the cases of.
      await bounds(q, 'month');
      const m: Record<string, unknown> = {};
      if (scope) m.ancestors = scope;
      if (q.from || q.to) {
        m.receivedDate = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
      }
      if (q.category) m.categoryKey = q.category;
      const cond: Record<DrillMetric, Record<string, unknown>> = {
        all: {},
        overdue: { 'c.overdue': 1 },
        unsatisfied: { 'c.unsatisfied': { $gt: 0 } },
        notOnTime: { closedOnTime: false },
        lateNotice: { noticeOnTime: false },
        repeat: { 'c.repeat': 1 },
        unresolved: { 'c.hResAnswered': 1, 'c.hResOk': 0 },
        supervised: { 'c.supervised': 1 },
      };
      const limit = q.limit ?? 50;
      const filter = { ...m, ...cond[q.metric] };
      const reader = personScope(actor, tree);
      // The page and its `truncated` flag are over the cases the reader may see: facts of hidden cases are
      // read past (in chunks of the page size) until one more visible case than the page holds is found.
      const shown: CaseDoc[] = [];
      for (let skip = 0; shown.length <= limit;) {
        const chunk = await Facts.find(filter, { _id: 1 })
          .sort({ receivedDate: -1, _id: 1 })
          .skip(skip)
          .limit(limit + 1)
          .lean();
        shown.push(
          ...(await app.cases.repo.readMany(
            reader,
            chunk.map((d) => d._id),
          )),
        );
        if (chunk.length < limit + 1) break;
        skip += chunk.length;
      }
      const docs = shown
        .slice(0, limit)
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || a._id.localeCompare(b._id));
      const at = now();
      const items: CaseSummary[] = docs.map((d) => caseSummary(d, tree, at));
      return { metric: q.metric, items, truncated: shown.length > limit };
    },
  };
}
export type DashboardService = ReturnType<typeof dashboardService>;
