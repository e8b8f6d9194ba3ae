/**
 * After a reply: the petitioner's rating (DOMAIN.md §6), 复查 and 复核 requests (第三十五条, 第三十六条), the
 * hearing that pauses the 复核 period (第三十六条第二款), and how a case ends — archived when the request window
 * lapses, or withdrawn by the petitioner.
 */
import { chinaDate, formatChineseDate } from './calendar';
import { type DeadlineRecord, RATING_LABELS } from './case-model';
import { isOverdue } from './deadline';
import { calendarOf, computeRecord, periodOf } from './lifecycle-clocks';
import { addToPath, type HandlerMap, nonEmpty, start, stop, stopAll } from './lifecycle-draft';
import { refuse } from './refusals';

const XF = '《信访工作条例》';

export const reviewHandlers = {
  rate(d, a) {
    const c = d.c;
    const ref = d.ctx.profile.references.rating?.article ?? `${XF}第二十一条第二款`;
    const subject: { ratingDue: string } | null | undefined =
      a.stage === 'acceptance'
        ? c.acceptance
        : a.stage === 'first'
          ? (c.replies.first ?? c.mediation)
          : c.replies[a.stage];
    if (!subject) return refuse('NOTHING_TO_RATE', ref, '该阶段尚无答复，不能评价。');
    if (c.ratings[a.stage]) return refuse('ALREADY_RATED', ref, '该阶段已经评价过，每个阶段只能评价一次。');
    if (isOverdue(subject.ratingDue, d.nowMs)) {
      return refuse(
        'RATING_WINDOW_CLOSED',
        ref,
        `评价期限已于${formatChineseDate(chinaDate(subject.ratingDue))}届满。`,
      );
    }
    if (a.level !== 'satisfied' && a.level !== 'basic' && a.level !== 'unsatisfied') {
      return refuse('BAD_RATING', ref, '评价只能是满意、基本满意或不满意。');
    }
    c.ratings[a.stage] = {
      level: a.level,
      at: d.now,
      ...(a.resolved !== undefined ? { resolved: a.resolved } : {}),
      ...(a.comment ? { comment: a.comment } : {}),
    };
    d.summary = `信访人评价：${RATING_LABELS[a.level]}`;
    if (a.level === 'unsatisfied') {
      c.followUp = { stage: a.stage, at: d.now, done: false };
      let next = '';
      if (c.state === 'replied' && c.deadlines.reviewRequest?.status === 'running') {
        next = `可在${formatChineseDate(c.deadlines.reviewRequest.lastDay)}前请求复查（${c.deadlines.reviewRequest.article}）。`;
      } else if (c.state === 'reviewed' && c.deadlines.recheckRequest?.status === 'running') {
        next = `可在${formatChineseDate(c.deadlines.recheckRequest.lastDay)}前请求复核（${c.deadlines.recheckRequest.article}）。`;
      }
      d.notices.push(
        {
          audience: 'unit',
          unitId: c.handlingUnitId ?? c.currentUnitId,
          message: '信访人不满意，请安排回访。',
        },
        ...(next ? [{ audience: 'petitioner' as const, message: next }] : []),
      );
    }
  },

  requestReview(d, a) {
    const c = d.c;
    if (c.category !== 'claim' || !d.ctx.profile.stages.review) {
      return refuse('REVIEW_NOT_AVAILABLE', `${XF}第三十五条`, '只有对信访处理意见不服的，才能请求复查。');
    }
    const w = c.deadlines.reviewRequest;
    if (!w || w.status === 'stopped' || isOverdue(w.due, d.nowMs)) {
      const period = periodOf(d.ctx, 'reviewRequest', w);
      return refuse(
        'REVIEW_WINDOW_CLOSED',
        period.article,
        `请求复查应当自收到书面答复之日起${period.within}提出${w ? `（已于${formatChineseDate(w.lastDay)}届满）` : ''}。`,
      );
    }
    const parent = c.handlingUnitId ? d.ctx.units.parentOf(c.handlingUnitId) : undefined;
    if (!parent)
      return refuse('NO_PARENT_UNIT', `${XF}第三十五条`, '原办理单位没有上一级机关、单位，无法复查。');
    if (!nonEmpty(a.reasons)) return refuse('REASONS_REQUIRED', `${XF}第三十五条`, '请说明不服的理由。');
    stop(d, 'reviewRequest', '已请求复查', true);
    c.reviewRequest = { at: d.now, reasons: a.reasons.trim() };
    c.reviewUnitId = parent.id;
    c.currentUnitId = parent.id;
    addToPath(c, parent.id);
    start(d, 'review', { unitId: parent.id });
    d.summary = `信访人向${parent.name}请求复查`;
    d.notices.push({ audience: 'unit', unitId: parent.id, message: `收到复查请求：${c.subject}` });
  },

  requestRecheck(d, a) {
    const c = d.c;
    if (!d.ctx.profile.stages.recheck) {
      return refuse('RECHECK_NOT_AVAILABLE', `${XF}第三十六条`, '本规则档案不设复核程序。');
    }
    const w = c.deadlines.recheckRequest;
    if (!w || w.status === 'stopped' || isOverdue(w.due, d.nowMs)) {
      const period = periodOf(d.ctx, 'recheckRequest', w);
      return refuse(
        'RECHECK_WINDOW_CLOSED',
        period.article,
        `请求复核应当自收到复查意见之日起${period.within}提出${w ? `（已于${formatChineseDate(w.lastDay)}届满）` : ''}。`,
      );
    }
    const parent = c.reviewUnitId ? d.ctx.units.parentOf(c.reviewUnitId) : undefined;
    if (!parent)
      return refuse('NO_PARENT_UNIT', `${XF}第三十六条第一款`, '复查单位没有上一级机关、单位，无法复核。');
    if (!nonEmpty(a.reasons))
      return refuse('REASONS_REQUIRED', `${XF}第三十六条第一款`, '请说明不服的理由。');
    stop(d, 'recheckRequest', '已请求复核', true);
    c.recheckRequest = { at: d.now, reasons: a.reasons.trim() };
    c.recheckUnitId = parent.id;
    c.currentUnitId = parent.id;
    addToPath(c, parent.id);
    start(d, 'recheck', { unitId: parent.id });
    d.summary = `信访人向${parent.name}请求复核`;
    d.notices.push({ audience: 'unit', unitId: parent.id, message: `收到复核请求：${c.subject}` });
  },

  startHearing(d) {
    const c = d.c;
    if (!d.ctx.profile.stages.hearing) {
      return refuse('NO_HEARING_STAGE', `${XF}第三十六条第二款`, '本规则档案不设听证程序。');
    }
    if (c.hearing.open) return refuse('HEARING_ALREADY_OPEN', `${XF}第三十六条第二款`, '听证已经开始。');
    const r = c.deadlines.recheck;
    if (!r || r.status !== 'running' || isOverdue(r.due, d.nowMs)) {
      return refuse('HEARING_AFTER_DUE', `${XF}第三十六条第二款`, '复核期限已经届满，不能再以听证暂停计算。');
    }
    c.hearing.open = { from: d.now, byUserId: d.actor.userId };
    const paused: DeadlineRecord = { ...r, status: 'paused', pausedSince: d.now };
    c.deadlines.recheck = paused;
    d.replaced.push(paused);
    d.summary = '开始听证，复核期限暂停计算';
  },

  endHearing(d) {
    const c = d.c;
    const open = c.hearing.open;
    const r = c.deadlines.recheck;
    if (!open || !r) return refuse('NO_OPEN_HEARING', `${XF}第三十六条第二款`, '当前没有进行中的听证。');
    c.hearing.open = null;
    c.hearing.pauses.push({ from: open.from, to: d.now });
    const pauses = [...c.hearing.pauses];
    const lines = r.ruleExplanation.filter((l) => !l.startsWith('听证：'));
    lines.push(`听证：所需时间不计算在复核期限内（${XF}第三十六条第二款），按整日扣除。`);
    const next = computeRecord({ ...r, pauses, ruleExplanation: lines }, calendarOf(d.ctx));
    c.deadlines.recheck = next;
    d.replaced.push(next);
    d.summary = `听证结束，复核期限顺延至${formatChineseDate(next.lastDay)}`;
  },

  withdraw(d, a) {
    const c = d.c;
    stopAll(d, '信访人撤回');
    c.withdrawal = { at: d.now, ...(a.reason ? { reason: a.reason } : {}) };
    c.closedAt = d.now;
    d.summary = '信访人撤回信访事项';
  },

  archive(d) {
    const c = d.c;
    const window = c.state === 'replied' ? c.deadlines.reviewRequest : c.deadlines.recheckRequest;
    if (window && window.status === 'running' && !isOverdue(window.due, d.nowMs)) {
      const what = c.state === 'replied' ? '复查' : '复核';
      return refuse(
        'REQUEST_WINDOW_OPEN',
        window.article,
        `请求${what}的期限尚未届满（至${formatChineseDate(window.lastDay)}），暂不能归档。`,
      );
    }
    stopAll(d, '办结归档');
    c.closedAt = d.now;
    d.summary = '办结归档';
  },
} satisfies Pick<
  HandlerMap,
  'rate' | 'requestReview' | 'requestRecheck' | 'startHearing' | 'endHearing' | 'withdraw' | 'archive'
>;
