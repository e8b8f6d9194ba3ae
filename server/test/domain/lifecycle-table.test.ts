import { describe, expect, it } from 'vitest';
import {
  type Action,
  type Actor,
  type CaseSnapshot,
  type CaseState,
  checkInvariants,
  decide,
  TRANSITIONS,
  type TransitionRow,
} from '../../src/domain';
import {
  A,
  accepted,
  act,
  ctx,
  finalCase,
  newCase,
  objected,
  OPINION,
  rechecking,
  registered,
  replied,
  reviewed,
  reviewing,
  T,
  transferred,
} from './support';

/** A case in each state, plus an instant shortly after it got there (inside every rating window it needs). */
const STATES: Record<CaseState, { build: () => CaseSnapshot; later: string }> = {
  submitted: {
    build: () =>
      newCase(
        { channel: 'online', classification: undefined, targetUnitId: 'bureau-district' },
        A.resident,
        T.open,
      ),
    later: '2026-03-02T11:00:00+08:00',
  },
  registered: { build: () => registered(), later: '2026-03-02T11:00:00+08:00' },
  transferred: { build: () => transferred(), later: '2026-03-04T10:00:00+08:00' },
  objected: { build: () => objected(), later: '2026-03-09T15:00:00+08:00' },
  accepted: { build: () => accepted(), later: '2026-03-10T10:00:00+08:00' },
  replied: { build: () => replied(), later: '2026-04-22T10:00:00+08:00' },
  reviewing: { build: () => reviewing(), later: '2026-05-06T12:00:00+08:00' },
  reviewed: { build: () => reviewed(), later: '2026-06-03T10:00:00+08:00' },
  rechecking: { build: () => rechecking(), later: '2026-06-12T10:00:00+08:00' },
  final: { build: () => finalCase(), later: '2026-07-09T10:00:00+08:00' },
  mediated: {
    build: () =>
      act(
        accepted(),
        A.handlerHousing,
        {
          type: 'mediate',
          agreement: { kind: 'mediation', summary: '物业公司同意更换管道', signedByBothParties: true },
        },
        '2026-03-20T10:00:00+08:00',
      ).snapshot,
    later: '2026-03-22T10:00:00+08:00',
  },
  closed: {
    build: () => {
      const s = accepted({ classification: { category: 'suggestion' }, subject: '建议增设公交站' });
      const r = act(
        s,
        A.headHousing,
        {
          type: 'reply',
          document: { kind: 'suggestionReply', adoption: 'partiallyAdopted', content: '已纳入规划研究' },
        },
        '2026-03-20T10:00:00+08:00',
      ).snapshot;
      return act(r, A.clerkHousing, { type: 'archive' }, '2026-03-20T11:00:00+08:00').snapshot;
    },
    later: '2026-03-22T10:00:00+08:00',
  },
  notAccepted: { build: () => registered(), later: '' },
  withdrawn: { build: () => registered(), later: '' },
};

const RATE_STAGE: Partial<Record<CaseState, 'acceptance' | 'first' | 'review' | 'recheck'>> = {
  accepted: 'acceptance',
  replied: 'first',
  reviewing: 'first',
  reviewed: 'review',
  rechecking: 'review',
  final: 'recheck',
  mediated: 'first',
  closed: 'first',
};

