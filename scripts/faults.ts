/**
 * Fault injection under a steady filing load (docs/quality.md, "Faults"):
 *   1. the database (mongo-java-server, H2 file backend) is killed with SIGKILL and restarted on the same
 *      port and file while residents keep filing and a clerk keeps registering;
 *   2. the API server is killed with SIGKILL in the middle of that traffic (filings and register
 *      transitions in flight) and restarted.
 * Clients behave as the mini-program does: a filing keeps its idempotency key and is retried until it is
 * acknowledged (201, or 200 for a replay); a transition is retried at the version it last read.
 * Afterwards: every acknowledged filing exists exactly once, every case's state is the end of its timeline
 * (each event starts where the previous ended), and the audit hash chain verifies.
 * Run: npx tsx scripts/faults.ts   (LOAD_SECONDS=30 CLIENTS=6; exits non-zero if an invariant fails)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import mongoose from 'mongoose';
import { ensureJavaServer, REPO_ROOT } from '../server/src/db/embedded';

const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CLIENTS = Number(process.env.CLIENTS ?? 6);
const RESIDENTS = ['13800000001', '13800000002', '13800000003', '13800000004'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${m}`);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

function waitForLine(child: ChildProcess, re: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not start`)), 90_000);
    child.stdout!.on('data', (b: Buffer) => {
      if (re.test(b.toString())) {
        clearTimeout(t);
        resolve();
      }
    });
    child.on('exit', (c) => reject(new Error(`${what} exited (${c})`)));
  });
}

async function main() {
  ensureJavaServer((m) => log(m));
  const dir = mkdtempSync(join(tmpdir(), 'xinfang-faults-'));
  const dbPort = await freePort();
  const apiPort = await freePort();
  const base = `http://127.0.0.1:${apiPort}`;
  const dbDir = join(REPO_ROOT, 'server', 'db');
  const piiKey = randomBytes(32).toString('base64');

  let db: ChildProcess | undefined;
  const startDb = async () => {
    db = spawn(
      'java',
      [
        '-Xss4m',
        '-cp',
        [join(dbDir, 'launcher'), join(dbDir, 'target', 'dependency', '*')].join(delimiter),
        'EmbeddedMongo',
        String(dbPort),
        join(dir, 'faults.mv.db'),
      ],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    await waitForLine(db, /LISTENING/, 'database');
    db.stdout!.resume();
  };
  let api: ChildProcess | undefined;
  const startApi = async () => {
    api = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DEMO: 'true',
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        MONGODB_URI: `mongodb://127.0.0.1:${dbPort}/faults`,
        PII_KEY: piiKey,
        DATA_DIR: dir,
        H5_DIR: 'no-h5-here',
        LOG_LEVEL: 'error',
        JOBS_INTERVAL_MS: '2000',
      },
    });
    api.stdout!.resume();
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) return;
      } catch {
        // not up yet
      }
      await sleep(100);
    }
    throw new Error('API did not start');
  };
  const kill9 = (p: ChildProcess | undefined) =>
    new Promise<void>((r) => {
      if (!p || p.exitCode !== null) return r();
      p.once('exit', () => r());
      p.kill('SIGKILL');
    });

  const stats = { filed: 0, replays: 0, retries: 0, registered: 0, transitionRetries: 0, gaveUp: 0 };
  /** Cases the clerk could not register after many attempts, with the last answer seen (never a silent hang). */
  const stuck: string[] = [];
  const acked: { id: string; key: string; title: string; token: string }[] = [];
  try {
    await startDb();
    await startApi();
    log(`database on ${dbPort} (H2 file), API on ${apiPort}`);
    const accounts = (await (await fetch(`${base}/api/demo/accounts`)).json()) as {
      accounts: { id: string; roles: string[]; unitCode: string | null; displayName: string }[];
    };
    const loginId = async (id: string) =>
      (
        (await (
          await fetch(`${base}/api/demo/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ userId: id }),
          })
        ).json()) as { token: string }
      ).token;
    const residents = accounts.accounts
      .filter((a) => a.roles.includes('resident'))
      .slice(0, RESIDENTS.length);
    const tokens = await Promise.all(residents.map((r) => loginId(r.id)));
    const clerk = await loginId(
      accounts.accounts.find((a) => a.unitCode === 'jd-xfj' && a.roles.includes('clerk'))!.id,
    );
    const auditor = await loginId(accounts.accounts.find((a) => a.roles.includes('auditor'))!.id);

    let stop = false;
    const post = (path: string, token: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });

    /** One filing, retried with the same key until acknowledged (the client's idempotent retry). */
    const fileOnce = async (token: string, n: number) => {
      const key = randomUUID();
      const title = `故障测试诉求${n}-${key.slice(0, 8)}`;
      const body = {
        idempotencyKey: key,
        targetUnitId: 'jd-xfj',
        title,
        request: '请求处理。',
        facts: '情况说明。',
        proposedCategory: 'claim',
      };
      for (let attempt = 0; attempt < 200; attempt++) {
        try {
          const res = await post('/api/cases', token, body);
          if (res.status === 201 || res.status === 200) {
            const id = ((await res.json()) as { case: { id: string } }).case.id;
            acked.push({ id, key, title, token });
            stats.filed++;
            if (res.status === 200) stats.replays++;
            return;
          }
          if (res.status < 500) throw new Error(`filing refused ${res.status}: ${await res.text()}`);
        } catch (err) {
          if (String(err).includes('filing refused')) throw err;
        }
        stats.retries++;
        await sleep(250);
      }
      stats.gaveUp++;
    };

    const filers = Array.from({ length: CLIENTS }, async (_, c) => {
      let n = 0;
      while (!stop) await fileOnce(tokens[c % tokens.length]!, c * 100_000 + ++n);
    });
    /** The clerk registers what was filed: a state transition, retried at the version it reads. */
    const registrar = (async () => {
      let i = 0;
      let attempts = 0;
      let last = '';
      while (!stop || i < acked.length) {
        const target = acked[i];
        if (target && ++attempts > 60) {
          stuck.push(`${target.id}: ${last}`);
          log(`registrar: giving up on ${target.id} after 60 attempts (last: ${last})`);
          i++;
          attempts = 0;
          continue;
        }
        if (!target) {
          await sleep(100);
          if (stop) break;
          continue;
        }
        try {
          const cur = await fetch(`${base}/api/cases/${target.id}`, {
            headers: { authorization: `Bearer ${clerk}` },
            signal: AbortSignal.timeout(10_000),
          });
          if (cur.status !== 200) throw new Error(`GET ${cur.status} ${(await cur.text()).slice(0, 120)}`);
          const c = (await cur.json()) as { state: string; version: number };
          if (c.state !== 'submitted') {
            i++;
            attempts = 0;
            continue;
          }
          const res = await post(`/api/cases/${target.id}/actions`, clerk, {
            version: c.version,
            action: { type: 'register', classification: { category: 'claim' } },
          });
          last = `POST ${res.status} ${(await res.clone().text()).slice(0, 120)}`;
          if (res.status === 200) {
            stats.registered++;
            i++;
            attempts = 0;
          } else if (res.status === 409) stats.transitionRetries++;
          else if (res.status < 500) {
            i++; // a rule refusal is an answer, not a fault
            attempts = 0;
          } else throw new Error(last);
        } catch (err) {
          last = String(err);
          stats.transitionRetries++;
          await sleep(250);
        }
      }
    })();

    const t0 = Date.now();
    const at = (s: number) => sleep(Math.max(0, t0 + s * 1000 - Date.now()));
    await at(LOAD_SECONDS * 0.2);
    log(`load running: ${stats.filed} filed, ${stats.registered} registered — SIGKILL the database`);
    await kill9(db);
    await sleep(3000);
    await startDb();
    log('database restarted on the same port and file');
    await at(LOAD_SECONDS * 0.6);
    log(`${stats.filed} filed, ${stats.registered} registered — SIGKILL the API server mid-traffic`);
    await kill9(api);
    await sleep(1000);
    await startApi();
    log('API restarted');
    await at(LOAD_SECONDS);
    stop = true;
    await Promise.all(filers);
    await registrar;
    log(`load stopped: ${JSON.stringify(stats)}`);

    // ---- invariants, read straight from the database
    const conn = await mongoose.createConnection(`mongodb://127.0.0.1:${dbPort}/faults`).asPromise();
    const cases = conn.collection('cases');
    const failures: string[] = [];
    let missing = 0;
    for (const a of acked) {
      const doc = await cases.findOne({ _id: a.id as never });
      if (!doc) missing++;
      else if (doc.content?.title !== a.title) failures.push(`case ${a.id}: title differs`);
    }
    if (missing) failures.push(`${missing} acknowledged filings are missing`);
    const titles = new Map<string, number>();
    let unexplained = 0;
    let checked = 0;
    for await (const doc of cases.find({}, { projection: { state: 1, events: 1, content: 1 } })) {
      checked++;
      const t = doc.content?.title as string;
      if (t?.startsWith('故障测试诉求')) titles.set(t, (titles.get(t) ?? 0) + 1);
      const ev = (doc.events ?? []) as { from: string | null; to: string }[];
      const chained = ev.every((e, i) => (i === 0 ? e.from === null : e.from === ev[i - 1]!.to));
      if (!ev.length || !chained || ev.at(-1)!.to !== doc.state) unexplained++;
    }
    if (unexplained) failures.push(`${unexplained} cases whose state their timeline does not explain`);
    const dupes = [...titles.values()].filter((n) => n > 1).length;
    if (dupes) failures.push(`${dupes} filings stored more than once`);
    await conn.close();
    const verify = (await (
      await fetch(`${base}/api/audit/verify`, { headers: { authorization: `Bearer ${auditor}` } })
    ).json()) as { ok: boolean; checked?: number };
    if (!verify.ok) failures.push(`audit chain does not verify: ${JSON.stringify(verify)}`);
    if (stats.gaveUp) failures.push(`${stats.gaveUp} filings never acknowledged`);
    if (stuck.length)
      failures.push(`the clerk could not register ${stuck.length} cases: ${stuck.join('; ')}`);

    console.log('\nfault injection result');
    console.log(
      `  acknowledged filings: ${acked.length} (of which replays after a retry: ${stats.replays}); client retries: ${stats.retries}`,
    );
    console.log(
      `  register transitions: ${stats.registered} (retries/conflicts: ${stats.transitionRetries})`,
    );
    console.log(`  missing acknowledged filings: ${missing}; duplicates: ${dupes}`);
    console.log(`  cases checked: ${checked}; state not explained by timeline: ${unexplained}`);
    console.log(
      `  audit chain: ${verify.ok ? 'verifies' : 'BROKEN'} ${JSON.stringify(verify).slice(0, 200)}`,
    );
    console.log(failures.length ? `  FAILED:\n   - ${failures.join('\n   - ')}` : '  all invariants hold');
    process.exitCode = failures.length ? 1 : 0;
  } finally {
    await kill9(api);
    await kill9(db);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
