import { describe, expect, it } from 'vitest';
import { loginAs } from '../helper';
import { multipartBody, png } from '../attachments/support';
import { file, fileBody, ok, resident, seeded, type Headers } from './support';
import type { App } from '../../src/app';

async function upload(app: App, headers: Headers): Promise<string> {
  const body = multipartBody([{ filename: '现场照片.png', contentType: 'image/png', data: png() }]);
  const res = await app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('attachments of a case follow the case’s visibility', () => {
  it('the handling unit can open the photo, an unrelated unit cannot, and another resident cannot reuse it', async () => {
    const { app } = await seeded();
    const me = await resident(app, 1);
    const photo = await upload(app, me.headers);

    const other = await resident(app, 2);
    const before = await app.db.conn.collection('cases').countDocuments();
    const stolen = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: other.headers,
      payload: fileBody({ attachmentIds: [photo] }),
    });
    expect(stolen.statusCode).toBe(404);
    expect(await app.db.conn.collection('cases').countDocuments()).toBe(before); // refused before any case exists

    const c = await file(app, me.headers, { attachmentIds: [photo] });
    const clerk = await loginAs(app, 'clerk.jd');
    await ok(app, clerk.headers, c.id, { type: 'register', classification: { category: 'claim' } });
    await ok(app, clerk.headers, c.id, { type: 'route', toUnitId: 'jd-zjj', mode: 'transfer' });

    const zjj = await loginAs(app, 'handler.jd.zjj');
    // the case detail lists the filing's files, for the resident and for the handling unit alike
    for (const headers of [me.headers, zjj.headers]) {
      const detail = await app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers });
      expect(detail.json().attachments).toEqual([
        expect.objectContaining({ id: photo, mime: 'image/png', size: expect.any(Number) }),
      ]);
    }
    const seen = await app.inject({ method: 'GET', url: `/api/attachments/${photo}`, headers: zjj.headers });
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toContain('image/png');
    const rsj = await loginAs(app, 'handler.jd.rsj');
    expect(
      (await app.inject({ method: 'GET', url: `/api/attachments/${photo}`, headers: rsj.headers }))
        .statusCode,
    ).toBe(404);
  });
});
