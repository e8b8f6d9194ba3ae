import { describe, expect, it } from 'vitest';
import { loginAs } from '../helper';
import { act, key, ok, opinion, resident, seeded } from '../cases/support';

type Item = {
  id: string;
  number: string;
  state: string;
  urgency: string;
  clock: { label: string; explanation: string[]; daysLeft: number; duty: boolean } | null;
  availableActions: string[];
};
const RANK: Record<string, number> = { overdue: 0, today: 1, soon: 2, later: 3, none: 4 };

const registerBody = (over: Record<string, unknown> = {}) => ({
  idempotencyKey: key(),
  channel: 'letter',
  petitioner: { name: '孙大伟', phone: '13900000011' },
  classification: { category: 'claim' },
  title: '小区门口路灯长期不亮',
  request: '请求修复小区门口路灯。',
  facts: '滨江花园南门路灯已损坏两个月。',
  ...over,
});

describe('staff inbox (issue 6: sorted by urgency, counts per tab, the clock and why this date)', () => {
  it('lists the unit’s open cases the caller’s role can act on, most urgent first, with per-tab counts', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const res = await app.inject({
      method: 'GET',
      url: '/api/staff/inbox?pageSize=100',
      headers: clerk.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { counts: Record<string, number>; total: number; items: Item[] };
    expect(body.counts.all).toBe(body.items.length);
    expect(body.counts.all).toBeGreaterThan(0);
    expect(
      body.counts.overdue + body.counts.today + body.counts.soon + body.counts.later + body.counts.none,
    ).toBe(body.counts.all);
    // sorted: urgency rank never decreases
    const ranks = body.items.map((i) => RANK[i.urgency]!);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    for (const i of body.items) {
      expect(i.availableActions.length).toBeGreaterThan(0);
      expect(['submitted', 'registered', 'objected'].includes(i.state) || i.availableActions.length > 0).toBe(
        true,
      );
      if (i.clock?.duty) expect(i.clock.explanation.join('')).toMatch(/第二十二条|第二十三条|期限/);
    }
    // a tab holds exactly its count; the total follows the tab
    for (const tab of ['overdue', 'today', 'soon', 'later', 'none']) {
      const t = (
        await app.inject({
          method: 'GET',
          url: `/api/staff/inbox?tab=${tab}&pageSize=100`,
          headers: clerk.headers,
        })
      ).json() as { total: number; items: Item[] };
      expect(t.total).toBe(body.counts[tab]);
      expect(t.items.every((i) => i.urgency === tab)).toBe(true);
    }
    // paging
    const p1 = (
      await app.inject({ method: 'GET', url: '/api/staff/inbox?pageSize=2&page=1', headers: clerk.headers })
    ).json() as { items: Item[] };
    const p2 = (
      await app.inject({ method: 'GET', url: '/api/staff/inbox?pageSize=2&page=2', headers: clerk.headers })
    ).json() as { items: Item[] };
    expect(p1.items.map((i) => i.id)).toEqual(body.items.slice(0, 2).map((i) => i.id));
    expect(p2.items.map((i) => i.id)).toEqual(body.items.slice(2, 4).map((i) => i.id));
  });

  it('a handler sees the cases being handled at the unit; filters and an escaped text search narrow it', async () => {
    const { app } = await seeded();
    const handler = await loginAs(app, 'handler.jd.zjj');
    const all = (
      await app.inject({ method: 'GET', url: '/api/staff/inbox?pageSize=100', headers: handler.headers })
    ).json() as { items: Item[] };
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.some((i) => i.state === 'accepted' && i.availableActions.includes('draftReply'))).toBe(
      true,
    );
    // an overdue accepted case is overdue with a negative daysLeft
    const overdue = all.items.filter((i) => i.urgency === 'overdue');
    for (const i of overdue) expect(i.clock!.daysLeft).toBeLessThan(0);

    const one = all.items[0]!;
    const byNumber = (
      await app.inject({
        method: 'GET',
        url: `/api/staff/inbox?q=${encodeURIComponent(one.number)}`,
        headers: handler.headers,
      })
    ).json() as { items: Item[] };
    expect(byNumber.items.map((i) => i.id)).toEqual([one.id]);
    // regex metacharacters are searched literally
    const weird = await app.inject({
      method: 'GET',
      url: `/api/staff/inbox?q=${encodeURIComponent('(.*[')}`,
      headers: handler.headers,
    });
    expect(weird.statusCode).toBe(200);
    expect(weird.json().items).toEqual([]);
    const accepted = (
      await app.inject({
        method: 'GET',
        url: '/api/staff/inbox?state=accepted&channel=online',
        headers: handler.headers,
      })
    ).json() as { items: Item[] };
    expect(accepted.items.every((i) => i.state === 'accepted')).toBe(true);
    const tooLong = await app.inject({
      method: 'GET',
      url: `/api/staff/inbox?q=${'长'.repeat(51)}`,
      headers: handler.headers,
    });
    expect(tooLong.statusCode).toBe(400);
  });

  it('首接首办: the first receiver has a supervising view of cases now at other units', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const sup = (
      await app.inject({
        method: 'GET',
        url: '/api/staff/inbox?view=supervising&only=all&pageSize=100',
        headers: clerk.headers,
      })
    ).json() as { items: (Item & { currentUnit: { id: string }; firstReceiver: { id: string } })[] };
    expect(sup.items.length).toBeGreaterThan(0);
    for (const i of sup.items) {
      expect(i.firstReceiver.id).toBe('jd-xfj');
      expect(i.currentUnit.id).not.toBe('jd-xfj');
    }
  });

  it('a 检举控告 case never appears in the accused unit’s inbox (第三十条第三款); residents may not use it', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const reg = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: registerBody({
        title: '检举住建局某科室违规收费',
        classification: { category: 'accusation', accused: { unitId: 'jd-zjj' } },
      }),
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().case.id;
    await ok(app, clerk.headers, id, { type: 'route', toUnitId: 'jd-sthjj', mode: 'transfer' });
    for (const who of ['head.jd.zjj', 'handler.jd.zjj']) {
      const u = await loginAs(app, who);
      for (const view of ['mine', 'supervising']) {
        const r = (
          await app.inject({
            method: 'GET',
            url: `/api/staff/inbox?view=${view}&only=all&pageSize=100`,
            headers: u.headers,
          })
        ).json() as { items: Item[] };
        expect(r.items.map((i) => i.id)).not.toContain(id);
      }
    }
    const sthjj = await loginAs(app, 'handler.jd.sthjj');
    const there = (
      await app.inject({ method: 'GET', url: '/api/staff/inbox?pageSize=100', headers: sthjj.headers })
    ).json() as { items: Item[] };
    expect(there.items.map((i) => i.id)).toContain(id);
    const me = await resident(app, 1);
    expect(
      (await app.inject({ method: 'GET', url: '/api/staff/inbox', headers: me.headers })).statusCode,
    ).toBe(403);
  });
});

