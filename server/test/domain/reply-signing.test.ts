import { describe, expect, it } from 'vitest';
import { checkInvariants, type CaseSnapshot } from '../../src/domain';
import { A, accepted, act, ctx, OPINION, refused, reviewing, T } from './support';

const at = (s: string) => `${s}+08:00`;

describe('《信访工作条例》第三十二条 信访处理意见书由办理单位出具：承办人起草，单位负责人签发', () => {
  const drafted = (c: CaseSnapshot = accepted(), when = at('2026-04-15T10:00:00')) =>
    act(c, A.handlerHousing, { type: 'draftReply', document: OPINION }, when).snapshot;

  it('第三十二条: a handler may not issue the opinion alone, only draft it', () => {
    const r = refused(accepted(), A.handlerHousing, { type: 'reply', document: OPINION }, T.reply);
    expect(r).toMatchObject({
      code: 'FORBIDDEN',
      article: '《信访工作条例》第三十二条、第三十五条、第三十六条',
    });
    const c = drafted();
    expect(c.state).toBe('accepted');
    expect(c.replyDraft).toMatchObject({
      stage: 'first',
      unitId: 'dept-housing',
      byUserId: A.handlerHousing.userId,
      status: 'pending',
      document: OPINION,
    });
    // drafting does not stop the clock: the reply is not issued yet
    expect(c.deadlines.handling?.status).toBe('running');
    expect(c.replies.first).toBeUndefined();
  });

  it('第三十二条: the draft must already carry request, facts and reasons, decision and legal basis', () => {
    const r = refused(
      accepted(),
      A.handlerHousing,
      { type: 'draftReply', document: { ...OPINION, legalBasis: [' '] as [string] } },
      T.reply,
    );
    expect(r).toMatchObject({ code: 'OPINION_INCOMPLETE', article: '《信访工作条例》第三十二条' });
  });

  it('第三十二条: the head signs → the opinion is issued, the petitioner notified; the clock stops at the signature', () => {
    const c = drafted();
    const d = act(c, A.headHousing, { type: 'signReply', approve: true }, T.reply);
    expect(d.state).toBe('replied');
    expect(d.snapshot.replies.first).toMatchObject({
      document: OPINION,
      unitId: 'dept-housing',
      byUserId: A.headHousing.userId,
      draftedBy: A.handlerHousing.userId,
      at: '2026-04-20T10:00:00.000+08:00',
    });
    expect(d.snapshot.replyDraft?.status).toBe('signed');
    // 第三十四条: met when issued (signed), not when drafted
    expect(d.snapshot.deadlines.handling).toMatchObject({
      status: 'stopped',
      stoppedAt: '2026-04-20T10:00:00.000+08:00',
      metOnTime: true,
    });
    expect(d.snapshot.deadlines.reviewRequest?.status).toBe('running');
    expect(d.notices).toContainEqual(
      expect.objectContaining({ audience: 'petitioner', document: 'opinion' }),
    );
    expect(d.events[0]?.summary).toContain('承办人起草，单位负责人签发');
    expect(checkInvariants(d.snapshot, ctx)).toEqual([]);
  });

  it('a draft signed after the period ends is late (按期办结 false): the signature is the issue date', () => {
    const c = drafted(accepted(), at('2026-05-01T10:00:00'));
    const d = act(c, A.headHousing, { type: 'signReply', approve: true }, at('2026-05-07T09:00:00'));
    expect(d.snapshot.deadlines.handling).toMatchObject({ status: 'stopped', metOnTime: false });
  });

  it('第三十二条: the head returns the draft with what to change; the handler redrafts; only a pending draft is signed', () => {
    const c = drafted();
    expect(refused(c, A.headHousing, { type: 'signReply', approve: false, note: ' ' }, T.reply).code).toBe(
      'REASON_REQUIRED',
    );
    const back = act(
      c,
      A.headHousing,
      { type: 'signReply', approve: false, note: '请补充现场核查情况' },
      T.reply,
    );
    expect(back.state).toBe('accepted');
    expect(back.snapshot.replyDraft).toMatchObject({ status: 'returned', note: '请补充现场核查情况' });
    expect(back.notices).toEqual([expect.objectContaining({ audience: 'unit', unitId: 'dept-housing' })]);
    expect(refused(back.snapshot, A.headHousing, { type: 'signReply', approve: true }, T.reply).code).toBe(
      'NO_PENDING_DRAFT',
    );
    const again = act(back.snapshot, A.handlerHousing, { type: 'draftReply', document: OPINION }, T.reply);
    expect(again.snapshot.replyDraft?.status).toBe('pending');
    expect(act(again.snapshot, A.headHousing, { type: 'signReply', approve: true }, T.reply).state).toBe(
      'replied',
    );
  });

  it('only the head of the unit that owes the reply signs; a handler cannot sign', () => {
    const c = drafted();
    expect(refused(c, A.handlerHousing, { type: 'signReply', approve: true }, T.reply).code).toBe(
      'FORBIDDEN',
    );
    expect(refused(c, A.headDistrict, { type: 'signReply', approve: true }, T.reply).code).toBe('FORBIDDEN');
  });

  it('a head answering directly supersedes the pending draft', () => {
    const d = act(drafted(), A.headHousing, { type: 'reply', document: OPINION }, T.reply);
    expect(d.state).toBe('replied');
    expect(d.snapshot.replyDraft?.status).toBe('superseded');
    expect(d.snapshot.replies.first?.draftedBy).toBeUndefined();
  });

  it('第三十五条: a draft of the first stage cannot be signed as the 复查意见; the 复查 unit drafts and signs its own', () => {
    const c = reviewing();
    expect(c.replyDraft?.status).not.toBe('pending');
    expect(refused(c, A.headDistrict, { type: 'signReply', approve: true }, T.replyReview).code).toBe(
      'NO_PENDING_DRAFT',
    );
    const d = act(c, A.handlerDistrict, { type: 'draftReply', document: OPINION }, T.replyReview).snapshot;
    expect(d.replyDraft).toMatchObject({ stage: 'review', unitId: 'gov-district' });
    const s = act(d, A.headDistrict, { type: 'signReply', approve: true }, T.replyReview);
    expect(s.state).toBe('reviewed');
    expect(s.notices).toContainEqual(expect.objectContaining({ document: 'reviewOpinion' }));
  });
});
