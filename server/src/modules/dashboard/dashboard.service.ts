import type { FastifyInstance } from 'fastify';
import type { PipelineStage } from 'mongoose';
import {
  CATEGORY_LABELS,
  isOverdue,
  STATE_LABELS,
  visibility,
  type Category,
  type Channel,
} from '../../domain';
import { CHANNEL_LABELS } from '../../domain/case-model';
import { Forbidden } from '../../errors';
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
import { caseModel, type CaseDoc } from '../cases/case.model';
import { toSnapshot } from '../cases/case.repository';
import { toDomainActor } from '../cases/case.service';
import type { UnitDirectory } from '../units/unit.service';
import {
  caseFactsModel,
  CHANNEL_KEYS,
  COUNT_KEYS,
  dailyRollupModel,
  dashboardMetaModel,
  type FactCounts,
} from './dashboard.model';
import { dashboardMetricsFromCounts, hotlineMetricsFromCounts, type Totals } from './dashboard.metrics';

interface Group extends Totals {
  key: string;
  channels: Record<string, number>;
}

/** $group stage summing every count and channel of the roll-ups by `key`. */
function sumStage(key: unknown): PipelineStage.Group {
  const g: Record<string, unknown> = { _id: key, cases: { $sum: '$cases' } };
  for (const k of COUNT_KEYS) g[k] = { $sum: `$c.${k}` };
  for (const ch of CHANNEL_KEYS) g[`ch_${ch}`] = { $sum: `$channels.${ch}` };
  return { $group: g } as PipelineStage.Group;
}

function toGroup(r: Record<string, unknown>): Group {
  const c = {} as FactCounts;
  for (const k of COUNT_KEYS) c[k] = Number(r[k] ?? 0);
  const channels: Record<string, number> = {};
  for (const ch of CHANNEL_KEYS) channels[ch] = Number(r[`ch_${ch}`] ?? 0);
  return { key: String(r._id), cases: Number(r.cases ?? 0), c, channels };
}

function total(groups: Group[]): Group {
  const t: Group = { key: 'all', cases: 0, c: {} as FactCounts, channels: {} };
  for (const k of COUNT_KEYS) t.c[k] = 0;
  for (const ch of CHANNEL_KEYS) t.channels[ch] = 0;
  for (const g of groups) {
    t.cases += g.cases;
    for (const k of COUNT_KEYS) t.c[k] += g.c[k];
    for (const ch of CHANNEL_KEYS) t.channels[ch] += g.channels[ch] ?? 0;
  }
  return t;
}

export function dashboardService(app: FastifyInstance, units: UnitDirectory, now = () => new Date()) {
  const conn = app.db.conn;
  const Rollup = dailyRollupModel(conn);
  const Facts = caseFactsModel(conn);
  const Meta = dashboardMetaModel(conn);

  /** Leaders: their unit's subtree; auditors: everything (null). */
  function scopeUnit(actor: SessionActor): string | null {
    if (actor.roles.includes('auditor')) return null;
    if (actor.roles.includes('leader') && actor.unitCode) return actor.unitCode;
    throw new Forbidden('只有领导和审计人员可以查看统计');
  }

  function match(actor: SessionActor, q: PeriodQuery, dateField = 'date'): Record<string, unknown> {
    const unit = scopeUnit(actor);
    const m: Record<string, unknown> = {};
    if (unit) m.ancestors = unit;
    if (q.from || q.to) {
      m[dateField] = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lte: q.to } : {}) };
    }
    return m;
  }

  async function grouped(m: Record<string, unknown>, key: string): Promise<Group[]> {
    const rows = await Rollup.aggregate<Record<string, unknown>>([{ $match: m }, sumStage(`$${key}`)]);
    return rows.map(toGroup);
  }

  return {
    async overview(actor: SessionActor, q: PeriodQuery): Promise<Overview> {
      const w = q.basicWeight ?? 1;
      const tree = await units.tree();
      const unit = scopeUnit(actor);
      const byCat = await grouped(match(actor, q), 'category');
      const t = total(byCat);
      const meta = await Meta.findById('case_facts').lean();
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
      const groups = await grouped(match(actor, q), 'unitId');
      const rows = groups.map((g) => {
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
      const groups = await grouped(match(actor, q), granularity === 'day' ? 'date' : 'month');
      const points = groups
        .sort((a, b) => a.key.localeCompare(b.key))
        .map((g) => ({
          bucket: g.key,
          cases: g.cases,
          overdue: g.c.overdue,
          metrics: dashboardMetricsFromCounts(g, q.basicWeight ?? 1),
        }));
      return { granularity, points };
    },

    /** The cases behind a figure: scoped like the figures, then each re-checked with the domain's visibility. */
    async cases(actor: SessionActor, q: DrillQuery) {
      const tree = await units.tree();
      const scope = scopeUnit(actor);
      const m = match(actor, q, 'receivedDate');
      if (q.unit) {
        if (scope && !tree.isSameOrUnder(q.unit, scope)) throw new Forbidden('该单位不在您的统计范围内');
        m.ancestors = q.unit;
      }
      const cond: Record<DrillMetric, Record<string, unknown>> = {
        overdue: { 'c.overdue': 1 },
        unsatisfied: { 'c.unsatisfied': { $gt: 0 } },
        notOnTime: { closedOnTime: false },
        lateNotice: { noticeOnTime: false },
        repeat: { 'c.repeat': 1 },
        unresolved: { 'c.hResAnswered': 1, 'c.hResOk': 0 },
        supervised: { 'c.supervised': 1 },
      };
      const limit = q.limit ?? 50;
      const ids = await Facts.find({ ...m, ...cond[q.metric] }, { _id: 1 })
        .sort({ receivedDate: -1, _id: 1 })
        .limit(limit + 1)
        .lean();
      const docs = await caseModel(conn)
        .find({ _id: { $in: ids.slice(0, limit).map((d) => d._id) } }, { events: 0, outbox: 0 })
        .sort({ receivedAt: -1, _id: 1 })
        .lean<CaseDoc[]>();
      const at = now();
      const who = toDomainActor(actor);
      const items: CaseSummary[] = docs
        .filter((d) => visibility(toSnapshot(d), who, { units: tree }).allowed)
        .map((d) => ({
          id: d._id,
          number: d.number,
          title: d.content.title,
          state: d.state,
          stateLabel: STATE_LABELS[d.state],
          category: d.category,
          channel: d.channel,
          receivedAt: d.receivedAt,
          updatedAt: d.updatedAt,
          currentUnit: { id: d.currentUnitId, name: tree.name(d.currentUnitId) },
          firstReceiver: d.firstReceiver
            ? { id: d.firstReceiver.unitId, name: tree.name(d.firstReceiver.unitId) }
            : null,
          nextDue: d.nextDue,
          overdue: !!d.nextDue && isOverdue(d.nextDue, at),
          version: d.version,
        }));
      return { metric: q.metric, items, truncated: ids.length > limit };
    },
  };
}
export type DashboardService = ReturnType<typeof dashboardService>;
