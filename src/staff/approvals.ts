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
 * What waits for this unit head: objections to rule on (第二十三条第三款) and extension requests
 * (第三十四条). A case is in the queue when the server offers this user the deciding action on it.
 */
export async function loadApprovals(): Promise<ApprovalItem[]> {
  const page = await staffApi.cases({ state: 'objected,accepted', sort: 'urgency', limit: 100 });
  const details = await Promise.all(page.items.map((c) => staffApi.caseDetail(c.id).catch(() => null)));
  const out: ApprovalItem[] = [];
  for (const d of details) {
    if (!d) continue;
    if (d.availableActions.includes('decideObjection')) {
      const objection = [...d.events].reverse().find((e) => e.type === 'object');
      out.push({
        kind: 'objection',
        caseId: d.id,
        number: d.number,
        title: d.title,
        ...(objection ? { detail: objection.summary } : {}),
        from: d.currentUnit.name,
        ...(d.nextDue ? { due: d.nextDue } : {}),
      });
    }
    const ext = d.extension as { status?: string; requestedDays?: number; reason?: string } | null;
    if (d.availableActions.includes('decideExtension') && ext?.status === 'pending') {
      out.push({
        kind: 'extension',
        caseId: d.id,
        number: d.number,
        title: d.title,
        detail: `${m.requested(ext.requestedDays ?? 0)} · ${m.reason(ext.reason ?? '')}`,
        from: d.handlingUnit?.name ?? d.currentUnit.name,
        ...(d.nextDue ? { due: d.nextDue } : {}),
      });
    }
  }
  return out;
}
