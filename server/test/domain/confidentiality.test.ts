import { describe, expect, it } from 'vitest';
import {
  type Actor,
  canRouteTo,
  canView,
  type CaseSnapshot,
  decide,
  openCase,
  visibility,
} from '../../src/domain';
import { A, accepted, act, ctx, newCase, OPINION, refused, T, transferred, tree } from './support';

const at = (s: string) => `${s}+08:00`;

/** A 检举控告 against 甲区住建委 and, by name, the district leader. */
const accusation = (): CaseSnapshot =>
  newCase({
    subject: '举报住建委工作人员违规收费',
    classification: {
      category: 'accusation',
      accused: { unitId: 'dept-housing', userIds: ['u-leader-district'], names: ['李某'] },
    },
  });

describe('《信访工作条例》第三十条第三款、第四十六条第五项 检举控告 never reaches the accused', () => {
  it('第三十条第三款: cannot be routed to the accused unit or a unit under it', () => {
    const c = accusation();
    for (const to of ['dept-housing', 'office-property']) {
      const r = refused(c, A.clerkBureau, { type: 'route', toUnitId: to, mode: 'transfer' }, T.route);
      expect(r).toMatchObject({ code: 'ROUTE_TO_ACCUSED', article: '《信访工作条例》第三十条第三款' });
    }
    expect(canRouteTo(c, 'office-property', tree)).toMatchObject({ ok: false, code: 'ROUTE_TO_ACCUSED' });
    expect(
      act(c, A.clerkBureau, { type: 'route', toUnitId: 'discipline-district', mode: 'transfer' }, T.route)
        .state,
    ).toBe('transferred');
  });

  it('第三十条第三款: no user of the accused unit (or below) can read it, even by id — same answer as “not found”', () => {
    const c = accusation();
    for (const actor of [A.clerkHousing, A.handlerHousing, A.headHousing, A.clerkOffice]) {
      expect(canView(c, actor, ctx)).toBe(false);
    }
    expect(visibility(c, A.headHousing, ctx)).toMatchObject({
      allowed: false,
      reason: '该信访事项不存在或您无权查看。',
      article: '《信访工作条例》第三十条第三款',
    });
    expect(canView(c, A.clerkBureau, ctx)).toBe(true);
  });

  it('第四十六条第五项: the accused person is excluded even as a leader above the unit, and cannot act on it', () => {
    const c = accusation();
    expect(canView(c, A.leaderDistrict, ctx)).toBe(false);
    expect(canView(c, A.leaderCity, ctx)).toBe(true);
    const r = refused(
      c,
      A.leaderDistrict,
      { type: 'supervise', note: '督办', internalDue: '2026-03-31' },
      T.route,
    );
    expect(r).toMatchObject({ code: 'ACCUSED_PERSON', article: '《信访工作条例》第三十条第三款' });
  });

  it('第三十条第三款: the accused unit cannot register an accusation against itself', () => {
    const online = newCase(
      { channel: 'online', classification: undefined, targetUnitId: 'dept-housing' },
      A.resident,
      T.open,
    );
    const r = refused(
      online,
      A.clerkHousing,
      { type: 'register', classification: { category: 'accusation', accused: { unitId: 'dept-housing' } } },
      T.route,
    );
    expect(r.code).toBe('ACCUSED_UNIT_RECEIVES');
    const direct = openCase(
      {
        id: 'acc-1',
        channel: 'letter',
        targetUnitId: 'office-property',
        subject: '举报',
        petitioner: { id: 'p1', contactClear: true },
        classification: { category: 'accusation', accused: { unitId: 'dept-housing' } },
      },
      A.clerkOffice,
      T.open,
      ctx,
    );
    expect(direct).toMatchObject({ ok: false, code: 'ACCUSED_UNIT_RECEIVES' });
  });

  it('第三十条第三款: an accusation must record who is accused', () => {
    const online = newCase({ channel: 'online', classification: undefined }, A.resident, T.open);
    expect(
      refused(
        online,
        A.clerkBureau,
        { type: 'register', classification: { category: 'accusation', accused: {} } },
        T.route,
      ).code,
    ).toBe('ACCUSED_REQUIRED');
    expect(
      refused(
        online,
        A.clerkBureau,
        { type: 'register', classification: { category: 'accusation', accused: { unitId: 'ghost' } } },
        T.route,
      ).code,
    ).toBe('UNKNOWN_UNIT');
  });

  it('第三十条: the handling unit answers with feedback, not an opinion', () => {
    const c = act(
      act(
        accusation(),
        A.clerkBureau,
        { type: 'route', toUnitId: 'discipline-district', mode: 'transfer' },
        T.route,
      ).snapshot,
      A.clerkDiscipline,
      { type: 'accept' },
      T.accept,
    ).snapshot;
    expect(c.deadlines.handling).toMatchObject({ statutory: false, article: '《信访工作条例》第三十条' });
    const handler: Actor = { userId: 'u-head-dis', unitId: 'discipline-district', roles: ['unit_head'] };
    expect(refused(c, handler, { type: 'reply', document: OPINION }, T.reply).article).toBe(
      '《信访工作条例》第三十条',
    );
    expect(
      act(
        c,
        handler,
        { type: 'reply', document: { kind: 'accusationFeedback', content: '已立案调查' } },
        T.reply,
      ).state,
    ).toBe('replied');
  });
});

