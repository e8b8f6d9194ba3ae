/**
 * API overhead against its baselines, in one run on the embedded wire-protocol server (mongo-java-server,
 * in-memory backend; it ignores non-unique indexes, so absolute numbers say little — the ratios are the point):
 *   (a) raw driver insertOne of a case-sized document  vs  POST /api/cases (validation, auth, rules, id
 *       derivation, audit, outbox — everything a real filing does);
 *   (b) bare Fastify hello-world                        vs  GET /api/cases/:id (session lookup, visibility,
 *       deadlines with their explanation, masking, audit of the contact read for staff).
 * Run: npx tsx bench/api.bench.ts   (DURATION=10 CONNECTIONS=10 by default; prints figures, asserts nothing)
 * Profile: node --cpu-prof --cpu-prof-dir=.test-artifacts/profile --import tsx bench/api.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import Fastify from 'fastify';
import { Types } from 'mongoose';
import { startStack } from './lib/stack';
import { fmt, http, javaRssMiB, loop, mib, type Figures } from './lib/measure';

const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const ONLY = process.env.ONLY; // 'filing' | 'reading' (for profiling one path)

const FILING = {
  targetUnitId: 'jd-xfj',
  request: '请求清理楼道堆放杂物，保障消防通道畅通。',
  facts: '本楼三楼至五楼楼道长期堆放杂物，物业多次劝说无效。',
  reasons: '消防通道不得占用。',
  subjectCode: 'cxjs-wy',
  location: { address: '江东区滨江花园5号楼' },
  proposedCategory: 'claim',
};

async function main() {
  const stack = await startStack({ logLevel: 'warn' });
  const conn = stack.app.db.conn;
  const resident = await stack.login('13800000001');
  const clerk = await stack.login('clerk.jd');
  const rows: [string, Figures][] = [];
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(
    `API benchmark: ${DURATION}s per measurement, ${CONNECTIONS} connections, Node ${process.version}, load average ${load()}`,
  );

  // One real filing: its stored document is the template for the raw inserts (same size and shape).
  const first = await fetch(`${stack.baseUrl}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${resident}` },
    body: JSON.stringify({ ...FILING, idempotencyKey: randomUUID(), title: '基准测试样本诉求' }),
  });
  const filed = (await first.json()) as { case: { id: string } };
  const template = await conn.collection('cases').findOne({ _id: filed.case.id as never });
  const { _id: _drop, ...doc } = template!;
  console.log(`case document: ${Buffer.byteLength(JSON.stringify(template))} bytes as JSON`);

  if (!ONLY || ONLY === 'filing') {
    const raw = conn.db!.collection('bench_raw_cases');
    rows.push([
      'raw driver insertOne (case-sized doc)',
      await loop(DURATION, CONNECTIONS, () => raw.insertOne({ ...doc, _id: new Types.ObjectId() })),
    ]);
    let n = 0;
    rows.push([
      'POST /api/cases (filing)',
      await http({
        url: stack.baseUrl,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            method: 'POST',
            path: '/api/cases',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${resident}` },
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({
                ...FILING,
                idempotencyKey: randomUUID(),
                title: `楼道堆物影响消防通道${++n}`,
              }),
            }),
          },
        ],
      }),
    ]);
  }

  if (!ONLY || ONLY === 'reading') {
    const bare = Fastify({ logger: false });
    bare.get('/hello', async () => ({ hello: 'world' }));
    const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
    rows.push([
      'bare Fastify hello-world',
      await http({ url: `${bareUrl}/hello`, connections: CONNECTIONS, duration: DURATION }),
    ]);
    await bare.close();
    // the least any case read costs: one driver round trip for the document, nothing else
    const cases = conn.db!.collection('cases');
    rows.push([
      'raw driver findOne by _id (the case)',
      await loop(DURATION, CONNECTIONS, () => cases.findOne({ _id: filed.case.id as never })),
    ]);
    rows.push([
      'GET /api/cases/:id (petitioner)',
      await http({
        url: `${stack.baseUrl}/api/cases/${filed.case.id}`,
        connections: CONNECTIONS,
        duration: DURATION,
        headers: { authorization: `Bearer ${resident}` },
      }),
    ]);
    rows.push([
      'GET /api/cases/:id (clerk, contact read audited)',
      await http({
        url: `${stack.baseUrl}/api/cases/${filed.case.id}`,
        connections: CONNECTIONS,
        duration: DURATION,
        headers: { authorization: `Bearer ${clerk}` },
      }),
    ]);
  }

  console.log('');
  for (const [name, f] of rows) console.log(`${name.padEnd(48)} ${fmt(f)}`);
  const get = (prefix: string) => rows.find(([n]) => n.startsWith(prefix))?.[1];
  const ratio = (a?: Figures, b?: Figures) => (a && b ? `${((a.rps / b.rps) * 100).toFixed(1)} %` : 'n/a');
  console.log('');
  console.log(
    `filing / raw insert throughput:            ${ratio(get('POST /api/cases'), get('raw driver'))}  (goal ≥ 60 %)`,
  );
  console.log(
    `read (petitioner) / hello-world:           ${ratio(get('GET /api/cases/:id (petitioner)'), get('bare Fastify'))}  (goal ≥ 50 %)`,
  );
  console.log(
    `read (clerk, audited) / hello-world:       ${ratio(get('GET /api/cases/:id (clerk'), get('bare Fastify'))}`,
  );
  console.log(
    `read (petitioner) / raw findOne:           ${ratio(get('GET /api/cases/:id (petitioner)'), get('raw driver findOne'))}`,
  );
  console.log(`load average at the end: ${load()}`);
  console.log(
    `memory: node rss ${mib(process.memoryUsage().rss)} MiB, database (java) rss ${javaRssMiB() ?? '?'} MiB`,
  );
  await stack.close();
}

void main();
