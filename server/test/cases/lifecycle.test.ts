import { describe, expect, it } from 'vitest';
import { loginAs } from '../helper';
import { act, file, fileBody, getCase, key, ok, opinion, resident, seeded } from './support';

describe('申诉求决类 full lifecycle through the API (《信访工作条例》第二十二至三十六条)', () => {
  it('filed → registered → transferred → objection upheld → re-routed → accepted → extended → replied → rated → 复查 → 复核 → final', async () => {
    const { app } = await seeded();
    const me = await resident(app, 1);
    const clerk = await loginAs(app, 'clerk.jd');
    const c = await file(app, me.headers);
    expect(c.state).toBe('submitted');
    expect(c.number).toMatch(/^XF-\d{4}-990102-\d{6}$/);

    expect(
      await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'claim' } }),
    ).toBe('registered');
    // 首接首办: the registering unit and clerk are the first receiver
    const registered = (await getCase(app, clerk.headers, c.id)).json();
    expect(registered.firstReceiver).toEqual({ id: 'jd-xfj', name: '临江市江东区信访局' });
    // the resident's list names the clock of the next date (第二十二条: 15 days to route and notify)
    const listed = await app.inject({ method: 'GET', url: '/api/me/cases', headers: me.headers });
    expect(listed.json().items.find((i: { id: string }) => i.id === c.id)).toMatchObject({
      nextDue: registered.nextDue,
      nextDueLabel: '登记转送交办期限',
    });

    expect(await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-rsj', mode: 'transfer' })).toBe(
      'transferred',
    );
    const rsj = await loginAs(app, 'handler.jd.rsj');
    // 第二十三条第三款: objection with reasons within 5 个工作日, effective only when the transferring body agrees
    expect(
      await ok(app, rsj.headers, c.id, {
        type: 'object',
        reasons: '楼道堆物属物业管理与消防监管事项，不属于人社部门职责。',
      }),
    ).toBe('objected');
    const headJd = await loginAs(app, 'head.jd');
    await ok(app, headJd.headers, c.id, { type: 'decideObjection', approve: true, note: '异议成立' });
    // the case came back to the first receiver, which sees it and must route again
    const back = (await getCase(app, clerk.headers, c.id)).json();
    expect(back.currentUnit.id).toBe('jd-xfj');
    // no transfer back to a unit whose objection was upheld (DOMAIN.md §4 rule 4)
    const pingPong = await act(app, clerk.headers, c.id, {
      type: 'route',
      toUnitId: 'jd-rsj',
      mode: 'transfer',
    });
    expect(pingPong.statusCode).toBe(422);
    expect(pingPong.json().details.article).toContain('第二十三条');

    await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
    const zjj = await loginAs(app, 'handler.jd.zjj');
    expect(await ok(app, zjj.headers, c.id, { type: 'accept' })).toBe('accepted');
    // the first receiver keeps a supervising view with every deadline (DOMAIN.md §4 rule 2)
    const supervising = (await getCase(app, clerk.headers, c.id)).json();
    expect(supervising.supervising).toBe(true);
    const handling = supervising.deadlines.find(
      (d: { clock: string; status: string }) => d.status === 'running',
    );
    expect(handling.article).toContain('第三十四条');
    expect(handling.explanation.length).toBeGreaterThan(1);

    // 第三十四条: extension requested by the handler, approved by the unit head, once
    await ok(app, zjj.headers, c.id, {
      type: 'requestExtension',
      days: 30,
      reason: '需要联合消防部门现场核查',
    });
    const headZjj = await loginAs(app, 'head.jd.zjj');
    await ok(app, headZjj.headers, c.id, { type: 'decideExtension', approve: true });
    const again = await act(app, zjj.headers, c.id, { type: 'requestExtension', days: 10, reason: '再延期' });
    expect(again.statusCode).toBe(422);

    // 第三十二条: the handler cannot issue alone; drafts, the head returns once, then signs (issues)
    expect((await act(app, zjj.headers, c.id, opinion('reject'))).statusCode).toBe(403);
    const draft = { type: 'draftReply', document: opinion('reject').document };
    expect(await ok(app, zjj.headers, c.id, draft)).toBe('accepted');
    await ok(app, headZjj.headers, c.id, { type: 'signReply', approve: false, note: '请写明核查经过' });
    await ok(app, zjj.headers, c.id, draft);
    expect(await ok(app, headZjj.headers, c.id, { type: 'signReply', approve: true })).toBe('replied');
    // the petitioner reads the reply and its deadlines, but not internal steps
    const mine = (await getCase(app, me.headers, c.id)).json();
    expect(mine.replies[0].document.decision).toBe('reject');
    expect(mine.events.map((e: { type: string }) => e.type)).not.toContain('object');
    expect(mine.notes).toBeUndefined();

    await ok(app, me.headers, c.id, {
      type: 'rate',
      stage: 'first',
      level: 'unsatisfied',
      comment: '仍然堆物',
    });
    const twice = await act(app, me.headers, c.id, { type: 'rate', stage: 'first', level: 'satisfied' });
    expect(twice.statusCode).toBe(422);

    // 第三十五条: 复查 by the parent of the handling unit (江东区人民政府)
    expect(await ok(app, me.headers, c.id, { type: 'requestReview', reasons: '处理意见未解决问题' })).toBe(
      'reviewing',
    );
    const notTheParent = await act(app, zjj.headers, c.id, opinion('support'));
    expect(notTheParent.statusCode).toBe(403);
    const gov = await loginAs(app, 'head.jd.gov');
    expect(await ok(app, gov.headers, c.id, opinion('reject'))).toBe('reviewed');

    // 第三十六条: 复核 by the parent of the 复查 unit (临江市人民政府), then final
    expect(await ok(app, me.headers, c.id, { type: 'requestRecheck', reasons: '对复查意见不服' })).toBe(
      'rechecking',
    );
    const cityGov = await loginAs(app, 'head.city.gov');
    expect(await ok(app, cityGov.headers, c.id, opinion('reject'))).toBe('final');

    // 第三十六条第三款: the same facts and reasons are not accepted again anywhere
    const refiled = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: me.headers,
      payload: fileBody({ title: mine.content.title, targetUnitId: 'lj-xfj' }),
    });
    expect(refiled.statusCode).toBe(422);
    expect(refiled.json().details.article).toContain('第三十六条');
  });

  it('objection refused: the case stays with the receiving unit, which must then accept (第二十三条第三款)', async () => {
    const { app } = await seeded();
    const me = await resident(app, 2);
    const clerk = await loginAs(app, 'clerk.jd');
    const c = await file(app, me.headers, { subjectCode: 'ldsb-qx' });
    await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'claim' } });
    await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-rsj', mode: 'transfer' });
    const rsj = await loginAs(app, 'handler.jd.rsj');
    await ok(app, rsj.headers, c.id, { type: 'object', reasons: '本单位认为该事项应由街道先行处理。' });
    const headJd = await loginAs(app, 'head.jd');
    await ok(app, headJd.headers, c.id, {
      type: 'decideObjection',
      approve: false,
      note: '拖欠工资属人社部门职责，异议不成立',
    });
    const after = (await getCase(app, rsj.headers, c.id)).json();
    expect(after.currentUnit.id).toBe('jd-rsj');
    expect(after.state).toBe('transferred');
    // a unit other than the transferring body cannot rule on the objection
    expect(await ok(app, rsj.headers, c.id, { type: 'accept' })).toBe('accepted');
  });
});

