/**
 * How urgent a case is for the unit that holds it: the staff inbox sorts and counts by this (overdue, due
 * today, due within 3 days, later, no running duty). The clock that decides it is the earliest running DUTY
 * clock (办理、转送、告知、交办…); the objection and 复查/复核 request windows bound a right, not a duty
 * (`RIGHT_WINDOW_CLOCKS`), so they never make a case overdue — they are shown when nothing else runs.
 */
import { chinaDate, dayNumber, parseInstant } from './calendar';
import type { CaseSnapshot, DeadlineRecord } from './case-model';
import { isOverdue } from './deadline';
import { RIGHT_WINDOW_CLOCKS } from './profiles';

export const URGENCIES = ['overdue', 'today', 'soon', 'later', 'none'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Days ahead (after today) that still count as "soon". */
export const SOON_DAYS = 3;

export interface CaseUrgency {
  urgency: Urgency;
  /** The deciding duty clock, else the earliest running right window, else null. */
  clock: DeadlineRecord | null;
  duty: boolean;
  /** Calendar days from today (China time) to the clock's last day; negative when past. */
  daysLeft: number | null;
  overdue: boolean;
}

const byDue = (a: DeadlineRecord, b: DeadlineRecord) => parseInstant(a.due) - parseInstant(b.due);

export function caseUrgency(c: Pick<CaseSnapshot, 'deadlines'>, now: Date | string | number): CaseUrgency {
  const nowMs = typeof now === 'number' ? now : parseInstant(now);
  const today = dayNumber(chinaDate(nowMs));
  const live = Object.values(c.deadlines).filter((d): d is DeadlineRecord => !!d && d.status !== 'stopped');
  const duty = live
    .filter((d) => d.status === 'running' && !RIGHT_WINDOW_CLOCKS.includes(d.clock))
    .sort(byDue);
  const deciding = duty[0];
  if (!deciding) {
    // Paused clocks (a hearing) and right windows: shown, but nothing is owed now.
    const shown = [...live].sort(byDue)[0] ?? null;
    return {
      urgency: 'none',
      clock: shown,
      duty: false,
      daysLeft: shown ? dayNumber(shown.lastDay) - today : null,
      overdue: false,
    };
  }
  const daysLeft = dayNumber(deciding.lastDay) - today;
  const overdue = isOverdue(deciding.due, nowMs);
  const urgency: Urgency = overdue
    ? 'overdue'
    : daysLeft <= 0
      ? 'today'
      : daysLeft <= SOON_DAYS
        ? 'soon'
        : 'later';
  return { urgency, clock: deciding, duty: true, daysLeft, overdue };
}

export const URGENCY_RANK: Record<Urgency, number> = { overdue: 0, today: 1, soon: 2, later: 3, none: 4 };
