/**
 * Database round trips per request: the commands mongoose sends while one filing (POST /api/cases) and one
 * case read (GET /api/cases/:id, as the petitioner and as the clerk) run, on the demo stack. The first
 * filing warms the in-process caches (unit tree, calendar, audit tip, session); the second shows the
 * steady state.
 * Run: npx tsx bench/roundtrips.bench.ts   (prints the command list per request, asserts nothing)
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { startStack } from './lib/stack';

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
  const resident = await stack.login('13800000001');
  const clerk = await stack.login('clerk.jd');
  const log: string[] = [];
  mongoose.set('debug', (coll: string, method: string, query: unknown) => {
    log.push(`${coll}.${method} ${JSON.stringify(query).slice(0, 100)}`);
  });
  const show = (what: string) => {
    console.log(`${what}: ${log.length} round trips`);
    for (const l of log) console.log(`    ${l}`);
    log.length = 0;
  };
  for (const pass of ['first (cold caches)', 'second (steady state)']) {
    log.length = 0;
    const res = await fetch(`${stack.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${resident}` },
      body: JSON.stringify({
        ...FILING,
        idempotencyKey: randomUUID(),
        title: `楼道堆物影响消防通道 ${pass}`,
      }),
    });
    const id = ((await res.json()) as { case: { id: string } }).case.id;
    show(`filing, ${pass}, ${res.status}`);
    for (const [who, token] of [
      ['petitioner', resident],
      ['clerk (contact read audited)', clerk],
    ] as const) {
      const r = await fetch(`${stack.baseUrl}/api/cases/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      show(`read as ${who}, ${pass}, ${r.status}`);
    }
  }
  mongoose.set('debug', false);
  await stack.close();
}

void main();
