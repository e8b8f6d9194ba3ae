/**
 * Deadline sweep over many open cases, on the embedded wire-protocol server (in-memory backend).
 * Generates CASES open cases by cloning a real demo case (same shape and size) with `nextDue` spread over
 * the next 120 days and DUE_SHARE of them due within the 3-day warning window, then times one full sweep
 * (sweepDeadlines pages through every due case) and reports memory.
 * Run: CASES=100000 npx tsx bench/sweep.bench.ts   (CASES=1000000 for the million; prints, asserts nothing)
 */
import { startStack } from './lib/stack';
import { javaRssMiB, mib } from './lib/measure';
import { sweepDeadlines, DUE_SOON_MS } from '../server/src/jobs';
import { formatChinaInstant, TERMINAL_STATES } from '../server/src/domain';

const CASES = Number(process.env.CASES ?? 100_000);
const DUE_SHARE = Number(process.env.DUE_SHARE ?? 0.02);
const BATCH = 5000;
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

  const t0 = performance.now();
  for (let i = 0; i < CASES; i += BATCH) {
    const batch = [];
    for (let j = i; j < Math.min(CASES, i + BATCH); j++) {
      const due =
        j % Math.round(1 / DUE_SHARE) === 0
          ? now.getTime() + ((j % 5) - 2) * DAY // two days overdue … two days ahead
          : now.getTime() + DUE_SOON_MS + DAY + (j % 120) * DAY;
      // every running clock of the clone is due then (the sweep asks the domain, which reads these)
      const deadlines = Object.fromEntries(
        Object.entries((doc.deadlines ?? {}) as Record<string, { due: string }>).map(([k, d]) => [
          k,
          { ...d, due: formatChinaInstant(due) },
        ]),
      );
      batch.push({
        ...doc,
        deadlines,
        _id: `bench${String(j).padStart(12, '0')}`,
        number: `XF-BENCH-${j}`,
        nextDue: formatChinaInstant(due),
        alerts: [],
        outbox: [],
      });
    }
    await cases.insertMany(batch as never[], { ordered: false });
    if ((i / BATCH) % 20 === 0) process.stdout.write(`  generated ${i + batch.length}\r`);
  }
  const genSeconds = (performance.now() - t0) / 1000;
  console.log(
    `generated ${CASES} cases in ${genSeconds.toFixed(1)} s (${(CASES / genSeconds).toFixed(0)} /s)`,
  );
  const rssBefore = process.memoryUsage().rss;
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
    `memory: node rss ${mib(heap.rss)} MiB (before sweep ${mib(rssBefore)} MiB), heap used ${mib(heap.heapUsed)} MiB; database (java) rss ${javaRssMiB() ?? '?'} MiB`,
  );
  await stack.close();
}

void main();
