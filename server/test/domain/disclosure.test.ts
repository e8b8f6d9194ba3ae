import { describe, expect, it } from 'vitest';
import {
  availableActions,
  contactVisible,
  materialRefusal,
  offeredActions,
  petitionerSeesEvent,
  visibility,
} from '../../src/domain';
import { A, accepted, act, ctx, finalCase, OPINION, T } from './support';

/** What a viewer who may see a case is shown of it (DOMAIN.md §5), and when material may still be added. */
describe('《信访工作条例》第三十四条、第三十二条: the petitioner’s timeline shows what concerns them', () => {
  it('第三十四条: an approved extension is shown; a refused request stays internal, like objections, supervision and recusals', () => {
    let c = accepted();
    const asked = act(c, A.handlerHousing, { type: 'requestExtension', days: 10, reason: '需检测' }, T.reply);
    c = asked.snapshot;
    const refused = act(
      c,
      A.headHousing,
      { type: 'decideExtension', approve: false, note: '手续不全' },
      T.reply,
    );
    expect(petitionerSeesEvent(asked.events[0]!)).toBe(false);
    expect(petitionerSeesEvent(refused.events[0]!)).toBe(false);
    c = act(
      refused.snapshot,
      A.handlerHousing,
      { type: 'requestExtension', days: 10, reason: '排期' },
      T.reply,
    ).snapshot;
    const approved = act(c, A.headHousing, { type: 'decideExtension', approve: true }, T.reply);
    expect(petitionerSeesEvent(approved.events[0]!)).toBe(true);
    const recused = act(
      approved.snapshot,
      A.handlerHousing,
      { type: 'recuse', userId: A.handlerHousing.userId, reason: '亲属' },
      T.reply,
    );
    expect(petitionerSeesEvent(recused.events[0]!)).toBe(false);
  });

  it('第三十二条: a draft the head returned stays internal; the signed reply is shown', () => {
    const c = accepted();
    const drafted = act(c, A.handlerHousing, { type: 'draftReply', document: OPINION }, T.reply);
    const returned = act(
      drafted.snapshot,
      A.headHousing,
      { type: 'signReply', approve: false, note: '补充依据' },
      T.reply,
    );
    expect(petitionerSeesEvent(drafted.events[0]!)).toBe(false);
    expect(petitionerSeesEvent(returned.events[0]!)).toBe(false);
    const again = act(
      returned.snapshot,
      A.handlerHousing,
      { type: 'draftReply', document: OPINION },
      T.reply,
    );
    const signed = act(again.snapshot, A.headHousing, { type: 'signReply', approve: true }, T.reply);
    expect(petitionerSeesEvent(signed.events[0]!)).toBe(true);
  });
});

describe('《个人信息保护法》第六条 最小必要: who reads the petitioner’s phone in clear', () => {
  it('the petitioner and the staff who must reach them (the unit holding the case, the handling unit); others see it masked', () => {
    const c = accepted();
    const sees = (a: typeof A.resident) => contactVisible(c, a, visibility(c, a, ctx));
    expect(sees(A.resident)).toBe(true);
    expect(sees(A.clerkHousing)).toBe(true);
    expect(sees(A.handlerHousing)).toBe(true);
    // the first receiver supervises but does not need to call; leaders and the auditor neither
    expect(sees(A.clerkBureau)).toBe(false);
    expect(sees(A.leaderDistrict)).toBe(false);
    expect(sees(A.auditor)).toBe(false);
    // someone who may not see the case sees nothing
    expect(sees(A.clerkOther)).toBe(false);
  });
});

describe('《信访工作条例》第三十六条第三款: no material after the case is closed', () => {
  it('only the petitioner adds material, until the case is closed; availableActions says so', () => {
    const open = accepted();
    expect(materialRefusal(open, A.resident)).toBeNull();
    expect(availableActions(open, A.resident, T.reply, ctx)).toContain('addMaterial');
    expect(materialRefusal(open, A.handlerHousing)).toMatchObject({ code: 'FORBIDDEN' });
    expect(availableActions(open, A.handlerHousing, T.reply, ctx)).not.toContain('addMaterial');
    const closed = finalCase();
    expect(materialRefusal(closed, A.resident)).toMatchObject({
      code: 'CASE_CLOSED',
      article: '《信访工作条例》第三十六条第三款',
    });
    expect(availableActions(closed, A.resident, '2026-07-09T10:00:00+08:00', ctx)).not.toContain(
      'addMaterial',
    );
  });

  it('第十九条: the petitioner is offered 补充材料 with its article, like every other action', () => {
    expect(offeredActions(accepted(), A.resident, T.reply, ctx)).toContainEqual({
      type: 'addMaterial',
      label: '补充材料',
      article: '《信访工作条例》第十九条',
    });
  });
});