describe('duplicate / repeat hints before registering (第十九条第三款) and group visits (第二十条)', () => {
  it('finds the same person through the PII index and the same matter by fingerprint, with the assessment', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const first = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: registerBody({
        petitioner: { name: '孙大伟', phone: '13900000011', idNumber: '11010519491231002X' },
      }),
    });
    expect(first.statusCode, first.body).toBe(201);
    const id = first.json().case.id;
    const number = first.json().case.number;

    const hint = async (payload: Record<string, unknown>) => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/staff/duplicates',
        headers: clerk.headers,
        payload,
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as {
        items: { id: string; relations: string[]; relationLabel: string; open: boolean }[];
        assessment: { kind: string; refuse: boolean; message: string; existingCaseNumber?: string } | null;
        knownPetitioner: boolean;
      };
    };
    const samePersonSameMatter = await hint({ phone: '13900000011', title: '小区门口 路灯长期不亮！' });
    expect(samePersonSameMatter.knownPetitioner).toBe(true);
    expect(samePersonSameMatter.items[0]).toMatchObject({
      id,
      relations: ['samePerson', 'sameMatter'],
      relationLabel: '同一信访人、同一事项',
      open: true,
    });
    expect(samePersonSameMatter.assessment).toMatchObject({
      kind: 'inProgress',
      refuse: false,
      existingCaseNumber: number,
    });
    expect(samePersonSameMatter.assessment!.message).toContain(number);

    const byId = await hint({ idNumber: '11010519491231002x' });
    expect(byId.items.map((i) => i.id)).toContain(id);
    expect(byId.items.find((i) => i.id === id)!.relations).toEqual(['samePerson']);

    const otherPerson = await hint({ phone: '13900000012', title: '小区门口路灯长期不亮' });
    expect(otherPerson.knownPetitioner).toBe(false);
    expect(otherPerson.items.find((i) => i.id === id)!.relations).toEqual(['sameMatter']);
    expect(otherPerson.assessment).toBeNull();

    const nothing = await hint({ phone: '13900000013' });
    expect(nothing.items).toEqual([]);

    const empty = await app.inject({
      method: 'POST',
      url: '/api/staff/duplicates',
      headers: clerk.headers,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const badId = await app.inject({
      method: 'POST',
      url: '/api/staff/duplicates',
      headers: clerk.headers,
      payload: { idNumber: '110105194912310021' },
    });
    expect(badId.statusCode).toBe(400);
    // a unit that cannot see the case gets no hint about it
    const other = await loginAs(app, 'clerk.jx');
    const r = await app.inject({
      method: 'POST',
      url: '/api/staff/duplicates',
      headers: other.headers,
      payload: { phone: '13900000011', title: '小区门口路灯长期不亮' },
    });
    expect(r.json().items).toEqual([]);
    expect(r.json().assessment).toBeNull();
  });

  it('第二十条第三款: a group visit registers with at most 5 representatives', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const reps = ['甲', '乙', '丙', '丁', '戊', '己'];
    const six = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: registerBody({ channel: 'visit', representatives: reps }),
    });
    expect(six.statusCode).toBe(422);
    expect(six.json().details.article).toContain('第二十条');
    const five = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: registerBody({ channel: 'visit', representatives: reps.slice(0, 5) }),
    });
    expect(five.statusCode, five.body).toBe(201);
    const inbox = (
      await app.inject({
        method: 'GET',
        url: '/api/staff/inbox?channel=visit&pageSize=100',
        headers: clerk.headers,
      })
    ).json() as { items: (Item & { representatives: number })[] };
    expect(inbox.items.find((i) => i.id === five.json().case.id)!.representatives).toBe(5);
  });
});

