/**
 * Intake: registering a case (首接首办), routing it (第二十二条, 第二十三条第一款), objections to a transfer
 * (第二十三条第三款), acceptance and 不予受理 (第二十八条第二款, 第三十一条 诉访分离).
 */
import { formatChineseDate } from './calendar';
import {
  type AccusedParty,
  type CaseProposal,
  type Classification,
  PROCEDURE_LABELS,
  type Refusal,
  type ServiceTier,
} from './case-model';
import { describeLimit, isOverdue, validateLimit } from './deadline';
import { periodOf, settingsOf } from './lifecycle-clocks';
import {
  addToPath,
  type HandlerMap,
  initialClock,
  nonEmpty,
  ratingDue,
  start,
  stop,
  stopAll,
} from './lifecycle-draft';
import { hasObjectedSinceArrival, lastTransferIn } from './lifecycle-invariants';
import { CATEGORY_LABELS, type RuleProfile } from './profiles';
import { refuse } from './refusals';
import type { UnitTree } from './units';
import { canRouteTo, isProtectedUnit, protectedUnitsOf } from './visibility';

const XF = '《信访工作条例》';

/** Does the party name someone (a unit, a user or a name)? */
export function namesSomeone(accused: AccusedParty | undefined): accused is AccusedParty {
  return (
    !!accused &&
    (nonEmpty(accused.unitId) ||
      (accused.userIds?.some(nonEmpty) ?? false) ||
      (accused.names?.some(nonEmpty) ?? false))
  );
}

export const ACCUSED_REQUIRED = () =>
  refuse(
    'ACCUSED_REQUIRED',
    `${XF}第三十条第三款`,
    '检举控告类事项必须记录被检举控告的单位或人员，以便保密。',
  );

export function validateClassification(
  classification: Classification,
  unitId: string,
  units: UnitTree,
): Refusal | AccusedParty | null {
  if (classification.category !== 'accusation') return null;
  const accused = classification.accused as AccusedParty | undefined;
  if (!namesSomeone(accused)) return ACCUSED_REQUIRED();
  if (accused.unitId && !units.has(accused.unitId)) {
    return refuse('UNKNOWN_UNIT', `${XF}第三十条第三款`, '被检举控告单位不存在。');
  }
  if (isProtectedUnit(accused, unitId, units)) {
    return refuse(
      'ACCUSED_UNIT_RECEIVES',
      `${XF}第三十条第三款`,
      '被检举控告的单位、被检举控告人员所在单位及其下属单位不得登记办理该检举控告事项，请向其上级机关或纪检监察机关提出。',
    );
  }
  return accused;
}

/**
 * What a registration drops of a resident's proposed 检举控告 (第三十条第三款), in words — the whole accusation
 * when the category changes, or the accused units the confirmed party no longer covers — or null.
 */
function correctionOf(
  proposal: CaseProposal | null,
  confirmed: AccusedParty | null,
  units: UnitTree,
): string | null {
  if (proposal?.category !== 'accusation') return null;
  const proposed = proposal.accused ?? {};
  const covered = protectedUnitsOf(confirmed);
  const dropped = confirmed
    ? protectedUnitsOf(proposed).filter((p) => !covered.some((q) => units.isSameOrUnder(p, q)))
    : protectedUnitsOf(proposed);
  if (confirmed && !dropped.length) return null;
  const who = [...dropped.map((u) => units.name(u)), ...(confirmed ? [] : (proposed.names ?? []))];
  return `被检举控告：${who.length ? who.join('、') : '未写明'}`;
}

export function validateTier(profile: RuleProfile, tier: ServiceTier | undefined): Refusal | null {
  if (tier === undefined) return null;
  if (!profile.clocks.handling?.variants?.[tier]) {
    return refuse(
      'UNKNOWN_TIER',
      profile.clocks.handling?.article ?? '',
      `本规则档案未定义“${tier}”等级的办理时限。`,
    );
  }
  return null;
}

