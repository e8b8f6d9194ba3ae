import { useMemo, useState } from 'react';
import { useQuery } from '../../api/query';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { ErrorNotice } from '../../components/error-notice';
import { Button } from '../../components/nutui';
import { useSession } from '../../api/session';
import { logout } from '../../api/auth';
import { leaderMessages as m } from '../../messages/leader';
import { ROUTES } from '../../utils/routes';
import { ROLE } from '../../utils/a11y';
import { formatChinaDateTime } from '../../utils/dates';
import {
  downloadExport,
  leaderApi,
  type DrillMetric,
  type Metric,
  type Overview,
  type Trend,
  type UnitRanking,
} from '../api';
import { formatRate, trendGranularity } from '../period';
import { categoryOption, overdueOption, overdueUnits, rankingOption, trendOption } from '../chart-options';
import { EChart } from '../components/echart';
import { isDashboardRole, LeaderLogin } from '../components/leader-login';
import { initialPeriod, PeriodBar, type PeriodState } from '../components/period-bar';
import '../leader.scss';
import { button, heading, role } from '../a11y';

/** Where a metric's cases can be listed: the cases that pull the figure down. */
const METRIC_DRILL: Record<string, DrillMetric> = {
  timelyAcceptance: 'lateNotice',
  onTimeClosure: 'notOnTime',
  satisfaction: 'unsatisfied',
  repeat: 'repeat',
  firstTimeSatisfaction: 'unsatisfied',
  resolution: 'unresolved',
};

