/**
 * What a viewer who may see a case (`visibility`) is shown of it, and what the petitioner may still add:
 *
 * - the petitioner's timeline: the steps that concern them — filing, registration, routing, acceptance, the
 *   decisions and replies sent to them, their own requests; never internal steps (objections between units,
 *   supervision, recusals, 包案, notes, a pending or refused extension request, a draft returned for rework);
 * - the petitioner's phone number (《个人信息保护法》第六条 最小必要): only the petitioner and the staff who
 *   must reach them — the unit holding the case and the handling unit; everyone else sees it masked;
 * - material (第十九条 写明请求、事实和理由, 补充): only the petitioner adds it, and not once the case is closed.
 */
import type { Actor, CaseEvent, CaseSnapshot } from './case-model';
import { type Refusal, refuse } from './refusals';
import { TERMINAL_STATES } from './case-model';
import type { Visibility } from './visibility';

const XF = '《信访工作条例》';

/** Event types the petitioner's timeline may show (each further filtered by `petitionerSeesEvent`). */
const PETITIONER_EVENTS: ReadonlySet<CaseEvent['type']> = new Set<CaseEvent['type']>([
  'open',
  'register',
  'route',
  'accept',
  'notAccept',
  'decideExtension',
  'reply',
  'signReply',
  'mediate',
  'rate',
  'requestReview',
  'requestRecheck',
  'startHearing',
  'endHearing',
  'withdraw',
  'archive',
]);

/** Does this step belong in the petitioner's timeline? */
export function petitionerSeesEvent(e: Pick<CaseEvent, 'type' | 'from' | 'to' | 'action'>): boolean {
  if (!PETITIONER_EVENTS.has(e.type)) return false;
  // 第三十四条: the petitioner is told of an approved extension (and its reason); a refused request stays internal.
  if (e.type === 'decideExtension') return e.action?.type === 'decideExtension' && e.action.approve === true;
  // 第三十二条: a draft the head returned is internal; only the signed (issued) reply reaches the petitioner.
  if (e.type === 'signReply') return e.from !== e.to;
  return true;
}

const CONTACT_ROLES = ['clerk', 'handler', 'unit_head'] as const;

/** May this viewer read the petitioner's phone number in clear (else masked)? */
export function contactVisible(
  c: Pick<CaseSnapshot, 'currentUnitId' | 'handlingUnitId'>,
  actor: Actor,
  v: Pick<Visibility, 'allowed' | 'basis'>,
): boolean {
  if (!v.allowed) return false;
  if (v.basis === 'petitioner') return true;
  const unit = actor.unitId;
  return (
    !!unit &&
    (unit === c.currentUnitId || unit === c.handlingUnitId) &&
    actor.roles.some((r) => (CONTACT_ROLES as readonly string[]).includes(r))
  );
}

/** 补充材料 as a client offers it (not a state change, so not in the transition table). */
export const ADD_MATERIAL = { label: '补充材料', article: `${XF}第十九条` } as const;

/** Why this actor may not add material to the case now, or null. */
export function materialRefusal(c: Pick<CaseSnapshot, 'state' | 'petitioner'>, actor: Actor): Refusal | null {
  const isPetitioner =
    actor.roles.includes('resident') && !!actor.petitionerId && actor.petitionerId === c.petitioner.id;
  if (!isPetitioner) {
    return refuse('FORBIDDEN', `${XF}第十九条`, '只有信访人本人可以补充材料');
  }
  if ((TERMINAL_STATES as readonly string[]).includes(c.state)) {
    return refuse('CASE_CLOSED', `${XF}第三十六条第三款`, '该事项已办结，不能再补充材料');
  }
  return null;
}
