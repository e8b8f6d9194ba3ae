import { describe, expect, it } from 'vitest';
import type { ActionType, CaseReply, Deadline, PetitionerCaseDetail } from '../api/types';
import { petitionerCaseDetail } from '../test-support/case-detail';
import { rateAvailability, requestWindow, reviewNotApplicable, sortDeadlines } from './case-view';

const NOW = new Date('2026-11-23T01:00:00Z');

function deadline(clock: string, due: string, status = 'running'): Deadline {
  return {
    clock,
    label: clock,
    article: '《信访工作条例》第三十五条',
    statutory: true,
    unitId: null,
    startedAt: '2026-11-01T10:00:00+08:00',
    due,
    lastDay: due.slice(0, 10),
    provisional: false,
    status,
    overdue: false,
    explanation: ['规则：…'],
  };
}

/** The server's offer of these actions (label and article are the server's; these tests read only the type). */
const offering = (...types: ActionType[]) => types.map((type) => ({ type, label: type, article: '' }));

function detail(overrides: Partial<PetitionerCaseDetail>): PetitionerCaseDetail {
  return petitionerCaseDetail({
    state: 'replied',
    stateLabel: '已答复',
    version: 5,
    availableActions: offering('rate', 'requestReview', 'withdraw'),
    ...overrides,
  });
}

const reply: CaseReply = {
  stage: 'first',
  at: '2026-11-20T10:00:00+08:00',
  unit: { id: 'jd-zjj', name: '住建局' },
  document: {
    kind: 'opinion',
    request: '请求修复楼道灯',
    factsAndReasons: '经核查属实',
    decision: 'support',
    legalBasis: ['《物业管理条例》第三十五条'],
  },
  ratingDue: '2026-12-05T23:59:59.999+08:00',
};

describe('复查 / 复核 window (第三十五条、第三十六条)', () => {
  it('is open after the first reply of a 申诉求决 while the reviewRequest clock runs; ends on its due day', () => {
    const w = requestWindow(
      detail({ deadlines: [deadline('reviewRequest', '2026-12-20T23:59:59.999+08:00')] }),
      NOW,
    );
    expect(w).toMatchObject({ kind: 'review', stage: 'first', open: true });
    expect(w?.deadline.due).toBe('2026-12-20T23:59:59.999+08:00');
  });

  it('is closed once its due day has passed', () => {
    const w = requestWindow(
      detail({ deadlines: [deadline('reviewRequest', '2026-11-20T23:59:59.999+08:00')] }),
      NOW,
    );
    expect(w?.open).toBe(false);
  });

  it('after the 复查 opinion it is the recheckRequest clock, for 复核', () => {
    const w = requestWindow(
      detail({
        state: 'reviewed',
        availableActions: offering('rate', 'requestRecheck'),
        deadlines: [
          deadline('reviewRequest', '2026-11-10T23:59:59.999+08:00', 'stopped'),
          deadline('recheckRequest', '2026-12-20T23:59:59.999+08:00'),
        ],
      }),
      NOW,
    );
    expect(w).toMatchObject({ kind: 'recheck', stage: 'review', open: true });
  });

  it('does not apply to 建议意见 replies, and not to a final case', () => {
    const suggestion = detail({
      category: 'suggestion',
      deadlines: [deadline('reviewRequest', '2026-12-20T23:59:59.999+08:00')],
    });
    expect(requestWindow(suggestion, NOW)).toBeNull();
    expect(reviewNotApplicable(suggestion)).toBe(true);
    expect(requestWindow(detail({ state: 'final' }), NOW)).toBeNull();
  });
});

describe('rating a reply: once, within its window', () => {
  it('is open, rated or closed', () => {
    expect(rateAvailability(detail({ replies: [reply] }), reply, NOW)).toBe('open');
    expect(
      rateAvailability(
        detail({
          replies: [reply],
          ratings: [{ stage: 'first', level: 'unsatisfied', at: '2026-11-22T10:00:00+08:00' }],
        }),
        reply,
        NOW,
      ),
    ).toBe('rated');
    expect(rateAvailability(detail({ replies: [reply] }), reply, new Date('2026-12-06T00:00:00Z'))).toBe(
      'closed',
    );
    expect(rateAvailability(detail({ availableActions: [] }), reply, NOW)).toBe('unavailable');
  });
});

describe('deadline order', () => {
  it('lists running deadlines first, soonest first, then ended ones', () => {
    const { running, ended } = sortDeadlines([
      deadline('route', '2026-11-01T23:59:59.999+08:00', 'stopped'),
      deadline('handling', '2026-12-20T23:59:59.999+08:00'),
      deadline('notice', '2026-11-30T23:59:59.999+08:00'),
    ]);
    expect(running.map((d) => d.clock)).toEqual(['notice', 'handling']);
    expect(ended.map((d) => d.clock)).toEqual(['route']);
  });
});
