import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { headersFor, seedDirectory } from './support';
import type { App } from '../../src/app';

type Node = {
  code: string;
  parentCode: string | null;
  ancestors: string[];
  depth: number;
  childCount: number;
};

const unitDoc = (app: App, code: string) => app.db.conn.collection('units').findOne({ code });

async function setup() {
  const { app } = await build();
  await seedDirectory(app);
  return { app, h: await headersFor(app) };
}

describe('admin: units', () => {
  it('lists the tree in pre-order with depths (admin and auditor)', async () => {
    const { app, h } = await setup();
    const res = await app.inject({ url: '/api/admin/units', headers: h.auditor.headers });
    expect(res.statusCode).toBe(200);
    const units: Node[] = res.json().units;
    const idx = (c: string) => units.findIndex((u) => u.code === c);
    // Every unit comes after its parent, one level deeper.
    for (const u of units) {
      if (u.parentCode) {
        expect(idx(u.parentCode)).toBeLessThan(idx(u.code));
        expect(u.depth).toBe(units[idx(u.parentCode)]!.depth + 1);
      } else expect(u.depth).toBe(0);
    }
    expect(units[idx('jd-st1')]).toMatchObject({ ancestors: ['lj-gov', 'jd-gov'], depth: 2, childCount: 0 });
    expect(units[idx('jd-gov')]!.childCount).toBe(9);
    expect((await app.inject({ url: '/api/admin/units', headers: h.admin.headers })).statusCode).toBe(200);
  });

  it('creates a unit under an existing parent; a replay is 200, a different unit under the same code 409', async () => {
    const { app, h } = await setup();
    const body = {
      code: 'jd-st1-sq1',
      name: '滨江街道幸福社区',
      kind: '乡镇街道',
      parentCode: 'jd-st1',
      regionCode: '990102',
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/units',
      headers: h.admin.headers,
      payload: body,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'jd-st1-sq1',
      ancestors: ['lj-gov', 'jd-gov', 'jd-st1'],
      depth: 3,
      profileId: 'xinfang-2022',
      active: true,
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/admin/units',
      headers: h.admin.headers,
      payload: body,
    });
    expect(again.statusCode).toBe(200);
    expect(await app.db.conn.collection('units').countDocuments({ code: 'jd-st1-sq1' })).toBe(1);
    const clash = await app.inject({
      method: 'POST',
      url: '/api/admin/units',
      headers: h.admin.headers,
      payload: { ...body, name: '另一个社区' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toBe('单位代码已存在：jd-st1-sq1');
    const audit = await app.db.conn.collection('audit_log').find({ action: 'unit.create' }).toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      targetId: 'jd-st1-sq1',
      actor: { userId: h.admin.userId },
      result: 'ok',
    });
  });

  it('rejects a missing parent, an unknown profile, a bad code and a bad region in Chinese', async () => {
    const { app, h } = await setup();
    const post = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/admin/units', headers: h.admin.headers, payload });
    const base = {
      code: 'x-1',
      name: '测试单位',
      kind: '职能部门',
      parentCode: 'jd-gov',
      regionCode: '990102',
    };
    const noParent = await post({ ...base, parentCode: 'nope' });
    expect(noParent.statusCode).toBe(400);
    expect(noParent.json().message).toBe('上级单位不存在：nope');
    const noProfile = await post({ ...base, profileId: 'made-up' });
    expect(noProfile.json()).toMatchObject({ statusCode: 400, message: '规则档案不存在：made-up' });
    const badCode = await post({ ...base, code: 'X 1' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().message).toContain('code：格式不正确');
    const badKind = await post({ ...base, kind: '公司' });
    expect(badKind.json().message).toContain('kind');
    const badRegion = await post({ ...base, regionCode: '9901' });
    expect(badRegion.statusCode).toBe(400);
    expect(await app.db.conn.collection('units').countDocuments({ code: 'x-1' })).toBe(0);
  });

  it('moving a unit rewrites ancestors on it and its whole subtree, and is audited', async () => {
    const { app, h } = await setup();
    await app.inject({
      method: 'POST',
      url: '/api/admin/units',
      headers: h.admin.headers,
      payload: {
        code: 'jd-st1-sq1',
        name: '幸福社区',
        kind: '乡镇街道',
        parentCode: 'jd-st1',
        regionCode: '990102',
      },
    });
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/units/jd-st1',
      headers: h.admin.headers,
      payload: { parentCode: 'jd-zjj', name: '滨江街道（测试）' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      parentCode: 'jd-zjj',
      ancestors: ['lj-gov', 'jd-gov', 'jd-zjj'],
      depth: 3,
    });
    expect((await unitDoc(app, 'jd-st1-sq1'))!.ancestors).toEqual(['lj-gov', 'jd-gov', 'jd-zjj', 'jd-st1']);
    const audit = await app.db.conn
      .collection('audit_log')
      .findOne({ action: 'unit.update', targetId: 'jd-st1' });
    expect(audit!.detail).toMatchObject({ from: 'jd-gov', to: 'jd-zjj', subtreeUpdated: 1 });
    expect(audit!.detail.fields.sort()).toEqual(['name', 'parentCode']);

    // A crash half-way through the bulkWrite left the subtree stale: the same request again repairs it.
    await app.db.conn
      .collection('units')
      .updateOne({ code: 'jd-st1-sq1' }, { $set: { ancestors: ['stale'] } });
    const replay = await app.inject({
      method: 'PATCH',
      url: '/api/admin/units/jd-st1',
      headers: h.admin.headers,
      payload: { parentCode: 'jd-zjj' },
    });
    expect(replay.statusCode).toBe(200);
    expect((await unitDoc(app, 'jd-st1-sq1'))!.ancestors).toEqual(['lj-gov', 'jd-gov', 'jd-zjj', 'jd-st1']);
  });

  it('refuses cycles, self-parenting, deactivating a unit with active children', async () => {
    const { app, h } = await setup();
    const patch = (code: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/admin/units/${code}`, headers: h.admin.headers, payload });
    const cycle = await patch('jd-gov', { parentCode: 'jd-st1' });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().message).toBe('不能将单位移到其自身的下级单位之下（单位层级不能形成循环）');
    expect((await patch('jd-gov', { parentCode: 'jd-gov' })).json().message).toBe('不能将单位设为自己的上级');
    const busy = await patch('jd-gov', { active: false });
    expect(busy.statusCode).toBe(400);
    expect(busy.json().message).toMatch(/^请先停用或移出下级单位/);
    expect((await patch('nope', { name: '无' })).statusCode).toBe(404);
    expect((await patch('jd-st1', {})).statusCode).toBe(400);
    // A leaf can be deactivated; nothing can then be created under it.
    expect((await patch('jd-st1', { active: false })).json().active).toBe(false);
    const under = await app.inject({
      method: 'POST',
      url: '/api/admin/units',
      headers: h.admin.headers,
      payload: {
        code: 'jd-st1-sq9',
        name: '社区',
        kind: '乡镇街道',
        parentCode: 'jd-st1',
        regionCode: '990102',
      },
    });
    expect(under.json().message).toContain('上级单位已停用');
    expect((await unitDoc(app, 'jd-gov'))!.parentCode).toBe('lj-gov');
  });

  it('two opposite moves at once cannot create a cycle: one wins, the other sees the new tree', async () => {
    const { app, h } = await setup();
    const move = (code: string, parentCode: string) =>
      app.inject({
        method: 'PATCH',
        url: `/api/admin/units/${code}`,
        headers: h.admin.headers,
        payload: { parentCode },
      });
    const [a, b] = await Promise.all([move('jd-zjj', 'jd-rsj'), move('jd-rsj', 'jd-zjj')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 400]);
    const zjj = await unitDoc(app, 'jd-zjj');
    const rsj = await unitDoc(app, 'jd-rsj');
    expect(zjj!.parentCode === 'jd-rsj' && rsj!.parentCode === 'jd-zjj').toBe(false);
    // Ancestors agree with parents everywhere.
    const tree = (await app.inject({ url: '/api/admin/units', headers: h.admin.headers })).json()
      .units as Node[];
    const byCode = new Map(tree.map((u) => [u.code, u]));
    for (const u of tree) {
      expect(u.ancestors).toEqual(u.parentCode ? [...byCode.get(u.parentCode)!.ancestors, u.parentCode] : []);
    }
  });
});
