import { describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDb } from '../src/db/embedded';
import { freshDbUri } from './helper';

const NoteSchema = new mongoose.Schema({ title: String, n: Number, tags: [String] });

describe('embedded wire-protocol database through mongoose', () => {
  it('writes through mongoose and reads the document back after reconnecting', async () => {
    const uri = freshDbUri('reconnect');
    const first = await mongoose.createConnection(uri).asPromise();
    const Note = first.model('Note', NoteSchema);
    await Note.init(); // as initModels does for the app: collection + indexes before the first write
    const created = await Note.create({ title: '群众来信', n: 1, tags: ['信'] });
    // a conditional update, the building block of every state change
    const updated = await Note.findOneAndUpdate(
      { _id: created._id, n: 1 },
      { $inc: { n: 1 }, $push: { tags: '转送' } },
      { new: true },
    ).lean();
    expect(updated?.n).toBe(2);
    const lost = await Note.findOneAndUpdate({ _id: created._id, n: 1 }, { $inc: { n: 1 } }).lean();
    expect(lost).toBeNull();
    await first.close();

    const second = await mongoose.createConnection(uri).asPromise();
    const again = await second.model('Note', NoteSchema).findById(created._id).lean();
    expect(again).toMatchObject({ title: '群众来信', n: 2, tags: ['信', '转送'] });
    await second.close();
  });

  it('enforces unique indexes with duplicate-key error 11000', async () => {
    const conn = await mongoose.createConnection(freshDbUri('unique')).asPromise();
    const Key = conn.model('Key', new mongoose.Schema({ key: { type: String, unique: true } }));
    await Key.init();
    await Key.create({ key: 'idem-1' });
    await expect(Key.create({ key: 'idem-1' })).rejects.toMatchObject({ code: 11000 });
    expect(await Key.countDocuments()).toBe(1);
    await conn.close();
  });

  it('keeps data across a restart of the embedded server (persistent backend)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xinfang-persist-'));
    try {
      const db1 = await startEmbeddedDb({ dataDir: dir });
      expect(db1.dataPath).toBeDefined();
      const c1 = await mongoose.createConnection(`${db1.uri}/persist`).asPromise();
      const Note1 = c1.model('Note', NoteSchema);
      await Note1.init();
      await Note1.create({ title: '重启前写入', n: 7 });
      await c1.close();
      await db1.stop();

      const db2 = await startEmbeddedDb({ dataDir: dir });
      const c2 = await mongoose.createConnection(`${db2.uri}/persist`).asPromise();
      const found = await c2.model('Note', NoteSchema).findOne({ title: '重启前写入' }).lean();
      expect(found?.n).toBe(7);
      await c2.close();
      await db2.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
