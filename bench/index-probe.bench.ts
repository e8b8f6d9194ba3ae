/**
 * Which filters can mongo-java-server 1.47 serve from an index? Its query planner
 * (AbstractMongoCollection.queryDocuments) asks each index `canHandle(filter)`, and a unique index answers
 * yes only when the filter's key set EQUALS the index's key set (AbstractUniqueIndex.canHandle: `query.keySet()
 * .equals(keySet())`, equality or `$in` values only for a compound index); non-unique indexes are not kept at
 * all. So `{_id}` uses the `_id` index, `{_id, version}` scans every document — unless a unique index on
 * exactly `{_id, version}` exists. This probe shows it: per-operation time of each filter at N documents.
 * Run: N=50000 npx tsx bench/index-probe.bench.ts   (prints, asserts nothing)
 */
import { MongoClient } from 'mongodb';
import { startEmbeddedDb } from '../server/src/db/embedded';

const N = Number(process.env.N ?? 50_000);
const OPS = Number(process.env.OPS ?? 100);

async function main() {
  const db = await startEmbeddedDb({ memory: true });
  const client = await MongoClient.connect(db.uri);
  try {
    const col = client.db('probe').collection<{ _id: string; version: number; state: string }>('docs');
    await col.createIndex({ _id: 1, version: 1, state: 1 }, { unique: true });
    const pad = 'x'.repeat(1000);
    for (let i = 0; i < N; i += 5000) {
      await col.insertMany(
        Array.from({ length: Math.min(5000, N - i) }, (_, j) => ({
          _id: `d${String(i + j).padStart(9, '0')}`,
          version: 1,
          state: 'registered',
          pad,
          alerts: [] as unknown[],
        })),
      );
    }
    console.log(`${db.kind}, ${N} documents of ~1 kB, ${OPS} operations per filter`);
    const id = (k: number) => `d${String((k * 7919) % N).padStart(9, '0')}`;
    const time = async (name: string, op: (k: number) => Promise<unknown>) => {
      const t = performance.now();
      for (let k = 0; k < OPS; k++) await op(k);
      console.log(`${name.padEnd(72)} ${((performance.now() - t) / OPS).toFixed(2)} ms/op`);
    };
    await time('updateOne {_id}', (k) => col.updateOne({ _id: id(k) }, { $set: { touched: k } }));
    await time('updateOne {_id, version}  (no unique index on exactly these keys)', (k) =>
      col.updateOne({ _id: id(k), version: 1 }, { $set: { touched: k } }),
    );
    await time('updateOne {_id, version, state}  (unique index on exactly these keys)', (k) =>
      col.updateOne({ _id: id(k), version: 1, state: 'registered' }, { $set: { touched: k } }),
    );
    await time('findOneAndUpdate {_id, version, state}  (same index)', (k) =>
      col.findOneAndUpdate(
        { _id: id(k), version: 1, state: 'registered' },
        { $set: { touched: k } },
        { returnDocument: 'after' },
      ),
    );
    await time('updateOne {_id, alerts: {$not: {$elemMatch}}}  (the old sweeper filter)', (k) =>
      col.updateOne(
        { _id: id(k), alerts: { $not: { $elemMatch: { clock: 'x' } } } },
        { $set: { touched: k } },
      ),
    );
    await time('findOne {_id}', (k) => col.findOne({ _id: id(k) }));
  } finally {
    await client.close();
    await db.stop();
  }
}

void main();
