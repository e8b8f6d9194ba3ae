import { describe, expect, it } from 'vitest';
import { availableActions, canView, type Actor, type CaseSnapshot } from '../../src/domain';
import { A, accepted, act, ctx, refused } from './support';

/**
 * 《信访工作条例》第二十八条第三款 (与信访事项或者信访人有直接利害关系的，应当回避) and DOMAIN.md §5: anyone may recuse
 * himself; a unit head may recuse only his own unit's staff; nobody can recuse the auditor (or leaders, or staff of
 * other units); a reason is required; a superior — the unit head for his staff, a leader above — can lift it.
 */
const at = '2026-03-06T10:00:00+08:00';
const later = '2026-03-07T10:00:00+08:00';
const recuse = (userId: string, reason = '与信访人系亲属') => ({ type: 'recuse' as const, userId, reason });
const lift = (userId: string, reason = '经核实不存在利害关系') => ({
  type: 'liftRecusal' as const,
  userId,
  reason,
});
const recused = (c: CaseSnapshot, who: Actor, by: Actor = who) => act(c, by, recuse(who.userId), at).snapshot;

describe('《信访工作条例》第二十八条第三款: who may recuse whom', () => {
  it('第二十八条第三款: anyone on the case may recuse himself, with a reason', () => {
    for (const who of [A.clerkHousing, A.handlerHousing, A.headHousing, A.leaderDistrict]) {
      const c = recused(accepted(), who);
      expect(c.recusals.map((r) => r.userId)).toEqual([who.userId]);
      expect(canView(c, who, ctx)).toBe(false);
    }
    expect(refused(accepted(), A.clerkHousing, recuse(A.clerkHousing.userId, ' '), at).code).toBe(
      'REASON_REQUIRED',
    );
  });

  it('第二十八条第三款: a unit head recuses his own unit’s staff — not staff of another unit', () => {
    const c = act(accepted(), A.headHousing, recuse(A.handlerHousing.userId), at).snapshot;
    expect(canView(c, A.handlerHousing, ctx)).toBe(false);
    expect(c.recusals[0]).toMatchObject({ userId: A.handlerHousing.userId, byUserId: A.headHousing.userId });
    // 江东区信访办's head handled the case first (it is on the path) but 住建委's clerk is not his staff
    expect(refused(accepted(), A.headBureau, recuse(A.clerkHousing.userId), at).code).toBe('FORBIDDEN');
    expect(refused(accepted(), A.headHousing, recuse(A.clerkBureau.userId), at).code).toBe('FORBIDDEN');
  });

  it('第二十八条第三款: nobody recuses the auditor or a leader; a handler recuses no colleague', () => {
    const auditorHere: Actor = { userId: 'u-audit', roles: ['auditor'], unitId: 'dept-housing' };
    const persons = { ...ctx.persons, 'u-audit': { unitId: 'dept-housing', roles: ['auditor' as const] } };
    const c = accepted();
    expect(refused(c, A.headHousing, recuse(auditorHere.userId), at, { ...ctx, persons }).code).toBe(
      'FORBIDDEN',
    );
    // not even himself: his oversight cannot be switched off
    expect(refused(c, A.auditor, recuse(A.auditor.userId), at).code).toBe('FORBIDDEN');
    expect(refused(c, A.headDistrict, recuse(A.leaderDistrict.userId), at).code).toBe('FORBIDDEN');
    expect(refused(c, A.leaderCity, recuse(A.clerkHousing.userId), at).code).toBe('FORBIDDEN');
    expect(refused(c, A.handlerHousing, recuse(A.clerkHousing.userId), at).code).toBe('FORBIDDEN');
    // someone the server does not know as staff is nobody's to recuse
    expect(refused(c, A.headHousing, recuse('u-unknown'), at).code).toBe('FORBIDDEN');
  });
});

describe('《信访工作条例》第二十八条第三款: a superior lifts a recusal', () => {
  it('第二十八条第三款: the unit head lifts his staff’s recusal, with a reason; the person sees the case again and the history stays', () => {
    const c = recused(accepted(), A.handlerHousing);
    expect(availableActions(c, A.headHousing, later, ctx)).toContain('liftRecusal');
    expect(refused(c, A.headHousing, lift(A.handlerHousing.userId, ''), later).code).toBe('REASON_REQUIRED');
    const d = act(c, A.headHousing, lift(A.handlerHousing.userId), later);
    expect(d.snapshot.recusals).toEqual([]);
    expect(d.snapshot.liftedRecusals).toEqual([
      {
        userId: A.handlerHousing.userId,
        reason: '与信访人系亲属',
        byUserId: A.handlerHousing.userId,
        at: '2026-03-06T10:00:00.000+08:00',
        lift: {
          byUserId: A.headHousing.userId,
          at: '2026-03-07T10:00:00.000+08:00',
          reason: '经核实不存在利害关系',
        },
      },
    ]);
    expect(d.events[0]!.summary).toBe('上级解除工作人员回避');
    expect(canView(d.snapshot, A.handlerHousing, ctx)).toBe(true);
    expect(refused(d.snapshot, A.headHousing, lift(A.handlerHousing.userId), later).code).toBe('NOT_RECUSED');
  });

  it('第二十八条第三款: a leader above lifts a unit head’s own recusal; the head of another unit cannot, nor can the person himself', () => {
    const c = recused(accepted(), A.headHousing);
    expect(refused(c, A.headEnv, lift(A.headHousing.userId), later).code).toBe('FORBIDDEN');
    expect(refused(c, A.headHousing, lift(A.headHousing.userId), later).code).toBe('RECUSED');
    expect(refused(c, A.leaderOther, lift(A.headHousing.userId), later).code).toBe('FORBIDDEN');
    expect(availableActions(c, A.leaderDistrict, later, ctx)).toContain('liftRecusal');
    expect(act(c, A.leaderDistrict, lift(A.headHousing.userId), later).snapshot.recusals).toEqual([]);
  });

  it('第二十八条第三款: a leader’s recusal is lifted from above, not by a peer or a unit head of his level', () => {
    const c = recused(accepted(), A.leaderDistrict);
    expect(refused(c, A.headDistrict, lift(A.leaderDistrict.userId), later).code).toBe('FORBIDDEN');
    expect(act(c, A.leaderCity, lift(A.leaderDistrict.userId), later).snapshot.recusals).toEqual([]);
  });
});
