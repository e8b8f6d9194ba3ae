import { describe, expect, it } from 'vitest';
import { loginAs } from '../helper';
import { act, file, fileBody, getCase, offeredTypes, ok, resident, seeded, type Headers } from './support';
import { drainOutbox } from '../../src/jobs';
import { rebuildCaseFacts } from '../../src/modules/dashboard/dashboard.facts';
import { demoUnitTree } from '../../src/seed/demo-cases';
import type { App } from '../../src/app';

/**
 * Issue 12 regressions through the HTTP API: an accusation is protected from the moment it is filed, and
 * nothing about a hidden case leaks (《信访工作条例》第三十条第三款, 第四十六条第五项, DOMAIN.md §5).
 */

const MISSING = 'doesnotexist000000000000000000ab';

/** What someone who must not know of case `id` sees of it: 404 like a missing case, no list or inbox row. */
async function expectHidden(app: App, h: Headers, id: string) {
  const byId = await getCase(app, h, id);
  const missing = await getCase(app, h, MISSING);
  expect(byId.statusCode).toBe(404);
  expect(byId.json().message).toBe(missing.json().message);
  const list = await app.inject({ method: 'GET', url: '/api/cases?limit=100', headers: h });
  if (list.statusCode === 200) {
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  }
  const inbox = await app.inject({
    method: 'GET',
    url: '/api/staff/inbox?only=all&pageSize=100',
    headers: h,
  });
  if (inbox.statusCode === 200) {
    expect(inbox.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  }
  const tryAct = await act(app, h, id, { type: 'register', classification: { category: 'claim' } });
  expect(tryAct.statusCode).toBe(404);
}

describe('finding 1: 第三十条第三款 — an accusation filed online is protected from the first write', () => {
  it('第三十条第三款: addressed to the accused unit, it is received by the district 信访局; the accused unit never sees it', async () => {
    const { app } = await seeded();
    const me = await resident(app, 4);
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: me.headers,
      payload: fileBody({
        proposedCategory: 'accusation',
        accused: { unitId: 'jd-zjj', names: ['孙某'] },
        targetUnitId: 'jd-zjj',
        title: '检举住建局工作人员违规收费',
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const filed = res.json();
    expect(filed.case.state).toBe('submitted');
    expect(filed.case.currentUnit).toEqual({ id: 'jd-xfj', name: '临江市江东区信访局' });
    // the resident is told where it went
    expect(filed.notice).toContain('临江市江东区信访局');
    expect(filed.notice).toContain('第三十条第三款');
    expect(filed.case.proposal).toMatchObject({
      category: 'accusation',
      accused: { unit: { id: 'jd-zjj' }, names: ['孙某'] },
    });
    const id = filed.case.id;
    await drainOutbox(app.db.conn);

    for (const who of ['handler.jd.zjj', 'head.jd.zjj']) {
      const accused = await loginAs(app, who);
      await expectHidden(app, accused.headers, id);
      const notes = await app.inject({
        method: 'GET',
        url: '/api/units/me/notifications?limit=50',
        headers: accused.headers,
      });
      expect(notes.json().items.map((n: { caseId: string }) => n.caseId)).not.toContain(id);
    }
    // the bureau's clerk sees the resident's proposal and may register it
    const clerk = await loginAs(app, 'clerk.jd');
    const seen = (await getCase(app, clerk.headers, id)).json();
    expect(seen.proposal).toMatchObject({
      category: 'accusation',
      categoryLabel: '检举控告类',
      accused: { unit: { id: 'jd-zjj', name: '临江市江东区住房和城乡建设局' }, names: ['孙某'] },
    });
    expect(seen.accused).toMatchObject({ unit: { id: 'jd-zjj' } });
    expect(offeredTypes(seen)).toContain('register');
    const own = (await getCase(app, me.headers, id)).json();
    expect(own.currentUnit.id).toBe('jd-xfj');
  });

  it('第三十条第三款: an accusation against 江东区政府 goes to 临江市信访局 — the 江东区 leader and 信访局 never see it', async () => {
    const { app } = await seeded();
    const me = await resident(app, 4);
    const c = await file(app, me.headers, {
      proposedCategory: 'accusation',
      accused: { unitId: 'jd-gov' },
      targetUnitId: 'jd-xfj',
      title: '检举区政府违规审批',
    });
    const seen = (await getCase(app, me.headers, c.id)).json();
    expect(seen.currentUnit.id).toBe('lj-xfj');
    for (const who of ['leader.jd', 'clerk.jd', 'head.jd', 'head.jd.gov']) {
      await expectHidden(app, (await loginAs(app, who)).headers, c.id);
    }
    const city = await loginAs(app, 'clerk.city');
    expect((await getCase(app, city.headers, c.id)).statusCode).toBe(200);
  });

  it('第三十条第三款: with no petition bureau outside the accused subtree the filing is refused with guidance, and nothing is stored', async () => {
    const { app } = await seeded();
    const me = await resident(app, 4);
    const before = await app.db.conn.collection('cases').countDocuments();
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: me.headers,
      payload: fileBody({ proposedCategory: 'accusation', accused: { unitId: 'lj-gov' } }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.article).toBe('《信访工作条例》第三十条第三款');
    expect(res.json().message).toContain('临江市纪委监委');
    expect(await app.db.conn.collection('cases').countDocuments()).toBe(before);
  });

  it('第三十条第三款: the clerk confirms or corrects the proposal; a correction away from 检举控告 needs a reason and is audited with it', async () => {
    const { app } = await seeded();
    const me = await resident(app, 4);
    const clerk = await loginAs(app, 'clerk.jd');
    const c = await file(app, me.headers, { proposedCategory: 'accusation', accused: { unitId: 'jd-zjj' } });
    const bare = await act(app, clerk.headers, c.id, {
      type: 'register',
      classification: { category: 'claim' },
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().details).toMatchObject({
      article: '《信访工作条例》第三十条第三款',
      rule: 'CORRECTION_REASON_REQUIRED',
    });
    const reason = '信中反映的是房屋维修诉求，不含检举内容';
    await ok(app, clerk.headers, c.id, {
      type: 'register',
      classification: { category: 'claim' },
      correctionReason: reason,
    });
    const entry = await app.db.conn
      .collection('audit_log')
      .findOne({ action: 'case.register', targetId: c.id, result: 'ok' });
    expect(entry?.detail).toMatchObject({
      proposedCategory: 'accusation',
      category: 'claim',
      correctionReason: reason,
    });
    const timeline = (await getCase(app, clerk.headers, c.id)).json().events;
    expect(timeline.at(-1).summary).toContain(reason);
  });

  it('第四十六条第五项: a clerk naming an accused staff member protects that person’s unit too', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const accusedPerson = await loginAs(app, 'head.jd.rsj');
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: {
        idempotencyKey: crypto.randomUUID(),
        channel: 'letter',
        petitioner: { name: '匿名群众' },
        classification: {
          category: 'accusation',
          accused: { userIds: [accusedPerson.userId], names: ['郑伟'] },
        },
        title: '检举人社局负责人收受礼金',
        request: '请求依法查处。',
        facts: '春节前后多次收受企业礼金。',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().case.id;
    const route = await act(app, clerk.headers, id, { type: 'route', toUnitId: 'jd-rsj', mode: 'transfer' });
    expect(route.statusCode).toBe(422);
    expect(route.json().details.rule).toBe('ROUTE_TO_ACCUSED');
    for (const who of ['head.jd.rsj', 'handler.jd.rsj'])
      await expectHidden(app, (await loginAs(app, who)).headers, id);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: {
        idempotencyKey: crypto.randomUUID(),
        channel: 'letter',
        petitioner: { name: '匿名群众' },
        classification: { category: 'accusation', accused: { userIds: ['0123456789abcdef01234567'] } },
        title: '检举',
        request: '请求依法查处。',
        facts: '事实。',
      },
    });
    expect(unknown.statusCode).toBe(400);
  });
});

describe('finding 13: the petitioner’s view has its own schema — no staff user ids, no internal note, no internal step', () => {
  it('an extension refused with a head’s note, then approved: the petitioner sees only the approval and its reason', async () => {
    const { app } = await seeded();
    const me = await resident(app, 1);
    const clerk = await loginAs(app, 'clerk.jd');
    const handler = await loginAs(app, 'handler.jd.zjj');
    const head = await loginAs(app, 'head.jd.zjj');
    const c = await file(app, me.headers);
    await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'claim' } });
    await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
    await ok(app, handler.headers, c.id, { type: 'accept' });
    await ok(app, handler.headers, c.id, { type: 'requestExtension', days: 20, reason: '需要现场检测' });
    const internal = '内部意见：先补齐检测委托手续再报';
    await ok(app, head.headers, c.id, { type: 'decideExtension', approve: false, note: internal });
    await ok(app, handler.headers, c.id, { type: 'requestExtension', days: 15, reason: '检测机构排期' });
    await ok(app, head.headers, c.id, { type: 'decideExtension', approve: true, days: 10 });
    await app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/notes`,
      headers: handler.headers,
      payload: { idempotencyKey: crypto.randomUUID(), text: '已与物业电话沟通' },
    });

    const res = await getCase(app, me.headers, c.id);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.view).toBe('petitioner');
    expect(view.extension).toEqual({
      status: 'approved',
      approvedDays: 10,
      reason: '检测机构排期',
      decidedAt: expect.any(String),
    });
    // no staff user id and no internal text anywhere in what the petitioner receives
    const body = res.body;
    for (const u of [clerk, handler, head]) expect(body).not.toContain(u.userId);
    expect(body).not.toContain(internal);
    expect(body).not.toContain('已与物业电话沟通');
    expect(body).not.toContain('延期申请未获批准');
    for (const key of ['notes', 'viewBasis', 'accusedHidden', 'actorUserId', 'requestedBy', 'decidedBy'])
      expect(body).not.toContain(`"${key}"`);
    // staff keep the full record
    const staffView = (await getCase(app, head.headers, c.id)).json();
    expect(staffView.view).toBe('staff');
    expect(staffView.extension).toMatchObject({ status: 'approved', requestedBy: handler.userId });
    expect(staffView.events.some((e: { summary: string }) => e.summary === '延期申请未获批准')).toBe(true);
  });

  it('a 不予受理 names where to go, typed, without who decided it', async () => {
    const { app } = await seeded();
    const me = await resident(app, 1);
    const clerk = await loginAs(app, 'clerk.jd');
    const c = await file(app, me.headers);
    await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'claim' } });
    await ok(app, clerk.headers, c.id, {
      type: 'notAccept',
      ground: {
        kind: 'statutoryProcedure',
        procedure: 'litigation',
        authority: '江东区人民法院',
        explanation: '合同纠纷应当通过诉讼解决。',
      },
    });
    const res = await getCase(app, me.headers, c.id);
    expect(res.json().notAccepted).toEqual({
      kind: 'statutoryProcedure',
      unit: { id: 'jd-xfj', name: '临江市江东区信访局' },
      at: expect.any(String),
      procedure: 'litigation',
      procedureLabel: '诉讼程序',
      authority: '江东区人民法院',
      explanation: '合同纠纷应当通过诉讼解决。',
    });
    expect(res.body).not.toContain(clerk.userId);
    expect(offeredTypes(res.json())).not.toContain('addMaterial');
    const more = await app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/materials`,
      headers: me.headers,
      payload: { idempotencyKey: crypto.randomUUID(), text: '补充' },
    });
    expect(more.statusCode).toBe(422);
    const staff = (await getCase(app, clerk.headers, c.id)).json();
    expect(staff.notAccepted).toMatchObject({ kind: 'statutoryProcedure', byUserId: clerk.userId });
  });
});

