/**
 * How a case reads to its petitioner: which deadlines matter now, whether a reply can still be rated, and
 * whether the 复查/复核 window is open. The server decides again on every action; this only decides what
 * to offer.
 */
import type {
  CaseDetail,
  CaseRating,
  CaseReply,
  Deadline,
  OfferedAction,
  PetitionerCaseDetail,
  ReplyStage,
} from '../api/types';
import { messages } from '../messages';

/**
 * Clocks that bound the petitioner's own right (server/src/domain/profiles.ts RIGHT_WINDOW_CLOCKS): the
 * window to ask for 复查 / 复核. The unit's 异议 window is also one, but it is the unit's, not the resident's.
 */
export const REVIEW_WINDOW_CLOCK = 'reviewRequest';
export const RECHECK_WINDOW_CLOCK = 'recheckRequest';

export function isRightWindow(clock: string): boolean {
  return clock === REVIEW_WINDOW_CLOCK || clock === RECHECK_WINDOW_CLOCK;
}

export function isRunning(d: Deadline): boolean {
  return d.status === 'running' || d.status === 'paused';
}

/** Running deadlines first, soonest first; ended ones after, latest first. */
export function sortDeadlines(list: Deadline[]): { running: Deadline[]; ended: Deadline[] } {
  const running = list.filter(isRunning).sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
  const ended = list.filter((d) => !isRunning(d)).sort((a, b) => Date.parse(b.due) - Date.parse(a.due));
  return { running, ended };
}

export function deadlineStatusText(d: Deadline): string {
  const m = messages.deadline;
  if (d.status === 'running') return m.statusRunning;
  if (d.status === 'paused') return m.statusPaused;
  if (d.metOnTime === true) return m.statusMet;
  if (d.metOnTime === false) return m.statusLate;
  return m.statusStopped;
}

export function ratingFor(c: PetitionerCaseDetail, stage: string): CaseRating | undefined {
  return c.ratings.find((r) => r.stage === stage);
}

/** The action as the server offers it to this viewer now (with the domain's label and article), if it does. */
export function offered(
  c: Pick<CaseDetail, 'availableActions'>,
  type: OfferedAction['type'],
): OfferedAction | undefined {
  return c.availableActions.find((a) => a.type === type);
}

export function offers(c: Pick<CaseDetail, 'availableActions'>, type: OfferedAction['type']): boolean {
  return offered(c, type) !== undefined;
}

export type RateAvailability = 'rated' | 'open' | 'closed' | 'unavailable';

/** A reply is rated once, within its window (ratingDue), while the server offers `rate`. */
export function rateAvailability(
  c: PetitionerCaseDetail,
  reply: CaseReply,
  now: Date = new Date(),
): RateAvailability {
  if (ratingFor(c, reply.stage)) return 'rated';
  if (!offers(c, 'rate')) return 'unavailable';
  return Date.parse(reply.ratingDue) >= now.getTime() ? 'open' : 'closed';
}

export interface RequestWindow {
  kind: 'review' | 'recheck';
  /** The reply it contests. */
  stage: ReplyStage;
  open: boolean;
  /** The window's deadline (its `due` is the end of the last day). */
  deadline: Deadline;
}

/**
 * The 复查 window after the first reply (第三十五条, 申诉求决类 only) or the 复核 window after the 复查
 * opinion (第三十六条): open while its clock runs and has not passed.
 */
export function requestWindow(c: PetitionerCaseDetail, now: Date = new Date()): RequestWindow | null {
  const pick = (clock: string) => c.deadlines.find((d) => d.clock === clock);
  let kind: RequestWindow['kind'];
  let stage: ReplyStage;
  let deadline: Deadline | undefined;
  if (c.state === 'replied') {
    if (c.category !== 'claim') return null;
    kind = 'review';
    stage = 'first';
    deadline = pick(REVIEW_WINDOW_CLOCK);
  } else if (c.state === 'reviewed') {
    kind = 'recheck';
    stage = 'review';
    deadline = pick(RECHECK_WINDOW_CLOCK);
  } else {
    return null;
  }
  if (!deadline) return null;
  const action = kind === 'review' ? 'requestReview' : 'requestRecheck';
  const open =
    deadline.status === 'running' && Date.parse(deadline.due) >= now.getTime() && offers(c, action);
  return { kind, stage, open, deadline };
}

/** A 申诉求决 reply could be contested, but this one is a suggestion/accusation reply: say why not. */
export function reviewNotApplicable(c: PetitionerCaseDetail): boolean {
  return c.state === 'replied' && c.category !== 'claim';
}

export function canWithdraw(c: PetitionerCaseDetail): boolean {
  return offers(c, 'withdraw');
}

/** A running handling clock means a reply is on its way: the moment to offer a reminder. */
export function replyIsDue(c: PetitionerCaseDetail): boolean {
  return c.deadlines.some(
    (d) => (d.clock === 'handling' || d.clock === 'review' || d.clock === 'recheck') && isRunning(d),
  );
}

export function categoryLabel(category: string | null): string {
  if (!category) return messages.caseDetail.categoryPending;
  const c = messages.file.categories[category as keyof typeof messages.file.categories];
  return c ? c.name : category;
}
