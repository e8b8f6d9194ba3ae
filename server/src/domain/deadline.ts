/**
 * Deadline computation (DOMAIN.md §2).
 *
 * - 《民法典》第二百零一条: the day on which the period starts is not counted; counting begins the next day.
 * - 《民法典》第二百零三条: if the last day of a period counted in days is a 法定休假日 (a weekend day or a
 *   statutory holiday that is not a 调休 make-up working day), the period ends on the first working day after
 *   it; the period ends at 24:00 of its last day (China time). We store 23:59:59.999+08:00.
 * - "N个工作日": only working days are counted (weekends and statutory holidays excluded, make-up days
 *   included), so the last day is always a working day.
 * - Hour limits (12345 profile): the due instant is `from` + N hours, running through nights and holidays.
 *
 * Pauses (《信访工作条例》第三十六条第二款: 听证所需时间不计算在前款规定的期限内) — our rule:
 * - day and working-day limits: every China date on which the clock was stopped for any part of the day is
 *   not counted (a whole-day rule). Periods are counted in whole days (第二百零一条 already drops the part-day
 *   on which the period starts); a day on which a hearing sat is not a full day available to the unit, and
 *   rounding part-days up keeps the arithmetic explainable ("3月2日至3月3日，共2日不计入"). A stopped date can
 *   also never be the last day.
 * - hour limits: the exact stopped duration is added back.
 * Either way a pause can only move the due date later, never earlier.
 */
import {
  addDays,
  type ChinaDate,
  chinaDate,
  chineseWeekday,
  dayNumber,
  describeDay,
  type DayInfo,
  endOfChinaDay,
  formatChinaInstant,
  formatChineseDate,
  formatChineseDateTime,
  fromDayNumber,
  getDefaultCalendar,
  parseInstant,
  type WorkCalendar,
  yearOf,
} from './calendar';

export type Limit = { days: number } | { workingDays: number } | { hours: number };

export interface PauseInterval {
  from: string | Date;
  to: string | Date;
}

export interface DeadlineInput {
  /** The event that starts the clock (an instant). */
  from: string | Date;
  limit: Limit;
  pauses?: PauseInterval[];
}

export interface DeadlineResult {
  /** ISO-8601 instant with +08:00 offset, e.g. "2026-10-13T23:59:59.999+08:00". */
  due: string;
  /** YYYY-MM-DD, China date (for hour limits: the China date of `due`). */
  lastDay: string;
  /** true when counting used dates the calendar does not cover. */
  provisional: boolean;
  /** Human-readable Chinese steps. */
  explanation: string[];
}

export interface DetailedDeadline extends DeadlineResult {
  /** Years whose holiday notice was missing when this was computed (empty unless provisional). */
  uncoveredYears: number[];
  /** The last day before any pause or holiday shift: start day + N (or the Nth working day without pauses). */
  nominalLastDay: string;
  /** Number of whole days (day limits) or milliseconds (hour limits) the pauses added. */
  pausedDays: number;
  pausedMs: number;
  calendarFingerprint: string;
}

export function describeLimit(limit: Limit): string {
  if ('days' in limit) return `${limit.days}日`;
  if ('workingDays' in limit) return `${limit.workingDays}个工作日`;
  return `${limit.hours}小时`;
}

export function validateLimit(limit: Limit): string | null {
  if ('days' in limit) {
    return Number.isInteger(limit.days) && limit.days >= 1 && limit.days <= 3660
      ? null
      : '日数必须是 1 以上的整数';
  }
  if ('workingDays' in limit) {
    return Number.isInteger(limit.workingDays) && limit.workingDays >= 1 && limit.workingDays <= 2600
      ? null
      : '工作日数必须是 1 以上的整数';
  }
  if ('hours' in limit) {
    return Number.isFinite(limit.hours) && limit.hours > 0 && limit.hours <= 87_600
      ? null
      : '小时数必须大于 0';
  }
  return '期限必须是日、工作日或小时之一';
}

interface NormalisedPause {
  from: number;
  to: number;
}

function normalisePauses(pauses: PauseInterval[] | undefined): NormalisedPause[] {
  const list = (pauses ?? []).map((p) => {
    const from = parseInstant(p.from);
    const to = parseInstant(p.to);
    if (to < from) throw new RangeError('计时中止的结束时间不能早于开始时间');
    return { from, to };
  });
  list.sort((a, b) => a.from - b.from);
  const merged: NormalisedPause[] = [];
  for (const p of list) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  return merged;
}

/** China dates touched (with positive duration) by the pauses. */
function pausedDates(pauses: NormalisedPause[]): Set<ChinaDate> {
  const set = new Set<ChinaDate>();
  for (const p of pauses) {
    if (p.to <= p.from) continue;
    const first = dayNumber(chinaDate(p.from));
    const last = dayNumber(chinaDate(p.to - 1));
    for (let n = first; n <= last; n++) set.add(fromDayNumber(n));
  }
  return set;
}

