/**
 * Who may learn anything about a case (DOMAIN.md §4, §5), and where it may be routed.
 *
 * `visibility` is THE judge: every output derived from a case — its detail, a list row, a count, a "more"
 * flag, a cursor, a duplicate hint, a notice, a notification, a document, an attachment, an export line, an
 * audit entry — is shown to a person only if this says so. For everyone else the system behaves as if the
 * case did not exist. (Aggregates that keep only a case's exclusion parties, the dashboard roll-ups, apply its
 * exclusion step `exclusionByParties`; their basis is their own scope.)
 *
 * - 首接首办: the first receiving unit keeps a supervising view after a transfer (《北京市接诉即办工作条例》
 *   第十四条 首接负责制; DOMAIN.md §4 rule 2).
 * - 《信访工作条例》第三十条第三款 / 第四十六条第五项: a 检举控告 item never reaches the accused person or unit.
 *   The protected units are the accused unit and the units of the accused persons; no user of a protected unit
 *   or of a unit under it may learn of the item, even by id, and it is never addressed or routed there.
 * - 第二十八条第三款: staff with a direct interest are excluded (the case's active recusals).
 * Exclusions win over every other basis except being the petitioner.
 */
import type { AccusedParty, Actor, CaseSnapshot } from './case-model';
import { type Refusal, refuse } from './refusals';
import type { UnitTree } from './units';

export type ViewBasis =
  'petitioner' | 'filer' | 'currentUnit' | 'firstReceiver' | 'path' | 'leader' | 'auditor';

export interface Visibility {
  allowed: boolean;
  basis: ViewBasis | null;
  /** The first receiving unit after a transfer: sees every deadline and is alerted on misses. */
  supervising: boolean;
  /** Chinese. */
  reason: string;
  article?: string;
  /** Why not (the exclusion's or 'NOT_VISIBLE'), when not allowed. */
  code?: ExclusionCode | 'NOT_VISIBLE';
}

const XF = '《信访工作条例》';
const UNIT_STAFF = ['clerk', 'handler', 'unit_head'] as const;
/** The words of every refusal that must not reveal a case: the same as "no such case". */
export const NOT_FOUND_MESSAGE = '该信访事项不存在或您无权查看。';

/** What the judge reads of a case. */
export type VisibilityFacts = Pick<
  CaseSnapshot,
  'petitioner' | 'filedBy' | 'currentUnitId' | 'firstReceiver' | 'path' | 'recusals' | 'accused'
>;

/** The refusals of the judge's exclusion step: each hides the case (refusals.ts, answer 'hidden'). */
export type ExclusionCode = 'RECUSED' | 'ACCUSED_PERSON' | 'ACCUSED_UNIT';

/** The parts of a case that exclude readers: who recused, who is accused (what roll-ups keep per case). */
export interface ExclusionParties {
  recusedUserIds: readonly string[];
  accused: Pick<AccusedParty, 'unitId' | 'userIds' | 'personUnitIds'> | null;
}

/**
 * The units an accusation must never reach (第三十条第三款: 不得转送给被检举、揭发的人员或者单位): the accused
 * unit and the units of the accused persons. Each one's subtree is protected.
 */
export function protectedUnitsOf(accused: Pick<AccusedParty, 'unitId' | 'personUnitIds'> | null): string[] {
  if (!accused) return [];
  return [...new Set([...(accused.unitId ? [accused.unitId] : []), ...(accused.personUnitIds ?? [])])];
}

/** Is `unitId` one of the protected units or under one? */
export function isProtectedUnit(
  accused: Pick<AccusedParty, 'unitId' | 'personUnitIds'> | null,
  unitId: string,
  units: UnitTree,
): boolean {
  return protectedUnitsOf(accused).some((p) => units.isSameOrUnder(unitId, p));
}

export function exclusionPartiesOf(c: Pick<CaseSnapshot, 'recusals' | 'accused'>): ExclusionParties {
  return {
    recusedUserIds: c.recusals.map((r) => r.userId),
    accused: c.accused
      ? {
          ...(c.accused.unitId ? { unitId: c.accused.unitId } : {}),
          ...(c.accused.userIds?.length ? { userIds: c.accused.userIds } : {}),
          ...(c.accused.personUnitIds?.length ? { personUnitIds: c.accused.personUnitIds } : {}),
        }
      : null,
  };
}

/**
 * The judge's exclusion step, on the parties alone: the dashboards use it to leave an excluded case out of
 * the counts a leader reads, since a count that moves reveals that an accusation exists.
 */
export function exclusionByParties(
  c: ExclusionParties,
  actor: Actor,
  units: UnitTree,
): Refusal<ExclusionCode> | null {
  if (c.recusedUserIds.includes(actor.userId)) {
    return refuse('RECUSED', `${XF}第二十八条第三款`, '您已回避本信访事项，不得查看或办理。');
  }
  if (c.accused) {
    if (c.accused.userIds?.includes(actor.userId)) {
      return refuse('ACCUSED_PERSON', `${XF}第三十条第三款`, NOT_FOUND_MESSAGE);
    }
    if (actor.unitId && isProtectedUnit(c.accused, actor.unitId, units)) {
      // Same message as "not found": the accused unit must not even learn that the item exists.
      return refuse('ACCUSED_UNIT', `${XF}第三十条第三款`, NOT_FOUND_MESSAGE);
    }
  }
  return null;
}

const refused = (r: Refusal<ExclusionCode>): Visibility => ({
  allowed: false,
  basis: null,
  supervising: false,
  reason: r.message,
  article: r.article,
  code: r.code,
});

