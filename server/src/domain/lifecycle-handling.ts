/**
 * Handling: the extension of the handling period (第三十四条), the stage replies — 信访处理意见书, 复查 and 复核
 * opinions, drafted by the handler and signed by the unit head or issued by the head alone (第三十二条, 第三十五条,
 * 第三十六条) — and closing by mediation or settlement (第三十三条).
 */
import { formatChineseDate } from './calendar';
import type { CaseSnapshot, Refusal, ReplyDocument } from './case-model';
import { describeLimit, isOverdue, type Limit } from './deadline';
import { calendarOf, computeRecord, periodOf } from './lifecycle-clocks';
import { type Draft, type HandlerMap, nonEmpty, ratingDue, start, stop, stopAll } from './lifecycle-draft';
import { refuse } from './refusals';

const XF = '《信访工作条例》';

type ReplyStage = 'first' | 'review' | 'recheck';

const STAGE_DOC_LABELS: Record<ReplyStage, string> = {
  first: '答复意见书',
  review: '复查意见书',
  recheck: '复核意见书',
};

function stageOf(c: CaseSnapshot): ReplyStage {
  return c.state === 'accepted' ? 'first' : c.state === 'reviewing' ? 'review' : 'recheck';
}

function stageUnitId(c: CaseSnapshot): string | null {
  const stage = stageOf(c);
  return stage === 'first' ? c.handlingUnitId : stage === 'review' ? c.reviewUnitId : c.recheckUnitId;
}

/**
 * 第二十九条 / 第三十条 / 第三十二条: the document fits the category and stage and carries its required
 * content (an opinion: request, facts and reasons, decision, legal basis). Checked on drafting and on issue.
 */
function checkReplyDocument(d: Draft, doc: ReplyDocument): Refusal | null {
  const c = d.c;
  const stage = stageOf(c);
  const expected =
    stage !== 'first' || c.category === 'claim'
      ? 'opinion'
      : c.category === 'suggestion'
        ? 'suggestionReply'
        : 'accusationFeedback';
  if (doc.kind !== expected) {
    const art =
      expected === 'opinion'
        ? `${XF}第三十二条`
        : expected === 'suggestionReply'
          ? `${XF}第二十九条`
          : `${XF}第三十条`;
    return refuse('WRONG_DOCUMENT', art, '答复文书类型与事项类别或阶段不符。');
  }
  if (doc.kind === 'opinion') {
    const ok =
      nonEmpty(doc.request) &&
      nonEmpty(doc.factsAndReasons) &&
      (doc.decision === 'support' || doc.decision === 'explain' || doc.decision === 'reject') &&
      Array.isArray(doc.legalBasis) &&
      doc.legalBasis.length > 0 &&
      doc.legalBasis.every(nonEmpty);
    if (!ok) {
      return refuse(
        'OPINION_INCOMPLETE',
        `${XF}第三十二条`,
        '信访处理意见书应当载明信访人投诉请求、事实和理由、处理意见及其法律法规依据。',
      );
    }
  } else if (!nonEmpty(doc.content)) {
    return refuse(
      'REPLY_EMPTY',
      expected === 'suggestionReply' ? `${XF}第二十九条` : `${XF}第三十条`,
      '答复内容不能为空。',
    );
  }
  if (stage === 'recheck' && c.hearing.open) {
    return refuse('HEARING_OPEN', `${XF}第三十六条第二款`, '听证尚未结束，不能出具复核意见。');
  }
  return null;
}

