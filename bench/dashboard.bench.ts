/**
 * Dashboard benchmark: 100 000 case_facts rows over two years, inserted directly (not through the API),
 * roll-ups built from them, then the overview endpoint timed over 50 requests via app.inject.
 * Run: npx tsx bench/dashboard.bench.ts   (prints figures; asserts nothing about time)
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { startEmbeddedDb } from '../server/src/db/embedded';
import { chinaDate, formatChinaInstant, type CaseFacts } from '../server/src/domain';
import { seedIfEmpty } from '../server/src/seed/demo';
import { countsOf, HOTLINE_PROFILE_ID, setWatermark } from '../server/src/modules/dashboard/dashboard.facts';
import {
  caseFactsModel,
  CHANNEL_KEYS,
  type CaseFactsDoc,
} from '../server/src/modules/dashboard/dashboard.model';
import { partiesKey, rebuildAllRollups } from '../server/src/modules/dashboard/dashboard.rollups';
import { pct } from './lib/measure';

const ROWS = Number(process.env.ROWS ?? 100_000);
const REQUESTS = 50;
const DAY = 86_400_000;

function rng(seed: number) {
  // mulberry32: small, seedable, and without the field-to-field correlation of a plain LCG.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    const tree = await app.units.tree();
    const units = tree.all().map((u) => u.id);
    const r = rng(7);
    const now = Date.now();
    const asOf = formatChinaInstant(now);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const tri = (): boolean | null => (r() < 0.15 ? null : r() < 0.85);

    const t0 = performance.now();
    const Facts = caseFactsModel(app.db.conn);
    let batch: CaseFactsDoc[] = [];
    for (let i = 0; i < ROWS; i++) {
      const receivedAt = formatChinaInstant(now - Math.floor(r() * 730 * DAY));
      const day = chinaDate(receivedAt);
      const unit = pick(units);
      const rated = Math.floor(r() * 3);
      const satisfied = Math.floor(r() * (rated + 1));
      const basic = Math.floor(r() * (rated - satisfied + 1));
      const hot = r() < 0.25;
      const f: CaseFacts = {
        caseId: `bench-${i}`,
        profileId: hot ? HOTLINE_PROFILE_ID : 'xinfang-2022',
        category: pick(['suggestion', 'claim', 'accusation'] as const),
        channel: pick(CHANNEL_KEYS),
        state: 'accepted',
        firstReceiverUnitId: unit,
        handlingUnitId: unit,
        currentUnitId: unit,
        receivedAt,
        receivedDay: day,
        firstTime: r() < 0.6,
        repeat: r() < 0.1,
        noticeOnTime: tri(),
        closedOnTime: tri(),
        closed: r() < 0.7,
        rateable: rated + Math.floor(r() * 2),
        rated,
        satisfied,
        basic,
        unsatisfied: rated - satisfied - basic,
        firstStageRating: rated ? pick(['satisfied', 'basic', 'unsatisfied'] as const) : null,
        responded: hot ? tri() : null,
        resolved: hot ? tri() : null,
        overdue: r() < 0.05 ? ['handling'] : [],
        supervised: r() < 0.03,
        transferred: r() < 0.4 ? 1 : 0,
        assigned: r() < 0.1 ? 1 : 0,
      };
      const { caseId, ...rest } = f;
      // A few cases exclude someone (recusal, accused person or unit): readers' parts are filtered per doc.
      const parties =
        r() < 0.03
          ? {
              recusedUserIds: r() < 0.5 ? [`u-${Math.floor(r() * 50)}`] : [],
              accused: f.category === 'accusation' ? { userIds: [`u-${Math.floor(r() * 50)}`] } : null,
            }
          : null;
      const rkey = partiesKey(parties);
      batch.push({
        ...rest,
        _id: caseId,
        unitId: unit,
        ancestors: [unit, ...tree.ancestors(unit).map((u) => u.id)],
        regionCode: tree.get(unit)?.regionCode ?? null,
        categoryKey: f.category ?? 'none',
        receivedDate: day,
        month: day.slice(0, 7),
        asOf,
        parties: rkey ? parties : null,
        rkey,
        c: countsOf(f),
      });
      if (batch.length === 5000) {
        await Facts.collection.insertMany(batch as never[], { ordered: false });
        batch = [];
      }
    }
    if (batch.length) await Facts.collection.insertMany(batch as never[], { ordered: false });
    const t1 = performance.now();
    const rollups = await rebuildAllRollups(app.db.conn);
    await setWatermark(app.db.conn, new Date(now));
    const t2 = performance.now();
    console.log(`case_facts: ${ROWS} rows inserted in ${((t1 - t0) / 1000).toFixed(1)} s`);
    console.log(`dashboard_rollups: ${rollups} documents built in ${((t2 - t1) / 1000).toFixed(1)} s`);

    const { token: jd } = await app.auth.service.sessionFor(
      String((await app.db.conn.collection('users').findOne({ username: 'leader.jd' }))!._id),
    );
    const { token: au } = await app.auth.service.sessionFor(
      String((await app.db.conn.collection('users').findOne({ username: 'auditor' }))!._id),
    );
    const last = (days: number) => `from=${chinaDate(now - days * DAY)}&to=${chinaDate(now)}`;
    for (const [label, token, path] of [
      ['overview · leader.jd · 2 years', jd, 'overview'],
      ['overview · leader.jd · last 30 days', jd, `overview?${last(30)}`],
      ['overview · leader.jd · last 365 days', jd, `overview?${last(365)}`],
      ['overview · auditor (all units) · 2 years', au, 'overview'],
      ['overview · auditor · last 90 days', au, `overview?${last(90)}`],
      ['overview · auditor · last 7 days', au, `overview?${last(7)}`],
      ['units · auditor · 2 years', au, 'units'],
      ['trend by month · auditor · 2 years', au, 'trend?granularity=month'],
      ['trend by day · leader.jd · last 90 days', jd, `trend?granularity=day&${last(90)}`],
    ] as const) {
      const times: number[] = [];
      let cases = 0;
      for (let i = 0; i < REQUESTS + 3; i++) {
        const s = performance.now();
        const res = await app.inject({
          method: 'GET',
          url: `/api/dashboard/${path}`,
          headers: { authorization: `Bearer ${token}` },
        });
        const e = performance.now() - s;
        if (res.statusCode !== 200) throw new Error(`${path} ${res.statusCode}: ${res.body}`);
        const body = res.json();
        cases = body.totals?.cases ?? body.items?.length ?? body.points?.length ?? 0;
        if (i >= 3) times.push(e); // 3 warm-up requests
      }
      console.log(
        `${label} (${cases}): p50 ${pct(times, 50).toFixed(1)} ms, p99 ${pct(times, 99).toFixed(1)} ms (${REQUESTS} requests, ${db.kind})`,
      );
    }
  } finally {
    await app.close();
    await db.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
