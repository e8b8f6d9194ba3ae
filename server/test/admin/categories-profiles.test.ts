import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { headersFor, seedDirectory } from './support';
import { XINFANG_PROFILE } from '../../src/domain';
import { DEMO_UNITS } from '../../src/seed/demo-data';
import { findProfileVersion, loadProfiles } from '../../src/modules/admin/profiles.service';

async function setup() {
  const { app } = await build();
  await seedDirectory(app);
  return { app, h: await headersFor(app) };
}

/** A plain-JSON copy of the default profile as the next version, with one setting changed. */
const nextXinfang = (version: number, ratingWindowDays = 20) => ({
  ...structuredClone(XINFANG_PROFILE),
  version,
  settings: { ...XINFANG_PROFILE.settings, ratingWindowDays },
});

describe('admin: categories (two levels)', () => {
  it('lists areas each followed by their items; creates, replays, refuses a third level', async () => {
    const { app, h } = await setup();
    const list = await app.inject({ url: '/api/admin/categories', headers: h.auditor.headers });
    const cats = list.json().categories as { code: string; parentCode: string | null }[];
    expect(cats[0]!.parentCode).toBeNull();
    for (const [i, c] of cats.entries()) {
      if (c.parentCode) expect(cats.slice(0, i).some((p) => p.code === c.parentCode)).toBe(true);
    }
    const post = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/admin/categories', headers: h.admin.headers, payload });
    const created = await post({ code: 'cxjs-cz', name: '城中村改造', parentCode: 'cxjs', order: 9 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'cxjs-cz', parentCode: 'cxjs', active: true, hint: '' });
    expect(
      (await post({ code: 'cxjs-cz', name: '城中村改造', parentCode: 'cxjs', order: 9 })).statusCode,
    ).toBe(200);
    expect((await post({ code: 'cxjs-cz', name: '别的', parentCode: 'cxjs' })).statusCode).toBe(409);
    const third = await post({ code: 'cxjs-cz-1', name: '三级', parentCode: 'cxjs-cz' });
    expect(third.json()).toMatchObject({
      statusCode: 400,
      message: '事项分类只有两级：上级分类必须是一级分类',
    });
    expect((await post({ code: 'x', name: '无', parentCode: 'nope' })).json().message).toBe(
      '上级分类不存在：nope',
    );
    expect((await post({ code: 'x', name: '' })).statusCode).toBe(400);
    // An area with items cannot become an item.
    const demote = await app.inject({
      method: 'PATCH',
      url: '/api/admin/categories/cxjs',
      headers: h.admin.headers,
      payload: { parentCode: cats.find((c) => c.code !== 'cxjs' && !c.parentCode)!.code },
    });
    expect(demote.json().message).toBe('该分类下有二级分类，不能再设为二级分类（事项分类只有两级）');
  });

  it('deactivates an item, refuses an area with active items, updates names; all audited', async () => {
    const { app, h } = await setup();
    const deactivate = (code: string) =>
      app.inject({
        method: 'POST',
        url: `/api/admin/categories/${code}/deactivate`,
        headers: h.admin.headers,
      });
    const area = await deactivate('cxjs');
    expect(area.statusCode).toBe(400);
    expect(area.json().message).toMatch(/^请先停用其下级分类/);
    expect((await deactivate('cxjs-wy')).json()).toMatchObject({ code: 'cxjs-wy', active: false });
    // Idempotent.
    expect((await deactivate('cxjs-wy')).json().active).toBe(false);
    expect((await deactivate('nope')).statusCode).toBe(404);
    const renamed = await app.inject({
      method: 'PATCH',
      url: '/api/admin/categories/cxjs-wy',
      headers: h.admin.headers,
      payload: { name: '物业服务', hint: '住建' },
    });
    expect(renamed.json()).toMatchObject({ name: '物业服务', hint: '住建', active: false });
    const actions = (
      await app.db.conn.collection('audit_log').find({ targetType: 'category' }).toArray()
    ).map((a) => a.action);
    expect(actions).toEqual(['category.deactivate', 'category.deactivate', 'category.update']);
  });
});