describe('建议意见类 (第二十九条)', () => {
  it('is registered, routed, accepted, answered with a suggestion reply, and rated', async () => {
    const { app } = await seeded();
    const me = await resident(app, 3);
    const clerk = await loginAs(app, 'clerk.jd');
    const c = await file(app, me.headers, { proposedCategory: 'suggestion', title: '建议增设社区助餐点' });
    await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'suggestion' } });
    await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-st1', mode: 'transfer' });
    const st = await loginAs(app, 'handler.jd.st1');
    await ok(app, st.headers, c.id, { type: 'accept' });
    const headSt = await loginAs(app, 'head.jd.st1');
    const wrongDoc = await act(app, st.headers, c.id, { ...opinion('support'), type: 'draftReply' });
    expect(wrongDoc.statusCode).toBe(422);
    expect(wrongDoc.json().details.article).toContain('第二十九条');
    expect(
      await ok(app, headSt.headers, c.id, {
        type: 'reply',
        document: { kind: 'suggestionReply', adoption: 'adopted', content: '已纳入年度助餐点建设计划。' },
      }),
    ).toBe('replied');
    await ok(app, me.headers, c.id, { type: 'rate', stage: 'first', level: 'satisfied', resolved: true });
    const view = (await getCase(app, me.headers, c.id)).json();
    expect(view.ratings).toEqual([expect.objectContaining({ stage: 'first', level: 'satisfied' })]);
  });
});

