import { useState } from 'react';
import { useQuery } from '../../api/query';
import { useRouter } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { ErrorNotice } from '../../components/error-notice';
import { Button } from '../../components/nutui';
import { leaderMessages as m } from '../../messages/leader';
import { IS_H5 } from '../../platform/env';
import { formatChinaDateTime } from '../../utils/dates';
import { leaderApi, type Report } from '../api';
import { chinaToday, formatRate } from '../period';
import '../leader.scss';
import { heading, role } from '../a11y';

function Units({ rows }: { rows: Report['areas'] }) {
  return (
    <View className="table" {...role('table')}>
      <View className="table__row table__head table__row--3" {...role('row')}>
        {m.report.unitHead.map((h) => (
          <Text key={h} {...role('columnheader')}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.unitId} className="table__row table__row--3" {...role('row')}>
          <Text {...role('cell')}>{r.name}</Text>
          <Text {...role('cell')}>{r.cases}</Text>
          <Text {...role('cell')}>{r.overdue}</Text>
        </View>
      ))}
    </View>
  );
}

/** 信访情况报告 for a month (第四十一条), laid out for printing from the browser. */
export default function LeaderReportPage() {
  const { params } = useRouter();
  const [month, setMonth] = useState(params.month ?? chinaToday().slice(0, 7));
  const q = useQuery(['report', month], () => leaderApi.report(month), { keepPrevious: true });
  const report = q.data ?? null;
  const error = q.error;

  const r = report;
  return (
    <PageShell className="leader-page report-page">
      <View className="leader">
        <View className="no-print button-row">
          <Picker
            mode="date"
            fields="month"
            value={month}
            onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}
          >
            <View
              className="date-field"
              {...role('button', { tabindex: '0', 'aria-label': `${m.report.month} ${month}` })}
            >
              <Text>
                {m.report.month}：{month}
              </Text>
            </View>
          </Picker>
          {IS_H5 ? (
            <Button type="primary" onClick={() => window.print()}>
              {m.report.print}
            </Button>
          ) : null}
        </View>
        <ErrorNotice error={error} />
        {r ? (
          <View className="report">
            <Text className="report__title" {...heading(1)}>
              {r.title}
            </Text>
            <Text className="small-print">
              {m.report.basis(r.basis)} · {m.period.range(r.period.from, r.period.to)}
              {r.asOf ? ` · ${m.report.generated(formatChinaDateTime(r.asOf))}` : ''}
            </Text>

            <Text className="report__h" {...heading(2)}>
              {m.report.statistics}
            </Text>
            <Text className="prose">
              {m.totals.cases} {r.statistics.totals.cases} 件，{m.totals.closed} {r.statistics.totals.closed}{' '}
              件，{m.totals.overdue} {r.statistics.totals.overdue} 件，{m.totals.firstTime}{' '}
              {r.statistics.totals.firstTime} 件。
              {m.byChannel}：
              {r.statistics.byChannel
                .filter((c) => c.count)
                .map((c) => `${c.label} ${c.count} 件`)
                .join('，') || '—'}
              。{m.byCategory}：
              {r.statistics.byCategory.map((c) => `${c.label} ${c.count} 件`).join('，') || '—'}。
            </Text>
            <View className="table" {...role('table')}>
              <View className="table__row table__head table__row--3" {...role('row')}>
                {m.report.metricHead.map((h) => (
                  <Text key={h} {...role('columnheader')}>
                    {h}
                  </Text>
                ))}
              </View>
              {[
                ...r.statistics.metrics,
                ...r.statistics.hotline.map((x) => ({ ...x, label: `12345 ${x.label}` })),
              ].map((x) => (
                <View key={x.label} className="table__row table__row--3" {...role('row')}>
                  <Text {...role('cell')}>{x.label}</Text>
                  <Text {...role('cell')}>{formatRate(x.rate, m.noData)}</Text>
                  <Text {...role('cell')} className="small-print">
                    {x.formula}
                  </Text>
                </View>
              ))}
            </View>

            <Text className="report__h" {...heading(2)}>
              {m.report.areas}
            </Text>
            <Units rows={r.areas} />

            <Text className="report__h" {...heading(2)}>
              {m.report.mostComplained}
            </Text>
            <Units rows={r.mostComplained} />

            <Text className="report__h" {...heading(2)}>
              {m.report.routing}
            </Text>
            <Text className="prose">
              {m.report.transferred} {m.report.pieces(r.routing.transferred)}，{m.report.assigned}{' '}
              {m.report.pieces(r.routing.assigned)}，{m.report.supervised}{' '}
              {m.report.pieces(r.routing.supervised)}。
            </Text>
          </View>
        ) : null}
      </View>
    </PageShell>
  );
}
