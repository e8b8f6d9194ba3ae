import { chinaDay } from '../utils/dates';
import { earliestFrom, latestTo } from '../../server/src/domain/periods';

export type PeriodKind = 'week' | 'month' | 'quarter' | 'year' | 'custom';
export const PERIOD_KINDS: PeriodKind[] = ['week', 'month', 'quarter', 'year', 'custom'];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The China date (YYYY-MM-DD) of an instant. */
export function chinaToday(now: Date = new Date()): string {
  const d = chinaDay(now)!;
  return iso(d.year, d.month, d.day);
}

/**
 * 本周 / 本月 / 本季度 / 本年 up to today, in China dates (a week starts on Monday, as Chinese calendars do).
 */
export function periodRange(
  kind: Exclude<PeriodKind, 'custom'>,
  now: Date = new Date(),
): {
  from: string;
  to: string;
} {
  const today = chinaDay(now)!;
  const to = iso(today.year, today.month, today.day);
  if (kind === 'year') return { from: iso(today.year, 1, 1), to };
  if (kind === 'quarter') return { from: iso(today.year, Math.floor((today.month - 1) / 3) * 3 + 1, 1), to };
  if (kind === 'month') return { from: iso(today.year, today.month, 1), to };
  const t = Date.UTC(today.year, today.month - 1, today.day);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(t - dow * 86_400_000);
  return { from: iso(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()), to };
}

/** Days between two China dates, inclusive. */
export function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * What the custom period's date pickers offer: never a period the server refuses. The figures are read by
 * month (the trend by day only up to two months, `trendGranularity`), so the domain's month bound applies
 * (server/src/domain/periods.ts: at most 120 calendar months), and `from` never passes `to`.
 */
export function customPickerBounds(p: { from: string; to: string }): {
  from: { start: string; end: string };
  to: { start: string; end: string };
} {
  return {
    from: { start: earliestFrom(p.to, 'month'), end: p.to },
    to: { start: p.from, end: latestTo(p.from, 'month') },
  };
}

/** Trends by day up to two months, by month beyond. */
export function trendGranularity(from: string, to: string): 'day' | 'month' {
  return spanDays(from, to) <= 62 ? 'day' : 'month';
}

/** A metric rate as shown: `85.0%`, or the no-data text. */
export function formatRate(rate: number | null, none: string): string {
  return rate === null ? none : `${(rate * 100).toFixed(1)}%`;
}
