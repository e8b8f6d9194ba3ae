import type { Connection } from 'mongoose';
import {
  formatChinaInstant,
  formatChineseDate,
  isOverdue,
  overdueDeadlines,
  parseInstant,
  TERMINAL_STATES,
  type UnitTree,
} from '../domain';
import type { CaseAlert, CaseDoc, OutboxItem } from '../modules/cases/case.model';
import { caseRepository, toSnapshot, type SweptCase } from '../modules/cases/case.repository';
import { systemScope } from '../modules/cases/case.scope';

const SWEEPER = systemScope('deadline-sweeper');

/** A running deadline due within this window raises a 期限预警 (dueSoon) alert. */
export const DUE_SOON_MS = 3 * 86_400_000;

export interface SweepResult {
  scanned: number;
  /** Alerts raised by this sweep (each (clock, level, due) of a case is raised once, ever). */
  alerts: number;
  outboxItems: number;
}

const sameAlert = (a: CaseAlert, b: Pick<CaseAlert, 'clock' | 'level' | 'due'>) =>
  a.clock === b.clock && a.level === b.level && a.due === b.due;

/**
 * Raises 期限预警 / 超期 alerts. Reads open cases whose `nextDue` falls before now + 3 days (the
 * {state, nextDue} index), asks the domain which running deadlines are due by then — `overdueDeadlines`
 * evaluated at the horizon, so the duty-vs-right rules and the "owing unit + 首接单位" recipients stay in
 * the domain — and splits them into overdue (past due now) and dueSoon.
 *
 * The alerts a case owes are pushed, with their outbox items, by ONE conditional update on
 * {_id, version, alertSeq} that also increments `alertSeq`: it applies only if the case has not changed
 * (`version`: no transition, extension or deadline recomputation since the read — so the deadlines judged
 * are still the stored ones) and no other sweeper has pushed alerts since the read (`alertSeq`). A miss
 * re-reads the case by `_id` and judges again. Run twice, or on two instances at once, every alert is raised
 * once. An alert is keyed by (clock, level, due): an extension or a hearing pause moves `due`, and the new
 * date is worth its own warning. The case version is not bumped: alerts are not a state change, so a sweep
 * never makes a clerk's concurrent action fail with 409.
 *
 * Why this filter: mongo-java-server serves a filter from an index only when its keys equal a unique
 * index's keys exactly (see bench/index-probe.bench.ts); the unique index on {_id, version, alertSeq} makes
 * this write an index lookup there, while the old filter (`_id` plus "no equal alert yet" with
 * `$not/$elemMatch`) scanned every case — 330 ms per alert at 100,000 cases.
 *
 * Recipients (DOMAIN.md §4.2): the owing unit, and the 首接单位, which is alerted on every miss even
 * after it transferred the case. Overdue items are flagged for the unit head.
 */
export async function sweepDeadlines(
  conn: Connection,
  now: Date,
  units: UnitTree,
  opts: { batch?: number } = {},
): Promise<SweepResult> {
  const horizon = formatChinaInstant(now.getTime() + DUE_SOON_MS);
  const result: SweepResult = { scanned: 0, alerts: 0, outboxItems: 0 };
  // ONE query over every due case, read through a cursor in batches (not pages: each page would be another
  // scan of every open case on mongo-java-server, and a `limit` without paging would return the same first
  // cases forever, since alerted cases stay due until they close). Only what the judgement reads is fetched.
  // nextDue is an ISO instant with +08:00, like horizon: they compare as strings.
  const cases = caseRepository(conn).dueForAlerts(SWEEPER, horizon, opts.batch ?? 2000);
  for await (const doc of cases) {
    result.scanned++;
    const r = await raiseAlerts(conn, doc, now, units);
    result.alerts += r.alerts;
    result.outboxItems += r.outboxItems;
  }
  return result;
}

/** The alerts `doc` owes at `now` that it does not carry yet, with their outbox items. */
function owedAlerts(doc: SweptCase, now: Date, units: UnitTree) {
  const alerts: CaseAlert[] = [];
  const items: OutboxItem[] = [];
  if ((TERMINAL_STATES as readonly string[]).includes(doc.state)) return { alerts, items };
  const nowIso = formatChinaInstant(now);
  const horizon = formatChinaInstant(now.getTime() + DUE_SOON_MS);
  const existing = doc.alerts ?? [];
  for (const due of overdueDeadlines(toSnapshot(doc as CaseDoc), horizon, units)) {
    const rec = due.record;
    const level: CaseAlert['level'] = isOverdue(rec.due, now) ? 'overdue' : 'dueSoon';
    const alert: CaseAlert = { clock: rec.clock, level, due: rec.due, at: nowIso };
    if (existing.some((a) => sameAlert(a, alert))) continue;

    const owner = units.name(rec.unitId);
    const base =
      level === 'overdue'
        ? due.message
        : `${owner}的${rec.label}将于${formatChineseDate(rec.lastDay)}届满（${rec.article}），请抓紧办理。`;
    const dueMs = parseInstant(rec.due);
    alerts.push(alert);
    for (const unitId of due.alertUnitIds) {
      const firstReceiverOnly = unitId === doc.firstReceiver?.unitId && unitId !== rec.unitId;
      items.push({
        id: `${doc._id}:alert:${rec.clock}:${level}:${dueMs}:${unitId}`,
        at: nowIso,
        audience: 'unit',
        unitId,
        message: firstReceiverOnly ? `${base}贵单位为首接单位，请跟踪督办。` : base,
        caseNumber: doc.number,
        kind: 'deadlineAlert',
        forUnitHead: level === 'overdue',
      });
    }
  }
  return { alerts, items };
}

/** A conditional write that misses this often in a row means constant churn on one case: next sweep. */
const MAX_ATTEMPTS = 5;

/**
 * Pushes the alerts one case owes at `now` in one conditional update. `doc` may be stale (read before
 * another sweeper or a clerk wrote): the update's filter, not this read, is what prevents a duplicate or an
 * alert on a deadline that has since stopped or moved; on a miss the case is read again by `_id`.
 */
export async function raiseAlerts(
  conn: Connection,
  doc: SweptCase,
  now: Date,
  units: UnitTree,
): Promise<Pick<SweepResult, 'alerts' | 'outboxItems'>> {
  const repo = caseRepository(conn);
  let current: SweptCase | null = doc;
  for (let attempt = 0; current && attempt < MAX_ATTEMPTS; attempt++) {
    const { alerts, items } = owedAlerts(current, now, units);
    if (!alerts.length) break;
    // keys exactly those of the unique index {_id, version, alertSeq}
    if (await repo.pushAlerts(SWEEPER, current, alerts, items)) {
      return { alerts: alerts.length, outboxItems: items.length };
    }
    current = await repo.sweptById(SWEEPER, current._id);
  }
  return { alerts: 0, outboxItems: 0 };
}
