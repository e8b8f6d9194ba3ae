/**
 * How long the demo seed takes (what `npm start` on an empty database and the e2e global setup wait for), and
 * what it leaves behind: cases, documents, notifications waiting in outboxes, audit entries.
 * `RUNS=5 npx tsx bench/seed.bench.ts` — each run on a fresh database of one embedded (memory) server.
 */
import { randomBytes } from 'node:crypto';
import { startEmbeddedDb } from '../server/src/db/embedded';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { seedIfEmpty } from '../server/src/seed/demo';

const RUNS = Number(process.env.RUNS ?? 3);

async function main() {
  const db = await startEmbeddedDb({ memory: true });
  const config = loadConfig({ NODE_ENV: 'test', DEMO: 'true', H5_DIR: '', LOG_LEVEL: 'error' });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const app = await buildApp({
      config,
      mongo: { uri: `${db.uri}/seed_${i}`, kind: db.kind },
      piiKey: randomBytes(32).toString('base64'),
    });
    await app.ready();
    const t0 = performance.now();
    await seedIfEmpty(app);
    const ms = performance.now() - t0;
    times.push(ms);
    const count = (name: string, filter = {}) => app.db.conn.collection(name).countDocuments(filter);
    const outbox = await app.db.conn
      .collection('cases')
      .aggregate([
        { $project: { n: { $size: { $ifNull: ['$outbox', []] } } } },
        { $group: { _id: null, n: { $sum: '$n' } } },
      ])
      .toArray();
    console.log(
      `run ${i + 1}: ${ms.toFixed(0)} ms — cases ${await count('cases')}, documents ${await count('documents')}, ` +
        `notifications ${await count('notifications')}, outbox items ${outbox[0]?.n ?? 0}, audit entries ${await count('audit_log')}`,
    );
    await app.close();
  }
  times.sort((a, b) => a - b);
  console.log(
    `median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms over ${RUNS} runs (load ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`,
  );
  await db.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
