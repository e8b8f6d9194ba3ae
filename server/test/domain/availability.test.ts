import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, availableActions, offeredActions, transitionsFrom } from '../../src/domain';
import {
  A,
  accepted,
  act,
  ctx,
  finalCase,
  newCase,
  objected,
  OPINION,
  replied,
  reviewed,
  T,
  transferred,
} from './support';

const at = (s: string) => `${s}+08:00`;

describe('available actions follow the windows the handlers enforce (what a client may offer)', () => {
  it('《信访工作条例》第三十五条: 复查 is offered to the petitioner inside the 30 days, not after', () => {
    const c = replied();
    expect(availableActions(c, A.resident, at('2026-05-20T23:00:00'), ctx)).toContain('requestReview');
    expect(availableActions(c, A.resident, at('2026-05-21T00:00:01'), ctx)).not.toContain('requestReview');
    // the unit that answered cannot ask for a 复查 of its own opinion
    expect(availableActions(c, A.handlerHousing, at('2026-05-01T10:00:00'), ctx)).not.toContain(
      'requestReview',
    );
  });

  it('《信访工作条例》第三十五条: a 建议意见 reply offers no 复查', () => {
    const c = newCase({ classification: { category: 'suggestion' } });
    const routed = act(
      c,
      A.clerkBureau,
      { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
      T.route,
    );
    const taken = act(routed.snapshot, A.clerkHousing, { type: 'accept' }, T.accept);
    const r = act(
      taken.snapshot,
      A.headHousing,
      { type: 'reply', document: { kind: 'suggestionReply', adoption: 'adopted', content: '已采纳' } },
      T.reply,
    );
    const offered = availableActions(r.snapshot, A.resident, at('2026-04-21T10:00:00'), ctx);
    expect(offered).not.toContain('requestReview');
    expect(offered).toContain('rate');
  });

  it('《信访工作条例》第三十六条: 复核 is offered inside the 30 days after the 复查 opinion', () => {
    const c = reviewed();
    expect(availableActions(c, A.resident, T.requestRecheck, ctx)).toContain('requestRecheck');
    expect(availableActions(c, A.resident, at('2026-08-01T10:00:00'), ctx)).not.toContain('requestRecheck');
  });

  it('《信访工作条例》第三十六条第三款: after 复核 the petitioner is offered no further request', () => {
    const offered = availableActions(finalCase(), A.resident, at('2026-07-09T10:00:00'), ctx);
    expect(offered).not.toContain('requestReview');
    expect(offered).not.toContain('requestRecheck');
  });

  it('第二十一条第二款 (评价): rating is offered while a reply is unrated and its window open; once rated it is gone', () => {
    const c = replied();
    const when = at('2026-04-21T10:00:00');
    expect(availableActions(c, A.resident, when, ctx)).toContain('rate');
    expect(availableActions(c, A.otherResident, when, ctx)).not.toContain('rate');
    // the acknowledgement's own rating window (03-05 + profile days) closed long ago: only 'first' is open
    const s = act(c, A.resident, { type: 'rate', stage: 'first', level: 'unsatisfied' }, when).snapshot;
    expect(availableActions(s, A.resident, at('2026-04-22T10:00:00'), ctx)).not.toContain('rate');
    // but 复查 stays on offer: a 不满意 rating leads there (第三十五条)
    expect(availableActions(s, A.resident, at('2026-04-22T10:00:00'), ctx)).toContain('requestReview');
  });

  it('《信访工作条例》第三十四条: the head is offered to decide an extension only while one is pending', () => {
    const when = at('2026-04-20T10:00:00');
    expect(availableActions(accepted(), A.headHousing, when, ctx)).not.toContain('decideExtension');
    const requested = act(
      accepted(),
      A.handlerHousing,
      { type: 'requestExtension', days: 30, reason: '需委托第三方检测供暖管道' },
      when,
    ).snapshot;
    expect(availableActions(requested, A.headHousing, when, ctx)).toContain('decideExtension');
    // a second request while one is pending is not offered either
    expect(availableActions(requested, A.handlerHousing, when, ctx)).not.toContain('requestExtension');
  });

  it('《信访工作条例》第三十二条: signing is offered to the head only while a draft reply waits', () => {
    const when = at('2026-04-20T10:00:00');
    expect(availableActions(accepted(), A.headHousing, when, ctx)).not.toContain('signReply');
    const drafted = act(
      accepted(),
      A.handlerHousing,
      { type: 'draftReply', document: OPINION },
      when,
    ).snapshot;
    expect(availableActions(drafted, A.headHousing, when, ctx)).toContain('signReply');
    expect(availableActions(drafted, A.handlerHousing, when, ctx)).not.toContain('signReply');
  });

  it('《信访工作条例》第二十三条第三款: an objection is decided only while one is pending', () => {
    const when = at('2026-03-03T10:00:00');
    expect(availableActions(transferred(), A.headBureau, when, ctx)).not.toContain('decideObjection');
    expect(availableActions(objected(), A.headBureau, when, ctx)).toContain('decideObjection');
  });
});

describe("offered actions carry the domain's label and the article of the row that allows them", () => {
  it('《信访工作条例》第三十五条: 复查 is offered as 请求复查 with 第三十五条; 第三十六条第一款 for 复核', () => {
    const review = offeredActions(replied(), A.resident, at('2026-05-20T23:00:00'), ctx);
    expect(review.find((a) => a.type === 'requestReview')).toEqual({
      type: 'requestReview',
      label: '请求复查',
      article: '《信访工作条例》第三十五条',
    });
    const recheck = offeredActions(reviewed(), A.resident, T.requestRecheck, ctx);
    expect(recheck.find((a) => a.type === 'requestRecheck')?.article).toBe(
      '《信访工作条例》第三十六条第一款',
    );
  });

  it('《信访工作条例》第二十三条第一款: the same action cites the article of the state it is taken in', () => {
    const when = at('2026-03-03T10:00:00');
    const offered = offeredActions(transferred(), A.clerkHousing, when, ctx);
    expect(offered.map((a) => a.type)).toEqual(availableActions(transferred(), A.clerkHousing, when, ctx));
    for (const a of offered) {
      // 补充材料 is the petitioner's (第十九条), never a clerk's
      if (a.type === 'addMaterial') throw new Error('a clerk is offered addMaterial');
      expect(a.label).toBe(ACTION_LABELS[a.type]);
      expect(a.article).toBe(transitionsFrom('transferred', a.type)[0]!.article);
    }
    expect(offered.find((a) => a.type === 'accept')?.article).toBe('《信访工作条例》第二十三条、第三十四条');
  });
});