/** A resident who exists only as a user record (as after a first sign-in), with a phone. */
async function newResident(app: App, phone: string, name: string) {
  await app.db.conn.collection('users').insertOne({
    displayName: name,
    roles: ['resident'],
    phoneEnc: app.pii.encrypt(phone),
    phoneIndex: app.pii.index(phone),
    status: 'active',
  } as never);
  return loginAs(app, { phone });
}

const ACCUSATION_TITLE = '检举住建局工作人员吃拿卡要';

describe('finding 2: registering does not reveal a hidden case', () => {
  it('第三十条第三款: the accused unit registering a call with the accuser’s phone and the accusation’s title gets the answer it would get without the accusation', async () => {
    const { app } = await seeded();
    const accuser = await resident(app, 4);
    const accusation = await file(app, accuser.headers, {
      proposedCategory: 'accusation',
      accused: { unitId: 'jd-zjj' },
      title: ACCUSATION_TITLE,
    });
    const zjj = await loginAs(app, 'handler.jd.zjj');
    const register = (title: string) =>
      app.inject({
        method: 'POST',
        url: '/api/cases/register',
        headers: zjj.headers,
        payload: {
          idempotencyKey: crypto.randomUUID(),
          channel: 'phone',
          petitioner: { name: '陈强', phone: '13800000004' },
          classification: { category: 'claim' },
          title,
          request: '请求处理。',
          facts: '情况属实。',
        },
      });
    const hidden = await register(ACCUSATION_TITLE);
    const control = await register('小区楼道照明不足');
    expect(hidden.statusCode).toBe(201);
    expect(control.statusCode).toBe(201);
    const h = hidden.json();
    const k = control.json();
    expect(h.notice).toBeUndefined();
    expect(h.notice).toEqual(k.notice);
    expect(h.case.firstTime).toBe(k.case.firstTime);
    expect(h.case.repeatOf).toBeNull();
    expect(hidden.body).not.toContain(accusation.number);
    expect(hidden.body).not.toContain(accusation.id);
    // the link is recorded where those who may know can find it: the audit trail
    const entry = await app.db.conn
      .collection('audit_log')
      .findOne({ action: 'case.file', targetId: h.case.id, result: 'ok' });
    expect(entry?.detail).toMatchObject({ hiddenMatch: { caseId: accusation.id, kind: 'inProgress' } });
    const plain = await app.db.conn
      .collection('audit_log')
      .findOne({ action: 'case.file', targetId: k.case.id, result: 'ok' });
    expect(plain?.detail).not.toHaveProperty('hiddenMatch');
  });

  it('第三十条第三款: someone whose only case is hidden registers as 初信初访, exactly like a stranger', async () => {
    const { app } = await seeded();
    const accuser = await newResident(app, '13900000071', '赵某');
    await file(app, accuser.headers, {
      proposedCategory: 'accusation',
      accused: { unitId: 'jd-zjj' },
      title: ACCUSATION_TITLE,
    });
    const zjj = await loginAs(app, 'handler.jd.zjj');
    const register = (phone: string) =>
      app.inject({
        method: 'POST',
        url: '/api/cases/register',
        headers: zjj.headers,
        payload: {
          idempotencyKey: crypto.randomUUID(),
          channel: 'phone',
          petitioner: { name: '赵某', phone },
          classification: { category: 'claim' },
          title: ACCUSATION_TITLE,
          request: '请求处理。',
          facts: '情况属实。',
        },
      });
    const a = (await register('13900000071')).json();
    const b = (await register('13900000072')).json();
    expect(a.case.firstTime).toBe(true);
    expect(a.case.firstTime).toBe(b.case.firstTime);
    expect(a.notice).toEqual(b.notice);
  });
});