describe('admin: rule profiles', () => {
  it('lists the builtin profiles read-only', async () => {
    const { app, h } = await setup();
    const res = await app.inject({ url: '/api/admin/profiles', headers: h.auditor.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().profiles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'xinfang-2022',
          version: 1,
          builtin: true,
          latest: true,
          unitsBound: DEMO_UNITS.length,
        }),
        expect.objectContaining({ id: 'beijing-12345-2021', version: 1, builtin: true }),
      ]),
    );
    const detail = await app.inject({ url: '/api/admin/profiles/xinfang-2022/1', headers: h.admin.headers });
    expect(detail.json().profile.clocks.handling.limit).toEqual({ days: 60 });
    expect(
      (await app.inject({ url: '/api/admin/profiles/xinfang-2022/9', headers: h.admin.headers })).statusCode,
    ).toBe(404);
  });

  it('publishes the next version after validateProfile; versions are never edited', async () => {
    const { app, h } = await setup();
    const post = (payload: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/admin/profiles',
        headers: h.admin.headers,
        payload: payload as object,
      });
    const v2 = await post(nextXinfang(2));
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ id: 'xinfang-2022', version: 2, builtin: false, latest: true });
    // Replay: same content → 200, nothing new.
    expect((await post(nextXinfang(2))).statusCode).toBe(200);
    // Same version, other content → 409: a published version is immutable.
    const edit = await post(nextXinfang(2, 30));
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toBe('规则档案 xinfang-2022 第 2 版已存在且不可修改，请以新版本号提交');
    expect((await post(nextXinfang(1, 30))).statusCode).toBe(409);
    const skip = await post(nextXinfang(4));
    expect(skip.json()).toMatchObject({
      statusCode: 400,
      message: '版本号应为 3（xinfang-2022 当前最新为第 2 版）',
    });

    const list = (await app.inject({ url: '/api/admin/profiles', headers: h.admin.headers })).json().profiles;
    expect(
      list.find((p: { version: number; id: string }) => p.id === 'xinfang-2022' && p.version === 1).latest,
    ).toBe(false);
    const stored = await findProfileVersion(app.db.conn, { id: 'xinfang-2022', version: 2 });
    expect(stored!.settings.ratingWindowDays).toBe(20);
    expect((await loadProfiles(app.db.conn)).map((p) => `${p.id}@${p.version}`)).toContain('xinfang-2022@2');
    const audit = await app.db.conn.collection('audit_log').find({ action: 'profile.create' }).toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: 'xinfang-2022@2', detail: { previous: 1 } });

    // A unit can be bound to a stored profile id; an unknown id is refused.
    const bind = await app.inject({
      method: 'PATCH',
      url: '/api/admin/units/jd-st1',
      headers: h.admin.headers,
      payload: { profileId: 'beijing-12345-2021' },
    });
    expect(bind.json().profileId).toBe('beijing-12345-2021');
  });

  it('rejects a profile that exceeds a statutory limit, with the domain’s Chinese errors', async () => {
    const { app, h } = await setup();
    const bad = nextXinfang(2);
    bad.clocks.handling!.limit = { days: 90 };
    bad.settings.basicSatisfiedWeight = 2;
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/profiles',
      headers: h.admin.headers,
      payload: bad,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('期限“handling”：90日超过法定期限60日');
    expect(res.json().details.errors).toContain('settings.basicSatisfiedWeight 必须在 0 到 1 之间');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/admin/profiles',
      headers: h.admin.headers,
      payload: { ...nextXinfang(2), clocks: {} },
    });
    expect(missing.json().message).toContain('必须定义办理期限（handling）');
    const newId = await app.inject({
      method: 'POST',
      url: '/api/admin/profiles',
      headers: h.admin.headers,
      payload: { ...nextXinfang(3), id: 'xinfang-2022-jd' },
    });
    expect(newId.json().message).toBe('新规则档案的版本号应为 1');
    expect(await app.db.conn.collection('profiles').countDocuments()).toBe(0);
  });

  it('two admins publishing the same next version at once: one 201, the other 409, one document', async () => {
    const { app, h } = await setup();
    const post = (days: number) =>
      app.inject({
        method: 'POST',
        url: '/api/admin/profiles',
        headers: h.admin.headers,
        payload: nextXinfang(2, days),
      });
    const [a, b] = await Promise.all([post(20), post(25)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await app.db.conn.collection('profiles').countDocuments()).toBe(1);
  });
});
