import { describe, expect, it } from 'vitest';
import { type Action, type CaseSnapshot, decide, openCase, overdueDeadlines } from '../../src/domain';
import {
  A,
  accepted,
  act,
  ctx,
  ctxFor,
  newCase,
  objected,
  refused,
  registered,
  T,
  transferred,
} from './support';

const at = (s: string) => `${s}+08:00`;

describe('《信访工作条例》第二十二条 信访部门收到信访事项：登记，15日内转送、交办', () => {
  it('registration at 甲区信访办 starts the 15日 route clock from receipt (03-02 → 03-17)', () => {
    const c = registered();
    expect(c.state).toBe('registered');
    expect(c.deadlines.route).toMatchObject({
      lastDay: '2026-03-17',
      status: 'running',
      unitId: 'bureau-district',
      article: '《信访工作条例》第二十二条',
    });
    expect(c.deadlines.route?.explanation[0]).toContain(
      '规则：登记转送交办期限15日，依据《信访工作条例》第二十二条',
    );
    expect(c.deadlines.notice).toBeUndefined();
  });

  it('a letter counts from the day it was received, not the day it was registered (02-27 → Saturday 03-14 → 03-16)', () => {
    const c = newCase({ channel: 'letter', receivedAt: at('2026-02-27T16:00:00') });
    expect(c.receivedAt).toBe('2026-02-27T16:00:00.000+08:00');
    expect(c.deadlines.route?.lastDay).toBe('2026-03-16');
  });

  it('a receipt time in the future is refused', () => {
    const d = openCase(
      {
        id: 'x',
        channel: 'letter',
        targetUnitId: 'bureau-district',
        subject: '测试',
        petitioner: { id: 'p1', contactClear: true },
        classification: { category: 'claim' },
        receivedAt: at('2026-03-05T10:00:00'),
      },
      A.clerkBureau,
      T.open,
      ctx,
    );
    expect(d).toMatchObject({ ok: false, code: 'RECEIVED_IN_FUTURE' });
  });

  it('转送: only the current unit’s clerk routes; it stops the route clock (met) and starts the next unit’s clocks', () => {
    const c = registered();
    expect(
      refused(c, A.clerkHousing, { type: 'route', toUnitId: 'dept-env', mode: 'transfer' }, T.route).code,
    ).toBe('FORBIDDEN');
    expect(
      refused(c, A.headBureau, { type: 'route', toUnitId: 'dept-env', mode: 'transfer' }, T.route).code,
    ).toBe('FORBIDDEN');
    const d = act(c, A.clerkBureau, { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' }, T.route);
    expect(d.snapshot.deadlines.route).toMatchObject({ status: 'stopped', metOnTime: true });
    expect(d.snapshot.currentUnitId).toBe('dept-housing');
    expect(d.snapshot.transfers).toEqual([
      {
        fromUnitId: 'bureau-district',
        toUnitId: 'dept-housing',
        mode: 'transfer',
        at: '2026-03-03T10:00:00.000+08:00',
        byUserId: 'u-clerk-bureau',
        byLeader: false,
      },
    ]);
    expect(d.notices.map((n) => n.document ?? n.audience)).toEqual(['unit', 'transferNotice']);
  });

  it('转送 to an unknown unit or to itself is refused', () => {
    const c = registered();
    expect(
      refused(c, A.clerkBureau, { type: 'route', toUnitId: 'nowhere', mode: 'transfer' }, T.route).code,
    ).toBe('UNKNOWN_UNIT');
    expect(
      refused(c, A.clerkBureau, { type: 'route', toUnitId: 'bureau-district', mode: 'transfer' }, T.route)
        .code,
    ).toBe('ROUTE_TO_SELF');
  });

  it('第二十二条第一款第三项 交办: the assigning body sets the report deadline (20日 from 03-03 → 03-23)', () => {
    const d = act(
      registered(),
      A.clerkBureau,
      { type: 'route', toUnitId: 'dept-housing', mode: 'assign', reportWithin: { days: 20 } },
      T.route,
    );
    expect(d.snapshot.deadlines.assignment).toMatchObject({
      lastDay: '2026-03-23',
      article: '《信访工作条例》第二十二条第一款第三项',
      statutory: false,
    });
    expect(d.snapshot.deadlines.assignment?.explanation).toContain('交办机关指定的办结报告期限：20日。');
    const bad = refused(
      registered(),
      A.clerkBureau,
      { type: 'route', toUnitId: 'dept-housing', mode: 'assign', reportWithin: { days: 0 } },
      T.route,
    );
    expect(bad).toMatchObject({
      code: 'BAD_ASSIGNMENT_LIMIT',
      article: '《信访工作条例》第二十二条第一款第三项',
    });
  });
});

describe('《信访工作条例》第二十三条 其他机关、单位收到信访事项', () => {
  it('第二十三条第二款: a unit receiving directly owes a written notice within 15日 of receipt', () => {
    const c = newCase({ channel: 'letter' }, A.clerkHousing, at('2026-03-02T09:00:00'));
    expect(c.deadlines.notice).toMatchObject({
      lastDay: '2026-03-17',
      article: '《信访工作条例》第二十三条第二款',
      unitId: 'dept-housing',
    });
    expect(c.deadlines.route).toBeUndefined();
  });

  it('第二十三条第二款 但书: no notice is owed when name or address is unclear', () => {
    const c = newCase({ channel: 'letter', petitioner: { id: 'p9', contactClear: false } }, A.clerkHousing);
    expect(c.deadlines.notice).toBeUndefined();
  });

  it('第二十三条第一款: a unit forwards only within its own system, downwards', () => {
    const c = newCase({ channel: 'letter' }, A.clerkHousing);
    expect(
      act(c, A.clerkHousing, { type: 'route', toUnitId: 'office-property', mode: 'transfer' }, T.route).state,
    ).toBe('transferred');
    const r = refused(c, A.clerkHousing, { type: 'route', toUnitId: 'dept-env', mode: 'transfer' }, T.route);
    expect(r).toMatchObject({ code: 'ROUTE_OUTSIDE_SYSTEM', article: '《信访工作条例》第二十三条第一款' });
    expect(r.message).toContain('告知信访人向有权处理的机关、单位提出');
  });

  it('第二十三条第三款: a transferred item starts the 15日 notice and the 5个工作日 objection clocks at the receiving unit', () => {
    const c = transferred();
    expect(c.deadlines.notice).toMatchObject({
      lastDay: '2026-03-18',
      article: '《信访工作条例》第二十三条第三款',
      unitId: 'dept-housing',
    });
    expect(c.deadlines.objection).toMatchObject({ lastDay: '2026-03-10', limit: { workingDays: 5 } });
  });

  describe('异议 (objection) around 国庆: routed 2026-09-30, 5个工作日 end 10-13 (10-10 is a 调休 working Saturday)', () => {
    const routedOct = (): CaseSnapshot =>
      act(
        newCase({}, A.clerkBureau, at('2026-09-29T09:00:00')),
        A.clerkBureau,
        { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
        at('2026-09-30T15:00:00'),
      ).snapshot;
    const reasons = '该小区供暖由甲街道热力站管理，不属于本委职权范围';

    it('第二十三条第三款: an objection on 10-13 (5th working day) is accepted', () => {
      const d = act(routedOct(), A.clerkHousing, { type: 'object', reasons }, at('2026-10-13T17:00:00'));
      expect(d.state).toBe('objected');
      expect(d.snapshot.objections[0]).toMatchObject({
        unitId: 'dept-housing',
        transferringUnitId: 'bureau-district',
        status: 'pending',
      });
      expect(d.snapshot.deadlines.objection).toMatchObject({ status: 'stopped', metOnTime: true });
    });

    it('第二十三条第三款: an objection after 5 working days (10-14) is refused', () => {
      const r = refused(routedOct(), A.clerkHousing, { type: 'object', reasons }, at('2026-10-14T09:00:00'));
      expect(r).toMatchObject({ code: 'OBJECTION_LATE', article: '《信访工作条例》第二十三条第三款' });
      expect(r.message).toContain('截止2026年10月13日');
    });

    it('第二十三条第三款: an objection needs detailed reasons', () => {
      const r = refused(
        routedOct(),
        A.clerkHousing,
        { type: 'object', reasons: '不归我管' },
        at('2026-10-09T09:00:00'),
      );
      expect(r).toMatchObject({ code: 'OBJECTION_REASONS' });
      expect(r.message).toContain('详细说明理由');
    });
  });

  it('第二十三条第三款: an objection is not effective until approved — the case stays at the objecting unit and cannot be accepted meanwhile', () => {
    const c = objected();
    expect(c.currentUnitId).toBe('dept-housing');
    expect(c.deadlines.notice?.status).toBe('running');
    expect(refused(c, A.clerkHousing, { type: 'accept' }, at('2026-03-09T16:00:00')).code).toBe(
      'ILLEGAL_TRANSITION',
    );
  });

  it('第二十三条第三款: only the transferring body’s unit head rules on the objection', () => {
    const c = objected();
    const approve: Action = { type: 'decideObjection', approve: true };
    expect(refused(c, A.headHousing, approve, at('2026-03-10T10:00:00')).code).toBe('FORBIDDEN');
    expect(refused(c, A.clerkBureau, approve, at('2026-03-10T10:00:00')).code).toBe('FORBIDDEN');
    expect(act(c, A.headBureau, approve, at('2026-03-10T10:00:00')).state).toBe('registered');
  });

  it('第二十三条第三款 核实同意: materials go back; the transferring bureau gets a new 15日 route clock from the return (03-10 → 03-25)', () => {
    const d = act(
      objected(),
      A.headBureau,
      { type: 'decideObjection', approve: true },
      at('2026-03-10T10:00:00'),
    );
    expect(d.snapshot.currentUnitId).toBe('bureau-district');
    expect(d.snapshot.objections[0]?.status).toBe('upheld');
    expect(d.snapshot.deadlines.notice).toMatchObject({ status: 'stopped' });
    expect(d.snapshot.deadlines.notice?.metOnTime).toBeUndefined();
    expect(d.snapshot.deadlines.route).toMatchObject({
      status: 'running',
      lastDay: '2026-03-25',
      startEvent: '异议核实同意、材料交还之日',
    });
  });

  it('DOMAIN.md §4 rule 4: no transfer back to a unit whose objection was upheld', () => {
    const back = act(
      objected(),
      A.headBureau,
      { type: 'decideObjection', approve: true },
      at('2026-03-10T10:00:00'),
    ).snapshot;
    const r = refused(
      back,
      A.clerkBureau,
      { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
      at('2026-03-11T10:00:00'),
    );
    expect(r).toMatchObject({
      code: 'ROUTE_BACK_AFTER_OBJECTION',
      article: '《信访工作条例》第二十三条第三款',
    });
    expect(
      act(
        back,
        A.clerkBureau,
        { type: 'route', toUnitId: 'street-a', mode: 'transfer' },
        at('2026-03-11T10:00:00'),
      ).state,
    ).toBe('transferred');
  });

  it('第二十三条第三款: a refused objection needs a reason; afterwards the unit must handle it and cannot object again', () => {
    const c = objected();
    expect(
      refused(
        c,
        A.headBureau,
        { type: 'decideObjection', approve: false, note: '  ' },
        at('2026-03-10T10:00:00'),
      ).code,
    ).toBe('REASON_REQUIRED');
    const d = act(
      c,
      A.headBureau,
      { type: 'decideObjection', approve: false, note: '供暖设施监管属住建委职责' },
      at('2026-03-10T10:00:00'),
    );
    expect(d.state).toBe('transferred');
    expect(d.snapshot.deadlines.notice).toMatchObject({ status: 'running', lastDay: '2026-03-18' });
    expect(d.snapshot.deadlines.objection?.status).toBe('stopped');
    const again = refused(
      d.snapshot,
      A.clerkHousing,
      { type: 'object', reasons: '仍然认为不属于本委职权范围，请再核' },
      at('2026-03-10T11:00:00'),
    );
    expect(again.code).toBe('OBJECTION_ALREADY_DECIDED');
    expect(act(d.snapshot, A.clerkHousing, { type: 'accept' }, at('2026-03-10T11:00:00')).state).toBe(
      'accepted',
    );
  });

  it('受理: the notice clock stops met on time and the 60日 handling clock starts (第三十四条)', () => {
    const c = accepted();
    expect(c.handlingUnitId).toBe('dept-housing');
    expect(c.deadlines.notice).toMatchObject({ status: 'stopped', metOnTime: true });
    expect(c.deadlines.handling).toMatchObject({
      status: 'running',
      lastDay: '2026-05-06',
      article: '《信访工作条例》第三十四条',
    });
    expect(refused(transferred(), A.handlerHousing, { type: 'accept' }, T.accept).code).toBe('FORBIDDEN');
  });

  it('受理 after the notice limit is recorded as late (metOnTime false)', () => {
    const c = act(transferred(), A.clerkHousing, { type: 'accept' }, at('2026-03-19T09:00:00')).snapshot;
    expect(c.deadlines.notice).toMatchObject({ status: 'stopped', metOnTime: false });
  });
});

describe('首接首办 (DOMAIN.md §4; 《北京市接诉即办工作条例》第十四条 首接负责制)', () => {
  it('the registering unit and clerk become 首接单位 / 首接责任人', () => {
    expect(registered().firstReceiver).toEqual({
      unitId: 'bureau-district',
      userId: 'u-clerk-bureau',
      at: '2026-03-02T09:00:00.000+08:00',
    });
  });

  it('an online filing gets its first receiver only when a clerk of the receiving unit registers it', () => {
    const c = newCase({ channel: 'online', classification: undefined }, A.resident, T.open);
    expect(c).toMatchObject({ state: 'submitted', firstReceiver: null, category: null });
    expect(c.deadlines.route?.lastDay).toBe('2026-03-17');
    expect(
      refused(c, A.clerkHousing, { type: 'register', classification: { category: 'claim' } }, T.route).code,
    ).toBe('FORBIDDEN');
    const d = act(c, A.clerkBureau, { type: 'register', classification: { category: 'claim' } }, T.route);
    expect(d.snapshot.firstReceiver).toEqual({
      unitId: 'bureau-district',
      userId: 'u-clerk-bureau',
      at: '2026-03-03T10:00:00.000+08:00',
    });
    expect(d.snapshot.deadlines.route?.lastDay).toBe('2026-03-17');
  });

  it('a resident files only for themself; a grid worker only with consent; a clerk only for their own unit', () => {
    const input = {
      id: 'n',
      channel: 'online' as const,
      targetUnitId: 'bureau-district',
      subject: '路灯不亮',
      petitioner: { id: 'p1', contactClear: true },
    };
    expect(openCase(input, A.otherResident, T.open, ctx)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(openCase({ ...input, channel: 'grid' }, A.grid, T.open, ctx)).toMatchObject({
      ok: false,
      code: 'CONSENT_REQUIRED',
    });
    const grid = openCase({ ...input, channel: 'grid', consentRecorded: true }, A.grid, T.open, ctx);
    expect(grid.ok && grid.snapshot.filedBy).toEqual({
      userId: 'u-grid',
      role: 'grid_worker',
      consentRecorded: true,
    });
    expect(
      openCase(
        { ...input, channel: 'visit', classification: { category: 'claim' } },
        A.clerkHousing,
        T.open,
        ctx,
      ),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(openCase({ ...input, channel: 'visit' }, A.clerkBureau, T.open, ctx)).toMatchObject({
      ok: false,
      code: 'CLASSIFICATION_REQUIRED',
    });
    expect(openCase({ ...input, channel: 'online' }, A.clerkBureau, T.open, ctx)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it('《信访工作条例》第二十八条第一款 不得推诿: the 4th transfer needs a leader (default cap 3)', () => {
    let c = registered();
    const bounce = (to: string, clerk: typeof A.clerkHousing, day: number) => {
      c = act(
        c,
        A.clerkBureau,
        { type: 'route', toUnitId: to, mode: 'transfer' },
        at(`2026-03-${String(day).padStart(2, '0')}T09:00:00`),
      ).snapshot;
      c = act(
        c,
        clerk,
        { type: 'object', reasons: '不属于本单位职权范围，应由其他单位办理' },
        at(`2026-03-${String(day).padStart(2, '0')}T10:00:00`),
      ).snapshot;
      c = act(
        c,
        A.headBureau,
        { type: 'decideObjection', approve: true },
        at(`2026-03-${String(day).padStart(2, '0')}T11:00:00`),
      ).snapshot;
    };
    bounce('dept-housing', A.clerkHousing, 3);
    bounce('dept-env', A.clerkEnv, 4);
    bounce('street-a', A.clerkStreet, 5);
    expect(c.transfers).toHaveLength(3);
    const r = refused(
      c,
      A.clerkBureau,
      { type: 'route', toUnitId: 'discipline-district', mode: 'transfer' },
      at('2026-03-06T09:00:00'),
    );
    expect(r).toMatchObject({ code: 'TRANSFER_CAP', article: '《信访工作条例》第二十八条第一款' });
    expect(r.message).toContain('已转送3次');
    expect(
      refused(
        c,
        A.leaderOther,
        { type: 'route', toUnitId: 'discipline-district', mode: 'transfer' },
        at('2026-03-06T09:00:00'),
      ).code,
    ).toBe('FORBIDDEN');
    // Even a leader cannot send it back to a unit whose objection was upheld.
    expect(
      refused(
        c,
        A.leaderDistrict,
        { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
        at('2026-03-06T09:00:00'),
      ).code,
    ).toBe('ROUTE_BACK_AFTER_OBJECTION');
    const d = act(
      c,
      A.leaderDistrict,
      { type: 'route', toUnitId: 'discipline-district', mode: 'transfer' },
      at('2026-03-06T09:00:00'),
    );
    expect(d.snapshot.transfers[3]).toMatchObject({ byLeader: true, toUnitId: 'discipline-district' });
    // The leader's decision still cannot break confidentiality or first-receiver facts.
    expect(d.snapshot.firstReceiver?.unitId).toBe('bureau-district');
  });

  it('the cap is configurable (maxTransfersWithoutLeader = 1)', () => {
    const one = ctxFor(undefined, { config: { maxTransfersWithoutLeader: 1 } });
    const c = act(
      registered(),
      A.clerkBureau,
      { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
      T.route,
      one,
    ).snapshot;
    expect(
      refused(
        c,
        A.clerkHousing,
        { type: 'route', toUnitId: 'office-property', mode: 'transfer' },
        T.accept,
        one,
      ).code,
    ).toBe('TRANSFER_CAP');
  });

  it('DOMAIN.md §4 rule 2: the first receiver is alerted on every missed deadline after a transfer', () => {
    const alerts = overdueDeadlines(transferred(), at('2026-03-19T09:00:00'), ctx.units);
    const notice = alerts.find((a) => a.clock === 'notice');
    expect(notice?.alertUnitIds).toEqual(['dept-housing', 'bureau-district']);
    expect(notice?.message).toBe(
      '甲区住建委的书面告知期限已于2026年3月18日届满（《信访工作条例》第二十三条第三款）。',
    );
    expect(overdueDeadlines(transferred(), at('2026-03-18T23:00:00'))).toEqual([]);
  });
});

describe('《信访工作条例》第二十八条第二款、第三十一条 诉访分离: 不予受理 tells the right procedure', () => {
  const litigation: Action = {
    type: 'notAccept',
    ground: {
      kind: 'statutoryProcedure',
      procedure: 'litigation',
      authority: '甲区人民法院',
      explanation: '属于物业服务合同纠纷。',
    },
  };

  it('第三十一条第一项: a civil dispute goes to 诉讼; the petitioner is told where, and the case leaves the petition track', () => {
    const d = act(registered(), A.clerkBureau, litigation, T.route);
    expect(d.state).toBe('notAccepted');
    expect(d.notices[0]).toMatchObject({ audience: 'petitioner', document: 'notAcceptNotice' });
    expect(d.notices[0]?.message).toBe(
      '您反映的事项应当通过诉讼程序处理（《信访工作条例》第三十一条第一项），请向甲区人民法院提出。属于物业服务合同纠纷。',
    );
    expect(d.events[0]?.article).toBe('《信访工作条例》第三十一条第一项、《信访工作条例》第二十八条第二款');
    expect(d.snapshot.closedAt).toBe('2026-03-03T10:00:00.000+08:00');
    expect(d.snapshot.deadlines.route).toMatchObject({ status: 'stopped', metOnTime: true });
  });

  it('第三十一条第二项 仲裁 and 第四项 行政程序 name their own items', () => {
    const arb = act(
      registered(),
      A.clerkBureau,
      {
        type: 'notAccept',
        ground: {
          kind: 'statutoryProcedure',
          procedure: 'arbitration',
          authority: '甲区劳动人事争议仲裁委员会',
          explanation: '劳动争议。',
        },
      },
      T.route,
    );
    expect(arb.notices[0]?.message).toContain('（《信访工作条例》第三十一条第二项）');
    const adm = act(
      registered(),
      A.clerkBureau,
      {
        type: 'notAccept',
        ground: {
          kind: 'statutoryProcedure',
          procedure: 'administrativeProcedure',
          authority: '甲区人民政府',
          explanation: '可申请行政复议。',
        },
      },
      T.route,
    );
    expect(adm.notices[0]?.message).toContain('（《信访工作条例》第三十一条第四项）');
  });

  it('第三十一条: only 申诉求决类 items are diverted to statutory procedures', () => {
    const c = registered({ classification: { category: 'suggestion' } });
    expect(refused(c, A.clerkBureau, litigation, T.route)).toMatchObject({
      code: 'PROCEDURE_ONLY_FOR_CLAIMS',
      article: '《信访工作条例》第三十一条',
    });
  });

  it('第二十八条第二款: a refusal without the authority to turn to is refused', () => {
    const bad = {
      type: 'notAccept',
      ground: { kind: 'statutoryProcedure', procedure: 'litigation', authority: '', explanation: '' },
    } as Action;
    expect(refused(registered(), A.clerkBureau, bad, T.route).code).toBe('REDIRECT_REQUIRED');
  });

  it('第十九条第三款 and 第三十六条第三款 grounds must name the existing case', () => {
    const c = registered();
    expect(
      refused(
        c,
        A.clerkBureau,
        { type: 'notAccept', ground: { kind: 'sameMatterInProgress', existingCaseId: c.id } },
        T.route,
      ).code,
    ).toBe('EXISTING_CASE_REQUIRED');
    const d = act(
      c,
      A.clerkBureau,
      { type: 'notAccept', ground: { kind: 'finalAfterRecheck', finalCaseId: 'case-old' } },
      T.route,
    );
    expect(d.notices[0]?.message).toBe(
      '该事项已经复核终结（原事项编号：case-old），以同一事实和理由再次提出的，不再受理。',
    );
  });

  it('only the current unit’s clerk decides 不予受理', () => {
    expect(refused(transferred(), A.handlerHousing, litigation, T.accept).code).toBe('FORBIDDEN');
  });
});

describe('illegal payloads do not compile (and are refused at runtime when they arrive as JSON)', () => {
  it('notAccept needs a ground with the procedure and authority; reply needs a legal basis; mediation must be signed', () => {
    // @ts-expect-error — a refusal without a ground is not an Action
    const noGround: Action = { type: 'notAccept' };
    const noBasis: Action = {
      type: 'reply',
      // @ts-expect-error — an opinion without legal basis is not a ReplyDocument (第三十二条)
      document: { kind: 'opinion', request: 'a', factsAndReasons: 'b', decision: 'support' },
    };
    const emptyBasis: Action = {
      type: 'reply',
      // @ts-expect-error — an empty legal basis list does not match [string, ...string[]]
      document: { kind: 'opinion', request: 'a', factsAndReasons: 'b', decision: 'support', legalBasis: [] },
    };
    const unsigned: Action = {
      type: 'mediate',
      // @ts-expect-error — an unsigned agreement is not a mediation (第三十三条)
      agreement: { kind: 'mediation', summary: 's', signedByBothParties: false },
    };
    // @ts-expect-error — 交办 requires the report time limit (第二十二条第一款第三项)
    const assign: Action = { type: 'route', toUnitId: 'dept-housing', mode: 'assign' };
    // @ts-expect-error — refusing an extension requires a note
    const refuseExt: Action = { type: 'decideExtension', approve: false };
    const c = accepted();
    expect(decide(c, A.headHousing, noBasis, '2026-03-20T10:00:00+08:00', ctx)).toMatchObject({
      ok: false,
      code: 'OPINION_INCOMPLETE',
    });
    expect(decide(c, A.headHousing, emptyBasis, '2026-03-20T10:00:00+08:00', ctx)).toMatchObject({
      ok: false,
      code: 'OPINION_INCOMPLETE',
    });
    expect(decide(c, A.handlerHousing, unsigned, '2026-03-20T10:00:00+08:00', ctx)).toMatchObject({
      ok: false,
      code: 'AGREEMENT_UNSIGNED',
    });
    expect([noGround, assign, refuseExt].map((a) => a.type)).toEqual([
      'notAccept',
      'route',
      'decideExtension',
    ]);
  });
});
