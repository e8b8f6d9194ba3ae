import {
  availableActions,
  caseUrgency,
  isOverdue,
  STATE_LABELS,
  type ActionType,
  type Actor,
  type CaseSnapshot,
  type DeadlineRecord,
  type DecisionContext,
  type UnitTree,
} from '../../domain';
import type { CaseSummary } from '../../contracts/cases';
import type { ClockView } from '../../contracts/staff';
import type { CaseDoc } from '../cases/case.model';

export function summaryOf(doc: CaseDoc, tree: UnitTree, at: Date): CaseSummary {
  return {
    id: doc._id,
    number: doc.number,
    title: doc.content?.title ?? doc.subject,
    state: doc.state,
    stateLabel: STATE_LABELS[doc.state],
    category: doc.category,
    channel: doc.channel,
    receivedAt: doc.receivedAt,
    updatedAt: doc.updatedAt,
    currentUnit: { id: doc.currentUnitId, name: tree.name(doc.currentUnitId) },
    firstReceiver: doc.firstReceiver
      ? { id: doc.firstReceiver.unitId, name: tree.name(doc.firstReceiver.unitId) }
      : null,
    nextDue: doc.nextDue,
    overdue: !!doc.nextDue && isOverdue(doc.nextDue, at),
    version: doc.version,
  };
}

export function clockView(
  rec: DeadlineRecord,
  info: { duty: boolean; daysLeft: number | null },
  at: Date,
): ClockView {
  return {
    clock: rec.clock,
    label: rec.label,
    article: rec.article,
    unitId: rec.unitId,
    due: rec.due,
    lastDay: rec.lastDay,
    provisional: rec.provisional,
    status: rec.status,
    overdue: rec.status === 'running' && isOverdue(rec.due, at),
    daysLeft: info.daysLeft ?? 0,
    duty: info.duty,
    explanation: rec.explanation,
  };
}

/** The clock view that sets a case's urgency (see domain `caseUrgency`). */
export function urgencyView(c: Pick<CaseSnapshot, 'deadlines'>, at: Date) {
  const u = caseUrgency(c, at);
  return { urgency: u.urgency, clock: u.clock ? clockView(u.clock, u, at) : null };
}

/**
 * Actions this actor may take on the case now (the domain's `availableActions`). Recusal is always possible and
 * so never makes a case "actionable".
 */
export function actionsFor(actor: Actor, c: CaseSnapshot, now: Date, ctx: DecisionContext): ActionType[] {
  return availableActions(c, actor, now, ctx).filter((t) => t !== 'recuse');
}
