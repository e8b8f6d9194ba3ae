/**
 * Invariants of a case: the deadlines each state requires, and the consistency checks the property tests and
 * the server run on every snapshot.
 */
import { parseInstant } from './calendar';
import { type CaseSnapshot, type CaseState, type DecisionContext, TERMINAL_STATES } from './case-model';
import type { ClockName, RuleProfile } from './profiles';
import type { UnitTree } from './units';
import { isProtectedUnit } from './visibility';

export function lastTransferIn(c: CaseSnapshot): CaseSnapshot['transfers'][number] | undefined {
  for (let i = c.transfers.length - 1; i >= 0; i--) {
    const t = c.transfers[i];
    if (t && t.toUnitId === c.currentUnitId) return t;
  }
  return undefined;
}

export function hasObjectedSinceArrival(c: CaseSnapshot): boolean {
  const t = lastTransferIn(c);
  if (!t) return false;
  const since = parseInstant(t.at);
  return c.objections.some((o) => o.unitId === c.currentUnitId && parseInstant(o.at) >= since);
}

/** The clocks that must be running (or paused) in the case's current state. */
export function requiredClocks(c: CaseSnapshot, profile: RuleProfile, units: UnitTree): ClockName[] {
  const has = (k: ClockName): boolean => !!profile.clocks[k];
  const out: ClockName[] = [];
  const bureau = units.get(c.currentUnitId)?.kind === '信访部门';
  switch (c.state) {
    case 'submitted':
    case 'registered':
      if (bureau) out.push('route');
      else if (c.petitioner.contactClear) out.push('notice');
      break;
    case 'transferred':
      if (c.petitioner.contactClear) out.push('notice');
      if (profile.stages.objection && !hasObjectedSinceArrival(c)) out.push('objection');
      break;
    case 'objected':
      if (c.petitioner.contactClear) out.push('notice');
      break;
    case 'accepted':
      out.push('handling');
      break;
    case 'replied':
      if (c.category === 'claim' && profile.stages.review) out.push('reviewRequest');
      break;
    case 'reviewing':
      out.push('review');
      break;
    case 'reviewed':
      if (profile.stages.recheck) out.push('recheckRequest');
      break;
    case 'rechecking':
      out.push('recheck');
      break;
    default:
      break;
  }
  return out.filter(has);
}

/** Problems with a snapshot (empty when consistent). Used by property tests and as a server sanity check. */
export function checkInvariants(c: CaseSnapshot, ctx: DecisionContext): string[] {
  const problems: string[] = [];
  for (const k of requiredClocks(c, ctx.profile, ctx.units)) {
    const d = c.deadlines[k];
    if (!d || d.status === 'stopped') problems.push(`state ${c.state} requires running clock ${k}`);
  }
  if ((TERMINAL_STATES as readonly string[]).includes(c.state)) {
    for (const [k, d] of Object.entries(c.deadlines)) {
      if (d && d.status !== 'stopped') problems.push(`terminal state ${c.state} has running clock ${k}`);
    }
    if (!c.closedAt) problems.push(`terminal state ${c.state} without closedAt`);
  }
  // A filing withdrawn before registration never got a first receiver or a category.
  const unregistered = c.state === 'submitted' || (c.state === 'withdrawn' && !c.firstReceiver);
  if (!unregistered && !c.firstReceiver) problems.push('registered case without firstReceiver');
  if (!unregistered && !c.category) problems.push('registered case without category');
  const handled: CaseState[] = [
    'accepted',
    'replied',
    'reviewing',
    'reviewed',
    'rechecking',
    'final',
    'mediated',
  ];
  if (handled.includes(c.state) && !c.handlingUnitId)
    problems.push(`state ${c.state} without handlingUnitId`);
  if (isProtectedUnit(c.accused, c.currentUnitId, ctx.units)) {
    problems.push('accusation held by the accused unit or an accused person’s unit');
  }
  if (c.state === 'objected' && !c.objections.some((o) => o.status === 'pending')) {
    problems.push('objected without a pending objection');
  }
  return problems;
}
