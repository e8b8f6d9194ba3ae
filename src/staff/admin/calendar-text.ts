/**
 * The calendar form's text: one date or one range of dates per line, optionally followed by the holiday's
 * name, as an administrator copies them from the State Council's notice ("2027-02-06~2027-02-12 春节").
 * Only the shape is read here; whether the year's data is coherent (weekends, overlaps, names) is the
 * server's `validateHolidayYear`, whose refusal the form shows as it is.
 */

export interface DateLines {
  dates: string[];
  names: Record<string, string>;
  /** Line numbers (1-based) with their text, for lines that are not a date or a range. */
  invalid: { line: number; text: string }[];
  /** Line numbers with a date outside the expected year. */
  outside: number[];
}

const DATE = String.raw`(\d{4})-(\d{1,2})-(\d{1,2})`;
const LINE = new RegExp(String.raw`^${DATE}(?:\s*(?:~|～|至|到|—|--)\s*${DATE})?(?:\s+(\S.{0,19}))?$`);
const DAY_MS = 86_400_000;
/** A range longer than this is a typo, not a holiday. */
const MAX_RANGE_DAYS = 31;

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** UTC midnight of a real calendar date, or null (2027-02-30 is not a date). */
function dayOf(y: string, m: string, d: string): number | null {
  const t = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(t);
  return back.getUTCFullYear() === Number(y) &&
    back.getUTCMonth() === Number(m) - 1 &&
    back.getUTCDate() === Number(d)
    ? t
    : null;
}

export function parseDateLines(text: string, year?: number): DateLines {
  const dates = new Set<string>();
  const names: Record<string, string> = {};
  const invalid: DateLines['invalid'] = [];
  const outside: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().replace(/[，,；;。]+$/, '');
    if (!line) return;
    const m = LINE.exec(line);
    const from = m ? dayOf(m[1]!, m[2]!, m[3]!) : null;
    const to = m && m[4] ? dayOf(m[4], m[5]!, m[6]!) : from;
    if (!m || from === null || to === null || to < from || (to - from) / DAY_MS >= MAX_RANGE_DAYS) {
      invalid.push({ line: i + 1, text: line.slice(0, 40) });
      return;
    }
    const name = m[7]?.trim();
    for (let t = from; t <= to; t += DAY_MS) {
      const date = iso(t);
      if (year !== undefined && new Date(t).getUTCFullYear() !== year) {
        if (!outside.includes(i + 1)) outside.push(i + 1);
        continue;
      }
      dates.add(date);
      if (name) names[date] = name;
    }
  });
  return { dates: [...dates].sort(), names, invalid, outside };
}

/** The other way round, for a year used as a template: consecutive dates with one name become one range. */
export function formatDateLines(dates: readonly string[], names: Record<string, string>): string {
  const sorted = [...new Set(dates)].sort();
  const lines: string[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i];
    const next =
      cur !== undefined &&
      Date.parse(`${cur}T00:00:00Z`) - Date.parse(`${prev}T00:00:00Z`) === DAY_MS &&
      (names[cur] ?? '') === (names[prev] ?? '');
    if (next) continue;
    const first = sorted[start]!;
    const name = names[first] ? ` ${names[first]}` : '';
    lines.push(first === prev ? `${first}${name}` : `${first}~${prev}${name}`);
    start = i;
  }
  return lines.join('\n');
}