describe('检举控告类 confidentiality (第三十条第三款, 第四十六条第五项)', () => {
  it('the accused unit and units under it cannot see, list, or receive the case — not even by id', async () => {
    const { app } = await seeded();
    const me = await resident(app, 4);
    const clerk = await loginAs(app, 'clerk.jd');
    const c = await file(app, me.headers, {
      proposedCategory: 'accusation',
      accused: { unitId: 'jd-zjj' },
      title: '检举某科室违规收费',
    });
    await ok(app, clerk.headers, c.id, {
      type: 'register',
      classification: { category: 'accusation', accused: { unitId: 'jd-zjj', names: ['某科长'] } },
    });
    // it can never be routed to the accused unit
    const toAccused = await act(app, clerk.headers, c.id, {
      type: 'route',
      toUnitId: 'jd-zjj',
      mode: 'transfer',
    });
    expect(toAccused.statusCode).toBe(422);
    expect(toAccused.json().details.article).toContain('第三十条');

    for (const who of ['handler.jd.zjj', 'head.jd.zjj']) {
      const accused = await loginAs(app, who);
      const byId = await getCase(app, accused.headers, c.id);
      const missing = await getCase(app, accused.headers, 'doesnotexist000000000000000000ab');
      expect(byId.statusCode).toBe(404);
      expect(byId.json().message).toBe(missing.json().message);
      const list = await app.inject({ method: 'GET', url: '/api/cases?limit=100', headers: accused.headers });
      expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
      const tryAct = await act(app, accused.headers, c.id, { type: 'accept' });
      expect(tryAct.statusCode).toBe(404);
    }
    // the first receiver still sees it
    expect((await getCase(app, clerk.headers, c.id)).statusCode).toBe(200);

    // it goes to a unit with authority that is not the accused, is handled and answered (第三十条)
    await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-sthjj', mode: 'transfer' });
    const sthjj = await loginAs(app, 'handler.jd.sthjj');
    await ok(app, sthjj.headers, c.id, { type: 'accept' });
    expect(
      await ok(app, await loginAs(app, 'head.jd.sthjj').then((x) => x.headers), c.id, {
        type: 'reply',
        document: {
          kind: 'accusationFeedback',
          content: '经核查，已移交有关部门依法处理，处理结果将另行反馈。',
        },
      }),
    ).toBe('replied');
    await ok(app, me.headers, c.id, { type: 'rate', stage: 'first', level: 'basic' });
    const seenByPetitioner = (await getCase(app, me.headers, c.id)).json();
    expect(seenByPetitioner.replies[0].document.kind).toBe('accusationFeedback');
    // still invisible to the accused unit after all of it
    expect(
      (await getCase(app, await loginAs(app, 'head.jd.zjj').then((x) => x.headers), c.id)).statusCode,
    ).toBe(404);
  });
});

describe('第十九条第三款 repeat filing', () => {
  it('refuses the same matter filed with a higher unit while it is in progress, pointing to the existing case', async () => {
    const { app } = await seeded();
    const me = await resident(app, 1);
    const clerk = await loginAs(app, 'clerk.jd');
    const title = '小区门口占道经营影响通行';
    const c = await file(app, me.headers, { title });
    await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'claim' } });
    await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });
    const zjj = await loginAs(app, 'handler.jd.zjj');
    await ok(app, zjj.headers, c.id, { type: 'accept' });
    const higher = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: me.headers,
      // 江东区人民政府 is the 上级机关 of the handling unit 江东区住建局
      payload: fileBody({ title, targetUnitId: 'jd-gov' }),
    });
    expect(higher.statusCode).toBe(422);
    expect(higher.json().details.article).toContain('第十九条');
    expect(higher.json().message).toContain(c.number);
    expect(await app.db.conn.collection('cases').countDocuments({ subject: title })).toBe(1);
  });
});

