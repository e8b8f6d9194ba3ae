import {
  describeLimit,
  DOCUMENT_LABELS,
  formatChineseDate,
  OPINION_DECISION_LABELS,
  PROCEDURE_LABELS,
  resolveClock,
  type CaseEvent,
  type DeadlineRecord,
  type RuleProfile,
  type DocumentKind,
  type ReplyDocument,
  type UnitTree,
} from '../../domain';
import { chinaDate } from '../../domain';
import type { CaseDoc } from '../cases/case.model';
import type { IssuableKind } from '../../contracts/documents';

const ADOPTION_LABELS = {
  adopted: '予以采纳',
  partiallyAdopted: '部分采纳',
  notAdopted: '暂不采纳',
} as const;

/**
 * The case step that requires each document kind, read from the timeline: the automatic issue uses the
 * decision's notices (the domain names the document), a manual issue or preview the latest such step.
 */
export function triggerOf(kind: IssuableKind, events: readonly CaseEvent[]): CaseEvent | null {
  const match = (e: CaseEvent): boolean => {
    switch (kind) {
      case 'transferNotice':
        return e.type === 'route';
      case 'acceptanceNotice':
        return e.type === 'accept';
      case 'notAcceptNotice':
        return e.type === 'notAccept';
      case 'extensionNotice':
        return (
          e.type === 'decideExtension' && (e.action as { approve?: boolean } | undefined)?.approve === true
        );
      case 'opinion':
        return (e.type === 'reply' || e.type === 'signReply') && e.to === 'replied';
      case 'reviewOpinion':
        return (e.type === 'reply' || e.type === 'signReply') && e.to === 'reviewed';
      case 'recheckOpinion':
        return (e.type === 'reply' || e.type === 'signReply') && e.to === 'final';
    }
  };
  for (let i = events.length - 1; i >= 0; i--) if (match(events[i]!)) return events[i]!;
  return null;
}

export function isIssuable(kind: DocumentKind | string): kind is IssuableKind {
  return kind in DOCUMENT_LABELS && kind !== 'receiptNotice' && kind !== 'mediationAgreement';
}

const date = (iso: string | null | undefined) => (iso ? formatChineseDate(chinaDate(iso)) : '');
const day = (d: string | null | undefined) => (d ? formatChineseDate(d) : '');

/** The unit that issues a kind of document for this case at the trigger. */
export function issuingUnitOf(kind: IssuableKind, c: CaseDoc, trigger: CaseEvent): string {
  if (kind === 'transferNotice') {
    const t = [...c.transfers].reverse().find((x) => x.at === trigger.at);
    return t?.fromUnitId ?? trigger.actor.unitId ?? c.currentUnitId;
  }
  if (kind === 'opinion') return c.replies.first?.unitId ?? c.handlingUnitId ?? c.currentUnitId;
  if (kind === 'reviewOpinion') return c.replies.review?.unitId ?? c.reviewUnitId ?? c.currentUnitId;
  if (kind === 'recheckOpinion') return c.replies.recheck?.unitId ?? c.recheckUnitId ?? c.currentUnitId;
  return trigger.actor.unitId ?? c.currentUnitId;
}

function replyFields(doc: ReplyDocument | undefined, fallbackRequest: string): Record<string, string> {
  if (!doc) return {};
  if (doc.kind === 'opinion') {
    return {
      replyRequest: doc.request,
      replyFacts: doc.factsAndReasons,
      replyDecision: OPINION_DECISION_LABELS[doc.decision],
      replyBasis: doc.legalBasis.join('；'),
    };
  }
  if (doc.kind === 'suggestionReply') {
    return {
      replyRequest: fallbackRequest,
      replyFacts: doc.content,
      replyDecision: ADOPTION_LABELS[doc.adoption],
      replyBasis: '《信访工作条例》第二十九条',
    };
  }
  return {
    replyRequest: fallbackRequest,
    replyFacts: doc.content,
    replyDecision: '依纪依法处理并反馈',
    replyBasis: '《信访工作条例》第三十条',
  };
}

/**
 * The handling period and its extension as the case's profile sets them (第三十四条 in 《信访工作条例》): the
 * rule for the case's category and tier, the article, when it starts and how long the one extension may be.
 */
function handlingFields(c: CaseDoc, profile: RuleProfile): Record<string, string> {
  const rule = resolveClock(profile, 'handling', [c.category, c.tier]);
  const ext = profile.clocks.handling?.extension;
  return {
    ...(rule
      ? {
          handlingLimit: describeLimit(rule.limit),
          handlingStart: rule.startEvent,
          // A limit the article itself sets is "根据…规定"; one the profile sets under it (建议意见类) says so.
          handlingBasis: rule.statutory
            ? `根据${rule.article}规定`
            : `根据${rule.article}和本机关（单位）适用的办理时限规定`,
        }
      : {}),
    ...(ext ? { extensionMax: `${ext.maxDays}日`, extensionArticle: ext.article } : {}),
  };
}

