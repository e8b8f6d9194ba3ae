import { describe, expect, it } from 'vitest';
import { periodRange, spanDays, trendGranularity } from './period';
import { rankingOption } from './chart-options';

// 2026-11-24 00:30 in China is still 2026-11-23 in UTC: periods follow the China date.
const now = new Date('2026-11-23T16:30:00Z');

describe('leader periods (China dates)', () => {
  it('本周 starts on Monday, 本月/本季度/本年 on their first day, all up to today', () => {
    expect(periodRange('week', now)).toEqual({ from: '2026-11-23', to: '2026-11-24' });
    expect(periodRange('month', now)).toEqual({ from: '2026-11-01', to: '2026-11-24' });
    expect(periodRange('quarter', now)).toEqual({ from: '2026-10-01', to: '2026-11-24' });
    expect(periodRange('year', now)).toEqual({ from: '2026-01-01', to: '2026-11-24' });
    expect(periodRange('week', new Date('2026-11-22T04:00:00Z'))).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
    });
  });

  it('trends by day up to two months, by month beyond', () => {
    expect(spanDays('2026-11-01', '2026-11-30')).toBe(30);
    expect(trendGranularity('2026-10-01', '2026-11-24')).toBe('day');
    expect(trendGranularity('2026-01-01', '2026-11-24')).toBe('month');
  });

  it('unit ranking chart drops the shared name prefix and unrated units', () => {
    const metric = (rate: number | null) => ({
      key: 'satisfaction',
      label: '满意率',
      numerator: 0,
      denominator: 0,
      rate,
      formula: '',
    });
    const opt = rankingOption({
      items: [
        {
          rank: 1,
          unitId: 'a',
          name: '临江市江东区住房和城乡建设局',
          cases: 3,
          overdue: 0,
          satisfaction: metric(0.9),
          onTimeClosure: metric(1),
        },
        {
          rank: 2,
          unitId: 'b',
          name: '临江市江东区人社局',
          cases: 2,
          overdue: 1,
          satisfaction: metric(0.5),
          onTimeClosure: metric(0),
        },
        {
          rank: 3,
          unitId: 'c',
          name: '临江市江东区信访局',
          cases: 1,
          overdue: 0,
          satisfaction: metric(null),
          onTimeClosure: metric(null),
        },
      ],
    });
    expect(opt.yAxis.data).toEqual(['人社局', '住房和城乡建设…']);
    expect(opt.series[0]!.data).toEqual([50, 90]);
  });
});
