import { describe, expect, it } from 'vitest';
import {
  caseFacts,
  decide,
  getDefaultCalendar,
  JIESUJIBAN_PROFILE,
  openCase,
  refreshProvisionalDeadlines,
} from '../../src/domain';
import { A, act, ctx, ctxFor, newCase, OPINION, refused, TEST_2027 } from './support';

const at = (s: string) => `${s}+08:00`;
const hotline = ctxFor(JIESUJIBAN_PROFILE);

const dispatched = (tier: 'urgent' | 'utility' | 'ordinary' | 'complex' = 'urgent') =>
  newCase(
    { channel: 'hotline12345', subject: '停水', tier, classification: { category: 'claim' } },
    A.clerkStreet,
    at('2026-10-01T10:00:00'),
    hotline,
  );

describe('《北京市接诉即办工作条例》 profile in the lifecycle', () => {
  it('第十五条第一项: the unit must respond within the profile’s 24 小时 (hours run through 国庆)', () => {
    const c = dispatched();
    expect(c.profile).toEqual({ id: 'beijing-12345-2021', version: 1 });
    expect(c.deadlines.notice).toMatchObject({
      due: '2026-10-02T10:00:00.000+08:00',
      statutory: false,
      article: '《北京市接诉即办工作条例》第十五条第一项',
    });
  });

  it('第十三条: an urgent item must be handled within 2 小时 of receipt, even on a holiday', () => {
    const c = act(
      dispatched(),
      A.clerkStreet,
      { type: 'accept' },
      at('2026-10-01T10:30:00'),
      hotline,
    ).snapshot;
    expect(c.deadlines.handling).toMatchObject({
      limit: { hours: 2 },
      due: '2026-10-01T12:00:00.000+08:00',
      lastDay: '2026-10-01',
      provisional: false,
    });
    expect(c.deadlines.handling?.explanation).toContain(
      '说明：办理时限由市政务服务部门确定，本档案的分级时限为可配置数据。',
    );
  });

  it('第十三条: an ordinary item gets 7 日 from receipt (10-01 → 10-08)', () => {
    const c = act(
      dispatched('ordinary'),
      A.clerkStreet,
      { type: 'accept' },
      at('2026-10-02T09:00:00'),
      hotline,
    ).snapshot;
    expect(c.deadlines.handling?.lastDay).toBe('2026-10-08');
  });

  it('第十五条第二项: an extension of an hour-based limit adds 24 小时 per day; the profile caps it at 15 days', () => {
    const c = act(
      dispatched('utility'),
      A.clerkStreet,
      { type: 'accept' },
      at('2026-10-01T10:30:00'),
      hotline,
    ).snapshot;
    const handler = { userId: 'u-h-street', unitId: 'street-a', roles: ['handler' as const] };
    const head = { userId: 'u-head-street', unitId: 'street-a', roles: ['unit_head' as const] };
    expect(
      refused(
        c,
        handler,
        { type: 'requestExtension', days: 16, reason: '需更换主管道' },
        at('2026-10-01T11:00:00'),
        hotline,
      ).code,
    ).toBe('EXTENSION_TOO_LONG');
    const r = act(
      c,
      handler,
      { type: 'requestExtension', days: 1, reason: '需更换主管道' },
      at('2026-10-01T11:00:00'),
      hotline,
    ).snapshot;
    const d = act(r, head, { type: 'decideExtension', approve: true }, at('2026-10-01T12:00:00'), hotline);
    expect(d.snapshot.deadlines.handling).toMatchObject({
      limit: { hours: 48 },
      due: '2026-10-03T10:00:00.000+08:00',
    });
  });

  it('no 复查 under this profile: the reply can be archived at once', () => {
    const c = act(
      dispatched(),
      A.clerkStreet,
      { type: 'accept' },
      at('2026-10-01T10:30:00'),
      hotline,
    ).snapshot;
    const head = { userId: 'u-head-street', unitId: 'street-a', roles: ['unit_head' as const] };
    const r = act(c, head, { type: 'reply', document: OPINION }, at('2026-10-01T11:30:00'), hotline).snapshot;
    expect(r.deadlines.reviewRequest).toBeUndefined();
    expect(
      refused(r, A.resident, { type: 'requestReview', reasons: '不服' }, at('2026-10-02T10:00:00'), hotline)
        .code,
    ).toBe('REVIEW_NOT_AVAILABLE');
    const rated = act(
      r,
      A.resident,
      { type: 'rate', stage: 'first', level: 'satisfied', resolved: true },
      at('2026-10-02T10:00:00'),
      hotline,
    ).snapshot;
    expect(caseFacts(rated)).toMatchObject({ responded: true, resolved: true, closedOnTime: true });
    expect(act(rated, A.clerkStreet, { type: 'archive' }, at('2026-10-02T11:00:00'), hotline).state).toBe(
      'closed',
    );
  });

  it('a tier the profile does not define is refused', () => {
    const d = openCase(
      {
        id: 'h1',
        channel: 'hotline12345',
        targetUnitId: 'street-a',
        subject: 'x',
        petitioner: { id: 'p1', contactClear: true },
        classification: { category: 'claim' },
        tier: 'urgent',
      },
      A.clerkStreet,
      at('2026-10-01T10:00:00'),
      ctx,
    );
    expect(d).toMatchObject({ ok: false, code: 'UNKNOWN_TIER' });
  });

  it('a case keeps the profile it started under: deciding it with another profile is refused', () => {
    const d = decide(dispatched(), A.clerkStreet, { type: 'accept' }, at('2026-10-01T10:30:00'), ctx);
    expect(d).toMatchObject({ ok: false, code: 'PROFILE_MISMATCH' });
  });
});

describe('provisional deadlines on a stored case are recomputed when the calendar grows (DOMAIN.md §2)', () => {
  const lateDecember = () => newCase({}, A.clerkBureau, at('2026-12-17T10:00:00'));

  it('a 15日 route clock reaching 2027-01-01 is provisional and says so', () => {
    const c = lateDecember();
    expect(c.deadlines.route).toMatchObject({
      lastDay: '2027-01-01',
      provisional: true,
      provisionalYears: [2027],
    });
    expect(c.deadlines.route?.explanation.at(-1)).toContain(
      '2027年节假日安排尚未发布，本期限为暂定，发布后将自动重算',
    );
  });

  it('nothing to do while 2027 is still missing', () => {
    expect(refreshProvisionalDeadlines(lateDecember(), getDefaultCalendar())).toEqual({
      changed: [],
      set: null,
    });
  });

  it('after loading 2027 (TEST DATA) the deadline moves past 元旦 to 2027-01-04 and is final; rule lines are kept', () => {
    const c = lateDecember();
    const r = refreshProvisionalDeadlines(c, getDefaultCalendar().withYear(TEST_2027));
    expect(r.changed.map((d) => d.clock)).toEqual(['route']);
    const route = r.set?.deadlines.route;
    expect(route).toMatchObject({
      lastDay: '2027-01-04',
      provisional: false,
      provisionalYears: [],
      status: 'running',
    });
    expect(route?.explanation[0]).toContain('《信访工作条例》第二十二条');
    expect(route?.explanation.join('')).not.toContain('暂定');
  });

  it('a stopped provisional deadline is history and is left alone', () => {
    const c = act(lateDecember(), A.clerkBureau, { type: 'accept' }, at('2026-12-18T10:00:00')).snapshot;
    expect(c.deadlines.route?.status).toBe('stopped');
    const r = refreshProvisionalDeadlines(c, getDefaultCalendar().withYear(TEST_2027));
    expect(r.changed.map((d) => d.clock)).toEqual(['handling']);
  });
});