/** THE judge: may this actor learn anything about this case, and on what basis? */
export function visibility(c: VisibilityFacts, actor: Actor, ctx: { units: UnitTree }): Visibility {
  const units = ctx.units;
  if (actor.roles.includes('resident') && actor.petitionerId && actor.petitionerId === c.petitioner.id) {
    return { allowed: true, basis: 'petitioner', supervising: false, reason: '信访人本人' };
  }
  const excluded = exclusionByParties(exclusionPartiesOf(c), actor, units);
  if (excluded) return refused(excluded);
  if (actor.roles.includes('grid_worker') && c.filedBy.userId === actor.userId) {
    return { allowed: true, basis: 'filer', supervising: false, reason: '代办该事项的网格员' };
  }
  const unit = actor.unitId;
  const isUnitStaff = !!unit && actor.roles.some((r) => (UNIT_STAFF as readonly string[]).includes(r));
  if (isUnitStaff && unit === c.currentUnitId) {
    return { allowed: true, basis: 'currentUnit', supervising: false, reason: '当前办理单位工作人员' };
  }
  if (isUnitStaff && c.firstReceiver && unit === c.firstReceiver.unitId) {
    return {
      allowed: true,
      basis: 'firstReceiver',
      supervising: true,
      reason: '首接单位：转出后仍负督促责任，可查看全部期限',
      article: '《北京市接诉即办工作条例》第十四条',
    };
  }
  if (isUnitStaff && unit && c.path.includes(unit)) {
    return { allowed: true, basis: 'path', supervising: false, reason: '曾经办该事项的单位工作人员' };
  }
  if (actor.roles.includes('leader') && unit && units.has(unit)) {
    const above = [c.currentUnitId, ...c.path].some((u) => units.isSameOrUnder(u, unit));
    if (above) return { allowed: true, basis: 'leader', supervising: true, reason: '本级或上级领导' };
  }
  if (actor.roles.includes('auditor')) {
    return { allowed: true, basis: 'auditor', supervising: false, reason: '审计员查阅' };
  }
  return { allowed: false, basis: null, supervising: false, reason: NOT_FOUND_MESSAGE, code: 'NOT_VISIBLE' };
}

/** The judge's yes/no. */
export function canView(c: VisibilityFacts, actor: Actor, ctx: { units: UnitTree }): boolean {
  return visibility(c, actor, ctx).allowed;
}

/** May the case be routed to this unit? (confidentiality, upheld objections) */
export function canRouteTo(
  c: Pick<CaseSnapshot, 'currentUnitId' | 'accused' | 'objections'>,
  toUnitId: string,
  units: UnitTree,
): { ok: true } | Refusal {
  if (!units.has(toUnitId)) {
    return refuse('UNKNOWN_UNIT', `${XF}第二十二条`, '目标单位不存在。');
  }
  if (toUnitId === c.currentUnitId) {
    return refuse('ROUTE_TO_SELF', `${XF}第二十二条`, '不能转送给本单位。');
  }
  if (isProtectedUnit(c.accused, toUnitId, units)) {
    return refuse(
      'ROUTE_TO_ACCUSED',
      `${XF}第三十条第三款`,
      `不得将检举控告材料转给被检举控告的单位、人员所在单位或其下属单位（${units.name(toUnitId)}）。`,
    );
  }
  if (c.objections.some((o) => o.status === 'upheld' && o.unitId === toUnitId)) {
    return refuse(
      'ROUTE_BACK_AFTER_OBJECTION',
      `${XF}第二十三条第三款`,
      `${units.name(toUnitId)}的异议已经核实同意，不得再次转送该单位。`,
    );
  }
  return { ok: true };
}

/**
 * Where a 检举控告 filed online goes (第三十条第三款, DOMAIN.md §5: "intake goes to a petition bureau outside the
 * accused subtree"): from the level of the accused unit's parent upwards, the first 信访部门 of that level (the
 * level unit itself, or one of its direct sub-units; by id when several) that is outside every protected subtree.
 * A refusal with guidance when there is none (an accused unit at the top of the tree).
 */
export function accusationIntake(
  accused: Pick<AccusedParty, 'unitId' | 'personUnitIds'>,
  units: UnitTree,
): { ok: true; unitId: string } | Refusal {
  const protectedUnits = protectedUnitsOf(accused).filter((u) => units.has(u));
  const start = protectedUnits[0];
  if (start) {
    const outside = (id: string) => !protectedUnits.some((p) => units.isSameOrUnder(id, p));
    for (let level = units.parentOf(start); level; level = units.parentOf(level.id)) {
      const candidates = [level, ...units.children(level.id)]
        .filter((u) => u.kind === '信访部门' && outside(u.id))
        .map((u) => u.id)
        .sort();
      if (candidates[0]) return { ok: true, unitId: candidates[0] };
    }
  }
  const discipline = units
    .all()
    .filter((u) => u.kind === '纪检监察' && !protectedUnits.some((p) => units.isSameOrUnder(u.id, p)))
    .map((u) => u.name);
  return refuse(
    'NO_ACCUSATION_INTAKE',
    `${XF}第三十条第三款`,
    `没有可以受理该检举控告的上级信访部门（被检举控告单位及其下属单位不得受理）。请向${
      discipline.length ? discipline.join('、') : '有管辖权的纪检监察机关'
    }提出，或通过来信、来访向上级机关反映。`,
  );
}
