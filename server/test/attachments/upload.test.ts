import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../helper';
import { loginAs } from '../helper';
import { insertUser } from '../auth/fakes';
import type { App } from '../../src/app';
import { exe, heic, jpeg, multipartBody, pdf, png, svg, useAttachmentsDir, webp, type Part } from './support';

const store = useAttachmentsDir();

async function setup(env: Record<string, string> = {}) {
  const { app } = await build({ env: { ATTACHMENTS_DIR: store.dir, ...env } });
  const alice = await loginAs(app, await insertUser(app, { displayName: '甲' }));
  const bob = await loginAs(app, await insertUser(app, { displayName: '乙' }));
  return { app, alice, bob };
}

function upload(app: App, headers: Record<string, string>, parts: Part[]) {
  const body = multipartBody(parts);
  return app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

/** Every stored file name under the attachments dir (all tests of this file share it). */
async function storedFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const shard of await readdir(store.dir).catch(() => [] as string[])) {
    for (const f of await readdir(join(store.dir, shard))) out.push(f);
  }
  return out;
}

describe('POST /api/attachments', () => {
  it('stores an image under a random name, records its sha256, and lets the uploader download it with safe headers', async () => {
    const { app, alice } = await setup();
    const bytes = png();
    const res = await upload(app, alice.headers, [
      { filename: '现场照片.png', contentType: 'image/png', data: bytes },
    ]);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: '现场照片.png', mime: 'image/png', size: bytes.length, caseId: null });
    expect(body.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(JSON.stringify(body)).not.toMatch(/storage|owner/i);

    const meta = await app.db.conn.collection('attachments').findOne({ _id: body.id });
    expect(meta).toMatchObject({ ownerUserId: alice.userId, caseId: null, mime: 'image/png' });
    expect(meta!.storageName).toMatch(/^[0-9a-f]{32}$/);
    expect(meta!.storageName).not.toContain('现场');
    const onDisk = await readFile(join(store.dir, meta!.storageName.slice(0, 2), meta!.storageName));
    expect(onDisk.equals(bytes)).toBe(true);

    const dl = await app.inject({
      method: 'GET',
      url: `/api/attachments/${body.id}`,
      headers: alice.headers,
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(bytes)).toBe(true);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-security-policy']).toContain('sandbox');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`,
    );
    expect(dl.headers.etag).toBe(`"${body.sha256}"`);
    const again = await app.inject({
      method: 'GET',
      url: `/api/attachments/${body.id}`,
      headers: { ...alice.headers, 'if-none-match': `"${body.sha256}"` },
    });
    expect(again.statusCode).toBe(304);
  });

  it.each([
    ['jpeg', jpeg(), 'image/jpeg', 'jpg'],
    ['png', png(), 'image/png', 'png'],
    ['webp', webp(), 'image/webp', 'webp'],
    ['pdf', pdf(), 'application/pdf', 'pdf'],
  ])(
    'accepts %s from its content alone (octet-stream, no extension) and names it',
    async (_k, data, mime, ext) => {
      const { app, alice } = await setup();
      const res = await upload(app, alice.headers, [
        { filename: 'tmp_abc', contentType: 'application/octet-stream', data },
      ]);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ mime, name: `tmp_abc.${ext}` });
    },
  );

  it('does not serve a file to another user, nor to anyone logged out, and says the same as for a missing id', async () => {
    const { app, alice, bob } = await setup();
    const id = (await upload(app, alice.headers, [{ filename: 'a.pdf', data: pdf() }])).json().id;
    const other = await app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: bob.headers });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/attachments/00000000-0000-4000-8000-000000000000',
      headers: bob.headers,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe(missing.json().message);
    expect((await app.inject({ method: 'GET', url: `/api/attachments/${id}` })).statusCode).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/attachments/..%2F..%2Fetc',
      headers: bob.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: '/api/attachments', payload: {} })).statusCode).toBe(401);
  });

  it.each<[string, Part[], number, RegExp]>([
    [
      'SVG (script inside)',
      [{ filename: 'a.svg', contentType: 'image/svg+xml', data: svg() }],
      415,
      /不支持/,
    ],
    ['SVG named .png', [{ filename: 'a.png', contentType: 'image/png', data: svg() }], 415, /不支持/],
    ['a Windows executable', [{ filename: 'a.exe', data: exe() }], 415, /不支持/],
    [
      'an executable named .jpg',
      [{ filename: 'a.jpg', contentType: 'image/jpeg', data: exe() }],
      415,
      /不支持/,
    ],
    ['HEIC', [{ filename: 'IMG_0001.heic', contentType: 'image/heic', data: heic() }], 415, /HEIC/],
    ['PNG declared as JPEG', [{ filename: 'a', contentType: 'image/jpeg', data: png() }], 415, /不符/],
    ['PNG named .pdf', [{ filename: 'a.pdf', data: png() }], 415, /不符/],
    ['PDF declared as HTML', [{ filename: 'a', contentType: 'text/html', data: pdf() }], 415, /不符/],
    ['plain text', [{ filename: 'a.txt', contentType: 'text/plain', data: 'hello' }], 415, /不支持/],
    ['an empty file', [{ filename: 'a.png', contentType: 'image/png', data: Buffer.alloc(0) }], 400, /为空/],
    ['a ../ name', [{ filename: '../../etc/passwd.png', data: png() }], 400, /文件名/],
    ['a sub/dir name', [{ filename: 'sub/a.png', data: png() }], 400, /文件名/],
    ['a Windows path', [{ filename: 'C:\\\\Users\\\\a.png', data: png() }], 400, /文件名/],
    [
      'two files',
      [
        { filename: 'a.png', data: png() },
        { filename: 'b.png', data: png() },
      ],
      400,
      /一个文件/,
    ],
    ['no file at all', [{ field: 'note', data: '你好' }], 400, /选择/],
  ])('refuses %s and keeps nothing', async (_name, parts, status, message) => {
    const { app, alice } = await setup();
    const before = await storedFiles();
    const res = await upload(app, alice.headers, parts);
    expect(res.statusCode).toBe(status);
    expect(res.json().message).toMatch(message);
    expect(await app.db.conn.collection('attachments').countDocuments()).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES (413) and a request that is not multipart (400)', async () => {
    const { app, alice } = await setup({ ATTACHMENT_MAX_BYTES: '4096' });
    const before = await storedFiles();
    const exact = await upload(app, alice.headers, [{ filename: 'ok.jpg', data: jpeg(4096) }]);
    expect(exact.statusCode).toBe(201);
    const big = await upload(app, alice.headers, [{ filename: 'big.jpg', data: jpeg(4097) }]);
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(big.json().message).toMatch(/不能超过 0\.0? ?MB|不能超过/);
    expect(await app.db.conn.collection('attachments').countDocuments()).toBe(1);
    expect((await storedFiles()).length).toBe(before.length + 1);

    const json = await app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: alice.headers,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().code).toBe('VALIDATION');
  });

  it('cleans display names: invisible bidi marks removed, long names shortened, extension kept', async () => {
    const { app, alice } = await setup();
    const tricky = await upload(app, alice.headers, [{ filename: 'invoice\u202Egpj.pdf', data: pdf() }]);
    expect(tricky.statusCode).toBe(201);
    expect(tricky.json().name).toBe('invoicegpj.pdf');
    const long = await upload(app, alice.headers, [{ filename: `${'长'.repeat(150)}.pdf`, data: pdf() }]);
    expect(long.json().name).toBe(`${'长'.repeat(96)}.pdf`);
  });

  it('caps the unclaimed uploads one user may park at 30', async () => {
    const { app, alice } = await setup();
    const now = new Date();
    await app.db.conn.collection('attachments').insertMany(
      Array.from({ length: 30 }, (_, i) => ({
        _id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` as never,
        ownerUserId: alice.userId,
        caseId: null,
        name: 'x.png',
        mime: 'image/png',
        size: 1,
        sha256: '0'.repeat(64),
        storageName: `${String(i).padStart(32, '0')}`,
        createdAt: now,
        claimedAt: null,
      })),
    );
    const res = await upload(app, alice.headers, [{ filename: 'a.png', data: png() }]);
    expect(res.statusCode).toBe(429);
    expect(res.json().message).toMatch(/过多/);
  });
});
