/**
 * The clocks of a case: starting one from the case's rule profile, recomputing stored deadlines when the
 * calendar grows, and the overdue alerts the sweeper raises.
 */
import { formatChineseDate, getDefaultCalendar, parseInstant } from './calendar';
import type { WorkCalendar } from './calendar';
import type { CaseSnapshot, DeadlineRecord, DecisionContext } from './case-model';
import {
  computeDeadlineDetailed,
  describeLimit,
  isOverdue,
  type Limit,
  needsRecomputation,
} from './deadline';
import {
  type ClockName,
  type ProfileSettings,
  resolveClock,
  RIGHT_WINDOW_CLOCKS,
  ruleLines,
} from './profiles';
import type { UnitTree } from './units';

export function settingsOf(ctx: DecisionContext): ProfileSettings {
  return { ...ctx.profile.settings, ...(ctx.config ?? {}) };
}

export function calendarOf(ctx: DecisionContext): WorkCalendar {
  return ctx.calendar ?? getDefaultCalendar();
}

/**
 * A clock's period and article as a message states them: from the case's own record of the clock when it has
 * one (it was started under the case's profile), else from the profile — "30日内", "5个工作日内", "24小时内".
 * DOMAIN.md §8: no limit is written into a message by hand.
 */
export function periodOf(
  ctx: DecisionContext,
  clock: ClockName,
  record?: DeadlineRecord | null,
): { within: string; article: string } {
  const rule = record ?? resolveClock(ctx.profile, clock, []);
  return {
    within: rule ? `${describeLimit(rule.limit)}内` : '在规定期限内',
    article: rule?.article ?? ctx.profile.source,
  };
}

export interface StartOptions {
  variants?: readonly (string | null | undefined)[];
  from: string;
  unitId: string | null;
  limit?: Limit;
  startEvent?: string;
  extraRuleLines?: string[];
  pauses?: { from: string; to: string }[];
}

export function startClock(ctx: DecisionContext, clock: ClockName, o: StartOptions): DeadlineRecord | null {
  const rule = resolveClock(ctx.profile, clock, o.variants ?? []);
  if (!rule) return null;
  const limit = o.limit ?? rule.limit;
  const startEvent = o.startEvent ?? rule.startEvent;
  const ruleExplanation = [...ruleLines({ ...rule, limit, startEvent }), ...(o.extraRuleLines ?? [])];
  return computeRecord(
    {
      clock,
      label: rule.label,
      article: rule.article,
      statutory: rule.statutory,
      unitId: o.unitId,
      startedAt: o.from,
      startEvent,
      limit,
      pauses: o.pauses ?? [],
      ruleExplanation,
    },
    calendarOf(ctx),
  );
}

type RecordSeed = Pick<
  DeadlineRecord,
  | 'clock'
  | 'label'
  | 'article'
  | 'statutory'
  | 'unitId'
  | 'startedAt'
  | 'startEvent'
  | 'limit'
  | 'pauses'
  | 'ruleExplanation'
>;

export function computeRecord(seed: RecordSeed, calendar: WorkCalendar): DeadlineRecord {
  const d = computeDeadlineDetailed(
    { from: seed.startedAt, limit: seed.limit, pauses: seed.pauses },
    calendar,
  );
  // Copy the seed fields one by one: callers pass whole records, whose status fields must not leak through.
  return {
    clock: seed.clock,
    label: seed.label,
    article: seed.article,
    statutory: seed.statutory,
    unitId: seed.unitId,
    startedAt: seed.startedAt,
    startEvent: seed.startEvent,
    limit: seed.limit,
    pauses: seed.pauses,
    ruleExplanation: seed.ruleExplanation,
    due: d.due,
    lastDay: d.lastDay,
    provisional: d.provisional,
    provisionalYears: d.uncoveredYears,
    explanation: [...seed.ruleExplanation, ...d.explanation],
    calendarFingerprint: d.calendarFingerprint,
    status: 'running',
  };
}

/** Recompute a stored deadline with a (newer) calendar, keeping its status. */
export function recomputeDeadline(
  record: DeadlineRecord,
  calendar: WorkCalendar = getDefaultCalendar(),
): DeadlineRecord {
  const fresh = computeRecord(record, calendar);
  const { status, pausedSince, stoppedAt, stopReason } = record;
  const next: DeadlineRecord = { ...fresh, status };
  if (pausedSince !== undefined) next.pausedSince = pausedSince;
  if (stoppedAt !== undefined) {
    next.stoppedAt = stoppedAt;
    if (stopReason !== undefined) next.stopReason = stopReason;
    if (record.metOnTime !== undefined) next.metOnTime = parseInstant(stoppedAt) <= parseInstant(fresh.due);
  }
  return next;
}

/**
 * After the calendar grows (e.g. an admin loads next year's notice), recompute the case's provisional
 * running deadlines. Returns the changed records and the `$set` to apply (null when nothing changed).
 */
export function refreshProvisionalDeadlines(
  c: CaseSnapshot,
  calendar: WorkCalendar = getDefaultCalendar(),
): { changed: DeadlineRecord[]; set: Pick<CaseSnapshot, 'deadlines'> | null } {
  const deadlines = { ...c.deadlines };
  const changed: DeadlineRecord[] = [];
  for (const [name, rec] of Object.entries(c.deadlines) as [ClockName, DeadlineRecord][]) {
    if (rec.status === 'stopped' || !needsRecomputation(rec, calendar)) continue;
    const next = recomputeDeadline(rec, calendar);
    deadlines[name] = next;
    changed.push(next);
  }
  return { changed, set: changed.length > 0 ? { deadlines } : null };
}

// ---------------------------------------------------------------------------------------------------------
// Overdue alerts (the sweeper)
// ---------------------------------------------------------------------------------------------------------

export interface OverdueAlert {
  clock: ClockName;
  record: DeadlineRecord;
  /** The unit that owes it plus the 首接单位 (DOMAIN.md §4 rule 2: alerted on every miss). */
  alertUnitIds: string[];
  message: string;
}

/** Running deadlines that are past due at `now` (paused clocks are not running). */
export function overdueDeadlines(c: CaseSnapshot, now: Date | string, units?: UnitTree): OverdueAlert[] {
  const nowMs = parseInstant(now);
  const out: OverdueAlert[] = [];
  for (const rec of Object.values(c.deadlines)) {
    if (!rec || rec.status !== 'running' || !isOverdue(rec.due, nowMs)) continue;
    // Objection and 复查/复核 request windows bound a right, not a duty: lapsing is not a miss.
    if (RIGHT_WINDOW_CLOCKS.includes(rec.clock)) continue;
    const ids = new Set<string>();
    if (rec.unitId) ids.add(rec.unitId);
    if (c.firstReceiver) ids.add(c.firstReceiver.unitId);
    const owner = units ? units.name(rec.unitId) : (rec.unitId ?? '');
    out.push({
      clock: rec.clock,
      record: rec,
      alertUnitIds: [...ids],
      message: `${owner}的${rec.label}已于${formatChineseDate(rec.lastDay)}届满（${rec.article}）。`,
    });
  }
  return out;
}