/** Issue (and deliver) the stage's reply: the same clocks stop whether the head signs a draft or answers alone. */
function issueReply(d: Draft, doc: ReplyDocument, draftedBy?: string): void {
  const c = d.c;
  const units = d.ctx.units;
  const stage = stageOf(c);
  const unitId = stageUnitId(c);
  c.replies[stage] = {
    document: doc,
    unitId: unitId ?? c.currentUnitId,
    byUserId: d.actor.userId,
    at: d.now,
    ratingDue: ratingDue(d),
    ...(draftedBy ? { draftedBy } : {}),
  };
  d.outcome = stage;
  const profile = d.ctx.profile;
  if (stage === 'first') {
    stop(d, 'handling', '已出具答复', true);
    stop(d, 'assignment', '已办结', true);
    d.to = 'replied';
    const parent = c.handlingUnitId ? units.parentOf(c.handlingUnitId) : undefined;
    let next = '';
    if (c.category === 'claim' && profile.stages.review) {
      start(d, 'reviewRequest', { unitId: null });
      const due = c.deadlines.reviewRequest;
      if (due) {
        next = `如不服，可自收到本意见书之日起${periodOf(d.ctx, 'reviewRequest', due).within}（至${formatChineseDate(due.lastDay)}）向${parent ? parent.name : '上一级机关、单位'}请求复查（${due.article}）。`;
      }
    }
    d.summary = `${units.name(unitId)}出具答复`;
    d.notices.push({
      audience: 'petitioner',
      document: 'opinion',
      message: `您的信访事项已有处理意见。${next}`,
    });
  } else if (stage === 'review') {
    stop(d, 'review', '已出具复查意见', true);
    d.to = 'reviewed';
    let next = '';
    if (profile.stages.recheck) {
      start(d, 'recheckRequest', { unitId: null });
      const parent = c.reviewUnitId ? units.parentOf(c.reviewUnitId) : undefined;
      const due = c.deadlines.recheckRequest;
      if (due) {
        next = `如不服，可自收到之日起${periodOf(d.ctx, 'recheckRequest', due).within}（至${formatChineseDate(due.lastDay)}）向${parent ? parent.name : '上一级机关、单位'}请求复核（${due.article}）。`;
      }
    }
    d.summary = `${units.name(unitId)}出具复查意见`;
    d.notices.push({
      audience: 'petitioner',
      document: 'reviewOpinion',
      message: `复查意见已作出。${next}`,
    });
  } else {
    stop(d, 'recheck', '已出具复核意见', true);
    d.to = 'final';
    c.closedAt = d.now;
    d.summary = `${units.name(unitId)}出具复核意见，事项终结`;
    d.notices.push({
      audience: 'petitioner',
      document: 'recheckOpinion',
      message: `复核意见已作出。对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（${XF}第三十六条第三款）。`,
    });
  }
}

