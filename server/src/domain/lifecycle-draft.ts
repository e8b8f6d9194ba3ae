/**
 * The draft a decision is worked out on: a copy of the case, the clocks started and stopped, the notices and
 * the summary. Handlers (lifecycle-intake, -handling, -review, -oversight) change it; `decide` turns it into
 * the decision.
 */
import { computeDeadlineDetailed } from './deadline';
import { parseInstant } from './calendar';
import type {
  Action,
  ActionType,
  Actor,
  CaseSnapshot,
  CaseState,
  DeadlineRecord,
  DecisionContext,
  Notice,
  Refusal,
} from './case-model';
import { calendarOf, settingsOf, startClock, type StartOptions } from './lifecycle-clocks';
import type { PermissionGrant } from './permissions';
import type { ClockName } from './profiles';

export function nonEmpty(s: unknown): s is string {
  return typeof s === 'string' && s.trim().length > 0;
}

export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

export interface Draft {
  c: CaseSnapshot;
  now: string;
  nowMs: number;
  actor: Actor;
  ctx: DecisionContext;
  /** The permission grant that allowed the action (null when opening a case). */
  grant: PermissionGrant | null;
  to: CaseState;
  outcome?: string;
  started: DeadlineRecord[];
  stopped: DeadlineRecord[];
  replaced: DeadlineRecord[];
  notices: Notice[];
  summary: string;
  article?: string;
}

export function start(d: Draft, clock: ClockName, o: Omit<StartOptions, 'from'> & { from?: string }): void {
  const existing = d.c.deadlines[clock];
  if (existing && existing.status !== 'stopped') stop(d, clock, '被新的期限取代', false);
  const rec = startClock(d.ctx, clock, { ...o, from: o.from ?? d.now });
  if (!rec) return;
  d.c.deadlines[clock] = rec;
  d.started.push(rec);
}

/** Stop a running clock. `fulfilled`: the obligation the clock guards was performed now. */
export function stop(d: Draft, clock: ClockName, reason: string, fulfilled: boolean): void {
  const rec = d.c.deadlines[clock];
  if (!rec || rec.status === 'stopped') return;
  const next: DeadlineRecord = { ...rec, status: 'stopped', stoppedAt: d.now, stopReason: reason };
  delete next.pausedSince;
  if (fulfilled) next.metOnTime = d.nowMs <= parseInstant(rec.due);
  d.c.deadlines[clock] = next;
  d.stopped.push(next);
}

export function stopAll(d: Draft, reason: string, fulfilled: readonly ClockName[] = []): void {
  for (const k of Object.keys(d.c.deadlines) as ClockName[]) stop(d, k, reason, fulfilled.includes(k));
}

export function ratingDue(d: Draft): string {
  const days = settingsOf(d.ctx).ratingWindowDays;
  return computeDeadlineDetailed({ from: d.now, limit: { days } }, calendarOf(d.ctx)).due;
}

export function addToPath(c: CaseSnapshot, unitId: string): void {
  if (!c.path.includes(unitId)) c.path.push(unitId);
}

/** The clock a unit owes when a case lands there to be registered/handled directly. */
export function initialClock(d: Draft, unitId: string, startEvent?: string): void {
  const bureau = d.ctx.units.get(unitId)?.kind === '信访部门';
  if (bureau) start(d, 'route', { unitId, startEvent });
  else if (d.c.petitioner.contactClear) start(d, 'notice', { unitId, variants: ['direct'], startEvent });
}

export type Handler<A extends Action> = (d: Draft, a: A) => Refusal | void;
export type HandlerMap = { [K in ActionType]: Handler<Extract<Action, { type: K }>> };
