import { describe, expect, it } from 'vitest';
import { type CaseSnapshot, overdueDeadlines } from '../../src/domain';
import {
  A,
  accepted,
  act,
  ctxFor,
  newCase,
  OPINION,
  rechecking,
  refused,
  replied,
  reviewed,
  reviewing,
  T,
} from './support';

const at = (s: string) => `${s}+08:00`;
const EXT_REASON = '需委托第三方检测供暖管道';

describe('《信访工作条例》第三十四条 60日内办结；经负责人批准可延长，不超过30日，并告知延期理由', () => {
  const requested = (): CaseSnapshot =>
    act(
      accepted(),
      A.handlerHousing,
      { type: 'requestExtension', days: 30, reason: EXT_REASON },
      at('2026-04-20T10:00:00'),
    ).snapshot;

  it('第三十四条: the handler requests, the case stays accepted with a pending request', () => {
    const c = requested();
    expect(c.state).toBe('accepted');
    expect(c.extension).toMatchObject({
      requestedDays: 30,
      reason: EXT_REASON,
      status: 'pending',
      requestedBy: 'u-handler-housing',
    });
    expect(c.deadlines.handling?.lastDay).toBe('2026-05-06');
  });

  it('第三十四条: only the handling unit’s handler may ask', () => {
    expect(
      refused(accepted(), A.clerkHousing, { type: 'requestExtension', days: 10, reason: EXT_REASON }, T.reply)
        .code,
    ).toBe('FORBIDDEN');
    expect(
      refused(
        accepted(),
        A.handlerOffice,
        { type: 'requestExtension', days: 10, reason: EXT_REASON },
        T.reply,
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('第三十四条: more than 30 days is refused', () => {
    const r = refused(
      accepted(),
      A.handlerHousing,
      { type: 'requestExtension', days: 31, reason: EXT_REASON },
      T.reply,
    );
    expect(r).toMatchObject({
      code: 'EXTENSION_TOO_LONG',
      article: '《信访工作条例》第三十四条',
      message: '延长期限不得超过30日。',
    });
  });

  it('第三十四条: a reason is required (it is told to the petitioner)', () => {
    expect(
      refused(accepted(), A.handlerHousing, { type: 'requestExtension', days: 10, reason: ' ' }, T.reply)
        .code,
    ).toBe('EXTENSION_REASON');
  });

  it('第三十四条: no extension once the period has ended (after 2026-05-06)', () => {
    expect(
      refused(
        accepted(),
        A.handlerHousing,
        { type: 'requestExtension', days: 10, reason: EXT_REASON },
        at('2026-05-07T09:00:00'),
      ).code,
    ).toBe('EXTENSION_AFTER_DUE');
  });

  it('第三十四条 经本机关、单位负责人批准: only the handling unit’s head approves', () => {
    const c = requested();
    expect(
      refused(c, A.handlerHousing, { type: 'decideExtension', approve: true }, at('2026-04-21T10:00:00'))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      refused(c, A.headBureau, { type: 'decideExtension', approve: true }, at('2026-04-21T10:00:00')).code,
    ).toBe('FORBIDDEN');
  });

  it('第三十四条: approval recomputes the period as 90日 from acceptance (03-05 → 06-03) and tells the petitioner why', () => {
    const d = act(
      requested(),
      A.headHousing,
      { type: 'decideExtension', approve: true },
      at('2026-04-21T10:00:00'),
    );
    const h = d.snapshot.deadlines.handling;
    expect(h).toMatchObject({
      limit: { days: 90 },
      lastDay: '2026-06-03',
      status: 'running',
      startedAt: '2026-03-05T10:00:00.000+08:00',
    });
    expect(h?.explanation).toContain(
      `延期：经单位负责人批准延长30日（《信访工作条例》第三十四条），理由：${EXT_REASON}；延长后期限为90日，仍自原起算日计算。`,
    );
    expect(d.deadlines.replaced.map((r) => r.clock)).toEqual(['handling']);
    expect(d.notices).toEqual([
      {
        audience: 'petitioner',
        document: 'extensionNotice',
        message: `办理期限延长30日至2026年6月3日。延期理由：${EXT_REASON}（《信访工作条例》第三十四条）`,
      },
    ]);
  });

  it('第三十四条: the head may approve fewer days (10 → 70日 → 05-14), never more than asked', () => {
    const c = act(
      accepted(),
      A.handlerHousing,
      { type: 'requestExtension', days: 10, reason: EXT_REASON },
      T.reply,
    ).snapshot;
    expect(
      refused(c, A.headHousing, { type: 'decideExtension', approve: true, days: 11 }, T.reply).code,
    ).toBe('EXTENSION_DAYS');
    const d = act(c, A.headHousing, { type: 'decideExtension', approve: true, days: 10 }, T.reply);
    expect(d.snapshot.deadlines.handling?.lastDay).toBe('2026-05-14');
  });

  it('第三十四条: only once — a second request after approval is refused; a request while one is pending too', () => {
    expect(
      refused(
        requested(),
        A.handlerHousing,
        { type: 'requestExtension', days: 5, reason: EXT_REASON },
        T.reply,
      ).code,
    ).toBe('EXTENSION_PENDING');
    const approved = act(
      requested(),
      A.headHousing,
      { type: 'decideExtension', approve: true },
      at('2026-04-21T10:00:00'),
    ).snapshot;
    expect(
      refused(
        approved,
        A.handlerHousing,
        { type: 'requestExtension', days: 5, reason: EXT_REASON },
        at('2026-04-22T10:00:00'),
      ),
    ).toMatchObject({
      code: 'EXTENSION_ONCE',
      article: '《信访工作条例》第三十四条',
    });
  });

  it('第三十四条: a refused request leaves the period unchanged; the handler may ask again', () => {
    const d = act(
      requested(),
      A.headHousing,
      { type: 'decideExtension', approve: false, note: '情况并不复杂' },
      at('2026-04-21T10:00:00'),
    );
    expect(d.snapshot.extension?.status).toBe('refused');
    expect(d.snapshot.deadlines.handling?.lastDay).toBe('2026-05-06');
    expect(
      act(
        d.snapshot,
        A.handlerHousing,
        { type: 'requestExtension', days: 5, reason: EXT_REASON },
        at('2026-04-22T10:00:00'),
      ).snapshot.extension?.status,
    ).toBe('pending');
    expect(refused(accepted(), A.headHousing, { type: 'decideExtension', approve: true }, T.reply).code).toBe(
      'NO_PENDING_EXTENSION',
    );
  });
});

describe('《信访工作条例》第三十二条 信访处理意见书', () => {
  it('第三十二条: the opinion is stored with request, facts and reasons, decision and legal basis; handling stops on time', () => {
    const c = replied();
    expect(c.state).toBe('replied');
    expect(c.replies.first).toMatchObject({
      document: OPINION,
      unitId: 'dept-housing',
      at: '2026-04-20T10:00:00.000+08:00',
    });
    expect(c.deadlines.handling).toMatchObject({ status: 'stopped', metOnTime: true });
    expect(c.deadlines.reviewRequest).toMatchObject({
      status: 'running',
      lastDay: '2026-05-20',
      unitId: null,
    });
  });

  it('第三十二条 / 第三十五条: the petitioner is told where and until when to ask for 复查', () => {
    const d = act(accepted(), A.headHousing, { type: 'reply', document: OPINION }, T.reply);
    expect(d.notices[0]).toEqual({
      audience: 'petitioner',
      document: 'opinion',
      message:
        '您的信访事项已有处理意见。如不服，可自收到本意见书之日起30日内（至2026年5月20日）向甲区人民政府请求复查（《信访工作条例》第三十五条）。',
    });
  });

  it('第三十二条: an opinion missing facts and reasons is refused', () => {
    const r = refused(
      accepted(),
      A.headHousing,
      { type: 'reply', document: { ...OPINION, factsAndReasons: '' } },
      T.reply,
    );
    expect(r).toMatchObject({ code: 'OPINION_INCOMPLETE', article: '《信访工作条例》第三十二条' });
    expect(r.message).toBe('信访处理意见书应当载明信访人投诉请求、事实和理由、处理意见及其法律法规依据。');
  });

  it('第三十二条: a 申诉求决类 item needs an opinion, not a suggestion reply', () => {
    const r = refused(
      accepted(),
      A.headHousing,
      { type: 'reply', document: { kind: 'suggestionReply', adoption: 'adopted', content: '采纳' } },
      T.reply,
    );
    expect(r).toMatchObject({ code: 'WRONG_DOCUMENT', article: '《信访工作条例》第三十二条' });
  });

  it('a late reply is recorded as not on time (按期办结 false)', () => {
    const c = act(
      accepted(),
      A.headHousing,
      { type: 'reply', document: OPINION },
      at('2026-05-07T09:00:00'),
    ).snapshot;
    expect(c.deadlines.handling).toMatchObject({ status: 'stopped', metOnTime: false });
  });

  it('only the handling unit’s head issues it (a handler drafts, see reply-signing.test.ts)', () => {
    expect(refused(accepted(), A.clerkHousing, { type: 'reply', document: OPINION }, T.reply).code).toBe(
      'FORBIDDEN',
    );
    expect(refused(accepted(), A.handlerHousing, { type: 'reply', document: OPINION }, T.reply).code).toBe(
      'FORBIDDEN',
    );
    expect(refused(accepted(), A.headDistrict, { type: 'reply', document: OPINION }, T.reply).code).toBe(
      'FORBIDDEN',
    );
    expect(act(accepted(), A.headHousing, { type: 'reply', document: OPINION }, T.reply).state).toBe(
      'replied',
    );
  });

  it('第二十九条 建议意见类: a reply on adoption, no 复查 window, and it can be archived at once', () => {
    const c = accepted({ classification: { category: 'suggestion' }, subject: '建议增设公交站' });
    expect(c.deadlines.handling).toMatchObject({
      statutory: false,
      article: '《信访工作条例》第二十九条',
      lastDay: '2026-05-06',
    });
    expect(c.deadlines.handling?.explanation).toContain(
      '说明：条例第二十九条未规定建议意见类事项的办理日数，本期限由规则档案设定（默认60日，可配置）。',
    );
    expect(refused(c, A.headHousing, { type: 'reply', document: OPINION }, T.reply)).toMatchObject({
      code: 'WRONG_DOCUMENT',
      article: '《信访工作条例》第二十九条',
    });
    const r = act(
      c,
      A.headHousing,
      { type: 'reply', document: { kind: 'suggestionReply', adoption: 'adopted', content: '已采纳' } },
      T.reply,
    );
    expect(r.snapshot.deadlines.reviewRequest).toBeUndefined();
    expect(
      refused(r.snapshot, A.resident, { type: 'requestReview', reasons: '不服' }, at('2026-04-21T10:00:00'))
        .code,
    ).toBe('REVIEW_NOT_AVAILABLE');
    expect(act(r.snapshot, A.clerkHousing, { type: 'archive' }, at('2026-04-20T11:00:00')).state).toBe(
      'closed',
    );
  });
});

describe('《信访工作条例》第三十三条 调解、和解', () => {
  const agreement = {
    kind: 'mediation' as const,
    summary: '物业公司同意更换管道',
    signedByBothParties: true as const,
  };

  it('第三十三条: a signed agreement closes a 申诉求决类 item', () => {
    const d = act(accepted(), A.handlerHousing, { type: 'mediate', agreement }, at('2026-03-20T10:00:00'));
    expect(d.state).toBe('mediated');
    expect(d.snapshot.mediation).toMatchObject({
      kind: 'mediation',
      summary: '物业公司同意更换管道',
      unitId: 'dept-housing',
    });
    expect(d.snapshot.deadlines.handling).toMatchObject({ status: 'stopped', metOnTime: true });
    expect(d.notices[0]?.document).toBe('mediationAgreement');
  });

  it('第三十三条: not for a 建议意见类 item, and not without the agreement text', () => {
    const s = accepted({ classification: { category: 'suggestion' } });
    expect(refused(s, A.handlerHousing, { type: 'mediate', agreement }, T.reply).code).toBe(
      'MEDIATION_ONLY_FOR_CLAIMS',
    );
    expect(
      refused(
        accepted(),
        A.handlerHousing,
        { type: 'mediate', agreement: { ...agreement, summary: '' } },
        T.reply,
      ).code,
    ).toBe('AGREEMENT_UNSIGNED');
  });
});

describe('评价 once per stage reply, within the window (DOMAIN.md §6; 《信访工作条例》第二十一条第二款)', () => {
  it('the acknowledgement (受理告知) can be rated within 15 days (03-05 → 03-20), once', () => {
    const c = accepted();
    expect(c.acceptance?.ratingDue).toBe('2026-03-20T23:59:59.999+08:00');
    const d = act(
      c,
      A.resident,
      { type: 'rate', stage: 'acceptance', level: 'basic', comment: '态度好' },
      at('2026-03-10T10:00:00'),
    );
    expect(d.snapshot.ratings.acceptance).toEqual({
      level: 'basic',
      comment: '态度好',
      at: '2026-03-10T10:00:00.000+08:00',
    });
    expect(d.state).toBe('accepted');
    expect(
      refused(
        d.snapshot,
        A.resident,
        { type: 'rate', stage: 'acceptance', level: 'satisfied' },
        at('2026-03-11T10:00:00'),
      ).code,
    ).toBe('ALREADY_RATED');
  });

  it('after the window the rating is refused', () => {
    const r = refused(
      accepted(),
      A.resident,
      { type: 'rate', stage: 'acceptance', level: 'satisfied' },
      at('2026-03-21T00:00:00'),
    );
    expect(r).toMatchObject({ code: 'RATING_WINDOW_CLOSED', message: '评价期限已于2026年3月20日届满。' });
  });

  it('a stage without a reply cannot be rated; only the petitioner rates', () => {
    expect(
      refused(
        accepted(),
        A.resident,
        { type: 'rate', stage: 'first', level: 'satisfied' },
        at('2026-03-10T10:00:00'),
      ).code,
    ).toBe('NOTHING_TO_RATE');
    expect(
      refused(
        accepted(),
        A.otherResident,
        { type: 'rate', stage: 'acceptance', level: 'satisfied' },
        at('2026-03-10T10:00:00'),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      refused(
        accepted(),
        A.handlerHousing,
        { type: 'rate', stage: 'acceptance', level: 'satisfied' },
        at('2026-03-10T10:00:00'),
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('不满意 flags a follow-up call and tells the petitioner the next step (复查 until 05-20)', () => {
    const d = act(
      replied(),
      A.resident,
      { type: 'rate', stage: 'first', level: 'unsatisfied', resolved: false },
      at('2026-04-22T10:00:00'),
    );
    expect(d.snapshot.followUp).toEqual({ stage: 'first', at: '2026-04-22T10:00:00.000+08:00', done: false });
    expect(d.snapshot.ratings.first).toMatchObject({ level: 'unsatisfied', resolved: false });
    expect(d.notices).toEqual([
      { audience: 'unit', unitId: 'dept-housing', message: '信访人不满意，请安排回访。' },
      { audience: 'petitioner', message: '可在2026年5月20日前请求复查（《信访工作条例》第三十五条）。' },
    ]);
  });

  it('the window is configurable (3 days from 03-05 → Sunday 03-08 → 03-09)', () => {
    const short = ctxFor(undefined, { config: { ratingWindowDays: 3 } });
    const c = act(
      act(
        newCase(),
        A.clerkBureau,
        { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
        T.route,
        short,
      ).snapshot,
      A.clerkHousing,
      { type: 'accept' },
      T.accept,
      short,
    ).snapshot;
    expect(c.acceptance?.ratingDue).toBe('2026-03-09T23:59:59.999+08:00');
  });
});

describe('《信访工作条例》第三十五条 复查: 30日内向原办理单位的上一级请求，30日内出具复查意见', () => {
  it('第三十五条: the request goes to the PARENT of the handling unit (甲区住建委 → 甲区人民政府) with a 30日 clock (05-06 → 06-05)', () => {
    const c = reviewing();
    expect(c).toMatchObject({
      state: 'reviewing',
      reviewUnitId: 'gov-district',
      currentUnitId: 'gov-district',
    });
    expect(c.deadlines.reviewRequest).toMatchObject({ status: 'stopped', metOnTime: true });
    expect(c.deadlines.review).toMatchObject({
      status: 'running',
      lastDay: '2026-06-05',
      unitId: 'gov-district',
      article: '《信访工作条例》第三十五条',
    });
    expect(c.path).toEqual(['bureau-district', 'dept-housing', 'gov-district']);
  });

  it('第三十五条: on the 30th day (05-20, 23:00) the request is still in time', () => {
    expect(
      act(replied(), A.resident, { type: 'requestReview', reasons: '不服' }, at('2026-05-20T23:00:00')).state,
    ).toBe('reviewing');
  });

  it('第三十五条: after 30 days (05-21) the request is refused', () => {
    const r = refused(
      replied(),
      A.resident,
      { type: 'requestReview', reasons: '不服' },
      at('2026-05-21T00:00:01'),
    );
    expect(r).toMatchObject({ code: 'REVIEW_WINDOW_CLOSED', article: '《信访工作条例》第三十五条' });
    expect(r.message).toBe('请求复查应当自收到书面答复之日起30日内提出（已于2026年5月20日届满）。');
  });

  it('第三十五条: only the petitioner asks for 复查', () => {
    expect(
      refused(replied(), A.clerkHousing, { type: 'requestReview', reasons: '不服' }, T.requestReview).code,
    ).toBe('FORBIDDEN');
    expect(
      refused(replied(), A.otherResident, { type: 'requestReview', reasons: '不服' }, T.requestReview).code,
    ).toBe('FORBIDDEN');
    expect(refused(replied(), A.resident, { type: 'requestReview', reasons: '' }, T.requestReview).code).toBe(
      'REASONS_REQUIRED',
    );
  });

  it('第三十五条: a handling unit without a parent cannot be reviewed', () => {
    const top = newCase({ channel: 'letter' }, A.clerkCity);
    const acc = act(top, A.clerkCity, { type: 'accept' }, T.accept).snapshot;
    const rep = act(acc, A.headCity, { type: 'reply', document: OPINION }, T.reply).snapshot;
    expect(refused(rep, A.resident, { type: 'requestReview', reasons: '不服' }, T.requestReview).code).toBe(
      'NO_PARENT_UNIT',
    );
  });

  it('第三十五条: the 复查 opinion comes from the 复查 unit only, and opens the 复核 window (06-01 → 07-01)', () => {
    expect(
      refused(reviewing(), A.headHousing, { type: 'reply', document: OPINION }, T.replyReview).code,
    ).toBe('FORBIDDEN');
    const c = reviewed();
    expect(c.replies.review?.unitId).toBe('gov-district');
    expect(c.deadlines.review).toMatchObject({ status: 'stopped', metOnTime: true });
    expect(c.deadlines.recheckRequest).toMatchObject({
      status: 'running',
      lastDay: '2026-07-01',
      article: '《信访工作条例》第三十六条第一款',
    });
  });
});

describe('《信访工作条例》第三十六条 复核', () => {
  it('第三十六条第一款: the request goes to the parent of the 复查 unit (甲区人民政府 → 市人民政府), 30日 (06-10 → 07-10)', () => {
    const c = rechecking();
    expect(c).toMatchObject({ recheckUnitId: 'gov-city', currentUnitId: 'gov-city' });
    expect(c.deadlines.recheck).toMatchObject({ lastDay: '2026-07-10', unitId: 'gov-city' });
  });

  it('第三十六条第一款: after 30 days from the 复查 reply (07-02) the request is refused', () => {
    expect(
      refused(reviewed(), A.resident, { type: 'requestRecheck', reasons: '不服' }, at('2026-07-02T09:00:00')),
    ).toMatchObject({
      code: 'RECHECK_WINDOW_CLOSED',
      article: '《信访工作条例》第三十六条第一款',
    });
  });

  describe('第三十六条第二款 听证所需时间不计算在期限内', () => {
    const opened = (): CaseSnapshot =>
      act(rechecking(), A.handlerCity, { type: 'startHearing' }, at('2026-06-20T10:00:00')).snapshot;

    it('during the hearing the clock is paused, raises no overdue alert, and the opinion cannot be issued', () => {
      const c = opened();
      expect(c.deadlines.recheck).toMatchObject({
        status: 'paused',
        pausedSince: '2026-06-20T10:00:00.000+08:00',
      });
      expect(overdueDeadlines(c, at('2026-07-20T10:00:00'))).toEqual([]);
      expect(
        refused(c, A.headCity, { type: 'reply', document: OPINION }, at('2026-06-21T10:00:00')).code,
      ).toBe('HEARING_OPEN');
      expect(refused(c, A.handlerCity, { type: 'startHearing' }, at('2026-06-21T10:00:00')).code).toBe(
        'HEARING_ALREADY_OPEN',
      );
    });

    it('a hearing from 06-20 to 06-22 excludes 3 whole days: 07-10 → Monday 07-13', () => {
      const d = act(opened(), A.headCity, { type: 'endHearing' }, at('2026-06-22T16:00:00'));
      const r = d.snapshot.deadlines.recheck;
      expect(r).toMatchObject({
        status: 'running',
        lastDay: '2026-07-13',
        pauses: [{ from: '2026-06-20T10:00:00.000+08:00', to: '2026-06-22T16:00:00.000+08:00' }],
      });
      expect(r?.pausedSince).toBeUndefined();
      expect(r?.explanation).toContain(
        '听证：所需时间不计算在复核期限内（《信访工作条例》第三十六条第二款），按整日扣除。',
      );
      expect(r?.explanation).toContain(
        '计时中止：2026年6月20日至2026年6月22日，共3日不计入期限，期限顺延至2026年7月13日（星期一）。',
      );
    });

    it('two hearings add up (06-20 and 06-25 → 2 days → Sunday 07-12 → 07-13); the explanation keeps one hearing line', () => {
      let c = act(opened(), A.handlerCity, { type: 'endHearing' }, at('2026-06-20T12:00:00')).snapshot;
      // one day stopped: 07-11 is a Saturday → 07-13
      expect(c.deadlines.recheck?.lastDay).toBe('2026-07-13');
      c = act(c, A.handlerCity, { type: 'startHearing' }, at('2026-06-25T09:00:00')).snapshot;
      c = act(c, A.handlerCity, { type: 'endHearing' }, at('2026-06-25T11:00:00')).snapshot;
      expect(c.deadlines.recheck?.pauses).toHaveLength(2);
      expect(c.deadlines.recheck?.lastDay).toBe('2026-07-13');
      expect(c.deadlines.recheck?.explanation.filter((l) => l.startsWith('听证：'))).toHaveLength(1);
    });

    it('no hearing outside 复核, none after the 复核 period ended, no end without a start', () => {
      expect(
        refused(reviewing(), A.handlerDistrict, { type: 'startHearing' }, at('2026-05-10T10:00:00')).code,
      ).toBe('ILLEGAL_TRANSITION');
      expect(
        refused(rechecking(), A.handlerCity, { type: 'startHearing' }, at('2026-07-11T10:00:00')).code,
      ).toBe('HEARING_AFTER_DUE');
      expect(
        refused(rechecking(), A.handlerCity, { type: 'endHearing' }, at('2026-06-20T10:00:00')).code,
      ).toBe('NO_OPEN_HEARING');
      expect(
        refused(rechecking(), A.handlerDistrict, { type: 'startHearing' }, at('2026-06-20T10:00:00')).code,
      ).toBe('FORBIDDEN');
    });
  });

  it('第三十六条第三款: the 复核 opinion is final and the petitioner is told so', () => {
    const d = act(rechecking(), A.headCity, { type: 'reply', document: OPINION }, T.replyRecheck);
    expect(d.state).toBe('final');
    expect(d.snapshot.closedAt).toBe('2026-07-08T10:00:00.000+08:00');
    expect(d.notices[0]?.message).toBe(
      '复核意见已作出。对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（《信访工作条例》第三十六条第三款）。',
    );
  });
});

describe('撤回 and 归档', () => {
  it('only the petitioner withdraws; every clock stops', () => {
    expect(refused(accepted(), A.clerkHousing, { type: 'withdraw' }, T.reply).code).toBe('FORBIDDEN');
    const d = act(accepted(), A.resident, { type: 'withdraw', reason: '已协商解决' }, T.reply);
    expect(d.state).toBe('withdrawn');
    expect(Object.values(d.snapshot.deadlines).every((x) => x?.status === 'stopped')).toBe(true);
    expect(d.snapshot.deadlines.handling?.metOnTime).toBeUndefined();
    expect(d.snapshot.withdrawal).toEqual({ at: '2026-04-20T10:00:00.000+08:00', reason: '已协商解决' });
  });

  it('第三十五条: no archiving while the 复查 window is open (until 05-20); afterwards the handling unit archives', () => {
    expect(refused(replied(), A.clerkHousing, { type: 'archive' }, at('2026-05-20T12:00:00'))).toMatchObject({
      code: 'REQUEST_WINDOW_OPEN',
      article: '《信访工作条例》第三十五条',
    });
    const d = act(replied(), A.clerkHousing, { type: 'archive' }, at('2026-05-21T09:00:00'));
    expect(d.state).toBe('closed');
    expect(d.snapshot.deadlines.reviewRequest).toMatchObject({ status: 'stopped' });
  });

  it('第三十六条第一款: no archiving while the 复核 window is open (until 07-01)', () => {
    expect(refused(reviewed(), A.clerkDistrict, { type: 'archive' }, at('2026-06-30T12:00:00')).article).toBe(
      '《信访工作条例》第三十六条第一款',
    );
    expect(act(reviewed(), A.clerkDistrict, { type: 'archive' }, at('2026-07-02T09:00:00')).state).toBe(
      'closed',
    );
  });
});

describe('《信访工作条例》第十八条第二款 包案 and 第四十条 督办 (recorded, state unchanged)', () => {
  it('督办 by a leader above the current unit: note and internal due date recorded, the unit is notified', () => {
    const d = act(
      accepted(),
      A.leaderDistrict,
      { type: 'supervise', note: '请于5月前办结', internalDue: '2026-04-30' },
      at('2026-04-01T10:00:00'),
    );
    expect(d.state).toBe('accepted');
    expect(d.snapshot.supervisions).toEqual([
      {
        byUserId: 'u-leader-district',
        unitId: 'gov-district',
        note: '请于5月前办结',
        internalDue: '2026-04-30',
        at: '2026-04-01T10:00:00.000+08:00',
      },
    ]);
    expect(d.notices).toEqual([
      { audience: 'unit', unitId: 'dept-housing', message: '督办：请于5月前办结（2026年4月30日前）' },
    ]);
  });

  it('第四十条: the 信访部门 of the same level may 督办; a leader of another district may not; a past date is refused', () => {
    expect(
      act(
        accepted(),
        A.headBureau,
        { type: 'supervise', note: '督办', internalDue: '2026-04-30' },
        at('2026-04-01T10:00:00'),
      ).ok,
    ).toBe(true);
    expect(
      refused(
        accepted(),
        A.leaderOther,
        { type: 'supervise', note: '督办', internalDue: '2026-04-30' },
        at('2026-04-01T10:00:00'),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      refused(
        accepted(),
        A.leaderDistrict,
        { type: 'supervise', note: '督办', internalDue: '2026-03-31' },
        at('2026-04-01T10:00:00'),
      ).code,
    ).toBe('BAD_INTERNAL_DUE');
  });

  it('第十八条第二款: one leader 包案; a second is refused; unit heads cannot', () => {
    const d = act(
      accepted(),
      A.leaderCity,
      { type: 'takeCharge', note: '突出问题' },
      at('2026-04-01T10:00:00'),
    );
    expect(d.snapshot.leaderInCharge).toEqual({
      userId: 'u-leader-city',
      unitId: 'gov-city',
      at: '2026-04-01T10:00:00.000+08:00',
      note: '突出问题',
    });
    expect(
      refused(d.snapshot, A.leaderDistrict, { type: 'takeCharge' }, at('2026-04-02T10:00:00')).code,
    ).toBe('ALREADY_IN_CHARGE');
    expect(refused(accepted(), A.headHousing, { type: 'takeCharge' }, at('2026-04-02T10:00:00')).code).toBe(
      'FORBIDDEN',
    );
  });
});
