/**
 * Who may read a case (DOMAIN.md §4, §5) and where it may be routed.
 *
 * - 首接首办: the first receiving unit keeps a supervising view after a transfer (《北京市接诉即办工作条例》
 *   第十四条 首接负责制; DOMAIN.md §4 rule 2).
 * - 《信访工作条例》第三十条第三款 / 第四十六条第五项: a 检举控告 item never reaches the accused person or unit:
 *   no user of the accused unit or of a unit under it may read it, even by id, and it can never be routed there.
 * - 第二十八条第三款: staff with a direct interest are excluded (the case's recusal list).
 * Exclusions win over every other basis except being the petitioner.
 */
import type { AccusedParty, Actor, CaseSnapshot, Refusal } from './case-model';
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
}

const XF = '《信访工作条例》';
const UNIT_STAFF = ['clerk', 'handler', 'unit_head'] as const;

/** The parts of a case that exclude readers: who recused, who is accused (what roll-ups keep per case). */
export interface ExclusionParties {
  recusedUserIds: readonly string[];
  accused: Pick<AccusedParty, 'unitId' | 'userIds'> | null;
}

export function exclusionPartiesOf(c: CaseSnapshot): ExclusionParties {
  return {
    recusedUserIds: c.recusals.map((r) => r.userId),
    accused: c.accused
      ? {
          ...(c.accused.unitId ? { unitId: c.accused.unitId } : {}),
          ...(c.accused.userIds?.length ? { userIds: c.accused.userIds } : {}),
        }
      : null,
  };
}

/** Is this actor excluded from the case (recusal or accused)? Returns the refusal, or null. */
export function exclusionOf(c: CaseSnapshot, actor: Actor, units: UnitTree): Refusal | null {
  return exclusionByParties(exclusionPartiesOf(c), actor, units);
}

/**
 * The same rule on the parties alone: dashboards use it to leave an excluded case out of the counts a leader
 * reads, since a count that moves reveals that an accusation exists (the accused unit "must not even learn that
 * the item exists").
 */
export function exclusionByParties(c: ExclusionParties, actor: Actor, units: UnitTree): Refusal | null {
  if (c.recusedUserIds.includes(actor.userId)) {
    return {
      ok: false,
      code: 'RECUSED',
      rule: 'staff with a direct interest must recuse',
      article: `${XF}第二十八条第三款`,
      message: '您已回避本信访事项，不得查看或办理。',
    };
  }
  if (c.accused) {
    if (c.accused.userIds?.includes(actor.userId)) {
      return {
        ok: false,
        code: 'ACCUSED_PERSON',
        rule: 'accusation material never reaches the accused',
        article: `${XF}第三十条第三款`,
        message: '该信访事项不存在或您无权查看。',
      };
    }
    const accusedUnit = c.accused.unitId;
    if (accusedUnit && actor.unitId && units.isSameOrUnder(actor.unitId, accusedUnit)) {
      // Same message as "not found": the accused unit must not even learn that the item exists.
      return {
        ok: false,
        code: 'ACCUSED_UNIT',
        rule: 'accusation material never reaches the accused unit or units under it',
        article: `${XF}第三十条第三款`,
        message: '该信访事项不存在或您无权查看。',
      };
    }
  }
  return null;
}

export function visibility(c: CaseSnapshot, actor: Actor, ctx: { units: UnitTree }): Visibility {
  const units = ctx.units;
  if (actor.roles.includes('resident') && actor.petitionerId && actor.petitionerId === c.petitioner.id) {
    return { allowed: true, basis: 'petitioner', supervising: false, reason: '信访人本人' };
  }
  const excluded = exclusionOf(c, actor, units);
  if (excluded) {
    return {
      allowed: false,
      basis: null,
      supervising: false,
      reason: excluded.message,
      article: excluded.article,
    };
  }
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
  return { allowed: false, basis: null, supervising: false, reason: '该信访事项不存在或您无权查看。' };
}

/** The rule the server uses on every read, including by id. */
export function canView(c: CaseSnapshot, actor: Actor, ctx: { units: UnitTree }): boolean {
  return visibility(c, actor, ctx).allowed;
}

/** May the case be routed to this unit? (confidentiality, upheld objections) */
export function canRouteTo(c: CaseSnapshot, toUnitId: string, units: UnitTree): { ok: true } | Refusal {
  if (!units.has(toUnitId)) {
    return {
      ok: false,
      code: 'UNKNOWN_UNIT',
      rule: 'target unit must exist',
      article: `${XF}第二十二条`,
      message: '目标单位不存在。',
    };
  }
  if (toUnitId === c.currentUnitId) {
    return {
      ok: false,
      code: 'ROUTE_TO_SELF',
      rule: 'cannot route to the unit that holds the case',
      article: `${XF}第二十二条`,
      message: '不能转送给本单位。',
    };
  }
  if (c.accused?.unitId && units.isSameOrUnder(toUnitId, c.accused.unitId)) {
    return {
      ok: false,
      code: 'ROUTE_TO_ACCUSED',
      rule: 'an accusation is never routed to the accused unit or a unit under it',
      article: `${XF}第三十条第三款`,
      message: `不得将检举控告材料转给被检举控告的单位或其下属单位（${units.name(toUnitId)}）。`,
    };
  }
  if (c.objections.some((o) => o.status === 'upheld' && o.unitId === toUnitId)) {
    return {
      ok: false,
      code: 'ROUTE_BACK_AFTER_OBJECTION',
      rule: 'no transfer back to a unit whose objection was upheld',
      article: `${XF}第二十三条第三款`,
      message: `${units.name(toUnitId)}的异议已经核实同意，不得再次转送该单位。`,
    };
  }
  return { ok: true };
}
