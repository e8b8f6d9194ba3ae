/**
 * Deadline sweep over many open cases, on the embedded wire-protocol server (in-memory backend).
 * Generates CASES open cases by cloning a real demo case (same shape and size) with `nextDue` spread over
 * the next 120 days and DUE_SHARE of them due within the 3-day warning window, then times one full sweep
 * (sweepDeadlines pages through every due case) and reports memory.
 * Generation goes through the raw driver, BATCH documents per insertMany, INSERTERS batches in flight.
 * Run: CASES=100000 npx tsx bench/sweep.bench.ts   (prints, asserts nothing)
 * The million: EMBEDDED_DB_JAVA_OPTS=-Xmx20g CASES=1000000 npx tsx bench/sweep.bench.ts
 */
import { startStack } from './lib/stack';
import { javaLiveHeapMiB, javaRssMiB, mib } from './lib/measure';
import { sweepDeadlines, DUE_SOON_MS } from '../server/src/jobs';
import { formatChinaInstant, TERMINAL_STATES } from '../server/src/domain';

const CASES = Number(process.env.CASES ?? 100_000);
const DUE_SHARE = Number(process.env.DUE_SHARE ?? 0.02);
const BATCH = Number(process.env.BATCH ?? 2000);
const INSERTERS = Number(process.env.INSERTERS ?? 3);
const DAY = 86_400_000;

async function main() {
  const stack = await startStack({ logLevel: 'warn' });
  const conn = stack.app.db.conn;
  const cases = conn.collection('cases');
  const template = await cases.findOne({ state: { $nin: [...TERMINAL_STATES] }, nextDue: { $ne: null } });
  if (!template) throw new Error('no open demo case with a running deadline');
  const { _id: _drop, ...doc } = template;
  const now = new Date();
  console.log(`sweep benchmark: ${CASES} open cases, ${(DUE_SHARE * 100).toFixed(1)} % due within 3 days`);
  console.log(
    `template case: ${Buffer.byteLength(JSON.stringify(template))} bytes as JSON, state ${template.state}`,
  );

  const raw = conn.db!.collection('cases');
  const DUE_EVERY = Math.round(1 / DUE_SHARE);
  const clocks = Object.entries((doc.deadlines ?? {}) as Record<string, { due: string }>);
  const make = (j: number) => {
    const due =
      j % DUE_EVERY === 0
        ? now.getTime() + ((j % 5) - 2) * DAY // two days overdue … two days ahead
        : now.getTime() + DUE_SOON_MS + DAY + (j % 120) * DAY;
    const dueIso = formatChinaInstant(due);
    return {
      ...doc,
      // every running clock of the clone is due then (the sweep asks the domain, which reads these)
      deadlines: Object.fromEntries(clocks.map(([k, d]) => [k, { ...d, due: dueIso }])),
      _id: `bench${String(j).padStart(12, '0')}`,
      number: `XF-BENCH-${j}`,
      nextDue: dueIso,
      alerts: [],
      outbox: [],
    };
  };
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: INSERTERS }, async () => {
      for (;;) {
        const from = next;
        if (from >= CASES) return;
        next = Math.min(CASES, from + BATCH);
        const batch = [];
        for (let j = from; j < next; j++) batch.push(make(j));
        await raw.insertMany(batch as never[], { ordered: false });
        done += batch.length;
        if (done % (BATCH * 25) < BATCH) process.stdout.write(`  generated ${done}\r`);
      }
    }),
  );
  const genSeconds = (performance.now() - t0) / 1000;
  console.log(
    `generated ${CASES} cases in ${genSeconds.toFixed(1)} s (${(CASES / genSeconds).toFixed(0)} /s)`,
  );
  const rssBefore = process.memoryUsage().rss;
  const javaBefore = { rss: javaRssMiB(), live: javaLiveHeapMiB() };
  console.log(
    `database (java) after generation: rss ${javaBefore.rss ?? '?'} MiB, live heap ${javaBefore.live ?? '?'} MiB`,
  );
  const units = await stack.app.units.tree();

  const t1 = performance.now();
  const first = await sweepDeadlines(conn, now, units);
  const sweep1 = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const second = await sweepDeadlines(conn, now, units);
  const sweep2 = (performance.now() - t2) / 1000;
  const heap = process.memoryUsage();
  console.log(
    `first sweep:  ${sweep1.toFixed(1)} s — scanned ${first.scanned}, raised ${first.alerts} alerts, ${first.outboxItems} outbox items`,
  );
  console.log(
    `second sweep: ${sweep2.toFixed(1)} s — scanned ${second.scanned}, raised ${second.alerts} alerts (idempotent)`,
  );
  console.log(
    `memory: node rss ${mib(heap.rss)} MiB (before sweep ${mib(rssBefore)} MiB), heap used ${mib(heap.heapUsed)} MiB; database (java) rss ${javaRssMiB() ?? '?'} MiB, live heap ${javaLiveHeapMiB() ?? '?'} MiB`,
  );
  await stack.close();
}

void main();
