/**
 * Is a new filing new, a duplicate of a matter in progress, a repeat, or barred?
 *
 * - 《信访工作条例》第十九条第三款: a matter already accepted or in progress, filed again with a HIGHER unit of
 *   the accepting/handling unit within its time limit, is not accepted there (show the existing case).
 * - 第三十六条第三款: after 复核, the same facts and reasons are not accepted again by anyone.
 * - 重复信访 (DOMAIN.md §6): the same matter filed again after the earlier case closed; it is accepted as a
 *   new case but flagged, and counted in 重复信访率.
 * - 初信初访: the petitioner has no earlier case at all.
 * "Same matter" = same petitioner and same matter fingerprint (see `matterFingerprint`).
 */
import { parseInstant } from './calendar';
import type { CaseSnapshot, CaseState } from './case-model';
import { isOverdue } from './deadline';
import type { UnitTree } from './units';

export interface NewFiling {
  petitionerId: string;
  matterFingerprint: string;
  targetUnitId: string;
  at: string | Date;
}

export type FilingAssessment =
  | { kind: 'new'; refuse: false; firstTime: boolean; repeatOf: null; message: string }
  | {
      /** 第十九条第三款: refuse at the higher unit; show the existing case. */
      kind: 'sameMatterAtHigherUnit';
      refuse: true;
      existingCaseId: string;
      article: string;
      message: string;
    }
  | {
      /** The same matter is in progress (same/other unit, or its time limit has passed): show it, don't duplicate. */
      kind: 'inProgress';
      refuse: false;
      existingCaseId: string;
      overdue: boolean;
      message: string;
    }
  | {
      kind: 'repeat';
      refuse: false;
      firstTime: false;
      repeatOf: string;
      existingCaseId: string;
      /** When a request window of the earlier case is still open, that is the right way, not a new case. */
      suggestion: 'requestReview' | 'requestRecheck' | null;
      message: string;
    }
  | { kind: 'final'; refuse: true; existingCaseId: string; article: string; message: string };

const IN_PROGRESS: readonly CaseState[] = [
  'submitted',
  'registered',
  'transferred',
  'objected',
  'accepted',
  'reviewing',
  'rechecking',
];
const XF = '《信访工作条例》';

function withinTimeLimit(c: CaseSnapshot, atMs: number): boolean {
  const running = Object.values(c.deadlines).filter((d) => d && d.status !== 'stopped');
  return running.every((d) => !d || !isOverdue(d.due, atMs));
}

export function assessFiling(
  filing: NewFiling,
  existing: readonly CaseSnapshot[],
  units: UnitTree,
): FilingAssessment {
  const atMs = parseInstant(filing.at);
  const mine = existing.filter((c) => c.petitioner.id === filing.petitionerId);
  const same = mine
    .filter((c) => c.matterFingerprint === filing.matterFingerprint)
    .sort((a, b) => parseInstant(b.createdAt) - parseInstant(a.createdAt));

  const final = same.find((c) => c.state === 'final');
  if (final) {
    return {
      kind: 'final',
      refuse: true,
      existingCaseId: final.id,
      article: `${XF}第三十六条第三款`,
      message: `该事项已经复核终结（编号${final.id}）。对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理。`,
    };
  }

  const active = same.find((c) => IN_PROGRESS.includes(c.state));
  if (active) {
    const owner = active.handlingUnitId ?? active.currentUnitId;
    const higher = units.has(filing.targetUnitId) && units.isAncestor(filing.targetUnitId, owner);
    const inTime = withinTimeLimit(active, atMs);
    if (higher && inTime) {
      return {
        kind: 'sameMatterAtHigherUnit',
        refuse: true,
        existingCaseId: active.id,
        article: `${XF}第十九条第三款`,
        message: `同一事项已由${units.name(owner)}受理或正在办理（编号${active.id}），在规定期限内向其上级机关提出的，不予受理。请关注原事项的办理进展。`,
      };
    }
    return {
      kind: 'inProgress',
      refuse: false,
      existingCaseId: active.id,
      overdue: !inTime,
      message: inTime
        ? `同一事项正在办理中（编号${active.id}），可在原事项中补充材料。`
        : `同一事项正在办理中（编号${active.id}），已超过办理期限，可由上级机关督办。`,
    };
  }

  const earlier = same[0];
  if (earlier) {
    let suggestion: 'requestReview' | 'requestRecheck' | null = null;
    const rr = earlier.deadlines.reviewRequest;
    const rc = earlier.deadlines.recheckRequest;
    if (earlier.state === 'replied' && rr?.status === 'running' && !isOverdue(rr.due, atMs))
      suggestion = 'requestReview';
    if (earlier.state === 'reviewed' && rc?.status === 'running' && !isOverdue(rc.due, atMs))
      suggestion = 'requestRecheck';
    const hint =
      suggestion === 'requestReview'
        ? `对原处理意见不服的，可请求复查（${XF}第三十五条）。`
        : suggestion === 'requestRecheck'
          ? `对复查意见不服的，可请求复核（${XF}第三十六条）。`
          : '';
    return {
      kind: 'repeat',
      refuse: false,
      firstTime: false,
      repeatOf: earlier.id,
      existingCaseId: earlier.id,
      suggestion,
      message: `同一事项曾经提出（编号${earlier.id}），本次按重复信访登记。${hint}`,
    };
  }

  const firstTime = mine.length === 0;
  return {
    kind: 'new',
    refuse: false,
    firstTime,
    repeatOf: null,
    message: firstTime ? '初信初访。' : '新的信访事项。',
  };
}
