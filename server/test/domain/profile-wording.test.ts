import { describe, expect, it } from 'vitest';
import { formatChineseDate, JIESUJIBAN_PROFILE, TRANSITIONS, validateProfile } from '../../src/domain';
import { A, act, ctx, ctxFor, newCase, OPINION, refused, STRICT, T } from './support';

const strict = ctxFor(STRICT);

const transferredUnder = (context = strict) =>
  act(
    newCase({}, A.clerkBureau, T.open, context),
    A.clerkBureau,
    { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
    T.route,
    context,
  ).snapshot;
const repliedUnder = (context = strict) => {
  const accepted = act(transferredUnder(context), A.clerkHousing, { type: 'accept' }, T.accept, context);
  return act(accepted.snapshot, A.headHousing, { type: 'reply', document: OPINION }, T.reply, context);
};
const reviewedUnder = (context = strict) => {
  const reviewing = act(
    repliedUnder(context).snapshot,
    A.resident,
    { type: 'requestReview', reasons: '维修方案不能解决问题' },
    T.requestReview,
    context,
  );
  return act(
    reviewing.snapshot,
    A.headDistrict,
    { type: 'reply', document: OPINION },
    T.replyReview,
    context,
  );
};

describe('every limit a message states comes from the case’s rule profile (DOMAIN.md §8)', () => {
  it('the stricter profile is a valid profile (shorter than the statutory limits, never longer)', () => {
    expect(validateProfile(STRICT)).toMatchObject({ ok: true });
  });

  it('《信访工作条例》第二十三条第三款: a late objection states the profile’s objection period', () => {
    const objection = {
      type: 'object',
      reasons: '该小区供暖由甲街道负责的热力站管理，不属于本委职权范围',
    } as const;
    const at = '2026-03-09T10:00:00+08:00';
    // 5个工作日 (03-04 … 03-10) under the default profile: still in time
    expect(act(transferredUnder(ctx), A.clerkHousing, objection, at).state).toBe('objected');
    // 3个工作日 (03-04, 03-05, 03-06) under the stricter one: late, and the refusal says 3个工作日
    expect(refused(transferredUnder(), A.clerkHousing, objection, at, strict)).toMatchObject({
      code: 'OBJECTION_LATE',
      article: '《信访工作条例》第二十三条第三款',
      message: '异议应当自收到之日起3个工作日内提出（截止2026年3月6日），现已逾期，应当依法受理办理。',
    });
  });

  it('《北京市接诉即办工作条例》第十二条第三款: under the 12345 profile the objection period is 24小时', () => {
    const hotline = ctxFor(JIESUJIBAN_PROFILE);
    const c = transferredUnder(hotline);
    const r = refused(
      c,
      A.clerkHousing,
      { type: 'object', reasons: '该诉求属于街道职责范围，不属于本单位职责' },
      '2026-03-05T10:00:00+08:00',
      hotline,
    );
    expect(r.code).toBe('OBJECTION_LATE');
    expect(r.article).toBe('《北京市接诉即办工作条例》第十二条第三款');
    expect(r.message).toContain('自收到之日起24小时内提出');
    expect(r.message).not.toMatch(/工作日/);
  });

  it('《信访工作条例》第三十五条: the opinion’s notice and a late 复查 request state the profile’s 20日', () => {
    const d = repliedUnder();
    const w = d.snapshot.deadlines.reviewRequest!;
    expect(w.limit).toEqual({ days: 20 });
    expect(d.notices.find((n) => n.document === 'opinion')?.message).toBe(
      `您的信访事项已有处理意见。如不服，可自收到本意见书之日起20日内（至${formatChineseDate(w.lastDay)}）向甲区人民政府请求复查（《信访工作条例》第三十五条）。`,
    );
    const late = refused(
      d.snapshot,
      A.resident,
      { type: 'requestReview', reasons: '维修方案不能解决问题' },
      T.replyReview,
      strict,
    );
    expect(late).toMatchObject({ code: 'REVIEW_WINDOW_CLOSED', article: '《信访工作条例》第三十五条' });
    expect(late.message).toBe(
      `请求复查应当自收到书面答复之日起20日内提出（已于${formatChineseDate(w.lastDay)}届满）。`,
    );
  });

  it('《信访工作条例》第三十六条第一款: the 复查 opinion’s notice and a late 复核 request state the profile’s 20日', () => {
    const d = reviewedUnder();
    const w = d.snapshot.deadlines.recheckRequest!;
    expect(w.limit).toEqual({ days: 20 });
    expect(d.notices.find((n) => n.document === 'reviewOpinion')?.message).toBe(
      `复查意见已作出。如不服，可自收到之日起20日内（至${formatChineseDate(w.lastDay)}）向市人民政府请求复核（《信访工作条例》第三十六条第一款）。`,
    );
    const late = refused(
      d.snapshot,
      A.resident,
      { type: 'requestRecheck', reasons: '复查意见仍未解决' },
      '2026-06-25T10:00:00+08:00',
      strict,
    );
    expect(late).toMatchObject({
      code: 'RECHECK_WINDOW_CLOSED',
      article: '《信访工作条例》第三十六条第一款',
    });
    expect(late.message).toBe(
      `请求复核应当自收到复查意见之日起20日内提出（已于${formatChineseDate(w.lastDay)}届满）。`,
    );
    // the default profile's 30日 window is still open on the same day
    expect(
      act(
        reviewedUnder(ctx).snapshot,
        A.resident,
        { type: 'requestRecheck', reasons: '复查意见仍未解决' },
        '2026-06-25T10:00:00+08:00',
      ).state,
    ).toBe('rechecking');
  });

  it('the transition table names periods, never a number of days (the profile holds the numbers)', () => {
    expect(TRANSITIONS.filter((r) => /\d+\s*(日|个工作日|小时)/.test(r.description))).toEqual([]);
  });
});
