import { messages } from '../messages';

/**
 * Dates as the law counts them: in China time (Asia/Shanghai, UTC+8, no daylight saving), whatever the
 * phone's own time zone. The server sends instants with their offset (`2026-12-08T23:59:59.999+08:00`) and
 * calendar days as `YYYY-MM-DD`.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface ChinaDay {
  year: number;
  month: number;
  day: number;
}

function shifted(instant: string | Date): Date | null {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return Number.isNaN(ms) ? null : new Date(ms + CHINA_OFFSET_MS);
}

/** The China calendar day an instant falls on; a bare `YYYY-MM-DD` is taken as that day. */
export function chinaDay(value: string | Date): ChinaDay | null {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }
  const d = shifted(value);
  return d ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() } : null;
}

/** `12月8日`, with the year when it is not the current year (`2027年1月5日`). */
export function formatChinaDate(value: string | Date, now: Date = new Date()): string {
  const d = chinaDay(value);
  if (!d) return '';
  const thisYear = chinaDay(now)?.year;
  return d.year === thisYear ? `${d.month}月${d.day}日` : `${d.year}年${d.month}月${d.day}日`;
}

/** `2026年11月23日 21:03` (China time). */
export function formatChinaDateTime(value: string | Date): string {
  const d = shifted(value);
  if (!d) return '';
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

/** "X月X日前": a period ends at 24:00 of its last day, so the due day itself still counts. */
export function formatDue(due: string, now: Date = new Date()): string {
  const date = formatChinaDate(due, now);
  return date ? messages.deadline.due(date) : '';
}

function dayNumber(d: ChinaDay): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

/** Whole China calendar days from today to the due day: 0 = due today, negative = days overdue. */
export function daysUntil(due: string, now: Date = new Date()): number | null {
  const end = chinaDay(due);
  const today = chinaDay(now);
  if (!end || !today) return null;
  return dayNumber(end) - dayNumber(today);
}

export type DueUrgency = 'overdue' | 'today' | 'soon' | 'later';

export interface DueInfo {
  /** "12月8日前" */
  dateText: string;
  /** "还有3天" / "今天到期" / "已超期2天" */
  remainingText: string;
  urgency: DueUrgency;
  overdue: boolean;
}

/** Days left at which a due date counts as close. */
export const SOON_DAYS = 3;

/**
 * How a due date reads to a resident. `overdue` from the server wins (it knows the exact instant); the
 * text is computed from China calendar days.
 */
export function describeDue(due: string, now: Date = new Date(), overdueFlag?: boolean): DueInfo {
  const days = daysUntil(due, now);
  const past = Date.parse(due) < now.getTime();
  const overdue = overdueFlag ?? past;
  const m = messages.deadline;
  let urgency: DueUrgency;
  let remainingText: string;
  if (overdue) {
    urgency = 'overdue';
    remainingText = m.overdueDays(Math.max(1, -(days ?? 0)));
  } else if (days === 0) {
    urgency = 'today';
    remainingText = m.dueToday;
  } else {
    urgency = days !== null && days <= SOON_DAYS ? 'soon' : 'later';
    remainingText = m.daysLeft(Math.max(days ?? 0, 0));
  }
  return { dateText: formatDue(due, now), remainingText, urgency, overdue };
}
