import { describe, expect, it } from 'vitest';
import {
  type CaseFacts,
  caseFacts,
  dashboardMetrics,
  firstTimeSatisfactionRate,
  hotlineMetrics,
  onTimeClosureRate,
  participationRate,
  repeatRate,
  resolutionRate,
  responseRate,
  satisfactionRate,
  timelyAcceptanceRate,
} from '../../src/domain';
import { A, accepted, act, newCase, OPINION, replied, T, transferred } from './support';

const at = (s: string) => `${s}+08:00`;

function facts(over: Partial<CaseFacts> = {}): CaseFacts {
  return {
    caseId: 'f',
    profileId: 'xinfang-2022',
    category: 'claim',
    channel: 'visit',
    state: 'closed',
    firstReceiverUnitId: 'bureau-district',
    handlingUnitId: 'dept-housing',
    currentUnitId: 'dept-housing',
    receivedAt: '2026-03-02T09:00:00.000+08:00',
    receivedDay: '2026-03-02',
    firstTime: false,
    repeat: false,
    noticeOnTime: null,
    closedOnTime: null,
    closed: true,
    rateable: 0,
    rated: 0,
    satisfied: 0,
    basic: 0,
    unsatisfied: 0,
    firstStageRating: null,
    responded: null,
    resolved: null,
    overdue: [],
    transferred: 0,
    assigned: 0,
    supervised: false,
    ...over,
  };
}

describe('caseFacts: what a dashboard roll-up stores per case', () => {
  it('an accepted case: notice given on time, handling undecided, acknowledgement rateable', () => {
    const f = caseFacts(accepted());
    expect(f).toMatchObject({
      state: 'accepted',
      firstReceiverUnitId: 'bureau-district',
      handlingUnitId: 'dept-housing',
      receivedDay: '2026-03-02',
      noticeOnTime: true,
      closedOnTime: null,
      closed: false,
      rateable: 1,
      rated: 0,
      responded: true,
      overdue: [],
    });
  });

  it('as of a later instant, a running handling clock past due is overdue and counts as not closed on time', () => {
    const f = caseFacts(accepted(), at('2026-05-07T09:00:00'));
    expect(f.closedOnTime).toBe(false);
    expect(f.overdue).toEqual(['handling']);
  });

  it('a replied and rated case', () => {
    let c = replied();
    c = act(
      c,
      A.resident,
      { type: 'rate', stage: 'acceptance', level: 'satisfied' },
      at('2026-03-06T10:00:00'),
    ).snapshot;
    c = act(
      c,
      A.resident,
      { type: 'rate', stage: 'first', level: 'basic', resolved: true },
      at('2026-04-21T10:00:00'),
    ).snapshot;
    expect(caseFacts(c)).toMatchObject({
      closedOnTime: true,
      rateable: 2,
      rated: 2,
      satisfied: 1,
      basic: 1,
      firstStageRating: 'basic',
      resolved: true,
    });
  });

  it('an objection window lapsing is not an overdue obligation', () => {
    expect(caseFacts(transferred(), at('2026-03-12T10:00:00')).overdue).toEqual([]);
    // 第二十二条 转送 is counted for the 第四十一条 report figures.
    expect(caseFacts(transferred(), at('2026-03-12T10:00:00'))).toMatchObject({
      transferred: 1,
      assigned: 0,
    });
    expect(caseFacts(transferred(), at('2026-03-19T10:00:00')).overdue).toEqual(['notice']);
  });
});

describe('及时受理率 and 按期办结率 over real cases', () => {
  it('及时受理率 = 按期告知 ÷ 应告知 (pending notices not yet due are left out)', () => {
    const onTime = caseFacts(accepted());
    const late = caseFacts(
      act(transferred(), A.clerkHousing, { type: 'accept' }, at('2026-03-19T09:00:00')).snapshot,
    );
    const pending = caseFacts(transferred(), at('2026-03-05T10:00:00'));
    const m = timelyAcceptanceRate([onTime, late, pending]);
    expect(m).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(m.formula).toBe('及时受理率 = 按期告知 1 ÷ 应告知 2 = 50.00%');
  });

  it('按期办结率 = 按期办结 ÷ 应办结', () => {
    const ok = caseFacts(replied());
    const late = caseFacts(
      act(accepted(), A.headHousing, { type: 'reply', document: OPINION }, at('2026-05-07T09:00:00'))
        .snapshot,
    );
    const overdue = caseFacts(accepted(), at('2026-05-08T09:00:00'));
    const running = caseFacts(accepted(), at('2026-04-01T09:00:00'));
    const m = onTimeClosureRate([ok, late, overdue, running]);
    expect(m).toMatchObject({ numerator: 1, denominator: 3 });
    expect(m.formula).toBe('按期办结率 = 按期办结 1 ÷ 应办结 3 = 33.33%');
  });
});