export const intakeHandlers = {
  register(d, a) {
    const c = d.c;
    const units = d.ctx.units;
    const accused = validateClassification(a.classification, c.currentUnitId, units);
    if (accused && 'ok' in accused) return accused;
    const tierProblem = validateTier(d.ctx.profile, a.tier);
    if (tierProblem) return tierProblem;
    // 第三十条第三款: the resident called it 检举控告 and named whom it accuses. The clerk confirms or corrects;
    // a correction that lifts any of that protection states its reason (kept in the timeline and the audit).
    const correction = correctionOf(c.proposal ?? null, accused ?? null, units);
    if (correction && !nonEmpty(a.correctionReason)) {
      return refuse(
        'CORRECTION_REASON_REQUIRED',
        `${XF}第三十条第三款`,
        `信访人提出的是检举控告（${correction}）；更正类别或被检举控告对象时应当说明理由。`,
      );
    }
    c.category = a.classification.category;
    c.accused = accused ?? null;
    c.tier = a.tier ?? c.tier;
    // 首接首办: set once, here, and never again (no other handler writes firstReceiver).
    c.firstReceiver ??= { unitId: c.currentUnitId, userId: d.actor.userId, at: d.now };
    const corrected =
      correction && a.correctionReason
        ? `；更正信访人提出的检举控告（理由：${a.correctionReason.trim()}）`
        : '';
    d.summary = `${units.name(c.currentUnitId)}登记（${CATEGORY_LABELS[c.category]}），首接责任人已确定${corrected}`;
  },

  route(d, a) {
    const c = d.c;
    const units = d.ctx.units;
    const target = canRouteTo(c, a.toUnitId, units);
    if (!target.ok) return target;
    const byLeader = d.grant?.role === 'leader';
    const cap = settingsOf(d.ctx).maxTransfersWithoutLeader;
    if (!byLeader && c.transfers.length >= cap) {
      return refuse(
        'TRANSFER_CAP',
        `${XF}第二十八条第一款`,
        `该事项已转送${c.transfers.length}次，达到上限（${cap}次）；不得推诿，再次转送须由领导决定。`,
      );
    }
    const here = units.get(c.currentUnitId);
    if (!byLeader && here?.kind !== '信访部门' && !units.isAncestor(c.currentUnitId, a.toUnitId)) {
      return refuse(
        'ROUTE_OUTSIDE_SYSTEM',
        `${XF}第二十三条第一款`,
        '本单位只能转送、交办本系统下级单位；不属于本单位或本系统职权范围的，应当告知信访人向有权处理的机关、单位提出（不予受理并告知途径）。',
      );
    }
    if (a.mode === 'assign') {
      const e = validateLimit(a.reportWithin);
      if (e) return refuse('BAD_ASSIGNMENT_LIMIT', `${XF}第二十二条第一款第三项`, `交办期限无效：${e}`);
    }
    const fromUnit = c.currentUnitId;
    stop(d, 'route', '已转送/交办', true);
    stop(d, 'notice', '已转送/交办并告知去向', true);
    stop(d, 'objection', '已转送下级单位', false);
    c.transfers.push({
      fromUnitId: fromUnit,
      toUnitId: a.toUnitId,
      mode: a.mode,
      at: d.now,
      byUserId: d.actor.userId,
      byLeader,
      ...(a.mode === 'assign' ? { reportWithin: a.reportWithin } : {}),
      ...(a.note ? { note: a.note } : {}),
    });
    c.currentUnitId = a.toUnitId;
    addToPath(c, a.toUnitId);
    if (c.petitioner.contactClear) start(d, 'notice', { unitId: a.toUnitId, variants: ['transferred'] });
    if (d.ctx.profile.stages.objection) start(d, 'objection', { unitId: a.toUnitId });
    if (a.mode === 'assign') {
      start(d, 'assignment', {
        unitId: a.toUnitId,
        limit: a.reportWithin,
        extraRuleLines: [`交办机关指定的办结报告期限：${describeLimit(a.reportWithin)}。`],
      });
    }
    const verb = a.mode === 'assign' ? '交办' : '转送';
    d.summary = `${units.name(fromUnit)}${verb}至${units.name(a.toUnitId)}${byLeader ? '（领导决定）' : ''}`;
    d.notices.push(
      { audience: 'unit', unitId: a.toUnitId, message: `收到${verb}的信访事项：${c.subject}` },
      {
        audience: 'petitioner',
        document: 'transferNotice',
        message: `您的信访事项已${verb}至${units.name(a.toUnitId)}办理（${XF}第二十三条第一款）。`,
      },
    );
  },

  object(d, a) {
    const c = d.c;
    const arrival = lastTransferIn(c);
    if (!arrival) {
      return refuse('NOT_TRANSFERRED', `${XF}第二十三条第三款`, '该事项不是转送、交办而来，不能提出异议。');
    }
    if (!d.ctx.profile.stages.objection) {
      return refuse('NO_OBJECTION_STAGE', d.ctx.profile.source, '本规则档案不设异议程序。');
    }
    if (hasObjectedSinceArrival(c)) {
      return refuse(
        'OBJECTION_ALREADY_DECIDED',
        `${XF}第二十三条第三款`,
        '本单位对该次转送的异议已经核实处理，不能再次提出。',
      );
    }
    const clock = c.deadlines.objection;
    if (!clock || clock.status === 'stopped' || isOverdue(clock.due, d.nowMs)) {
      const dueText = clock ? `（截止${formatChineseDate(clock.lastDay)}）` : '';
      const period = periodOf(d.ctx, 'objection', clock);
      return refuse(
        'OBJECTION_LATE',
        period.article,
        `异议应当自收到之日起${period.within}提出${dueText}，现已逾期，应当依法受理办理。`,
      );
    }
    const min = settingsOf(d.ctx).objectionMinReasonChars;
    if (!nonEmpty(a.reasons) || a.reasons.trim().length < min) {
      return refuse(
        'OBJECTION_REASONS',
        `${XF}第二十三条第三款`,
        `提出异议应当详细说明理由（不少于${min}字）。`,
      );
    }
    c.objections.push({
      unitId: c.currentUnitId,
      transferringUnitId: arrival.fromUnitId,
      byUserId: d.actor.userId,
      at: d.now,
      reasons: a.reasons.trim(),
      status: 'pending',
    });
    stop(d, 'objection', '已提出异议', true);
    d.summary = `${d.ctx.units.name(c.currentUnitId)}提出异议，待${d.ctx.units.name(arrival.fromUnitId)}核实`;
    d.notices.push({
      audience: 'unit',
      unitId: arrival.fromUnitId,
      message: `${d.ctx.units.name(c.currentUnitId)}对转送事项提出异议，请核实。`,
    });
  },

  decideObjection(d, a) {
    const c = d.c;
    const objection = c.objections.find((o) => o.status === 'pending');
    if (!objection) return refuse('NO_PENDING_OBJECTION', `${XF}第二十三条第三款`, '没有待核实的异议。');
    objection.decidedBy = d.actor.userId;
    objection.decidedAt = d.now;
    if (a.note) objection.note = a.note;
    if (a.approve) {
      objection.status = 'upheld';
      d.outcome = 'approved';
      d.to = 'registered';
      stop(d, 'notice', '异议成立，材料交还', false);
      if (c.deadlines.assignment?.unitId === objection.unitId)
        stop(d, 'assignment', '异议成立，交办撤回', false);
      c.currentUnitId = objection.transferringUnitId;
      initialClock(d, objection.transferringUnitId, '异议核实同意、材料交还之日');
      d.summary = `异议成立：材料交还${d.ctx.units.name(objection.transferringUnitId)}重新处理`;
    } else {
      if (!nonEmpty(a.note))
        return refuse('REASON_REQUIRED', `${XF}第二十三条第三款`, '不同意异议时应当说明理由。');
      objection.status = 'refused';
      d.outcome = 'refused';
      d.to = 'transferred';
      d.summary = `异议不成立：${d.ctx.units.name(objection.unitId)}应当继续办理`;
      d.notices.push({ audience: 'unit', unitId: objection.unitId, message: `异议未获同意：${a.note}` });
    }
  },

  accept(d) {
    const c = d.c;
    if (!c.category) return refuse('NOT_CLASSIFIED', `${XF}第二十九条至第三十一条`, '请先确定事项类别。');
    const handlingRule = d.ctx.profile.clocks.handling;
    const arrival = lastTransferIn(c);
    const receipt = arrival?.at ?? c.receivedAt;
    stop(d, 'route', '已受理', true);
    stop(d, 'notice', '已书面告知受理', true);
    stop(d, 'objection', '已受理', false);
    c.handlingUnitId = c.currentUnitId;
    c.acceptance = { unitId: c.currentUnitId, byUserId: d.actor.userId, at: d.now, ratingDue: ratingDue(d) };
    start(d, 'handling', {
      unitId: c.currentUnitId,
      variants: [c.category, c.tier],
      from: handlingRule?.startsOn === 'receipt' ? receipt : d.now,
    });
    const h = c.deadlines.handling;
    d.summary = `${d.ctx.units.name(c.currentUnitId)}受理`;
    d.notices.push({
      audience: 'petitioner',
      document: 'acceptanceNotice',
      message: `您的信访事项已由${d.ctx.units.name(c.currentUnitId)}受理${h ? `，办理期限至${formatChineseDate(h.lastDay)}` : ''}。`,
    });
  },

  notAccept(d, a) {
    const c = d.c;
    const g = a.ground;
    let article: string;
    let message: string;
    switch (g.kind) {
      case 'statutoryProcedure': {
        if (c.category !== 'claim') {
          return refuse(
            'PROCEDURE_ONLY_FOR_CLAIMS',
            `${XF}第三十一条`,
            '导入法定程序仅适用于申诉求决类事项。',
          );
        }
        const p = PROCEDURE_LABELS[g.procedure];
        if (!p || !nonEmpty(g.authority) || !nonEmpty(g.explanation)) {
          return refuse(
            'REDIRECT_REQUIRED',
            `${XF}第二十八条第二款`,
            '不予受理时必须告知信访人应当通过的法定途径和受理机关。',
          );
        }
        article = `${p.article}、${XF}第二十八条第二款`;
        message = `您反映的事项应当通过${p.label}处理（${p.article}），请向${g.authority}提出。${g.explanation}`;
        break;
      }
      case 'outsideRemit':
        if (!nonEmpty(g.authority) || !nonEmpty(g.explanation)) {
          return refuse(
            'REDIRECT_REQUIRED',
            `${XF}第二十三条第一款`,
            '不予受理时必须告知信访人向哪个有权处理的机关、单位提出。',
          );
        }
        article = `${XF}第二十三条第一款`;
        message = `您反映的事项不属于本机关、单位或本系统职权范围，请向${g.authority}提出。${g.explanation}`;
        break;
      case 'sameMatterInProgress':
        if (!nonEmpty(g.existingCaseId) || g.existingCaseId === c.id) {
          return refuse(
            'EXISTING_CASE_REQUIRED',
            `${XF}第十九条第三款`,
            '必须注明已受理或正在办理的原事项。',
          );
        }
        article = `${XF}第十九条第三款`;
        message = `同一信访事项已经受理或正在办理（原事项编号：${g.existingCaseId}），在规定期限内向上级机关再次提出的，不予受理；请关注原事项的办理进展。`;
        break;
      case 'finalAfterRecheck':
        if (!nonEmpty(g.finalCaseId) || g.finalCaseId === c.id) {
          return refuse('EXISTING_CASE_REQUIRED', `${XF}第三十六条第三款`, '必须注明已经复核终结的原事项。');
        }
        article = `${XF}第三十六条第三款`;
        message = `该事项已经复核终结（原事项编号：${g.finalCaseId}），以同一事实和理由再次提出的，不再受理。`;
        break;
    }
    stopAll(d, '不予受理', ['route', 'notice']);
    c.notAccepted = { ...g, unitId: c.currentUnitId, byUserId: d.actor.userId, at: d.now };
    c.closedAt = d.now;
    d.article = article;
    d.summary = `${d.ctx.units.name(c.currentUnitId)}不予受理（${article}）`;
    d.notices.push({ audience: 'petitioner', document: 'notAcceptNotice', message });
  },
} satisfies Pick<HandlerMap, 'register' | 'route' | 'object' | 'decideObjection' | 'accept' | 'notAccept'>;