export const handlingHandlers = {
  requestExtension(d, a) {
    const c = d.c;
    const rule = d.ctx.profile.clocks.handling?.extension;
    if (!d.ctx.profile.stages.extension || !rule) {
      return refuse('NO_EXTENSION_STAGE', d.ctx.profile.source, '本规则档案不设延期程序。');
    }
    if (c.extension?.status === 'approved') {
      return refuse('EXTENSION_ONCE', rule.article, '办理期限已经延长过一次，不能再次延长。');
    }
    if (c.extension?.status === 'pending') {
      return refuse('EXTENSION_PENDING', rule.article, '已有待审批的延期申请。');
    }
    if (!Number.isInteger(a.days) || a.days < 1 || a.days > rule.maxDays) {
      return refuse('EXTENSION_TOO_LONG', rule.article, `延长期限不得超过${rule.maxDays}日。`);
    }
    if (!nonEmpty(a.reason)) {
      return refuse('EXTENSION_REASON', rule.article, '申请延期必须说明理由，理由将告知信访人。');
    }
    const h = c.deadlines.handling;
    if (!h || h.status === 'stopped' || isOverdue(h.due, d.nowMs)) {
      return refuse('EXTENSION_AFTER_DUE', rule.article, '办理期限已经届满，不能再申请延期。');
    }
    c.extension = {
      requestedDays: a.days,
      reason: a.reason.trim(),
      requestedBy: d.actor.userId,
      requestedAt: d.now,
      status: 'pending',
    };
    d.summary = `申请延期${a.days}日，待单位负责人批准`;
    d.notices.push({
      audience: 'unit',
      unitId: c.handlingUnitId ?? c.currentUnitId,
      message: `延期申请待批：${a.reason.trim()}`,
    });
  },

  decideExtension(d, a) {
    const c = d.c;
    const ext = c.extension;
    const rule = d.ctx.profile.clocks.handling?.extension;
    if (!ext || ext.status !== 'pending' || !rule) {
      return refuse('NO_PENDING_EXTENSION', `${XF}第三十四条`, '没有待审批的延期申请。');
    }
    ext.decidedBy = d.actor.userId;
    ext.decidedAt = d.now;
    if (!a.approve) {
      if (!nonEmpty(a.note)) return refuse('REASON_REQUIRED', rule.article, '不批准延期时应当说明理由。');
      ext.status = 'refused';
      ext.note = a.note;
      d.outcome = 'refused';
      d.summary = '延期申请未获批准';
      return;
    }
    const days = a.days ?? ext.requestedDays;
    if (!Number.isInteger(days) || days < 1 || days > ext.requestedDays) {
      return refuse('EXTENSION_DAYS', rule.article, `批准的延长日数应在1至${ext.requestedDays}日之间。`);
    }
    const h = c.deadlines.handling;
    if (!h) return refuse('NO_HANDLING_CLOCK', rule.article, '办理期限不存在。');
    ext.status = 'approved';
    ext.approvedDays = days;
    d.outcome = 'approved';
    // 第三十四条: the period becomes (60 + N) days counted from the same start (受理之日), so the total can
    // never exceed 90 days and the explanation stays one computation.
    const limit: Limit =
      'days' in h.limit
        ? { days: h.limit.days + days }
        : 'workingDays' in h.limit
          ? { workingDays: h.limit.workingDays + days }
          : { hours: h.limit.hours + days * 24 };
    const line = `延期：经单位负责人批准延长${days}日（${rule.article}），理由：${ext.reason}；延长后期限为${describeLimit(limit)}，仍自原起算日计算。`;
    const next = computeRecord(
      { ...h, limit, ruleExplanation: [...h.ruleExplanation, line] },
      calendarOf(d.ctx),
    );
    c.deadlines.handling = next;
    d.replaced.push(next);
    d.summary = `批准延期${days}日，办理期限至${formatChineseDate(next.lastDay)}`;
    d.notices.push({
      audience: 'petitioner',
      document: 'extensionNotice',
      message: `办理期限延长${days}日至${formatChineseDate(next.lastDay)}。延期理由：${ext.reason}（${rule.article}）`,
    });
  },

  reply(d, a) {
    const problem = checkReplyDocument(d, a.document);
    if (problem) return problem;
    const draft = d.c.replyDraft;
    if (draft && draft.status === 'pending') {
      // The head answered directly: the pending draft is no longer the one to sign.
      draft.status = 'superseded';
      draft.decidedBy = d.actor.userId;
      draft.decidedAt = d.now;
    }
    issueReply(d, a.document);
  },

  draftReply(d, a) {
    const problem = checkReplyDocument(d, a.document);
    if (problem) return problem;
    const c = d.c;
    const stage = stageOf(c);
    c.replyDraft = {
      stage,
      document: a.document,
      unitId: stageUnitId(c) ?? c.currentUnitId,
      byUserId: d.actor.userId,
      at: d.now,
      status: 'pending',
    };
    d.summary = `承办人起草${STAGE_DOC_LABELS[stage]}，待单位负责人签发`;
    d.notices.push({
      audience: 'unit',
      unitId: c.replyDraft.unitId,
      message: `${STAGE_DOC_LABELS[stage]}草稿待签发：${c.subject}`,
    });
  },

  signReply(d, a) {
    const c = d.c;
    const draft = c.replyDraft;
    const stage = stageOf(c);
    if (!draft || draft.status !== 'pending' || draft.stage !== stage) {
      return refuse('NO_PENDING_DRAFT', `${XF}第三十二条`, '没有待签发的答复草稿。');
    }
    draft.decidedBy = d.actor.userId;
    draft.decidedAt = d.now;
    if (!a.approve) {
      if (!nonEmpty(a.note))
        return refuse('REASON_REQUIRED', `${XF}第三十二条`, '退回草稿时应当写明修改意见。');
      draft.status = 'returned';
      draft.note = a.note.trim();
      d.outcome = 'returned';
      d.to = c.state;
      d.summary = `单位负责人退回${STAGE_DOC_LABELS[stage]}草稿`;
      d.notices.push({
        audience: 'unit',
        unitId: draft.unitId,
        message: `${STAGE_DOC_LABELS[stage]}草稿被退回：${draft.note}`,
      });
      return;
    }
    // The rules may have changed since drafting (a hearing opened): check the document again.
    const problem = checkReplyDocument(d, draft.document);
    if (problem) return problem;
    draft.status = 'signed';
    issueReply(d, draft.document, draft.byUserId);
    d.summary = `${d.summary}（承办人起草，单位负责人签发）`;
  },

  mediate(d, a) {
    const c = d.c;
    if (!d.ctx.profile.stages.mediation || c.category !== 'claim') {
      return refuse('MEDIATION_ONLY_FOR_CLAIMS', `${XF}第三十三条`, '调解、和解仅适用于申诉求决类事项。');
    }
    if (!nonEmpty(a.agreement.summary) || a.agreement.signedByBothParties !== true) {
      return refuse(
        'AGREEMENT_UNSIGNED',
        `${XF}第三十三条`,
        '经调解、和解达成一致意见的，应当制作调解协议书或者和解协议书，并由双方签字。',
      );
    }
    stopAll(d, '调解/和解办结', ['handling', 'assignment']);
    c.mediation = {
      kind: a.agreement.kind,
      summary: a.agreement.summary.trim(),
      unitId: c.handlingUnitId ?? c.currentUnitId,
      byUserId: d.actor.userId,
      at: d.now,
      ratingDue: ratingDue(d),
    };
    c.closedAt = d.now;
    d.summary = a.agreement.kind === 'mediation' ? '经调解达成协议，办结' : '双方和解，办结';
    d.notices.push({ audience: 'petitioner', document: 'mediationAgreement', message: `${d.summary}。` });
  },
} satisfies Pick<
  HandlerMap,
  'requestExtension' | 'decideExtension' | 'reply' | 'draftReply' | 'signReply' | 'mediate'
>;
