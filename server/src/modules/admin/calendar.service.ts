import type { Connection } from 'mongoose';
import {
  CLOCK_NAMES,
  isValidChinaDate,
  refreshProvisionalDeadlines,
  validateHolidayYear,
  WorkCalendar,
  type HolidayYearData,
} from '../../domain';
import { BadRequest, NotFound } from '../../errors';
import type { CalendarYearBody, CalendarYearDto } from '../../contracts/admin';
import { caseRepository, toSnapshot } from '../cases/case.repository';
import { systemScope } from '../cases/case.scope';
import type { AuditLog } from '../audit/audit.service';
import { calendarYearModel, type CalendarYearDoc } from './admin.model';
import { canonicalJson } from '../audit/audit.service';
import { isDuplicateKey, type AdminContext, type AdminDeps } from './admin.shared';

const PACKAGE_CALENDAR = WorkCalendar.fromPackage();

const toYearData = (d: CalendarYearDoc): HolidayYearData => ({
  year: d.year,
  holidays: [...d.holidays],
  workdays: [...d.workdays],
  names: { ...(d.names ?? {}) },
  source: d.source,
});

/**
 * The working calendar the server computes deadlines with: the package's holiday data plus every year an
 * admin loaded (a loaded year replaces the package's). Years were validated when loaded; one that no longer
 * validates (edited in the database by hand) is skipped and reported through `onInvalid`, so one bad row
 * cannot stop every deadline computation — and a skipped year only makes deadlines provisional, never wrong.
 */
export async function loadCalendar(
  conn: Connection,
  opts: { onInvalid?: (year: number, errors: string[]) => void } = {},
): Promise<WorkCalendar> {
  const rows = await calendarYearModel(conn).find().sort({ year: 1 }).lean<CalendarYearDoc[]>();
  let cal = WorkCalendar.fromPackage();
  for (const row of rows) {
    const data = toYearData(row);
    const errors = validateHolidayYear(data);
    if (errors.length) {
      opts.onInvalid?.(row.year, errors);
      continue;
    }
    cal = cal.withYear(data);
  }
  return cal;
}

export interface RecomputeSummary {
  matched: number;
  updated: number;
  unchanged: number;
  conflicts: number;
}

/**
 * After `year` is loaded: every case whose stored deadlines were provisional for that year is recomputed
 * with the domain's `refreshProvisionalDeadlines`, and saved with ONE conditional update on {_id, version}
 * that also bumps the version (so a case action that read the old deadlines gets 409 and retries rather than
 * writing them back). A lost race re-reads and retries; a case already refreshed yields no change, so running
 * this again (another load of the same year, a retry after a crash) is harmless.
 */
export async function recomputeProvisionalDeadlines(
  conn: Connection,
  year: number,
  calendar: WorkCalendar,
  opts: { audit?: AuditLog; ctx?: AdminContext; now?: () => Date; maxAttempts?: number } = {},
): Promise<RecomputeSummary> {
  const repo = caseRepository(conn);
  const job = systemScope('calendar-refresh');
  const ids = await repo.provisionalFor(job, year, CLOCK_NAMES);
  const summary: RecomputeSummary = { matched: ids.length, updated: 0, unchanged: 0, conflicts: 0 };
  const now = opts.now ?? (() => new Date());

  for (const id of ids) {
    let done = false;
    for (let attempt = 0; attempt < (opts.maxAttempts ?? 5) && !done; attempt++) {
      const read = await repo.read(job, id);
      if (!read.ok) {
        done = true;
        summary.unchanged++;
        break;
      }
      const doc = read.case.doc;
      const { set, changed } = refreshProvisionalDeadlines(toSnapshot(doc), calendar);
      if (!set) {
        summary.unchanged++;
        done = true;
        break;
      }
      // {_id, version, state}: the keys of a unique index, so mongo-java-server does not scan (case.model.ts)
      if (await repo.refreshDeadlines(read.case, set.deadlines, now())) {
        summary.updated++;
        done = true;
        await opts.audit?.record({
          actor: opts.ctx?.actor ?? null,
          action: 'case.deadlines_recomputed',
          targetType: 'case',
          targetId: doc._id,
          result: 'ok',
          detail: {
            year,
            clocks: changed.map((d) => d.clock),
            stillProvisional: changed.filter((d) => d.provisional).map((d) => d.clock),
            version: doc.version + 1,
          },
          requestId: opts.ctx?.requestId,
        });
      }
    }
    if (!done) summary.conflicts++;
  }
  return summary;
}