/** Collapse consecutive dates with the same label: "2026年2月15日至2026年2月23日（春节假期）". */
function runs(items: { date: ChinaDate; label: string }[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < items.length) {
    const start = items[i] as { date: ChinaDate; label: string };
    let j = i;
    while (
      j + 1 < items.length &&
      (items[j + 1] as { label: string }).label === start.label &&
      dayNumber((items[j + 1] as { date: ChinaDate }).date) ===
        dayNumber((items[j] as { date: ChinaDate }).date) + 1
    ) {
      j++;
    }
    const end = items[j] as { date: ChinaDate };
    const span =
      start.date === end.date
        ? formatChineseDate(start.date)
        : `${formatChineseDate(start.date)}至${formatChineseDate(end.date)}`;
    out.push(start.label ? `${span}（${start.label}）` : span);
    i = j + 1;
  }
  return out.join('、');
}

function restLabel(info: DayInfo): string {
  if (info.kind === 'holiday') return `${info.name ?? '节假日'}假期`;
  if (info.kind === 'weekend') return '周末';
  return describeDay(info);
}

function provisionalLine(years: number[]): string {
  return `${years.join('、')}年节假日安排尚未发布，本期限为暂定，发布后将自动重算（目前仅按周末计算，未计入该年的法定节假日和调休）。`;
}

function durationText(ms: number): string {
  const totalMinutes = Math.round(ms / 60_000);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h === 0) return `${m}分钟`;
  return m === 0 ? `${h}小时` : `${h}小时${m}分钟`;
}

/** computeDeadline plus the data needed to store and later recompute it. */
export function computeDeadlineDetailed(
  input: DeadlineInput,
  calendar: WorkCalendar = getDefaultCalendar(),
): DetailedDeadline {
  const limitError = validateLimit(input.limit);
  if (limitError) throw new RangeError(limitError);
  const fromMs = parseInstant(input.from);
  const pauses = normalisePauses(input.pauses);
  const limit = input.limit;

  if ('hours' in limit) return hourDeadline(fromMs, limit.hours, pauses, calendar);

  const uncovered = new Set<number>();
  const info = (date: ChinaDate): DayInfo => {
    const i = calendar.dayInfo(date);
    if (!i.covered) uncovered.add(yearOf(date));
    return i;
  };
  const startDay = chinaDate(fromMs);
  const firstCounted = addDays(startDay, 1);
  // Only dates after the start day can be paused: the start day is not counted anyway (第二百零一条).
  const paused = new Set([...pausedDates(pauses)].filter((d) => dayNumber(d) > dayNumber(startDay)));
  const explanation: string[] = [
    `起算：${formatChineseDateTime(fromMs)}（北京时间）为起算事件发生时间；依《民法典》第二百零一条，开始的当日不计入，自${formatChineseDate(firstCounted)}起算。`,
  ];

  let lastDay: ChinaDate;
  let nominalLastDay: ChinaDate;
  let pausedCount = 0;

  if ('days' in limit) {
    nominalLastDay = addDays(startDay, limit.days);
    explanation.push(
      `期限：${limit.days}日（按日历日连续计算），第${limit.days}日为${formatChineseDate(nominalLastDay)}（${chineseWeekday(nominalLastDay)}）。`,
    );
    // Count N days, skipping stopped dates.
    let d = startDay;
    const skippedPaused: ChinaDate[] = [];
    for (let counted = 0; counted < limit.days;) {
      d = addDays(d, 1);
      if (paused.has(d)) skippedPaused.push(d);
      else counted++;
    }
    pausedCount = skippedPaused.length;
    if (pausedCount > 0) {
      explanation.push(
        `计时中止：${runs(skippedPaused.map((date) => ({ date, label: '' })))}，共${pausedCount}日不计入期限，期限顺延至${formatChineseDate(d)}（${chineseWeekday(d)}）。`,
      );
    }
    // 第二百零三条: a rest day (or a stopped date) cannot be the last day.
    const first = info(d);
    if (first.working && !paused.has(d)) {
      explanation.push(`${formatChineseDate(d)}为工作日，无需顺延。`);
    } else {
      const skipped: { date: ChinaDate; label: string }[] = [];
      let cursor = d;
      for (;;) {
        const ci = info(cursor);
        if (ci.working && !paused.has(cursor)) break;
        skipped.push({ date: cursor, label: paused.has(cursor) ? '计时中止' : restLabel(ci) });
        cursor = addDays(cursor, 1);
      }
      explanation.push(
        `顺延：${formatChineseDate(d)}为法定休假日，依《民法典》第二百零三条以其后的第一个工作日为期限届满日；跳过${runs(skipped)}，顺延至${formatChineseDate(cursor)}（${chineseWeekday(cursor)}）。`,
      );
      d = cursor;
    }
    lastDay = d;
  } else {
    const n = limit.workingDays;
    explanation.push(`期限：${n}个工作日（不含周末和法定节假日，含调休上班日）。`);
    const counted: ChinaDate[] = [];
    const skipped: { date: ChinaDate; label: string }[] = [];
    let d = startDay;
    let nominal: ChinaDate | null = null;
    let workingSeen = 0;
    while (counted.length < n) {
      d = addDays(d, 1);
      const di = info(d);
      if (di.working) {
        workingSeen++;
        if (workingSeen === n) nominal = d;
      }
      if (paused.has(d)) {
        if (di.working) pausedCount++;
        skipped.push({ date: d, label: '计时中止' });
      } else if (di.working) {
        counted.push(d);
      } else {
        skipped.push({ date: d, label: restLabel(di) });
      }
    }
    nominalLastDay = nominal ?? d;
    const countedText = counted
      .map((c) => {
        const ci = calendar.dayInfo(c);
        return ci.kind === 'makeupWorkday'
          ? `${formatChineseDate(c)}（${ci.name ?? ''}调休上班）`
          : formatChineseDate(c);
      })
      .join('、');
    explanation.push(`计入的工作日：${countedText}。`);
    if (skipped.length > 0) explanation.push(`不计入：${runs(skipped)}。`);
    if (pausedCount > 0) explanation.push(`其中计时中止的工作日共${pausedCount}日，期限相应顺延。`);
    lastDay = d;
  }

  const uncoveredYears = [...uncovered].sort((a, b) => a - b);
  explanation.push(`届满：${formatChineseDate(lastDay)} 24:00（北京时间）。`);
  if (uncoveredYears.length > 0) explanation.push(provisionalLine(uncoveredYears));
  return {
    due: endOfChinaDay(lastDay),
    lastDay,
    provisional: uncoveredYears.length > 0,
    explanation,
    uncoveredYears,
    nominalLastDay,
    pausedDays: pausedCount,
    pausedMs: 0,
    calendarFingerprint: calendar.fingerprint(),
  };
}

