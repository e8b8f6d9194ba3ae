import { useEffect } from 'react';
import { useQuery } from '../../api/query';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { ErrorNotice } from '../../components/error-notice';
import { leaderMessages as m } from '../../messages/leader';
import { ROUTES } from '../../utils/routes';
import { ROLE } from '../../utils/a11y';
import { formatChinaDate } from '../../utils/dates';
import { leaderApi, type DrillMetric } from '../api';
import '../leader.scss';
import { heading, role } from '../a11y';

/** The cases behind a figure (masked summaries, scoped and filtered by the server). */
export default function LeaderCasesPage() {
  const { params } = useRouter();
  const metric = (params.metric ?? 'all') as DrillMetric;
  const period = {
    metric,
    from: params.from ?? '',
    to: params.to ?? '',
    ...(params.unit ? { unit: params.unit } : {}),
    ...(params.category ? { category: params.category } : {}),
  };
  // Refreshed when coming back from a case (a 督办 changes the list of supervised cases).
  const q = useQuery(['leaderCases', period], () => leaderApi.cases(period));
  const list = q.data ?? null;
  const { error, reload: load } = q;
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: m.drill.metrics[metric] ?? m.drill.title });
  }, [metric]);

  return (
    <PageShell className="leader-page">
      <View className="leader">
        <Text className="page-title" {...heading(1)}>
          {m.drill.metrics[metric] ?? m.drill.title}
        </Text>
        {params.from && params.to ? (
          <Text className="small-print">{m.period.range(params.from, params.to)}</Text>
        ) : null}
        <ErrorNotice error={error} onRetry={() => void load()} />
        {list ? <Text className="small-print">{m.drill.count(list.items.length)}</Text> : null}
        {list && !list.items.length ? <Text className="card">{m.drill.empty}</Text> : null}
        <View {...role('list')}>
          {list?.items.map((c) => (
            <View
              key={c.id}
              className="card case-row"
              {...ROLE.listitem}
              data-testid="drill-case"
              onClick={() =>
                void Taro.navigateTo({ url: `${ROUTES.leaderCase}?id=${encodeURIComponent(c.id)}` })
              }
            >
              <View className="case-row__head">
                <Text className="case-row__number">{c.number}</Text>
                <Text className="case-row__state">{c.stateLabel}</Text>
              </View>
              <Text className="case-row__title">{c.title}</Text>
              <Text className="small-print">{m.drill.unit(c.currentUnit.name)}</Text>
              {c.nextDue ? (
                <Text className={`small-print ${c.overdue ? 'text-alert' : ''}`}>
                  {c.overdue ? `${m.drill.overdue} · ` : ''}
                  {m.drill.due(formatChinaDate(c.nextDue))}
                </Text>
              ) : null}
            </View>
          ))}
        </View>
        {list?.truncated ? <Text className="small-print">{m.drill.truncated}</Text> : null}
      </View>
    </PageShell>
  );
}
