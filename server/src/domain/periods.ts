/**
 * Statistical periods (领导看板, 信访情况报告): China dates of receipt, from and to inclusive. A figure is read in
 * day buckets (a trend by day) or in month buckets (every other figure: whole months plus the days at the
 * ends), and the longest period is bounded by that granularity, so one request reads at most a few hundred
 * small roll-up documents: 366 days by day, 120 months (10 years) by month. The client's period picker
 * offers only what `periodProblem` accepts (src/leader/period.ts).
 */
import { addDays, type ChinaDate, dayNumber, isValidChinaDate } from './china-date';

export type PeriodGranularity = 'day' | 'month';

/** The longest period per granularity: days for 'day', calendar months touched for 'month'. */
export const MAX_PERIOD: Readonly<Record<PeriodGranularity, number>> = { day: 366, month: 120 };

const monthIndex = (date: ChinaDate) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const pad = (n: number) => String(n).padStart(2, '0');
const monthStart = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad((index % 12) + 1)}-01`;

/** The length of a period in its granularity: days (inclusive), or calendar months touched. */
export function periodLength(from: ChinaDate, to: ChinaDate, granularity: PeriodGranularity): number {
  return granularity === 'day' ? dayNumber(to) - dayNumber(from) + 1 : monthIndex(to) - monthIndex(from) + 1;
}

/** The earliest start a period ending on `to` may have. */
export function earliestFrom(to: ChinaDate, granularity: PeriodGranularity): ChinaDate {
  if (granularity === 'day') return addDays(to, 1 - MAX_PERIOD.day);
  return monthStart(monthIndex(to) - (MAX_PERIOD.month - 1));
}

/** The latest end a period starting on `from` may have. */
export function latestTo(from: ChinaDate, granularity: PeriodGranularity): ChinaDate {
  if (granularity === 'day') return addDays(from, MAX_PERIOD.day - 1);
  // the day before the first month after the longest period
  return addDays(monthStart(monthIndex(from) + MAX_PERIOD.month), -1);
}

export interface PeriodProblem {
  field: 'from' | 'to';
  message: string;
}

/**
 * Why a period cannot be read, in words for the user, or null when it can. Each date must be a real
 * calendar date ('2026-13-45' and '2026-02-30' are not), `from` not after `to`, and the period no longer than
 * MAX_PERIOD for the granularity it is read in. An open end (null) is not checked here: the reader fills it
 * (e.g. with the first date that has data) and checks the filled period again.
 */
export function periodProblem(
  period: { from?: string | null; to?: string | null },
  granularity: PeriodGranularity,
): PeriodProblem | null {
  for (const field of ['from', 'to'] as const) {
    const d = period[field];
    if (d != null && !isValidChinaDate(d)) {
      return {
        field,
        message: `${field === 'from' ? '开始' : '结束'}日期“${d}”不是有效的日期，请按“年-月-日”填写真实存在的日期`,
      };
    }
  }
  const { from, to } = period;
  if (from == null || to == null) return null;
  if (from > to) return { field: 'from', message: '开始日期不能晚于结束日期' };
  const length = periodLength(from, to, granularity);
  if (length > MAX_PERIOD[granularity]) {
    return {
      field: 'to',
      message:
        granularity === 'day'
          ? `按日统计的期间最长 ${MAX_PERIOD.day} 天（所选期间 ${length} 天），请缩短期间或按月查看`
          : `统计期间最长 ${MAX_PERIOD.month} 个月（${MAX_PERIOD.month / 12} 年；所选期间跨 ${length} 个月），请缩短期间`,
    };
  }
  return null;
}