describe('首接首办 and the path: who sees a transferred case (DOMAIN.md §4 rule 2)', () => {
  it('the first receiving unit keeps a supervising view after the transfer', () => {
    const c = transferred();
    expect(visibility(c, A.clerkBureau, ctx)).toMatchObject({
      allowed: true,
      basis: 'firstReceiver',
      supervising: true,
    });
    expect(visibility(c, A.headBureau, ctx).basis).toBe('firstReceiver');
    expect(visibility(c, A.clerkHousing, ctx)).toMatchObject({
      allowed: true,
      basis: 'currentUnit',
      supervising: false,
    });
    expect(canView(c, A.clerkOffice, ctx)).toBe(false);
  });

  it('units on the path keep reading after it moves on; leaders see cases at or below their unit only', () => {
    const c = act(
      transferred(),
      A.clerkHousing,
      { type: 'route', toUnitId: 'office-property', mode: 'transfer' },
      T.accept,
    ).snapshot;
    expect(visibility(c, A.clerkHousing, ctx).basis).toBe('path');
    expect(visibility(c, A.clerkOffice, ctx).basis).toBe('currentUnit');
    expect(visibility(c, A.leaderDistrict, ctx)).toMatchObject({ allowed: true, basis: 'leader' });
    expect(visibility(c, A.leaderCity, ctx).basis).toBe('leader');
    expect(canView(c, A.leaderOther, ctx)).toBe(false);
    expect(canView(c, A.clerkOther, ctx)).toBe(false);
  });

  it('the petitioner and the filing grid worker see it; other residents and admins do not; auditors do', () => {
    const c = transferred();
    expect(visibility(c, A.resident, ctx).basis).toBe('petitioner');
    expect(canView(c, A.otherResident, ctx)).toBe(false);
    expect(canView(c, A.admin, ctx)).toBe(false);
    expect(visibility(c, A.auditor, ctx).basis).toBe('auditor');
    const g = openCase(
      {
        id: 'g1',
        channel: 'grid',
        targetUnitId: 'street-a',
        subject: '楼道堆物',
        petitioner: { id: 'p3', contactClear: true },
        consentRecorded: true,
      },
      A.grid,
      T.open,
      ctx,
    );
    if (!g.ok) throw new Error(g.message);
    expect(visibility(g.snapshot, A.grid, ctx).basis).toBe('filer');
  });
});

describe('《信访工作条例》第二十八条第三款 与信访事项或者信访人有直接利害关系的，应当回避', () => {
  it('a handler who recuses themself can neither read nor act on the case', () => {
    const c = act(
      accepted(),
      A.handlerHousing,
      { type: 'recuse', userId: A.handlerHousing.userId, reason: '系信访人亲属' },
      at('2026-03-06T10:00:00'),
    ).snapshot;
    expect(c.recusals).toEqual([
      {
        userId: 'u-handler-housing',
        reason: '系信访人亲属',
        byUserId: 'u-handler-housing',
        at: '2026-03-06T10:00:00.000+08:00',
      },
    ]);
    expect(canView(c, A.handlerHousing, ctx)).toBe(false);
    const r = refused(c, A.handlerHousing, { type: 'draftReply', document: OPINION }, T.reply);
    expect(r).toMatchObject({ code: 'RECUSED', article: '《信访工作条例》第二十八条第三款' });
    expect(act(c, A.headHousing, { type: 'reply', document: OPINION }, T.reply).state).toBe('replied');
  });

  it('a unit head on the path may recuse a colleague; an unrelated unit head may not; twice is refused', () => {
    const c = accepted();
    const d = act(
      c,
      A.headHousing,
      { type: 'recuse', userId: A.clerkHousing.userId, reason: '与被反映人有利害关系' },
      at('2026-03-06T10:00:00'),
    );
    expect(canView(d.snapshot, A.clerkHousing, ctx)).toBe(false);
    expect(
      refused(
        c,
        A.headEnv,
        { type: 'recuse', userId: A.clerkHousing.userId, reason: '利害关系' },
        at('2026-03-06T10:00:00'),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      refused(
        d.snapshot,
        A.headHousing,
        { type: 'recuse', userId: A.clerkHousing.userId, reason: '再次' },
        at('2026-03-06T11:00:00'),
      ).code,
    ).toBe('ALREADY_RECUSED');
  });

  it('the petitioner is never excluded by a recusal list, and is no one’s to recuse', () => {
    // 第二十八条第三款 concerns staff: a unit head cannot put the petitioner (or anyone not his staff) on it
    expect(
      refused(
        accepted(),
        A.headHousing,
        { type: 'recuse', userId: A.resident.userId, reason: '误操作' },
        at('2026-03-06T10:00:00'),
      ).code,
    ).toBe('FORBIDDEN');
    // and a list that names the petitioner (stored before this rule) excludes them from nothing
    const stored = accepted();
    const c = {
      ...stored,
      recusals: [
        { userId: A.resident.userId, reason: '误操作', byUserId: A.headHousing.userId, at: stored.updatedAt },
      ],
    };
    expect(canView(c, A.resident, ctx)).toBe(true);
    expect(
      decide(
        c,
        A.resident,
        { type: 'rate', stage: 'acceptance', level: 'satisfied' },
        at('2026-03-07T10:00:00'),
        ctx,
      ).ok,
    ).toBe(true);
  });
});