function hourDeadline(
  fromMs: number,
  hours: number,
  pauses: NormalisedPause[],
  calendar: WorkCalendar,
): DetailedDeadline {
  const explanation: string[] = [
    `起算：${formatChineseDateTime(fromMs)}（北京时间）。`,
    `期限：${hours}小时，按小时连续计算，不因周末或节假日顺延。`,
  ];
  let remaining = Math.round(hours * 3_600_000);
  let cursor = fromMs;
  let pausedMs = 0;
  for (const p of pauses) {
    if (p.to <= cursor) continue;
    const start = Math.max(p.from, cursor);
    if (start >= cursor + remaining) break;
    remaining -= start - cursor;
    pausedMs += p.to - start;
    explanation.push(
      `计时中止：${formatChineseDateTime(start)}至${formatChineseDateTime(p.to)}，共${durationText(p.to - start)}不计入期限。`,
    );
    cursor = p.to;
  }
  const dueMs = cursor + remaining;
  const nominal = fromMs + Math.round(hours * 3_600_000);
  explanation.push(`届满：${formatChineseDateTime(dueMs)}（北京时间）。`);
  return {
    due: formatChinaInstant(dueMs),
    lastDay: chinaDate(dueMs),
    provisional: false,
    explanation,
    uncoveredYears: [],
    nominalLastDay: chinaDate(nominal),
    pausedDays: 0,
    pausedMs,
    calendarFingerprint: calendar.fingerprint(),
  };
}

/**
 * When is this deadline due?
 * `from` is the event that starts the clock; the default calendar is chinese-days data.
 */
export function computeDeadline(
  input: {
    from: string | Date;
    limit: { days: number } | { workingDays: number } | { hours: number };
    pauses?: { from: string | Date; to: string | Date }[];
  },
  calendar?: WorkCalendar,
): {
  due: string;
  lastDay: string;
  provisional: boolean;
  explanation: string[];
} {
  const d = computeDeadlineDetailed(input, calendar);
  return { due: d.due, lastDay: d.lastDay, provisional: d.provisional, explanation: d.explanation };
}

/** What a stored deadline must keep so that `needsRecomputation` can judge it. */
export interface StoredDeadlineLike {
  provisional: boolean;
  lastDay: string;
  /** Years that were uncovered at computation time (from DetailedDeadline.uncoveredYears). */
  provisionalYears?: number[];
}

/**
 * True when a provisional deadline can now be computed for real: the calendar has since been extended with
 * (some of) the years that were missing. Recompute with the same input (from, limit, pauses) and store the
 * result; the new result may still be provisional if its counting reaches a later uncovered year.
 */
export function needsRecomputation(
  stored: StoredDeadlineLike,
  calendar: WorkCalendar = getDefaultCalendar(),
): boolean {
  if (!stored.provisional) return false;
  const years =
    stored.provisionalYears && stored.provisionalYears.length > 0
      ? stored.provisionalYears
      : [yearOf(stored.lastDay)];
  return years.some((y) => calendar.covers(y));
}

/** Is `now` past the deadline? */
export function isOverdue(due: string, now: string | Date | number): boolean {
  const n = typeof now === 'number' ? now : parseInstant(now);
  return n > parseInstant(due);
}
