import type {
  Action,
  ActionType,
  Actor,
  CaseSnapshot,
  CaseState,
  DecisionContext,
  RatingStage,
} from './case-model';
import { ADD_MATERIAL, materialRefusal } from './disclosure';
import { ACTION_LABELS, actionsAvailableIn, decide, transitionsFrom } from './lifecycle';
import { matchingGrant } from './permissions';

/**
 * What a client may offer: the transition table's actions, and `addMaterial` (the petitioner's 补充材料, which
 * is not a state change but has its own rule, `materialRefusal`).
 */
export type AvailableAction = ActionType | 'addMaterial';

/**
 * Actions whose availability depends on more than the state and the actor's grant — a window that closes
 * (评价期限, 第三十五条 复查 and 第三十六条 复核 30-day windows), the category (复查 only for a 信访处理意见), a stage
 * already rated, a decision with nothing pending to decide on. For these the answer comes from `decide` itself on a representative request, so the rule is
 * stated once, in the handler, and the list a client shows can never offer what the server would refuse.
 */
const PROBES: Partial<Record<ActionType, (actor: Actor, c: CaseSnapshot) => Action[]>> = {
  rate: () =>
    (['acceptance', 'first', 'review', 'recheck'] as RatingStage[]).map((stage) => ({
      type: 'rate',
      stage,
      level: 'satisfied',
    })),
  requestReview: () => [{ type: 'requestReview', reasons: '（可用性检查）' }],
  requestRecheck: () => [{ type: 'requestRecheck', reasons: '（可用性检查）' }],
  // Decisions on something pending exist only while it is pending (第三十四条 extension, 第三十二条 signing).
  requestExtension: () => [{ type: 'requestExtension', days: 1, reason: '（可用性检查）' }],
  decideExtension: () => [{ type: 'decideExtension', approve: false, note: '（可用性检查）' }],
  signReply: () => [{ type: 'signReply', approve: false, note: '（可用性检查）' }],
  decideObjection: () => [{ type: 'decideObjection', approve: false, note: '（可用性检查）' }],
  // 第二十八条第三款: a recusal this actor may lift (their unit's staff, or under a leader).
  liftRecusal: (_actor, c) =>
    c.recusals.map((r) => ({ type: 'liftRecusal', userId: r.userId, reason: '（可用性检查）' })),
};

/**
 * What `actor` may do to the case now: the transition table's actions for the state, kept when the actor
 * holds a grant for them and, for window-bound actions, when `decide` would accept a well-formed request.
 */
export function availableActions(
  snapshot: CaseSnapshot,
  actor: Actor,
  now: Date | string,
  ctx: DecisionContext,
): AvailableAction[] {
  const actions: AvailableAction[] = actionsAvailableIn(snapshot.state).filter((type) => {
    const probes = PROBES[type];
    if (!probes) {
      return !!matchingGrant(actor, snapshot, { type, userId: actor.userId }, ctx.units);
    }
    return probes(actor, snapshot).some((action) => decide(snapshot, actor, action, now, ctx).ok);
  });
  if (!materialRefusal(snapshot, actor)) actions.push('addMaterial');
  return actions;
}

/** An action as a client offers it: its name and the article of the row that allows it in this state. */
export interface OfferedAction {
  type: AvailableAction;
  /** ACTION_LABELS: the one name of the action, in buttons, confirmations and refusals alike. */
  label: string;
  /** The transition table's article for this action from this state, e.g. 《信访工作条例》第三十五条. */
  article: string;
}

export function describeAction(state: CaseState, type: AvailableAction): OfferedAction {
  if (type === 'addMaterial') return { type, ...ADD_MATERIAL };
  return { type, label: ACTION_LABELS[type], article: transitionsFrom(state, type)[0]?.article ?? '' };
}

/** `availableActions`, each with its label and article (what a case detail sends). */
export function offeredActions(
  snapshot: CaseSnapshot,
  actor: Actor,
  now: Date | string,
  ctx: DecisionContext,
): OfferedAction[] {
  return availableActions(snapshot, actor, now, ctx).map((type) => describeAction(snapshot.state, type));
}
