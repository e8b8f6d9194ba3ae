import {
  availableActions,
  caseUrgency,
  isOverdue,
  type ActionType,
  type Actor,
  type CaseSnapshot,
  type DeadlineRecord,
  type DecisionContext,
} from '../../domain';
import type { ClockView } from '../../contracts/staff';

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
  return availableActions(c, actor, now, ctx).filter(
    (t): t is ActionType => t !== 'recuse' && t !== 'liftRecusal' && t !== 'addMaterial',
  );
}
