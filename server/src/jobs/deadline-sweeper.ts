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
import { caseModel, type CaseAlert, type CaseDoc } from '../modules/cases/case.model';
import { toSnapshot } from '../modules/cases/case.repository';
import type { OutboxItem } from '../modules/cases/case.model';

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
 * Each new alert is ONE conditional update that pushes the alert and its outbox items together, and only
 * if no equal alert is there yet: run twice, or on two instances at once, every alert is raised once. An
 * alert is keyed by (clock, level, due): an extension or a hearing pause moves `due`, and the new date is
 * worth its own warning. The case version is not bumped: alerts are not a state change.
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
  const Case = caseModel(conn);
  const horizon = formatChinaInstant(now.getTime() + DUE_SOON_MS);
  const batch = opts.batch ?? 2000;
  const result: SweepResult = { scanned: 0, alerts: 0, outboxItems: 0 };
  // Pages by _id through EVERY due case: alerted cases stay due until they close, so a single
  // `limit(batch)` read would return the same first cases on every run and never reach the rest.
  let after: string | null = null;
  for (;;) {
    // nextDue is an ISO instant with +08:00, like horizon: they compare as strings.
    const cases: CaseDoc[] = await Case.find({
      state: { $nin: TERMINAL_STATES },
      nextDue: { $ne: null, $lt: horizon },
      ...(after ? { _id: { $gt: after } } : {}),
    })
      .sort({ _id: 1 })
      .limit(batch)
      .lean<CaseDoc[]>();
    result.scanned += cases.length;
    for (const doc of cases) {
      const r = await raiseAlerts(conn, doc, now, units);
      result.alerts += r.alerts;
      result.outboxItems += r.outboxItems;
    }
    if (cases.length < batch) break;
    after = cases.at(-1)!._id;
  }
  return result;
}

/**
 * The alerts one case owes at `now`, each pushed by its own conditional update. `doc` may be stale (read
 * before another sweeper wrote): the update's filter, not this read, is what prevents a duplicate.
 */
export async function raiseAlerts(
  conn: Connection,
  doc: CaseDoc,
  now: Date,
  units: UnitTree,
): Promise<Pick<SweepResult, 'alerts' | 'outboxItems'>> {
  const Case = caseModel(conn);
  const nowIso = formatChinaInstant(now);
  const horizon = formatChinaInstant(now.getTime() + DUE_SOON_MS);
  const result = { alerts: 0, outboxItems: 0 };
  const existing = doc.alerts ?? [];
  for (const due of overdueDeadlines(toSnapshot(doc), horizon, units)) {
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
    const items: OutboxItem[] = due.alertUnitIds.map((unitId) => {
      const firstReceiverOnly = unitId === doc.firstReceiver?.unitId && unitId !== rec.unitId;
      return {
        id: `${doc._id}:alert:${rec.clock}:${level}:${dueMs}:${unitId}`,
        at: nowIso,
        audience: 'unit',
        unitId,
        message: firstReceiverOnly ? `${base}贵单位为首接单位，请跟踪督办。` : base,
        caseNumber: doc.number,
        kind: 'deadlineAlert',
        forUnitHead: level === 'overdue',
      };
    });

    const res = await Case.updateOne(
      {
        _id: doc._id,
        state: { $nin: TERMINAL_STATES },
        // the deadline is still the one we judged (not stopped or moved since we read the case)
        [`deadlines.${rec.clock}.status`]: 'running',
        [`deadlines.${rec.clock}.due`]: rec.due,
        alerts: { $not: { $elemMatch: { clock: alert.clock, level: alert.level, due: alert.due } } },
      },
      { $push: { alerts: alert, outbox: { $each: items } } },
    );
    if (res.modifiedCount === 1) {
      result.alerts++;
      result.outboxItems += items.length;
    }
  }
  return result;
}