describe('concurrency and idempotency', () => {
  it('two concurrent transitions on the same version: exactly one wins, the other is 409', async () => {
    const { app } = await seeded();
    const me = await resident(app, 2);
    const clerk = await loginAs(app, 'clerk.jd');
    const c = await file(app, me.headers);
    await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'claim' } });
    const doc = await app.db.conn.collection('cases').findOne({ _id: c.id as never });
    const send = (to: string) =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/actions`,
        headers: clerk.headers,
        payload: { version: doc!.version, action: { type: 'route', toUnitId: to, mode: 'transfer' } },
      });
    const results = await Promise.all([send('jd-zjj'), send('jd-rsj'), send('jd-sthjj')]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    const stored = await app.db.conn.collection('cases').findOne({ _id: c.id as never });
    expect(stored!.transfers).toHaveLength(1);
    expect(stored!.events.filter((e: { type: string }) => e.type === 'route')).toHaveLength(1);
  });

  it('filing with the same idempotency key 10 times in parallel creates one case', async () => {
    const { app } = await seeded();
    const me = await resident(app, 3);
    const body = fileBody({ idempotencyKey: key(), title: '公交站台破损无人修理' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.inject({ method: 'POST', url: '/api/cases', headers: me.headers, payload: body }),
      ),
    );
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.json().case.id)).size).toBe(1);
    expect(await app.db.conn.collection('cases').countDocuments({ subject: '公交站台破损无人修理' })).toBe(1);
  });

  it('a stale version is refused with 409 and changes nothing', async () => {
    const { app } = await seeded();
    const me = await resident(app, 4);
    const clerk = await loginAs(app, 'clerk.jd');
    const c = await file(app, me.headers);
    const res = await app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      headers: clerk.headers,
      payload: {
        version: c.version + 5,
        action: { type: 'register', classification: { category: 'claim' } },
      },
    });
    expect(res.statusCode).toBe(409);
    expect((await app.db.conn.collection('cases').findOne({ _id: c.id as never }))!.state).toBe('submitted');
  });
});

describe('registration by a clerk (信/访/电, 第十七条, 第二十条)', () => {
  it('registers a letter with the petitioner encrypted, refuses a bad ID check digit and > 5 representatives', async () => {
    const { app, logs } = await seeded();
    const clerk = await loginAs(app, 'clerk.jd');
    const base = {
      channel: 'letter',
      petitioner: { name: '赵大妈', phone: '13912345678', idNumber: '11010519491231002X' },
      classification: { category: 'claim' },
      title: '老旧小区加装电梯补贴未到位',
      request: '请求落实加装电梯补贴。',
      facts: '去年加装电梯，补贴至今未发放。',
    };
    const badId = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: {
        ...base,
        idempotencyKey: key(),
        petitioner: { ...base.petitioner, idNumber: '110105194912310021' },
      },
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().message).toContain('身份证号');
    const group = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: {
        ...base,
        idempotencyKey: key(),
        channel: 'visit',
        representatives: ['甲', '乙', '丙', '丁', '戊', '己'],
      },
    });
    expect(group.statusCode).toBe(422);
    expect(group.json().details.article).toContain('第二十条');

    const res = await app.inject({
      method: 'POST',
      url: '/api/cases/register',
      headers: clerk.headers,
      payload: { ...base, idempotencyKey: key() },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json().case;
    expect(c.state).toBe('registered');
    expect(c.firstReceiver.id).toBe('jd-xfj');
    expect(c.petitioner.phone).toBe('13912345678'); // the registering clerk needs the contact
    const leader = await loginAs(app, 'leader.jd');
    const asLeader = (await getCase(app, leader.headers, c.id)).json();
    expect(asLeader.petitioner.phone).toBe('139****5678');
    // personal data is encrypted at rest and never logged
    const raw = JSON.stringify(await app.db.conn.collection('users').find().toArray());
    expect(raw).not.toContain('13912345678');
    expect(raw).not.toContain('11010519491231002X');
    expect(logs.join('\n')).not.toContain('13912345678');
    expect(logs.join('\n')).not.toContain('11010519491231002X');
  });
});

describe('public directory for the filing form', () => {
  it('lists units with their parents and the active subject areas, without login', async () => {
    const { app } = await seeded();
    const units = (await app.inject({ method: 'GET', url: '/api/units' })).json().items;
    expect(units).toContainEqual({
      id: 'jd-zjj',
      name: '临江市江东区住房和城乡建设局',
      kind: '职能部门',
      parentId: 'jd-gov',
      regionCode: '990102',
      // 第三十条第三款: an accusation against 住建局 is filed with the district 信访局
      accusationIntake: 'jd-xfj',
    });
    // against the district government: the district 信访局 is under it, so the city's
    expect(units.find((u: { id: string }) => u.id === 'jd-gov').accusationIntake).toBe('lj-xfj');
    expect(units.find((u: { id: string }) => u.id === 'lj-gov').accusationIntake).toBeNull();
    const cats = (await app.inject({ method: 'GET', url: '/api/categories' })).json().items;
    expect(cats.find((c: { code: string }) => c.code === 'ldsb-qx')).toMatchObject({
      name: '拖欠工资',
      parentCode: 'ldsb',
    });
  });
});
