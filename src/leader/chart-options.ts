/**
 * ECharts options of the dashboard, as pure functions of the API answers (tested without a canvas).
 * Colours are paired with labels and values, never the only carrier of meaning.
 */
import type { Overview, Trend, UnitRanking } from './api';
import { leaderMessages as m } from '../messages/leader';

const RED = '#c8161d';
const BLUE = '#2f6fb2';
const GREY = '#5c5f66';
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
/** Unit names without the part they all share (临江市江东区…), cut to fit the axis. */
function shortNames(names: string[]): string[] {
  let prefix = names.length > 1 ? names[0]! : '';
  for (const n of names) while (prefix && !n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return names.map((n) => {
    const s = n.slice(prefix.length) || n;
    return s.length > 7 ? `${s.slice(0, 7)}…` : s;
  });
}

const base = {
  animation: false,
  textStyle: { fontSize: 12, color: '#1a1a1a' },
  tooltip: { trigger: 'axis', confine: true },
};

export function trendOption(trend: Trend) {
  const x = trend.points.map((p) => (trend.granularity === 'day' ? p.bucket.slice(5) : p.bucket));
  const sat = trend.points.map((p) => pct(p.metrics.find((x) => x.key === 'satisfaction')?.rate ?? null));
  return {
    ...base,
    legend: { top: 0, data: [m.charts.cases, m.charts.satisfaction] },
    grid: { left: 40, right: 44, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: x, axisLabel: { color: GREY } },
    yAxis: [
      { type: 'value', name: m.charts.cases, minInterval: 1, axisLabel: { color: GREY } },
      { type: 'value', name: '%', min: 0, max: 100, axisLabel: { color: GREY } },
    ],
    series: [
      {
        name: m.charts.cases,
        type: 'bar',
        data: trend.points.map((p) => p.cases),
        itemStyle: { color: BLUE },
      },
      {
        name: m.charts.satisfaction,
        type: 'line',
        yAxisIndex: 1,
        data: sat,
        connectNulls: true,
        symbol: 'circle',
        itemStyle: { color: RED },
      },
    ],
  };
}

export function rankingOption(r: UnitRanking, top = 10) {
  const rows = r.items
    .filter((i) => i.satisfaction.rate !== null)
    .slice(0, top)
    .reverse();
  return {
    ...base,
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 48, top: 8, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: GREY } },
    yAxis: { type: 'category', data: shortNames(rows.map((i) => i.name)), axisLabel: { color: GREY } },
    series: [
      {
        name: m.charts.satisfaction,
        type: 'bar',
        data: rows.map((i) => pct(i.satisfaction.rate)),
        label: { show: true, position: 'right', formatter: '{c}%' },
        itemStyle: { color: BLUE },
      },
    ],
  };
}

export function categoryOption(o: Overview) {
  return {
    ...base,
    tooltip: { trigger: 'item', confine: true },
    legend: { bottom: 0 },
    series: [
      {
        name: m.byCategory,
        type: 'pie',
        radius: ['35%', '62%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}件 ({d}%)' },
        data: o.byCategory.filter((c) => c.count > 0).map((c) => ({ name: c.label, value: c.count })),
        color: [RED, BLUE, '#e0a100', '#3a8f5c', GREY],
      },
    ],
  };
}

export function overdueOption(r: UnitRanking, top = 10) {
  const rows = [...r.items]
    .filter((i) => i.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, top)
    .reverse();
  return {
    ...base,
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: GREY } },
    yAxis: { type: 'category', data: shortNames(rows.map((i) => i.name)), axisLabel: { color: GREY } },
    series: [
      {
        name: m.charts.overdueSeries,
        type: 'bar',
        data: rows.map((i) => i.overdue),
        label: { show: true, position: 'right' },
        itemStyle: { color: RED },
      },
    ],
  };
}

/** The units behind the overdue chart's bars, in bar order (for drill-down on tap). */
export function overdueUnits(r: UnitRanking, top = 10): string[] {
  return [...r.items]
    .filter((i) => i.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue)
    .slice(0, top)
    .reverse()
    .map((i) => i.unitId);
}