/** "如不服…可以自收到本意见书之日起30日内（至…）向…请求复查（…）": the request window the case's own clock sets. */
function nextStep(
  opinion: string,
  ask: string,
  window: DeadlineRecord,
  parentName: string | undefined,
): string {
  return `如不服本${opinion}，可以自收到本意见书之日起${describeLimit(window.limit)}内（至${day(window.lastDay)}）向${parentName ?? '上一级机关、单位'}请求${ask}（${window.article}）。`;
}

/**
 * The values the templates' `{{field}}` placeholders take for this case (Chinese, ready to print). Limits
 * come from the case's rule profile and its own clocks, never from the template (DOMAIN.md §8).
 */
export function fieldsFor(
  kind: IssuableKind,
  c: CaseDoc,
  trigger: CaseEvent,
  tree: UnitTree,
  petitionerName: string,
  profile: RuleProfile,
): Record<string, string> {
  const f: Record<string, string> = {
    petitionerName: petitionerName || '信访人',
    caseNumber: c.number,
    title: c.content?.title ?? c.subject,
    request: c.content?.request ?? '',
    receivedDate: date(c.receivedAt),
    issueDate: date(trigger.at),
    handlingDue: day(c.deadlines.handling?.lastDay),
    handlingUnitName: tree.name(c.handlingUnitId),
    reviewUnitName: tree.name(c.reviewUnitId),
    ...handlingFields(c, profile),
  };
  if (kind === 'transferNotice') {
    const t = [...c.transfers].reverse().find((x) => x.at === trigger.at) ?? c.transfers.at(-1);
    if (t) {
      f.toUnitName = tree.name(t.toUnitId);
      f.transferMode = t.mode === 'assign' ? '交办' : '转送';
      f.transferDate = date(t.at);
    }
  }
  if (kind === 'notAcceptNotice' && c.notAccepted) {
    const g = c.notAccepted;
    f.notAcceptReason =
      g.kind === 'statutoryProcedure'
        ? `您反映的事项应当通过${PROCEDURE_LABELS[g.procedure].label}处理，请向${g.authority}提出。${g.explanation}`
        : g.kind === 'outsideRemit'
          ? `您反映的事项不属于本机关、单位或本系统职权范围，请向${g.authority}提出。${g.explanation}`
          : g.kind === 'sameMatterInProgress'
            ? '同一信访事项已经受理或正在办理，在规定期限内再次提出的，不予受理；请关注原事项的办理进展。'
            : '该事项已经复核终结，以同一事实和理由再次提出的，不再受理。';
    f.notAcceptArticle = trigger.article ?? '《信访工作条例》第二十三条';
  }
  if (kind === 'extensionNotice' && c.extension) {
    f.extensionReason = c.extension.reason;
    f.extensionDays = String(c.extension.approvedDays ?? c.extension.requestedDays);
  }
  const request = c.content?.request ?? '';
  if (kind === 'opinion') {
    Object.assign(f, replyFields(c.replies.first?.document, request));
    const w = c.deadlines.reviewRequest;
    const parent = c.handlingUnitId ? tree.parentOf(c.handlingUnitId) : undefined;
    if (w && c.category === 'claim') f.nextStep = nextStep('处理意见', '复查', w, parent?.name);
  }
  if (kind === 'reviewOpinion') {
    Object.assign(f, replyFields(c.replies.review?.document, c.reviewRequest?.reasons ?? request));
    f.requestDate = date(c.reviewRequest?.at);
    const w = c.deadlines.recheckRequest;
    const parent = c.reviewUnitId ? tree.parentOf(c.reviewUnitId) : undefined;
    if (w) f.nextStep = nextStep('复查意见', '复核', w, parent?.name);
  }
  if (kind === 'recheckOpinion') {
    Object.assign(f, replyFields(c.replies.recheck?.document, c.recheckRequest?.reasons ?? request));
    f.requestDate = date(c.recheckRequest?.at);
  }
  return f;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** Fills the paragraphs; a paragraph made only of an empty placeholder (e.g. no next step) is dropped. */
export function fill(paragraphs: readonly string[], fields: Record<string, string>): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const names = [...p.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    const text = p.replace(PLACEHOLDER, (_, k: string) => fields[k] ?? '');
    if (names.length > 0 && text.trim() === '') continue;
    out.push(text);
  }
  return out;
}