describe('参评率 and 满意率 (DOMAIN.md §6: show the formula, let admins weight 基本满意)', () => {
  const set = [
    facts({ rateable: 2, rated: 2, satisfied: 1, basic: 1 }),
    facts({ rateable: 2, rated: 1, unsatisfied: 1 }),
    facts({ rateable: 1, rated: 0 }),
  ];

  it('参评率 = 参评 ÷ 可评价', () => {
    expect(participationRate(set)).toMatchObject({
      numerator: 3,
      denominator: 5,
      rate: 0.6,
      formula: '参评率 = 参评 3 ÷ 可评价 5 = 60.00%',
    });
  });

  it('满意率 with 基本满意 weight 1 (default)', () => {
    expect(satisfactionRate(set)).toMatchObject({
      numerator: 2,
      denominator: 3,
      formula: '满意率 = (满意 1 + 1 × 基本满意 1) ÷ 参评 3 = 66.67%',
    });
  });

  it('满意率 with 基本满意 weight 0.5: (12 + 0.5 × 5) ÷ 20 = 72.50%', () => {
    const m = satisfactionRate(
      [facts({ rated: 20, rateable: 20, satisfied: 12, basic: 5, unsatisfied: 3 })],
      0.5,
    );
    expect(m.rate).toBeCloseTo(0.725, 10);
    expect(m.formula).toBe('满意率 = (满意 12 + 0.5 × 基本满意 5) ÷ 参评 20 = 72.50%');
  });

  it('no data gives a null rate, never a division by zero; a weight outside 0..1 is refused', () => {
    expect(satisfactionRate([])).toMatchObject({
      rate: null,
      formula: '满意率 = (满意 0 + 1 × 基本满意 0) ÷ 参评 0 = 无数据',
    });
    expect(() => satisfactionRate(set, 2)).toThrow('基本满意的权重必须在 0 到 1 之间');
  });
});

describe('重复信访率 and 初信初访满意率', () => {
  it('重复信访率 = 重复信访 ÷ 信访事项', () => {
    expect(repeatRate([facts({ repeat: true }), facts(), facts(), facts()]).formula).toBe(
      '重复信访率 = 重复信访 1 ÷ 信访事项 4 = 25.00%',
    );
  });

  it('初信初访满意率 counts only first-time cases with a rated first-stage reply', () => {
    const m = firstTimeSatisfactionRate([
      facts({ firstTime: true, firstStageRating: 'satisfied' }),
      facts({ firstTime: true, firstStageRating: 'unsatisfied' }),
      facts({ firstTime: true, firstStageRating: null }),
      facts({ firstTime: false, firstStageRating: 'satisfied' }),
    ]);
    expect(m).toMatchObject({
      numerator: 1,
      denominator: 2,
      formula: '初信初访满意率 = (满意 1 + 1 × 基本满意 0) ÷ 初信初访参评 2 = 50.00%',
    });
  });

  it('dashboardMetrics returns the six leader figures in order', () => {
    expect(dashboardMetrics([facts()]).map((m) => m.label)).toEqual([
      '及时受理率',
      '按期办结率',
      '参评率',
      '满意率',
      '重复信访率',
      '初信初访满意率',
    ]);
  });
});

describe('《北京市接诉即办工作条例》第三十二条 响应率、解决率、满意率', () => {
  it('响应率 and 解决率 count only decided cases', () => {
    const set = [
      facts({ responded: true, resolved: true, rated: 1, rateable: 1, satisfied: 1 }),
      facts({ responded: false, resolved: false, rated: 1, rateable: 1, unsatisfied: 1 }),
      facts({ responded: true, resolved: null }),
      facts({ responded: null, resolved: null }),
    ];
    expect(responseRate(set).formula).toBe('响应率 = 按时响应 2 ÷ 应响应 3 = 66.67%');
    expect(resolutionRate(set).formula).toBe('解决率 = 已解决 1 ÷ 作出评价 2 = 50.00%');
    expect(hotlineMetrics(set).map((m) => `${m.label}:${m.rate}`)).toEqual([
      '响应率:0.6666666666666666',
      '解决率:0.5',
      '满意率:0.5',
    ]);
  });

  it('an unrated fresh case contributes nothing', () => {
    const f = caseFacts(newCase(), T.open);
    expect([f.responded, f.resolved, f.rated]).toEqual([null, null, 0]);
  });
});
