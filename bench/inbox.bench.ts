/**
 * Staff inbox benchmark: the demo seed plus N open cases at one unit (copies of a seeded accepted case with
 * shifted clocks, inserted directly), then GET /api/staff/inbox timed over 30 requests via app.inject, against
 * the raw driver running the same scoped query with the same projection (the floor: mongo-java-server scans).
 * Run: npx tsx bench/inbox.bench.ts   (prints figures; asserts nothing about time)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { startEmbeddedDb } from '../server/src/db/embedded';
import { formatChinaInstant, TERMINAL_STATES } from '../server/src/domain';
import { seedIfEmpty } from '../server/src/seed/demo';
import { LIST_PROJECTION } from '../server/src/modules/cases/case.repository';
import { pct } from './lib/measure';

const N = Number(process.env.CASES ?? 500);
const REQUESTS = 30;
const DAY = 86_400_000;

async function main() {
  const db = await startEmbeddedDb({ memory: true });
  const uri = `${db.uri}/bench_${randomBytes(3).toString('hex')}`;
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', H5_DIR: '', LOG_LEVEL: 'warn' }),
    mongo: { uri, kind: db.kind },
    piiKey: randomBytes(32).toString('base64'),
    logger: { level: 'warn' },
  });
  try {
    await app.ready();
    await seedIfEmpty(app);
    const cases = app.db.conn.collection('cases');
    const found = await cases.findOne({ state: 'accepted', currentUnitId: 'jd-zjj' });
    if (!found) throw new Error('demo seed has no accepted case at jd-zjj');
    const model = found as unknown as Record<string, unknown> & {
      deadlines: Record<string, { due: string; lastDay: string }>;
    };
    const docs = Array.from({ length: N }, (_, i) => {
      const shift = ((i % 90) - 30) * DAY;
      const deadlines = JSON.parse(JSON.stringify(model.deadlines));
      for (const d of Object.values(deadlines) as { due: string; lastDay: string }[]) {
        const due = new Date(Date.parse(d.due) + shift);
        d.due = formatChinaInstant(due.getTime());
        d.lastDay = d.due.slice(0, 10);
      }
      return { ...model, _id: randomUUID(), number: `XF-BENCH-${i}`, deadlines, events: [], outbox: [] };
    });
    await cases.insertMany(docs as never[]);
    const handler = await app.db.conn.collection('users').findOne({ username: 'handler.jd.zjj' });
    const { token } = await app.auth.service.sessionFor(String(handler!._id));
    const headers = { authorization: `Bearer ${token}` };
    const open = await cases.countDocuments({
      currentUnitId: 'jd-zjj',
      state: { $nin: [...TERMINAL_STATES] },
    });

    const timesApi: number[] = [];
    let size = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url: '/api/staff/inbox?pageSize=20', headers });
      timesApi.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(res.body);
      size = res.json().counts.all;
    }
    const timesRaw: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      await cases
        .find(
          {
            $and: [
              { 'recusals.userId': { $ne: 'x' } },
              { state: { $nin: [...TERMINAL_STATES] } },
              { currentUnitId: { $in: ['jd-zjj'] } },
            ],
          },
          { projection: LIST_PROJECTION },
        )
        .toArray();
      timesRaw.push(performance.now() - t);
    }
    const mem = process.memoryUsage();
    const p50a = pct(timesApi, 50);
    const p50r = pct(timesRaw, 50);
    console.log(`open cases at the unit: ${open}; inbox counts.all: ${size}`);
    console.log(
      `inbox  p50 ${p50a.toFixed(1)} ms  p95 ${pct(timesApi, 95).toFixed(1)} ms  (raw driver, same query: p50 ${p50r.toFixed(1)} ms; ratio ${(p50a / p50r).toFixed(2)})`,
    );
    console.log(`rss ${(mem.rss / 1e6).toFixed(0)} MB, heap used ${(mem.heapUsed / 1e6).toFixed(0)} MB`);
  } finally {
    await app.close();
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
