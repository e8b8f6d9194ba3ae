/**
 * China calendar dates and the working-day calendar.
 *
 * Every deadline in 《信访工作条例》 is counted in China (Asia/Shanghai, fixed UTC+08:00, no daylight saving
 * since 1991). A server may run in any time zone, so nothing here uses local-time Date methods: an instant is
 * shifted by +8 h and read with the UTC getters, and a calendar date is a plain 'YYYY-MM-DD' string.
 *
 * Holiday data comes from the `chinese-days` package's published JSON (the State Council's notices,
 * 2004–2026 in 1.5.7). We read the JSON instead of calling the package's functions because those build their
 * lookup tables with local-time dates at load time: on a server west of UTC (e.g. America/Los_Angeles) every
 * holiday is shifted one day earlier. Admins can load further years (the next year's notice is published each
 * autumn, the package may lag); a loaded year replaces the package's data for that year.
 */
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

import {
  addDays,
  type ChinaDate,
  DATE_RE,
  dayNumber,
  DAY_MS,
  fromDayNumber,
  isValidChinaDate,
} from './china-date';

export { addDays, type ChinaDate, dayNumber, fromDayNumber, isValidChinaDate };

const CHINA_OFFSET_MS = 8 * 3_600_000;
const OFFSET_RE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parse an instant. A string without an offset is read as China time (never the server's local time),
 * a bare date as 00:00 China time of that date.
 */
export function parseInstant(value: string | Date): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError('无效的时间');
    return ms;
  }
  const text = value.trim();
  let ms: number;
  if (DATE_RE.test(text)) {
    ms = Date.parse(`${text}T00:00:00.000+08:00`);
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !OFFSET_RE.test(text)) {
    ms = Date.parse(`${text}+08:00`);
  } else {
    ms = Date.parse(text);
  }
  if (Number.isNaN(ms)) throw new RangeError(`无效的时间：${value}`);
  return ms;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The China calendar date of an instant. */