export function drillUrl(p: {
  metric: DrillMetric;
  from: string;
  to: string;
  unit?: string;
  category?: string;
}) {
  const qs = Object.entries(p)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${ROUTES.leaderCases}?${qs}`;
}

interface Data {
  overview: Overview;
  units: UnitRanking;
  trend: Trend;
}

function Dashboard() {
  const [period, setPeriod] = useState<PeriodState>(() => initialPeriod('year'));
  const [writeError, setError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);

  const invalid = period.from > period.to;
  const q = useQuery(
    invalid ? null : ['overview', period.from, period.to],
    async (): Promise<Data> => {
      const range = { from: period.from, to: period.to };
      const [overview, units, trend] = await Promise.all([
        leaderApi.overview(range),
        leaderApi.units(range),
        leaderApi.trend(range, trendGranularity(period.from, period.to)),
      ]);
      return { overview, units, trend };
    },
    { keepPrevious: true },
  );
  const data = q.data ?? null;
  const loading = q.refreshing;
  const error = invalid ? new Error(m.period.invalid) : (writeError ?? q.error);
  const load = () => {
    setError(null);
    void q.reload();
  };

  const go = (metric: DrillMetric, extra: { unit?: string; category?: string } = {}) =>
    void Taro.navigateTo({ url: drillUrl({ metric, from: period.from, to: period.to, ...extra }) });

  const showFormula = async (x: Metric) => {
    const drill = METRIC_DRILL[x.key];
    const r = await Taro.showModal({
      title: m.formulaTitle(x.label),
      content: x.formula,
      showCancel: !!drill,
      cancelText: '关闭',
      confirmText: drill ? '查看事项' : '知道了',
    });
    if (r.confirm && drill) go(drill);
  };

  const doExport = async (format: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      await downloadExport({ from: period.from, to: period.to }, format);
      void Taro.showToast({ title: m.export.done, icon: 'success' });
    } catch (e) {
      setError(e);
    } finally {
      setExporting(false);
    }
  };

  const charts = useMemo(
    () =>
      data && {
        trend: trendOption(data.trend),
        ranking: rankingOption(data.units),
        categories: categoryOption(data.overview),
        overdue: overdueOption(data.units),
        overdueUnits: overdueUnits(data.units),
      },
    [data],
  );

  const o = data?.overview;
  const totals: { key: keyof Overview['totals']; drill?: DrillMetric }[] = [
    { key: 'cases', drill: 'all' },
    { key: 'overdue', drill: 'overdue' },
    { key: 'closed' },
    { key: 'firstTime' },
    { key: 'supervised', drill: 'supervised' },
    { key: 'hotline' },
  ];

  return (
    <View className="leader">
      <PeriodBar value={period} onChange={setPeriod} />
      {o ? (
        <View className="leader__meta">
          <Text className="small-print">{m.scope(o.scope.name)}</Text>
          <Text className="small-print">{o.asOf ? m.asOf(formatChinaDateTime(o.asOf)) : m.asOfNone}</Text>
        </View>
      ) : null}
      <ErrorNotice error={error} onRetry={load} />
      {loading && !data ? <Text {...ROLE.status}>正在加载…</Text> : null}
      {o && charts ? (
        <View aria-busy={loading ? 'true' : 'false'}>
          <View className="card">
            <Text className="card__title" {...heading(2)}>
              {m.totals.title}
            </Text>
            <View className="kpi-grid">
              {totals.map((t) => (
                <View
                  key={t.key}
                  className={`kpi ${t.drill ? 'kpi--link' : ''} ${t.key === 'overdue' && o.totals.overdue ? 'kpi--alert' : ''}`}
                  {...(t.drill ? ROLE.button : {})}
                  data-testid={`total-${t.key}`}
                  onClick={t.drill ? () => go(t.drill!) : undefined}
                >
                  <Text className="kpi__value">{o.totals[t.key]}</Text>
                  <Text className="kpi__label">{m.totals[t.key as keyof typeof m.totals]}</Text>
                </View>
              ))}
            </View>
          </View>

          <View className="card">
            <Text className="card__title" {...heading(2)}>
              {m.metricsTitle}
            </Text>
            <Text className="small-print">{m.formulaHint}</Text>
            <View className="kpi-grid">
              {o.metrics.map((x) => (
                <View
                  key={x.key}
                  className="kpi kpi--link"
                  {...button}
                  data-testid={`metric-${x.key}`}
                  onClick={() => void showFormula(x)}
                >
                  <Text className="kpi__value">{formatRate(x.rate, m.noData)}</Text>
                  <Text className="kpi__label">{x.label}</Text>
                  <Text className="kpi__sub">
                    {x.numerator % 1 ? x.numerator.toFixed(1) : x.numerator}/{x.denominator}
                  </Text>
                </View>
              ))}
            </View>
            <Text className="card__subtitle">{m.hotlineTitle}</Text>
            <View className="kpi-grid">
              {o.hotline.map((x) => (
                <View key={x.key} className="kpi kpi--link" {...button} onClick={() => void showFormula(x)}>
                  <Text className="kpi__value">{formatRate(x.rate, m.noData)}</Text>
                  <Text className="kpi__label">{x.label}</Text>
                  <Text className="kpi__sub">
                    {x.numerator % 1 ? x.numerator.toFixed(1) : x.numerator}/{x.denominator}
                  </Text>
                </View>
              ))}
            </View>
          </View>

          <View className="card">
            <Text className="card__title" {...heading(2)}>
              {m.charts.trend}
            </Text>
            {data!.trend.points.length ? (
              <EChart id="chart-trend" option={charts.trend} label={m.charts.trend} />
            ) : (
              <Text className="small-print">{m.charts.empty}</Text>
            )}
          </View>

          <View className="card">
            <Text className="card__title" {...heading(2)}>
              {m.byChannel} · {m.byCategory}
            </Text>
            <View className="split">
              <View className="split__col" {...role('list', { 'aria-label': m.byChannel })}>
                {o.byChannel.map((c) => (
                  <View key={c.key} className="row" {...ROLE.listitem}>
                    <Text>{c.label}</Text>
                    <Text className="row__num">{c.count}</Text>
                  </View>
                ))}
              </View>
              <View className="split__col" {...role('list', { 'aria-label': m.byCategory })}>
                {o.byCategory.map((c) => (
                  <View
                    key={c.key}
                    className="row row--link"
                    {...ROLE.listitem}
                    onClick={() => go('all', { category: c.key })}
                  >
                    <Text>{c.label}</Text>
                    <Text className="row__num">{c.count}</Text>
                  </View>
                ))}
              </View>
            </View>
            {o.byCategory.length ? (
              <EChart
                id="chart-categories"
                option={charts.categories}
                label={m.charts.categories}
                height={240}
              />
            ) : null}
          </View>

          <View className="card">
            <Text className="card__title" {...heading(2)}>
              {m.charts.ranking}
            </Text>
            <EChart id="chart-ranking" option={charts.ranking} label={m.charts.ranking} height={300} />
          </View>

          <View className="card">
            <Text className="card__title" {...heading(2)}>
              {m.charts.overdue}
            </Text>
            {charts.overdueUnits.length ? (
              <EChart
                id="chart-overdue"
                option={charts.overdue}
                label={m.charts.overdue}
                height={Math.max(160, 28 * charts.overdueUnits.length + 40)}
                onItemClick={({ dataIndex }) => go('overdue', { unit: charts.overdueUnits[dataIndex] })}
              />
            ) : (
              <Text className="small-print">{m.charts.empty}</Text>
            )}
          </View>

          <View className="card">
            <Text className="card__title" {...heading(2)}>
              {m.units.title}
            </Text>
            <View className="table" {...role('table', { 'aria-label': m.units.title })}>
              <View className="table__row table__head" {...role('row')}>
                {m.units.head.map((h) => (
                  <Text key={h} {...role('columnheader')}>
                    {h}
                  </Text>
                ))}
              </View>
              {data!.units.items.map((u) => (
                <View
                  key={u.unitId}
                  className="table__row row--link"
                  {...role('row')}
                  onClick={() => go(u.overdue ? 'overdue' : 'all', { unit: u.unitId })}
                >
                  <Text {...role('cell')}>{u.name}</Text>
                  <Text {...role('cell')}>{u.cases}</Text>
                  <Text {...role('cell')} className={u.overdue ? 'text-alert' : ''}>
                    {u.overdue}
                  </Text>
                  <Text {...role('cell')}>{formatRate(u.satisfaction.rate, m.noData)}</Text>
                </View>
              ))}
            </View>
          </View>

          <View className="card">
            <Text className="card__title" {...heading(2)}>
              {m.export.title}
            </Text>
            <View className="button-row">
              <Button loading={exporting} onClick={() => void doExport('csv')}>
                {m.export.csv}
              </Button>
              <Button loading={exporting} onClick={() => void doExport('xlsx')}>
                {m.export.xlsx}
              </Button>
              <Button
                type="primary"
                onClick={() =>
                  void Taro.navigateTo({ url: `${ROUTES.leaderReport}?month=${period.to.slice(0, 7)}` })
                }
              >
                {m.export.report}
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default function LeaderHomePage() {
  const session = useSession();
  const allowed = !!session && isDashboardRole(session.user.roles);
  return (
    <PageShell className="leader-page">
      {allowed ? (
        <>
          <View className="leader__who">
            <Text>{session.user.displayName}</Text>
            <Text className="link" {...button} onClick={() => void logout()}>
              {m.login.logout}
            </Text>
          </View>
          <Dashboard />
        </>
      ) : (
        <>
          {session ? (
            <View className="notice notice--error" {...ROLE.alert}>
              <Text className="notice__text">{m.login.notLeader}</Text>
              <Text className="link" {...button} onClick={() => void logout()}>
                {m.login.switchAccount}
              </Text>
            </View>
          ) : null}
          {!session ? <LeaderLogin /> : null}
        </>
      )}
    </PageShell>
  );
}
