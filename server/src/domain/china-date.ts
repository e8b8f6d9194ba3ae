/**
 * China calendar dates as plain 'YYYY-MM-DD' labels, and the arithmetic on them. Pure and without data (the
 * holiday tables live in calendar.ts), so the client can share the same checks without shipping the tables.
 */

/** A calendar date in China, 'YYYY-MM-DD'. */
export type ChinaDate = string;

export const DAY_MS = 86_400_000;
export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** A real calendar date written 'YYYY-MM-DD': 2026-02-28 is one, 2026-02-30 and 2026-13-45 are not. */
export function isValidChinaDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

function assertDate(date: ChinaDate): void {
  if (!isValidChinaDate(date)) throw new RangeError(`无效的日期：${date}`);
}

/** Days since 1970-01-01 (a China date is a label, so UTC arithmetic on it is exact). */
export function dayNumber(date: ChinaDate): number {
  assertDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDayNumber(n: number): ChinaDate {
  const d = new Date(n * DAY_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: ChinaDate, n: number): ChinaDate {
  return fromDayNumber(dayNumber(date) + n);
}
