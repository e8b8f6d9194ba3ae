/**
 * Deciding an action on a case: the profile check, the judge's exclusions, the permission grant, the stage's
 * handler, and the transition table as the authority over the result.
 */
import { formatChinaInstant, parseInstant } from './calendar';
import {
  type Action,
  type Actor,
  type CaseEvent,
  type CaseSnapshot,
  type Decision,
  type DecisionContext,
  type DecisionOk,
  type Refusal,
  STATE_LABELS,
} from './case-model';
import { type Draft, type Handler, type HandlerMap, clone } from './lifecycle-draft';
import { handlingHandlers } from './lifecycle-handling';
import { intakeHandlers } from './lifecycle-intake';
import { oversightHandlers } from './lifecycle-oversight';
import { reviewHandlers } from './lifecycle-review';
import { ACTION_LABELS, TRANSITIONS, type TransitionRow, transitionsFrom } from './lifecycle-table';
import { matchingGrant, PERMISSIONS } from './permissions';
import { refuse } from './refusals';
import { exclusionByParties, exclusionPartiesOf } from './visibility';

const XF = '《信访工作条例》';

const handlers: HandlerMap = {
  ...intakeHandlers,
  ...handlingHandlers,
  ...reviewHandlers,
  ...oversightHandlers,
};

function diffSet(prev: CaseSnapshot, next: CaseSnapshot): Partial<CaseSnapshot> {
  const set: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof CaseSnapshot)[]) {
    if (JSON.stringify(prev[key]) !== JSON.stringify(next[key])) set[key] = next[key];
  }
  for (const key of Object.keys(prev) as (keyof CaseSnapshot)[]) {
    if (!(key in next)) set[key] = null;
  }
  return set as Partial<CaseSnapshot>;
}

function terminalRefusal(c: CaseSnapshot, action: Action): Refusal {
  if (c.state === 'final') {
    return refuse('CASE_FINAL', `${XF}第三十六条第三款`, '该事项已经复核终结，不能再办理此操作。');
  }
  const row0 = TRANSITIONS.find((r) => r.action === action.type);
  return refuse(
    'ILLEGAL_TRANSITION',
    row0?.article || `${XF}`,
    `当前状态（${STATE_LABELS[c.state]}）不能${ACTION_LABELS[action.type]}。`,
  );
}

/**
 * Decide an action on a case. Pure: returns the next snapshot, the fields to `$set`, events, deadline
 * changes and notices — or a refusal naming the article that forbids the action.
 */
export function decide(
  snapshot: CaseSnapshot,
  actor: Actor,
  action: Action,
  now: Date | string,
  ctx: DecisionContext,
): Decision {
  const nowMs = parseInstant(now);
  const nowIso = formatChinaInstant(nowMs);
  if (ctx.profile.id !== snapshot.profile.id || ctx.profile.version !== snapshot.profile.version) {
    return refuse(
      'PROFILE_MISMATCH',
      ctx.profile.source,
      `该事项适用规则档案 ${snapshot.profile.id}@${snapshot.profile.version}，与提供的档案不一致。`,
    );
  }
  const rows = transitionsFrom(snapshot.state, action.type);
  if (rows.length === 0) return terminalRefusal(snapshot, action);

  // The judge's exclusions first (the server reads a case only through the whole judge, `visibility`):
  // someone excluded gets the refusal that hides the case (DOMAIN.md §5).
  const isPetitioner =
    !!actor.petitionerId && actor.petitionerId === snapshot.petitioner.id && actor.roles.includes('resident');
  if (!isPetitioner) {
    const excluded = exclusionByParties(exclusionPartiesOf(snapshot), actor, ctx.units);
    if (excluded) return excluded;
  }
  const grant = matchingGrant(actor, snapshot, action, ctx.units, ctx.persons);
  if (!grant) {
    const who = PERMISSIONS[action.type].map((g) => g.description).join('、');
    return refuse(
      'FORBIDDEN',
      PERMISSIONS[action.type][0]?.article || rows[0]?.article || ctx.profile.source,
      `您无权${ACTION_LABELS[action.type]}（仅限：${who}）。`,
    );
  }

  const first = rows[0] as TransitionRow;
  const d: Draft = {
    c: clone(snapshot),
    now: nowIso,
    nowMs,
    actor,
    ctx,
    grant,
    to: first.to === 'same' ? snapshot.state : first.to,
    started: [],
    stopped: [],
    replaced: [],
    notices: [],
    summary: ACTION_LABELS[action.type],
    article: first.article || undefined,
  };
  const handler = handlers[action.type] as Handler<Action>;
  const refusal = handler(d, action);
  if (refusal) return refusal;

  // The table is the authority: a handler may only pick one of its rows.
  const chosen = rows.find(
    (r) =>
      (r.to === 'same' ? snapshot.state : r.to) === d.to &&
      (!r.outcome || !d.outcome || r.outcome === d.outcome),
  );
  if (!chosen)
    throw new Error(
      `lifecycle: ${action.type} from ${snapshot.state} to ${d.to} is not in the transition table`,
    );

  const next = d.c;
  next.state = d.to;
  next.version = snapshot.version + 1;
  next.updatedAt = nowIso;
  const event: CaseEvent = {
    type: action.type,
    at: nowIso,
    actor: { userId: actor.userId, roles: actor.roles, ...(actor.unitId ? { unitId: actor.unitId } : {}) },
    from: snapshot.state,
    to: d.to,
    summary: d.summary,
    ...(d.article || chosen.article ? { article: d.article ?? chosen.article } : {}),
    action,
  };
  const ok: DecisionOk = {
    ok: true,
    action: action.type,
    from: snapshot.state,
    state: d.to,
    snapshot: next,
    set: diffSet(snapshot, next),
    events: [event],
    deadlines: { started: d.started, stopped: d.stopped, replaced: d.replaced },
    notices: d.notices,
  };
  return ok;
}
