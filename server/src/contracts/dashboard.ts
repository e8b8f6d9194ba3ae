import Type, { type Static } from 'typebox';
import { CaseSummarySchema } from './cases';

const Day = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description:
    '中国日期 YYYY-MM-DD（须为真实存在的日期）。期间最长 120 个月，按日走势最长 366 天（domain/periods.ts），否则 400',
});
const UnitCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const PeriodQuerySchema = Type.Object({
  unit: Type.Optional({ ...UnitCode, description: '只看统计范围内某一单位及其下属（默认：本人的范围）' }),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  basicWeight: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, description: '基本满意计入满意率的权重（默认 1）' }),
  ),
});
export type PeriodQuery = Static<typeof PeriodQuerySchema>;

export const MetricSchema = Type.Object(
  {
    key: Type.String(),
    label: Type.String(),
    numerator: Type.Number(),
    denominator: Type.Number(),
    rate: Type.Union([Type.Number(), Type.Null()]),
    formula: Type.String({ description: '计算公式（含数值）' }),
  },
  { title: 'DashboardMetric' },
);

const Count = Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer() });

export const OverviewSchema = Type.Object(
  {
    scope: Type.Object({ unitId: Type.Union([Type.String(), Type.Null()]), name: Type.String() }),
    period: Type.Object({ from: Type.Union([Day, Type.Null()]), to: Type.Union([Day, Type.Null()]) }),
    basicWeight: Type.Number(),
    totals: Type.Object({
      cases: Type.Integer(),
      closed: Type.Integer(),
      overdue: Type.Integer(),
      firstTime: Type.Integer(),
      supervised: Type.Integer(),
      hotline: Type.Integer(),
      transferred: Type.Integer({ description: '经转送的件数（第二十二条）' }),
      assigned: Type.Integer({ description: '经交办的件数（第二十二条）' }),
    }),
    byChannel: Type.Array(Count),
    byCategory: Type.Array(Count),
    metrics: Type.Array(MetricSchema),
    hotline: Type.Array(MetricSchema),
    asOf: Type.Union([Type.String(), Type.Null()], { description: '统计数据的计算时间' }),
  },
  { title: 'DashboardOverview' },
);
export type Overview = Static<typeof OverviewSchema>;

export const UnitsQuerySchema = Type.Object({
  ...PeriodQuerySchema.properties,
  sort: Type.Optional(
    Type.Union([Type.Literal('satisfaction'), Type.Literal('onTimeClosure'), Type.Literal('overdue')]),
  ),
});
export type UnitsQuery = Static<typeof UnitsQuerySchema>;

export const UnitRankingSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        rank: Type.Integer(),
        unitId: Type.String(),
        name: Type.String(),
        cases: Type.Integer(),
        overdue: Type.Integer(),
        satisfaction: MetricSchema,
        onTimeClosure: MetricSchema,
      }),
    ),
  },
  { title: 'DashboardUnitRanking' },
);

export const TrendQuerySchema = Type.Object({
  ...PeriodQuerySchema.properties,
  granularity: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('month')])),
});
export type TrendQuery = Static<typeof TrendQuerySchema>;

export const TrendSchema = Type.Object(
  {
    granularity: Type.String(),
    points: Type.Array(
      Type.Object({
        bucket: Type.String({ description: 'YYYY-MM-DD 或 YYYY-MM' }),
        cases: Type.Integer(),
        overdue: Type.Integer(),
        metrics: Type.Array(MetricSchema),
      }),
    ),
  },
  { title: 'DashboardTrend' },
);

export const DRILL_METRICS = [
  'all',
  'overdue',
  'unsatisfied',
  'notOnTime',
  'lateNotice',
  'repeat',
  'unresolved',
  'supervised',
] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];

export const DrillQuerySchema = Type.Object({
  metric: Type.Union([
    Type.Literal('all'),
    Type.Literal('overdue'),
    Type.Literal('unsatisfied'),
    Type.Literal('notOnTime'),
    Type.Literal('lateNotice'),
    Type.Literal('repeat'),
    Type.Literal('unresolved'),
    Type.Literal('supervised'),
  ]),
  unit: Type.Optional(UnitCode),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type DrillQuery = Static<typeof DrillQuerySchema>;

export const DrillListSchema = Type.Object(
  { metric: Type.String(), items: Type.Array(CaseSummarySchema), truncated: Type.Boolean() },
  { title: 'DashboardDrillDown' },
);

export const ExportQuerySchema = Type.Object({
  ...PeriodQuerySchema.properties,
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: '导出格式' }),
});
export type ExportQuery = Static<typeof ExportQuerySchema>;

export const ReportQuerySchema = Type.Object({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '报告月份 YYYY-MM' }),
  unit: Type.Optional(UnitCode),
});
export type ReportQuery = Static<typeof ReportQuerySchema>;

const AreaRow = Type.Object({
  unitId: Type.String(),
  name: Type.String(),
  cases: Type.Integer(),
  overdue: Type.Integer(),
});

export const ReportSchema = Type.Object(
  {
    title: Type.String(),
    month: Type.String(),
    scope: OverviewSchema.properties.scope,
    period: Type.Object({ from: Day, to: Day }),
    basis: Type.String({ description: '依据条款' }),
    statistics: Type.Object({
      totals: OverviewSchema.properties.totals,
      byChannel: Type.Array(Count),
      byCategory: Type.Array(Count),
      metrics: Type.Array(MetricSchema),
      hotline: Type.Array(MetricSchema),
    }),
    areas: Type.Array(AreaRow, { description: '信访事项涉及的地区/单位（范围内的下一级单位）' }),
    mostComplained: Type.Array(AreaRow, { description: '信访事项较多的单位（前五）' }),
    routing: Type.Object({
      transferred: Type.Integer(),
      assigned: Type.Integer(),
      supervised: Type.Integer(),
    }),
    asOf: Type.Union([Type.String(), Type.Null()]),
  },
  { title: 'DashboardMonthlyReport' },
);
export type Report = Static<typeof ReportSchema>;
