import { staffMessages } from '../messages/staff';
import { staffApi } from './api';

export interface ApprovalItem {
  kind: 'extension' | 'objection' | 'reply';
  caseId: string;
  number: string;
  title: string;
  /** What is asked ("申请延长15日 · 理由：…"). */
  detail?: string;
  /** The unit that asked. */
  from?: string;
  /** The clock the decision stands against. */
  due?: string;
}

const m = staffMessages.approvals;

/**
 * What waits for this unit head (`GET /api/staff/approvals`): extension requests (第三十四条), objections to
 * rule on (第二十三条第三款) and drafted replies to sign (第三十二条), as one list, soonest due first.
 */
export async function loadApprovals(): Promise<ApprovalItem[]> {
  const a = await staffApi.approvals();
  const items: ApprovalItem[] = [
    ...a.objections.map((o) => ({
      kind: 'objection' as const,
      caseId: o.case.id,
      number: o.case.number,
      title: o.case.title,
      detail: m.reason(o.reasons),
      from: o.objectingUnit.name,
      ...(o.case.nextDue ? { due: o.case.nextDue } : {}),
    })),
    ...a.extensions.map((e) => ({
      kind: 'extension' as const,
      caseId: e.case.id,
      number: e.case.number,
      title: e.case.title,
      detail: `${m.requested(e.requestedDays)} · ${m.reason(e.reason)}`,
      from: e.case.currentUnit.name,
      ...(e.clock ? { due: e.clock.due } : e.case.nextDue ? { due: e.case.nextDue } : {}),
    })),
    ...a.replies.map((r) => ({
      kind: 'reply' as const,
      caseId: r.case.id,
      number: r.case.number,
      title: r.case.title,
      detail: staffMessages.actions.replyKinds[r.document.kind] ?? r.document.kind,
      from: r.case.currentUnit.name,
      ...(r.clock ? { due: r.clock.due } : r.case.nextDue ? { due: r.case.nextDue } : {}),
    })),
  ];
  return items.sort((x, y) => (x.due ?? '9999').localeCompare(y.due ?? '9999'));
}