describe('finding 3: the duplicate check answers the same with and without cases the caller may not see', () => {
  it('第三十条第三款: hints, assessment, 初信初访 and knownPetitioner ignore a hidden accusation', async () => {
    const { app } = await seeded();
    const zjj = await loginAs(app, 'handler.jd.zjj');
    const hint = async (payload: Record<string, unknown>) => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/staff/duplicates',
        headers: zjj.headers,
        payload,
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    // someone whose only case is the accusation against the caller's unit …
    const onlyAccused = await newResident(app, '13900000081', '钱某');
    await file(app, onlyAccused.headers, {
      proposedCategory: 'accusation',
      accused: { unitId: 'jd-zjj' },
      title: ACCUSATION_TITLE,
    });
    // … someone who signed in but never filed, and a phone nobody has
    await newResident(app, '13900000082', '孙某');
    const stranger = await hint({ phone: '13900000083', title: ACCUSATION_TITLE });
    expect(await hint({ phone: '13900000081', title: ACCUSATION_TITLE })).toEqual(stranger);
    expect(await hint({ phone: '13900000081', title: '另一件事情' })).toEqual(
      await hint({ phone: '13900000083', title: '另一件事情' }),
    );
    expect(await hint({ phone: '13900000082', title: ACCUSATION_TITLE })).toEqual(stranger);
    expect(stranger).toEqual({ items: [], assessment: null, knownPetitioner: false });

    // a petitioner the unit knows (visible cases at 住建局) who also accused it: the accusation changes nothing
    const known = await resident(app, 4);
    const before = await hint({ phone: '13800000004', title: ACCUSATION_TITLE });
    await file(app, known.headers, {
      proposedCategory: 'accusation',
      accused: { unitId: 'jd-zjj' },
      title: `${ACCUSATION_TITLE}二`,
    });
    const withTitle = await hint({ phone: '13800000004', title: `${ACCUSATION_TITLE}二` });
    const control = await hint({ phone: '13800000004', title: '一件从未反映的事情' });
    expect(withTitle.knownPetitioner).toBe(true);
    expect(withTitle.assessment).toEqual(control.assessment);
    expect(withTitle.assessment).toMatchObject({ kind: 'new', message: '新的信访事项。' });
    expect(withTitle.items).toEqual(control.items);
    expect(await hint({ phone: '13800000004', title: ACCUSATION_TITLE })).toEqual(before);
  });
});

