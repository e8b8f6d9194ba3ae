import { describe, expect, it } from 'vitest';
import { readdir, writeFile, mkdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { build, loginAs } from '../helper';
import { insertUser } from '../auth/fakes';
import type { App } from '../../src/app';
import { AppError } from '../../src/errors';
import { multipartBody, pdf, png, useAttachmentsDir } from './support';

const store = useAttachmentsDir();
const HOUR = 3_600_000;

async function setup() {
  const { app } = await build({ env: { ATTACHMENTS_DIR: store.dir } });
  const alice = await loginAs(app, await insertUser(app, { displayName: '甲' }));
  const bob = await loginAs(app, await insertUser(app, { displayName: '乙' }));
  return { app, alice, bob };
}

async function uploadOne(app: App, headers: Record<string, string>, data = png()): Promise<string> {
  const body = multipartBody([{ filename: 'material', data }]);
  const res = await app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('attachmentService.claim', () => {
  it('links the uploader’s files to a case, idempotently, and refuses another user’s or another case’s', async () => {
    const { app, alice, bob } = await setup();
    const a = await uploadOne(app, alice.headers);
    const b = await uploadOne(app, alice.headers);
    const bobs = await uploadOne(app, bob.headers);

    const claimed = await app.attachments.claim([a, b, a], alice.userId, 'case-1');
    expect(claimed.map((d) => d.caseId)).toEqual(['case-1', 'case-1']);
    // a retried request (same ids, same case) succeeds and changes nothing
    expect((await app.attachments.claim([a, b], alice.userId, 'case-1')).length).toBe(2);
    expect((await app.attachments.listForCase('case-1')).map((d) => d._id).sort()).toEqual([a, b].sort());

    expect((await refusal(app.attachments.claim([bobs], alice.userId, 'case-1'))).statusCode).toBe(404);
    expect((await refusal(app.attachments.claim([a], alice.userId, 'case-2'))).statusCode).toBe(409);
    expect(
      (await refusal(app.attachments.claim(['00000000-0000-4000-8000-000000000000'], alice.userId, 'case-1')))
        .statusCode,
    ).toBe(404);
    // bob's file is untouched by alice's refused attempt
    expect((await app.db.conn.collection('attachments').findOne({ _id: bobs as never }))?.caseId).toBeNull();
  });

  it('allows at most 9 attachments per case, counting those linked earlier (补充材料)', async () => {
    const { app, alice } = await setup();
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await uploadOne(app, alice.headers));
    const ten = await refusal(app.attachments.claim(ids, alice.userId, 'case-9'));
    expect([ten.statusCode, ten.message]).toEqual([400, '每个信访事项最多 9 个附件']);
    await app.attachments.claim(ids.slice(0, 6), alice.userId, 'case-9');
    const more = await refusal(app.attachments.claim(ids.slice(6, 10), alice.userId, 'case-9'));
    expect(more.statusCode).toBe(400);
    await app.attachments.claim(ids.slice(6, 9), alice.userId, 'case-9');
    expect((await app.attachments.listForCase('case-9')).length).toBe(9);
  });

  it('never goes over 9 when two claims for the same case race', async () => {
    const { app, alice } = await setup();
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await uploadOne(app, alice.headers));
    const results = await Promise.allSettled([
      app.attachments.claim(ids.slice(0, 5), alice.userId, 'case-r'),
      app.attachments.claim(ids.slice(5, 10), alice.userId, 'case-r'),
    ]);
    expect(results.some((r) => r.status === 'rejected')).toBe(true);
    expect((await app.attachments.listForCase('case-r')).length).toBeLessThanOrEqual(9);
  });

  it('refuses an upload older than 24 h (it is about to be purged)', async () => {
    const { app, alice } = await setup();
    const a = await uploadOne(app, alice.headers);
    const later = new Date(Date.now() + 25 * HOUR);
    const err = await refusal(app.attachments.claim([a], alice.userId, 'case-x', later));
    expect(err.statusCode).toBe(409);
    expect((await app.db.conn.collection('attachments').findOne({ _id: a as never }))?.caseId).toBeNull();
  });
});

describe('reading a claimed attachment through the case rule', () => {
  it('uses the injected canReadCase: staff of the case may download, others and unclaimed files stay private', async () => {
    const { app, alice, bob } = await setup();
    const claimedId = await uploadOne(app, alice.headers, pdf());
    const loose = await uploadOne(app, alice.headers);
    await app.attachments.claim([claimedId], alice.userId, 'case-visible');
    const get = (id: string) =>
      app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: bob.headers });

    expect((await get(claimedId)).statusCode).toBe(404); // default rule: owner only
    const asked: string[] = [];
    app.attachments.setCanReadCase(async (caseId, actor) => {
      asked.push(`${caseId}/${actor.userId}`);
      return caseId === 'case-visible' && actor.userId === bob.userId;
    });
    const ok = await get(claimedId);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(asked).toEqual([`case-visible/${bob.userId}`]);
    expect((await get(loose)).statusCode).toBe(404); // not in a case: the rule is not even asked
    expect(asked.length).toBe(1);
  });
});

describe('attachments purge (job)', () => {
  it('deletes unclaimed uploads older than 24 h with their files, keeps claimed and fresh ones, and removes orphan files', async () => {
    const { app, alice } = await setup();
    const old = await uploadOne(app, alice.headers);
    const kept = await uploadOne(app, alice.headers);
    const fresh = await uploadOne(app, alice.headers);
    await app.attachments.claim([kept], alice.userId, 'case-k');
    const Att = app.db.conn.collection('attachments');
    const past = new Date(Date.now() - 25 * HOUR);
    await Att.updateMany({ _id: { $in: [old, kept] as never[] } }, { $set: { createdAt: past } });
    const oldName = (await Att.findOne({ _id: old as never }))!.storageName as string;
    // a file whose metadata was never written (crash between the two), a day old
    const orphan = 'ab'.repeat(16);
    await mkdir(join(store.dir, 'ab'), { recursive: true });
    await writeFile(join(store.dir, 'ab', orphan), 'x');
    await utimes(join(store.dir, 'ab', orphan), past, past);

    const result = await app.attachments.purgeUnclaimed(new Date());
    expect(result).toEqual({ attachments: 1, orphanFiles: 1 });
    expect((await Att.find().toArray()).map((d) => d._id).sort()).toEqual([kept, fresh].sort());
    const files = await readdir(join(store.dir, oldName.slice(0, 2))).catch(() => []);
    expect(files).not.toContain(oldName);
    expect(await readdir(join(store.dir, 'ab')).catch(() => [])).not.toContain(orphan);
    // idempotent
    expect(await app.attachments.purgeUnclaimed(new Date())).toEqual({ attachments: 0, orphanFiles: 0 });
  });
});