describe('unit head approval queue (第三十四条 extensions, 第二十三条第三款 objections, 第三十二条 replies to sign)', () => {
  it('lists what waits for this head, and empties as the head decides', async () => {
    const { app } = await seeded();
    const head = await loginAs(app, 'head.jd.zjj');
    const get = async (h = head.headers) =>
      (await app.inject({ method: 'GET', url: '/api/staff/approvals', headers: h })).json() as {
        counts: { extensions: number; objections: number; replies: number };
        replies: { case: { id: string }; stage: string; document: { kind: string }; draftedBy: string }[];
        extensions: { case: { id: string }; requestedDays: number; reason: string }[];
        objections: { case: { id: string }; objectingUnit: { id: string }; reasons: string }[];
      };
    const q = await get();
    // the demo seed leaves one drafted reply at 江东区住建局
    expect(q.counts.replies).toBe(1);
    expect(q.replies[0]).toMatchObject({ stage: 'first', document: { kind: 'opinion' } });
    const caseId = q.replies[0]!.case.id;
    expect(await ok(app, head.headers, caseId, { type: 'signReply', approve: true })).toBe('replied');
    expect((await get()).counts.replies).toBe(0);

    // extension pending at 人社局 (seed) → head.jd.rsj
    const rsj = await loginAs(app, 'head.jd.rsj');
    const r = await get(rsj.headers);
    expect(r.counts.extensions).toBe(1);
    expect(r.extensions[0]).toMatchObject({ requestedDays: 30 });
    // objection by 人社局 to 信访局's transfer (seed) → head.jd
    const bureau = await loginAs(app, 'head.jd');
    const b = await get(bureau.headers);
    expect(b.counts.objections).toBeGreaterThanOrEqual(1);
    expect(b.objections[0]!.objectingUnit.id).toBe('jd-rsj');

    const handler = await loginAs(app, 'handler.jd.zjj');
    expect(
      (await app.inject({ method: 'GET', url: '/api/staff/approvals', headers: handler.headers })).statusCode,
    ).toBe(403);
  });

  it('a drafted reply appears in the queue; the resident never sees the draft, only the signed reply', async () => {
    const { app } = await seeded();
    const me = await resident(app, 1);
    const clerk = await loginAs(app, 'clerk.jd');
    const reg = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: registerBody({
        petitioner: { name: '张秀英', phone: '13800000001' },
        title: '楼下餐馆油烟扰民',
      }),
    });
    const id = reg.json().case.id;
    await ok(app, clerk.headers, id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
    const handler = await loginAs(app, 'handler.jd.zjj');
    await ok(app, handler.headers, id, { type: 'accept' });
    await ok(app, handler.headers, id, { type: 'draftReply', document: opinion('explain').document });
    const head = await loginAs(app, 'head.jd.zjj');
    const q = (
      await app.inject({ method: 'GET', url: '/api/staff/approvals', headers: head.headers })
    ).json();
    expect(q.replies.map((x: { case: { id: string } }) => x.case.id)).toContain(id);
    const mine = (await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: me.headers })).json();
    expect(mine.replies).toEqual([]);
    expect(mine.events.map((e: { type: string }) => e.type)).not.toContain('draftReply');
    await ok(app, head.headers, id, { type: 'signReply', approve: false, note: '请补充法律依据' });
    const after = (await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: me.headers })).json();
    expect(after.events.map((e: { type: string }) => e.type)).not.toContain('signReply');
    const stale = await act(app, head.headers, id, { type: 'signReply', approve: true });
    expect(stale.statusCode).toBe(422);
  });
});