function dto(row: CalendarYearDoc | null, year: number): CalendarYearDto {
  if (row) {
    return {
      year,
      origin: 'admin',
      holidays: [...row.holidays].sort(),
      workdays: [...row.workdays].sort(),
      names: { ...(row.names ?? {}) },
      source: row.source,
      loadedBy: row.loadedBy,
      loadedAt: new Date(row.loadedAt).toISOString(),
    };
  }
  // A package year: read it back day by day from the calendar (its tables are private to the domain).
  const holidays: string[] = [];
  const workdays: string[] = [];
  const names: Record<string, string> = {};
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const info = PACKAGE_CALENDAR.dayInfo(date);
    if (info.kind === 'holiday') holidays.push(date);
    if (info.kind === 'makeupWorkday') workdays.push(date);
    if (info.name && (info.kind === 'holiday' || info.kind === 'makeupWorkday')) names[date] = info.name;
  }
  return {
    year,
    origin: 'chinese-days',
    holidays,
    workdays,
    names,
    source: null,
    loadedBy: null,
    loadedAt: null,
  };
}

export function calendarService(deps: AdminDeps) {
  const Year = calendarYearModel(deps.conn);

  return {
    /** Which years the calendar covers, and where each year's data comes from. */
    async coverage() {
      const rows = await Year.find().lean<CalendarYearDoc[]>();
      const byYear = new Map(rows.map((r) => [r.year, r]));
      const cal = await loadCalendar(deps.conn);
      const cov = cal.coverage();
      return {
        from: cov.from,
        to: cov.to,
        fingerprint: cal.fingerprint(),
        years: cov.years.map((y) => {
          const row = byYear.get(y);
          if (row) {
            return {
              year: y,
              origin: 'admin' as const,
              holidays: row.holidays.length,
              workdays: row.workdays.length,
              source: row.source,
              loadedBy: row.loadedBy,
              loadedAt: new Date(row.loadedAt).toISOString(),
            };
          }
          const d = dto(null, y);
          return {
            year: y,
            origin: 'chinese-days' as const,
            holidays: d.holidays.length,
            workdays: d.workdays.length,
            source: null,
            loadedBy: null,
            loadedAt: null,
          };
        }),
      };
    },

    async get(year: number): Promise<CalendarYearDto> {
      const row = await Year.findOne({ year }).lean<CalendarYearDoc>();
      if (!row && !PACKAGE_CALENDAR.covers(year)) throw new NotFound(`${year}年的节假日安排尚未导入`);
      return dto(row, year);
    },

    /**
     * Loads (or replaces) one year's holiday notice, then recomputes the provisional deadlines it settles.
     * Upsert by year: the same data again changes nothing but still runs the recompute, which is how a
     * recompute interrupted by a crash is finished.
     */
    async put(
      year: number,
      body: CalendarYearBody,
      ctx: AdminContext,
    ): Promise<{ year: CalendarYearDto; changed: boolean; recompute: RecomputeSummary }> {
      const data: HolidayYearData = {
        year,
        holidays: body.holidays,
        workdays: body.workdays,
        names: body.names ?? {},
        source: body.source.trim(),
      };
      const errors = validateHolidayYear(data);
      for (const d of Object.keys(data.names ?? {})) {
        if (!isValidChinaDate(d) || !(data.holidays.includes(d) || data.workdays.includes(d))) {
          errors.push(`节日名称中的日期 ${d} 不在放假或调休日期中`);
        }
      }
      if (errors.length) throw new BadRequest(`节假日安排不正确：${errors.join('；')}`, { errors });

      const content = {
        holidays: [...data.holidays].sort(),
        workdays: [...data.workdays].sort(),
        names: data.names ?? {},
        source: data.source!,
      };
      const before = await Year.findOne({ year }).lean<CalendarYearDoc>();
      const changed =
        !before ||
        canonicalJson({
          holidays: [...before.holidays].sort(),
          workdays: [...before.workdays].sort(),
          names: before.names ?? {},
          source: before.source,
        }) !== canonicalJson(content);
      if (changed) {
        const update = { $set: { ...content, loadedBy: ctx.actor.userId, loadedAt: new Date() } };
        try {
          await Year.updateOne({ year }, update, { upsert: true });
        } catch (err) {
          // Two first loads of the same year at once: the loser's upsert hits the unique index; update instead.
          if (!isDuplicateKey(err)) throw err;
          await Year.updateOne({ year }, update);
        }
        await deps.audit.record({
          actor: ctx.actor,
          action: 'calendar.load',
          targetType: 'calendar_year',
          targetId: String(year),
          result: 'ok',
          detail: {
            year,
            holidays: content.holidays.length,
            workdays: content.workdays.length,
            replaced: before ? 'admin' : PACKAGE_CALENDAR.covers(year) ? 'chinese-days' : null,
          },
          requestId: ctx.requestId,
        });
      }
      const calendar = await loadCalendar(deps.conn);
      const recompute = await recomputeProvisionalDeadlines(deps.conn, year, calendar, {
        audit: deps.audit,
        ctx,
      });
      const row = await Year.findOne({ year }).lean<CalendarYearDoc>();
      return { year: dto(row, year), changed, recompute };
    },
  };
}

export type CalendarService = ReturnType<typeof calendarService>;
