import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  earliestFrom,
  isValidChinaDate,
  latestTo,
  MAX_PERIOD,
  type PeriodGranularity,
  periodLength,
  periodProblem,
} from '../../src/domain';

/** Any China date from 1990 to 2089. */
const date = fc.integer({ min: 0, max: 36_524 }).map((n) => addDays('1990-01-01', n));
const granularity = fc.constantFrom<PeriodGranularity>('day', 'month');

describe('statistical periods: real China dates, bounded by granularity (领导看板, 第四十一条 报告)', () => {
  it('only real calendar dates are dates: no 13th month, no 30 February, 29 February in leap years only', () => {
    for (const d of ['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31'])
      expect(isValidChinaDate(d)).toBe(true);
    for (const d of [
      '2026-13-45',
      '2026-02-30',
      '2025-02-29',
      '1900-02-29',
      '2026-00-10',
      '2026-1-1',
      '26-01-01',
    ])
      expect(isValidChinaDate(d)).toBe(false);
    expect(periodProblem({ from: '2026-13-45', to: '2026-12-31' }, 'month')).toEqual({
      field: 'from',
      message: '开始日期“2026-13-45”不是有效的日期，请按“年-月-日”填写真实存在的日期',
    });
    expect(periodProblem({ to: '2026-02-30' }, 'day')?.field).toBe('to');
  });

  it('from is not after to', () => {
    expect(periodProblem({ from: '2026-03-01', to: '2026-02-28' }, 'month')?.message).toBe(
      '开始日期不能晚于结束日期',
    );
    expect(periodProblem({ from: '2026-03-01', to: '2026-03-01' }, 'day')).toBeNull();
  });

  it('by day at most 366 days; by month at most 120 calendar months', () => {
    expect(MAX_PERIOD).toEqual({ day: 366, month: 120 });
    expect(periodProblem({ from: '2024-01-01', to: '2024-12-31' }, 'day')).toBeNull();
    expect(periodProblem({ from: '2024-01-01', to: '2025-01-01' }, 'day')?.message).toBe(
      '按日统计的期间最长 366 天（所选期间 367 天），请缩短期间或按月查看',
    );
    // 120 months touched: 2016-02 … 2026-01, whatever the days at the ends.
    expect(periodLength('2016-02-29', '2026-01-01', 'month')).toBe(120);
    expect(periodProblem({ from: '2016-02-29', to: '2026-01-31' }, 'month')).toBeNull();
    expect(periodProblem({ from: '2016-01-31', to: '2026-01-01' }, 'month')?.message).toBe(
      '统计期间最长 120 个月（10 年；所选期间跨 121 个月），请缩短期间',
    );
    expect(periodProblem({ from: '1000-01-01', to: '9999-12-31' }, 'day')?.field).toBe('to');
    expect(periodProblem({ from: '1000-01-01', to: '9999-12-31' }, 'month')?.field).toBe('to');
    // An open end is filled by the reader and checked then.
    expect(periodProblem({ from: '1000-01-01' }, 'day')).toBeNull();
  });

  it('earliestFrom / latestTo are exactly the ends of the longest period a picker may offer', () => {
    fc.assert(
      fc.property(date, granularity, (d, g) => {
        const from = earliestFrom(d, g);
        const to = latestTo(d, g);
        expect(periodProblem({ from, to: d }, g)).toBeNull();
        expect(periodProblem({ from: addDays(from, -1), to: d }, g)).not.toBeNull();
        expect(periodProblem({ from: d, to }, g)).toBeNull();
        expect(periodProblem({ from: d, to: addDays(to, 1) }, g)).not.toBeNull();
      }),
    );
    expect(earliestFrom('2026-12-03', 'month')).toBe('2017-01-01');
    expect(latestTo('2017-01-15', 'month')).toBe('2026-12-31');
    expect(latestTo('2024-02-29', 'day')).toBe('2025-02-28');
  });
});