describe('finding 4: notifications pass the judge for their reader', () => {
  it('第二十八条第三款: a recused clerk does not read his unit’s notifications about the case, nor count them, nor mark them read', async () => {
    const { app } = await seeded();
    await app.db.conn.collection('users').insertOne({
      username: 'clerk2.jd',
      displayName: '回避登记员',
      roles: ['clerk'],
      unitCode: 'jd-xfj',
      status: 'active',
    } as never);
    const me = await resident(app, 1);
    const clerk = await loginAs(app, 'clerk.jd');
    const recused = await loginAs(app, 'clerk2.jd');
    const c = await file(app, me.headers, { title: '邻居装修拆改承重墙' });
    await ok(app, recused.headers, c.id, {
      type: 'recuse',
      userId: recused.userId,
      reason: '与信访人系亲属',
    });
    await drainOutbox(app.db.conn);
    const list = async (h: Headers, q = 'limit=50') =>
      (await app.inject({ method: 'GET', url: `/api/units/me/notifications?${q}`, headers: h })).json();
    const seen = await list(clerk.headers);
    const mine = seen.items.filter((n: { caseId: string }) => n.caseId === c.id);
    expect(mine.length).toBeGreaterThan(0);
    const hidden = await list(recused.headers);
    expect(hidden.items.map((n: { caseId: string }) => n.caseId)).not.toContain(c.id);
    expect(JSON.stringify(hidden)).not.toContain(c.number);
    expect(hidden.unread).toBe(seen.unread - mine.length);
    // paging over what he may see: one item per page never ends on a page he cannot read
    let cursor: string | null = null;
    const paged: string[] = [];
    do {
      const page = await list(recused.headers, cursor ? `limit=1&cursor=${cursor}` : 'limit=1');
      if (page.nextCursor) expect(page.items.length).toBe(1);
      paged.push(...page.items.map((n: { id: string }) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(hidden.items.map((n: { id: string }) => n.id));
    const read = await app.inject({
      method: 'POST',
      url: `/api/units/me/notifications/${mine[0].id}/read`,
      headers: recused.headers,
    });
    expect(read.statusCode).toBe(404);
    const denied = await app.db.conn
      .collection('audit_log')
      .findOne({ action: 'notification.read', targetId: mine[0].id, result: 'denied' });
    expect(denied).toBeTruthy();
  });

  it('第四十六条第五项: an accusation naming a person is never routed to that person’s unit, so its notice never reaches him', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const accused = await loginAs(app, 'handler.jd.zjj');
    const res = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: {
        idempotencyKey: crypto.randomUUID(),
        channel: 'visit',
        petitioner: { name: '来访群众' },
        classification: { category: 'accusation', accused: { userIds: [accused.userId], names: ['孙浩'] } },
        title: '检举孙浩收受好处费',
        request: '请求依法查处。',
        facts: '办理房屋备案时索要好处费。',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().case.id;
    const route = await act(app, clerk.headers, id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
    expect(route.statusCode).toBe(422);
    expect(route.json().details.article).toBe('《信访工作条例》第三十条第三款');
    await drainOutbox(app.db.conn);
    const notes = await app.inject({
      method: 'GET',
      url: '/api/units/me/notifications?limit=50',
      headers: accused.headers,
    });
    expect(notes.body).not.toContain('孙浩收受');
    expect(notes.json().items.map((n: { caseId: string }) => n.caseId)).not.toContain(id);
  });
});

describe('finding 5: recusal cannot hide a case from oversight (第二十八条第三款)', () => {
  it('第二十八条第三款: a unit head cannot recuse the auditor or a district leader; he recuses his own staff, audited, and lifts it', async () => {
    const { app } = await seeded();
    const me = await resident(app, 1);
    const clerk = await loginAs(app, 'clerk.jd');
    const head = await loginAs(app, 'head.jd.zjj');
    const handler = await loginAs(app, 'handler.jd.zjj');
    const auditor = await loginAs(app, 'auditor');
    const leader = await loginAs(app, 'leader.jd');
    const c = await file(app, me.headers);
    await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'claim' } });
    await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
    for (const target of [auditor, leader]) {
      const r = await act(app, head.headers, c.id, {
        type: 'recuse',
        userId: target.userId,
        reason: '利害关系',
      });
      expect(r.statusCode).toBe(403);
      expect((await getCase(app, target.headers, c.id)).statusCode).toBe(200);
    }
    // the auditor cannot recuse himself either: oversight stays
    const self = await act(app, auditor.headers, c.id, {
      type: 'recuse',
      userId: auditor.userId,
      reason: '回避',
    });
    expect(self.statusCode).toBe(403);
    // the head recuses his own staff, with a reason, audited with it
    await ok(app, head.headers, c.id, { type: 'recuse', userId: handler.userId, reason: '与信访人系邻居' });
    expect((await getCase(app, handler.headers, c.id)).statusCode).toBe(404);
    const entry = await app.db.conn
      .collection('audit_log')
      .findOne({ action: 'case.recuse', targetId: c.id, result: 'ok' });
    expect(entry?.detail).toMatchObject({ userId: handler.userId, reason: '与信访人系邻居' });
    const seen = (await getCase(app, head.headers, c.id)).json();
    expect(seen.recusals).toEqual([
      expect.objectContaining({ userId: handler.userId, name: '孙浩', reason: '与信访人系邻居' }),
    ]);
    expect(offeredTypes(seen)).toContain('liftRecusal');
    // and a superior lifts it, with a reason, audited
    await ok(app, head.headers, c.id, {
      type: 'liftRecusal',
      userId: handler.userId,
      reason: '经核实无利害关系',
    });
    expect((await getCase(app, handler.headers, c.id)).statusCode).toBe(200);
    const lifted = await app.db.conn
      .collection('audit_log')
      .findOne({ action: 'case.liftRecusal', targetId: c.id, result: 'ok' });
    expect(lifted?.detail).toMatchObject({ userId: handler.userId, reason: '经核实无利害关系' });
    // a head recusing himself is lifted by a leader above
    await ok(app, head.headers, c.id, { type: 'recuse', userId: head.userId, reason: '本人亲属涉事' });
    expect((await getCase(app, head.headers, c.id)).statusCode).toBe(404);
    expect(offeredTypes((await getCase(app, leader.headers, c.id)).json())).toContain('liftRecusal');
    await ok(app, leader.headers, c.id, { type: 'liftRecusal', userId: head.userId, reason: '已核实' });
    expect((await getCase(app, head.headers, c.id)).statusCode).toBe(200);
  });
});

describe('finding 6: pagination flags, totals and cursors count only what the caller may see', () => {
  it('第二十八条第三款: the dashboard drill-down’s truncated flag ignores a case the leader recused himself from', async () => {
    const { app } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const leader = await loginAs(app, 'leader.jd');
    const ids: string[] = [];
    for (const title of ['检举住建局甲', '检举住建局乙']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/cases/register',
        headers: clerk.headers,
        payload: {
          idempotencyKey: crypto.randomUUID(),
          channel: 'letter',
          petitioner: { name: '匿名群众' },
          classification: { category: 'accusation', accused: { unitId: 'jd-zjj' } },
          title,
          request: '请求依法查处。',
          facts: '事实。',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().case.id);
    }
    // the leader recuses himself from the case the drill-down lists first
    const first = [...ids].sort()[0]!;
    await ok(app, leader.headers, first, { type: 'recuse', userId: leader.userId, reason: '亲属涉事' });
    await rebuildCaseFacts(app.db.conn, new Date(), demoUnitTree());
    const drill = async (q: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/dashboard/cases?metric=all&category=accusation${q}`,
          headers: leader.headers,
        })
      ).json();
    const one = await drill('&limit=1');
    expect(one.items.map((i: { id: string }) => i.id)).toEqual(ids.filter((x) => x !== first));
    expect(one.truncated).toBe(false);
    const overview = (
      await app.inject({ method: 'GET', url: '/api/dashboard/overview', headers: leader.headers })
    ).json();
    expect(overview.byCategory.find((c: { key: string }) => c.key === 'accusation')?.count).toBe(1);
  });

  it('第二十八条第三款: the case list’s cursor is set only when another case the caller may see follows', async () => {
    const { app } = await seeded();
    await app.db.conn.collection('users').insertOne({
      username: 'clerk2.jd',
      displayName: '回避登记员',
      roles: ['clerk'],
      unitCode: 'jd-xfj',
      status: 'active',
    } as never);
    const recused = await loginAs(app, 'clerk2.jd');
    const me = await resident(app, 1);
    const c = await file(app, me.headers, { title: '最新的一件' });
    // the newest case of the unit is one he recused himself from
    await ok(app, recused.headers, c.id, { type: 'recuse', userId: recused.userId, reason: '亲属' });
    const all = (
      await app.inject({ method: 'GET', url: '/api/cases?limit=100&sort=newest', headers: recused.headers })
    ).json();
    expect(all.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    // page through one at a time: every cursor leads to a case, the last page has none
    let cursor: string | null = null;
    const paged: string[] = [];
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await app.inject({
          method: 'GET',
          url: `/api/cases?limit=1&sort=newest${cursor ? `&cursor=${cursor}` : ''}`,
          headers: recused.headers,
        })
      ).json();
      if (page.nextCursor) expect(page.items).toHaveLength(1);
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((i: { id: string }) => i.id));
  });
});