describe('回访 list: 不满意 or unrated after the window; calls recorded once, never shown to the resident', () => {
  it('lists the unit’s follow-ups and records calls idempotently', async () => {
    const { app } = await seeded();
    const handler = await loginAs(app, 'handler.jd.zjj');
    const list = async (status = 'pending') =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/staff/follow-ups?status=${status}`,
          headers: handler.headers,
        })
      ).json() as {
        counts: { pending: number; done: number };
        items: { case: { id: string }; reason: string; stage: string; calls: unknown[]; done: boolean }[];
      };
    const before = await list();
    expect(before.counts.pending).toBeGreaterThan(0);
    const target = before.items.find((i) => i.reason === 'unsatisfied')!;
    expect(target).toBeDefined();
    const url = `/api/cases/${target.case.id}/follow-ups`;
    const noSatisfaction = await app.inject({
      method: 'POST',
      url,
      headers: handler.headers,
      payload: { idempotencyKey: key(), outcome: 'contacted', summary: '电话联系，已解释' },
    });
    expect(noSatisfaction.statusCode).toBe(400);
    const unreachable = await app.inject({
      method: 'POST',
      url,
      headers: handler.headers,
      payload: { idempotencyKey: key(), outcome: 'unreachable', summary: '两次拨打无人接听' },
    });
    expect(unreachable.statusCode, unreachable.body).toBe(200);
    expect(unreachable.json().done).toBe(false);
    const k = key();
    const payload = {
      idempotencyKey: k,
      outcome: 'contacted',
      summary: '已说明复查途径',
      satisfactionAfter: 'basic',
    };
    const first = await app.inject({ method: 'POST', url, headers: handler.headers, payload });
    const again = await app.inject({ method: 'POST', url, headers: handler.headers, payload });
    expect(first.json().done).toBe(true);
    expect(again.json().calls).toHaveLength(2);
    const after = await list();
    expect(after.counts.pending).toBe(before.counts.pending - 1);
    expect((await list('done')).items.map((i) => i.case.id)).toContain(target.case.id);

    // the resident sees neither the list nor the calls
    const me = await resident(app, 4);
    expect(
      (await app.inject({ method: 'GET', url: '/api/staff/follow-ups', headers: me.headers })).statusCode,
    ).toBe(403);
    const detail = await app.inject({
      method: 'GET',
      url: `/api/cases/${target.case.id}`,
      headers: me.headers,
    });
    expect(detail.body).not.toContain('已说明复查途径');
    expect(detail.body).not.toContain('两次拨打无人接听');
    const audit = await app.db.conn.collection('audit_log').countDocuments({ action: 'case.followUp' });
    expect(audit).toBe(2);
  });
});