/** The actor, action and time that exercise one row of the table. */
function scenario(r: TransitionRow): { actor: Actor; action: Action; at?: string } {
  const key = `${r.action}:${r.from}${r.outcome ? `:${r.outcome}` : ''}`;
  switch (key) {
    case 'register:submitted':
      return { actor: A.clerkBureau, action: { type: 'register', classification: { category: 'claim' } } };
    case 'route:registered':
      return { actor: A.clerkBureau, action: { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' } };
    case 'route:transferred':
      return {
        actor: A.clerkHousing,
        action: { type: 'route', toUnitId: 'office-property', mode: 'assign', reportWithin: { days: 20 } },
      };
    case 'object:transferred':
      return {
        actor: A.clerkHousing,
        action: { type: 'object', reasons: '该事项属于街道热力站职责，不属于本委职权范围' },
      };
    case 'decideObjection:objected:approved':
      return { actor: A.headBureau, action: { type: 'decideObjection', approve: true } };
    case 'decideObjection:objected:refused':
      return {
        actor: A.headBureau,
        action: { type: 'decideObjection', approve: false, note: '供暖设施监管属住建委职责' },
      };
    case 'accept:registered':
      return { actor: A.clerkBureau, action: { type: 'accept' } };
    case 'accept:transferred':
      return { actor: A.clerkHousing, action: { type: 'accept' } };
    case 'notAccept:registered':
      return {
        actor: A.clerkBureau,
        action: {
          type: 'notAccept',
          ground: {
            kind: 'statutoryProcedure',
            procedure: 'litigation',
            authority: '甲区人民法院',
            explanation: '物业合同纠纷',
          },
        },
      };
    case 'notAccept:transferred':
      return {
        actor: A.clerkHousing,
        action: {
          type: 'notAccept',
          ground: { kind: 'outsideRemit', authority: '乙区住建委', explanation: '房屋位于乙区' },
        },
      };
    case 'requestExtension:accepted':
      return {
        actor: A.handlerHousing,
        action: { type: 'requestExtension', days: 30, reason: '需委托第三方检测' },
      };
    case 'decideExtension:accepted:approved':
    case 'decideExtension:accepted:refused':
      return {
        actor: A.headHousing,
        action: { type: 'decideExtension', approve: false, note: 'placeholder' },
      };
    case 'reply:accepted:first':
      return { actor: A.headHousing, action: { type: 'reply', document: OPINION } };
    case 'reply:reviewing:review':
      return { actor: A.headDistrict, action: { type: 'reply', document: OPINION } };
    case 'reply:rechecking:recheck':
      return { actor: A.headCity, action: { type: 'reply', document: OPINION } };
    case 'draftReply:accepted':
      return { actor: A.handlerHousing, action: { type: 'draftReply', document: OPINION } };
    case 'draftReply:reviewing':
      return { actor: A.handlerDistrict, action: { type: 'draftReply', document: OPINION } };
    case 'draftReply:rechecking':
      return { actor: A.handlerCity, action: { type: 'draftReply', document: OPINION } };
    case 'signReply:accepted:first':
      return { actor: A.headHousing, action: { type: 'signReply', approve: true } };
    case 'signReply:reviewing:review':
      return { actor: A.headDistrict, action: { type: 'signReply', approve: true } };
    case 'signReply:rechecking:recheck':
      return { actor: A.headCity, action: { type: 'signReply', approve: true } };
    case 'signReply:accepted:returned':
      return { actor: A.headHousing, action: { type: 'signReply', approve: false, note: '请补充法律依据' } };
    case 'signReply:reviewing:returned':
      return { actor: A.headDistrict, action: { type: 'signReply', approve: false, note: '请补充事实' } };
    case 'signReply:rechecking:returned':
      return { actor: A.headCity, action: { type: 'signReply', approve: false, note: '请补充理由' } };
    case 'mediate:accepted':
      return {
        actor: A.handlerHousing,
        action: {
          type: 'mediate',
          agreement: { kind: 'settlement', summary: '双方和解', signedByBothParties: true },
        },
      };
    case 'requestReview:replied':
      return { actor: A.resident, action: { type: 'requestReview', reasons: '不服处理意见' } };
    case 'requestRecheck:reviewed':
      return { actor: A.resident, action: { type: 'requestRecheck', reasons: '不服复查意见' } };
    case 'startHearing:rechecking':
      return { actor: A.handlerCity, action: { type: 'startHearing' } };
    case 'endHearing:rechecking':
      return { actor: A.handlerCity, action: { type: 'endHearing' } };
    case 'archive:replied':
      return { actor: A.clerkHousing, action: { type: 'archive' }, at: '2026-05-21T10:00:00+08:00' };
    case 'archive:reviewed':
      return { actor: A.clerkDistrict, action: { type: 'archive' }, at: '2026-07-02T10:00:00+08:00' };
    default:
      break;
  }
  switch (r.action) {
    case 'rate':
      return {
        actor: A.resident,
        action: { type: 'rate', stage: RATE_STAGE[r.from] ?? 'first', level: 'satisfied' },
      };
    case 'withdraw':
      return { actor: A.resident, action: { type: 'withdraw', reason: '问题已自行解决' } };
    case 'supervise':
      return {
        actor: A.leaderCity,
        action: { type: 'supervise', note: '请加快办理', internalDue: '2026-12-31' },
      };
    case 'takeCharge':
      return { actor: A.leaderCity, action: { type: 'takeCharge', note: '突出问题包案化解' } };
    case 'recuse':
      return {
        actor: A.handlerHousing,
        action: { type: 'recuse', userId: A.handlerHousing.userId, reason: '系信访人亲属' },
      };
    case 'liftRecusal':
      // the city leader is above the recused clerk's unit (see prepare)
      return {
        actor: A.leaderCity,
        action: { type: 'liftRecusal', userId: A.clerkEnv.userId, reason: '经核实不存在利害关系' },
      };
    default:
      throw new Error(`no scenario for ${key}`);
  }
}

/** Bring the case to the precondition some rows need (a pending extension, an open hearing). */
function prepare(r: TransitionRow, c: CaseSnapshot): CaseSnapshot {
  if (r.action === 'decideExtension') {
    return act(
      c,
      A.handlerHousing,
      { type: 'requestExtension', days: 30, reason: '需委托第三方检测' },
      '2026-03-10T09:00:00+08:00',
    ).snapshot;
  }
  if (r.action === 'signReply') {
    const drafter = { accepted: A.handlerHousing, reviewing: A.handlerDistrict, rechecking: A.handlerCity }[
      r.from as 'accepted' | 'reviewing' | 'rechecking'
    ];
    const at = { accepted: '2026-03-10T09:00:00+08:00', reviewing: '2026-05-10T09:00:00+08:00' }[
      r.from as 'accepted' | 'reviewing'
    ];
    return act(c, drafter, { type: 'draftReply', document: OPINION }, at ?? '2026-06-11T09:00:00+08:00')
      .snapshot;
  }
  if (r.action === 'endHearing') {
    return act(c, A.handlerCity, { type: 'startHearing' }, '2026-06-11T09:00:00+08:00').snapshot;
  }
  if (r.action === 'liftRecusal') {
    return act(
      c,
      A.clerkEnv,
      { type: 'recuse', userId: A.clerkEnv.userId, reason: '系信访人亲属' },
      c.updatedAt,
    ).snapshot;
  }
  return c;
}

describe('the transition table: every row is reachable and leaves a consistent case', () => {
  it('has a row for each lifecycle step of DOMAIN.md §3', () => {
    const pairs = new Set(TRANSITIONS.map((r) => `${r.action}:${r.from}->${r.to}`));
    for (const p of [
      'register:submitted->registered',
      'route:registered->transferred',
      'object:transferred->objected',
      'decideObjection:objected->registered',
      'decideObjection:objected->transferred',
      'accept:transferred->accepted',
      'notAccept:registered->notAccepted',
      'reply:accepted->replied',
      'mediate:accepted->mediated',
      'requestReview:replied->reviewing',
      'reply:reviewing->reviewed',
      'requestRecheck:reviewed->rechecking',
      'reply:rechecking->final',
      'withdraw:rechecking->withdrawn',
      'archive:replied->closed',
    ]) {
      expect(pairs.has(p)).toBe(true);
    }
    expect(TRANSITIONS.some((r) => r.from === 'final' && r.action !== 'rate')).toBe(false);
  });

  for (const r of TRANSITIONS) {
    const name = `${r.article || '信访人撤回'}: ${r.action} ${r.from} → ${r.to}${r.outcome ? ` (${r.outcome})` : ''}`;
    it(name, () => {
      const base = STATES[r.from];
      const c = prepare(r, base.build());
      const s = scenario(r);
      let action = s.action;
      if (r.action === 'decideExtension') {
        action =
          r.outcome === 'approved'
            ? { type: 'decideExtension', approve: true }
            : { type: 'decideExtension', approve: false, note: '理由不充分' };
      }
      const d = decide(c, s.actor, action, s.at ?? base.later, ctx);
      if (!d.ok) throw new Error(`${d.code}: ${d.message}`);
      expect(d.state).toBe(r.to === 'same' ? r.from : r.to);
      expect(d.snapshot.version).toBe(c.version + 1);
      // Applying `$set` to the stored document yields exactly the next snapshot.
      expect({ ...c, ...d.set }).toEqual(d.snapshot);
      expect(d.set.state).toBe(d.state === r.from ? undefined : r.to);
      expect(d.events).toHaveLength(1);
      expect(d.events[0]).toMatchObject({ type: r.action, from: r.from, to: d.state });
      // The rows' stopped clocks are really stopped, the started ones running.
      const stops = r.stops === 'all' ? Object.keys(d.snapshot.deadlines) : r.stops;
      const restarted = new Set(d.deadlines.started.map((x) => x.clock));
      for (const k of stops) {
        const rec = d.snapshot.deadlines[k as keyof CaseSnapshot['deadlines']];
        // A clock both stopped and started (e.g. the notice owed by the next unit) is the new unit's.
        if (rec && !restarted.has(rec.clock)) expect(rec.status).toBe('stopped');
        if (rec && restarted.has(rec.clock)) expect(rec.unitId).toBe(d.snapshot.currentUnitId);
      }
      for (const rec of d.deadlines.started) expect(r.starts).toContain(rec.clock);
      expect(checkInvariants(d.snapshot, ctx)).toEqual([]);
      // 首接首办: no transition changes the first receiver once set.
      if (c.firstReceiver) expect(d.snapshot.firstReceiver).toEqual(c.firstReceiver);
    });
  }
});

describe('states without a row refuse every action', () => {
  const terminal = { notAccepted: '不予受理', withdrawn: '已撤回' };
  for (const [state, label] of Object.entries(terminal)) {
    it(`${label}: no action is allowed`, () => {
      let c = registered();
      c =
        state === 'withdrawn'
          ? act(c, A.resident, { type: 'withdraw' }, '2026-03-02T10:00:00+08:00').snapshot
          : act(
              c,
              A.clerkBureau,
              {
                type: 'notAccept',
                ground: { kind: 'outsideRemit', authority: '甲区人民法院', explanation: '请依法起诉' },
              },
              '2026-03-02T10:00:00+08:00',
            ).snapshot;
      const d = decide(c, A.clerkBureau, { type: 'accept' }, '2026-03-03T10:00:00+08:00', ctx);
      expect(d).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
      const w = decide(c, A.resident, { type: 'withdraw' }, '2026-03-03T10:00:00+08:00', ctx);
      expect(w.ok).toBe(false);
    });
  }

  it('《信访工作条例》第三十六条第三款: after 复核 the case is final — no request, no reply, no withdrawal', () => {
    const c = finalCase();
    for (const [actor, action] of [
      [A.resident, { type: 'requestRecheck', reasons: '仍不服' }],
      [A.resident, { type: 'withdraw' }],
      [A.headCity, { type: 'reply', document: OPINION }],
      [A.leaderCity, { type: 'supervise', note: '再查', internalDue: '2026-12-31' }],
    ] as [Actor, Action][]) {
      const d = decide(c, actor, action, '2026-07-09T10:00:00+08:00', ctx);
      expect(d).toMatchObject({ ok: false, code: 'CASE_FINAL', article: '《信访工作条例》第三十六条第三款' });
    }
  });
});