export function chinaDate(instant: string | Date | number): ChinaDate {
  const ms = typeof instant === 'number' ? instant : parseInstant(instant);
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO-8601 with the +08:00 offset, e.g. "2026-10-13T23:59:59.999+08:00". */
export function formatChinaInstant(instant: number | string | Date): string {
  const ms = typeof instant === 'number' ? instant : parseInstant(instant);
  const d = new Date(ms + CHINA_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+08:00`
  );
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(date: ChinaDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function yearOf(date: ChinaDate): number {
  return Number(date.slice(0, 4));
}

/** First instant of a China date. */
export function startOfChinaDay(date: ChinaDate): number {
  return dayNumber(date) * DAY_MS - CHINA_OFFSET_MS;
}

/** 《民法典》第二百零三条: a period ends at 24:00 of its last day; we store the last millisecond before it. */
export function endOfChinaDay(date: ChinaDate): string {
  return formatChinaInstant(startOfChinaDay(date) + DAY_MS - 1);
}

const WEEKDAY_CN = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export function chineseWeekday(date: ChinaDate): string {
  return WEEKDAY_CN[weekday(date)] as string;
}

/** '2026年2月14日' */
export function formatChineseDate(date: ChinaDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** '2026年2月14日 09:30' in China time. */
export function formatChineseDateTime(instant: number | string | Date): string {
  const iso = formatChinaInstant(instant);
  return `${formatChineseDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Working-day calendar
// ---------------------------------------------------------------------------------------------------------

/**
 * One year of the State Council's holiday notice (国务院办公厅关于某年部分节假日安排的通知), as an admin loads it.
 * `holidays`: every day off that the notice declares (including weekend days inside a holiday block);
 * `workdays`: the 调休 make-up working days (weekend days that are worked).
 */
export interface HolidayYearData {
  year: number;
  holidays: ChinaDate[];
  workdays: ChinaDate[];
  /** Optional holiday names by date, e.g. { '2027-02-06': '春节' }, used in explanations. */
  names?: Record<ChinaDate, string>;
  /** Where the data came from, e.g. '国办发明电〔2026〕X号'. */
  source?: string;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeupWorkday';

export interface DayInfo {
  date: ChinaDate;
  kind: DayKind;
  working: boolean;
  /** false when the year's holiday notice is not known: only weekends are then known. */
  covered: boolean;
  /** Holiday name for 'holiday' and 'makeupWorkday' days, when known. */
  name?: string;
}

export type CalendarSource = 'chinese-days' | 'admin';

export interface CalendarCoverage {
  years: number[];
  /** Earliest and latest covered year; null when nothing is covered. */
  from: number | null;
  to: number | null;
  bySource: Record<number, CalendarSource>;
}

interface YearTable {
  holidays: Map<ChinaDate, string>;
  workdays: Map<ChinaDate, string>;
  source: CalendarSource;
}

const PACKAGE_YEARS: ReadonlyMap<number, YearTable> = (() => {
  const years = new Map<number, YearTable>();
  const table = (y: number): YearTable => {
    let t = years.get(y);
    if (!t) {
      t = { holidays: new Map(), workdays: new Map(), source: 'chinese-days' };
      years.set(y, t);
    }
    return t;
  };
  // Names look like "Spring Festival,春节,4": English, Chinese, an index.
  const cn = (raw: string): string => raw.split(',')[1] ?? raw;
  for (const [date, name] of Object.entries(packageData.holidays as Record<string, string>)) {
    table(yearOf(date)).holidays.set(date, cn(name));
  }
  for (const [date, name] of Object.entries(packageData.workdays as Record<string, string>)) {
    table(yearOf(date)).workdays.set(date, cn(name));
  }
  return years;
})();

/** Problems with an admin-supplied year, in Chinese; empty when valid. */
export function validateHolidayYear(data: HolidayYearData): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(data.year) || data.year < 1949 || data.year > 2200) {
    errors.push(`年份无效：${String(data.year)}`);
    return errors;
  }
  if (!Array.isArray(data.holidays) || data.holidays.length === 0) {
    errors.push(`${data.year}年节假日安排至少应包含一个放假日期（元旦每年放假）`);
  }
  if (!Array.isArray(data.workdays)) errors.push('调休上班日期必须是列表（可为空）');
  const seen = new Set<string>();
  const check = (list: unknown, label: string): void => {
    if (!Array.isArray(list)) return;
    for (const d of list) {
      if (typeof d !== 'string' || !isValidChinaDate(d)) {
        errors.push(`${label}中的日期无效：${String(d)}`);
        continue;
      }
      if (yearOf(d) !== data.year) errors.push(`${label}中的日期 ${d} 不属于${data.year}年`);
      if (seen.has(d)) errors.push(`日期 ${d} 重复出现`);
      seen.add(d);
    }
  };
  check(data.holidays, '放假日期');
  check(data.workdays, '调休上班日期');
  if (Array.isArray(data.workdays)) {
    for (const d of data.workdays) {
      if (typeof d === 'string' && isValidChinaDate(d) && weekday(d) !== 0 && weekday(d) !== 6) {
        errors.push(`调休上班日 ${d} 是${chineseWeekday(d)}，本来就是工作日，数据可能有误`);
      }
    }
  }
  return errors;
}

/**
 * The working-day calendar. Immutable: `withYear` returns a new calendar, so a deadline computed with one
 * calendar can be compared with the result under the extended one (see `needsRecomputation`).
 */
export class WorkCalendar {
  private readonly admin: ReadonlyMap<number, YearTable>;
  private readonly usePackage: boolean;

  private constructor(admin: ReadonlyMap<number, YearTable>, usePackage: boolean) {
    this.admin = admin;
    this.usePackage = usePackage;
  }

  /** The default calendar: chinese-days data only. */
  static fromPackage(): WorkCalendar {
    return new WorkCalendar(new Map(), true);
  }

  /** Package data plus admin-loaded years (loaded years replace the package's for the same year). */
  static fromYears(years: HolidayYearData[], options: { includePackage?: boolean } = {}): WorkCalendar {
    let cal = new WorkCalendar(new Map(), options.includePackage ?? true);
    for (const y of years) cal = cal.withYear(y);
    return cal;
  }

  /** A calendar with this year's notice loaded. Throws RangeError (Chinese message) on invalid data. */
  withYear(data: HolidayYearData): WorkCalendar {
    const errors = validateHolidayYear(data);
    if (errors.length > 0) throw new RangeError(errors.join('；'));
    const table: YearTable = { holidays: new Map(), workdays: new Map(), source: 'admin' };
    for (const d of data.holidays) table.holidays.set(d, data.names?.[d] ?? '节假日');
    for (const d of data.workdays) table.workdays.set(d, data.names?.[d] ?? '调休');
    const next = new Map(this.admin);
    next.set(data.year, table);
    return new WorkCalendar(next, this.usePackage);
  }

  private table(year: number): YearTable | undefined {
    return this.admin.get(year) ?? (this.usePackage ? PACKAGE_YEARS.get(year) : undefined);
  }

  covers(year: number): boolean {
    return this.table(year) !== undefined;
  }

  coverage(): CalendarCoverage {
    const bySource: Record<number, CalendarSource> = {};
    if (this.usePackage) for (const y of PACKAGE_YEARS.keys()) bySource[y] = 'chinese-days';
    for (const y of this.admin.keys()) bySource[y] = 'admin';
    const years = Object.keys(bySource)
      .map(Number)
      .sort((a, b) => a - b);
    return { years, from: years[0] ?? null, to: years[years.length - 1] ?? null, bySource };
  }

  /** Changes whenever the covered data changes; store it with a deadline to detect stale computations. */
  fingerprint(): string {
    const parts: string[] = [];
    for (const y of this.coverage().years) {
      const t = this.table(y) as YearTable;
      parts.push(
        `${y}:${t.source}:${[...t.holidays.keys()].sort().join(',')}|${[...t.workdays.keys()].sort().join(',')}`,
      );
    }
    // FNV-1a, enough to tell two data sets apart; not a security hash.
    let h = 0x811c9dc5;
    const text = parts.join(';');
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    const cov = this.coverage();
    return `${cov.from ?? '-'}..${cov.to ?? '-'}#${h.toString(16)}`;
  }

  dayInfo(date: ChinaDate): DayInfo {
    const wd = weekday(date);
    const weekend = wd === 0 || wd === 6;
    const t = this.table(yearOf(date));
    if (!t) return { date, kind: weekend ? 'weekend' : 'workday', working: !weekend, covered: false };
    const makeup = t.workdays.get(date);
    if (makeup !== undefined)
      return { date, kind: 'makeupWorkday', working: true, covered: true, name: makeup };
    const holiday = t.holidays.get(date);
    if (holiday !== undefined) return { date, kind: 'holiday', working: false, covered: true, name: holiday };
    return { date, kind: weekend ? 'weekend' : 'workday', working: !weekend, covered: true };
  }

  isWorkingDay(date: ChinaDate): boolean {
    return this.dayInfo(date).working;
  }
}

let defaultCalendar: WorkCalendar | undefined;

/** The default calendar (chinese-days data). */
export function getDefaultCalendar(): WorkCalendar {
  defaultCalendar ??= WorkCalendar.fromPackage();
  return defaultCalendar;
}

/** Weekends and statutory holidays are rest days; 调休 make-up days are working days. */
export function isWorkingDay(date: ChinaDate, calendar: WorkCalendar = getDefaultCalendar()): boolean {
  return calendar.isWorkingDay(date);
}

/** A human description of a rest day: '星期六' or '春节假期'. */
export function describeDay(info: DayInfo): string {
  switch (info.kind) {
    case 'holiday':
      return `${info.name ?? '节假日'}假期`;
    case 'makeupWorkday':
      return `${info.name ?? ''}调休上班日`;
    case 'weekend':
      return `${chineseWeekday(info.date)}，休息日`;
    default:
      return chineseWeekday(info.date);
  }
}
