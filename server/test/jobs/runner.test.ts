import { describe, expect, it } from 'vitest';
import { build } from '../helper';
import { acquireLease, releaseLease, renewLease } from '../../src/jobs/lease';
import { startJobs, type JobDefinition, type JobRunner } from '../../src/jobs/runner';
import type { App } from '../../src/app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('leases', () => {
  it('one holder at a time; renewable by its owner only; free again when released or expired', async () => {
    const { app, uri } = await build();
    const other = await build({ uri });
    const a = app.db.conn;
    const b = other.app.db.conn;
    const t0 = new Date('2026-01-01T00:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);

    expect(await acquireLease(a, 'job', 'A', 1000, t0)).toBe(true);
    expect(await acquireLease(b, 'job', 'B', 1000, at(10))).toBe(false);
    expect(await acquireLease(a, 'job', 'A', 1000, at(20))).toBe(true); // re-entrant for its owner
    expect(await renewLease(a, 'job', 'A', 1000, at(500))).toBe(true); // now until 1500
    expect(await renewLease(b, 'job', 'B', 1000, at(500))).toBe(false);
    expect(await acquireLease(b, 'job', 'B', 1000, at(1400))).toBe(false);
    // A dies (stops renewing): at 1500 the lease has expired and B takes it over
    expect(await acquireLease(b, 'job', 'B', 1000, at(1500))).toBe(true);
    expect(await renewLease(a, 'job', 'A', 1000, at(1600))).toBe(false); // A learns it lost it
    await releaseLease(a, 'job', 'A'); // not A's: no effect
    expect(await acquireLease(a, 'job', 'A', 1000, at(1700))).toBe(false);
    await releaseLease(b, 'job', 'B');
    expect(await acquireLease(a, 'job', 'A', 1000, at(1800))).toBe(true);
  });

  it('when many race for a free lease, exactly one wins (the others get a duplicate key)', async () => {
    const { app, uri } = await build();
    const others = await Promise.all([build({ uri }), build({ uri }), build({ uri })]);
    const conns = [app, ...others.map((o) => o.app)].map((x) => x.db.conn);
    const now = new Date();
    for (let round = 0; round < 5; round++) {
      const wins = await Promise.all(
        conns.flatMap((c, i) =>
          [0, 1].map((j) => acquireLease(c, `race-${round}`, `o${i}-${j}`, 60_000, now)),
        ),
      );
      expect(wins.filter(Boolean).length).toBe(1);
    }
  });
});

/** A job that records how many instances run it at the same moment. */
function probe(
  shared: { active: number; max: number; runs: Record<string, number> },
  who: string,
): JobDefinition {
  return {
    name: 'probe',
    async run() {
      shared.active++;
      shared.max = Math.max(shared.max, shared.active);
      shared.runs[who] = (shared.runs[who] ?? 0) + 1;
      await sleep(40);
      shared.active--;
    },
  };
}

describe('startJobs', () => {
  it('two runners (two apps, one database) never run the same job at once', async () => {
    const shared = { active: 0, max: 0, runs: {} as Record<string, number> };
    const runners: JobRunner[] = [];
    const first = await build({
      extend: (app) =>
        runners.push(startJobs(app, { intervalMs: 5, leaseMs: 2000, jobs: [probe(shared, 'a')] })),
    });
    await build({
      uri: first.uri,
      extend: (app) =>
        runners.push(startJobs(app, { intervalMs: 5, leaseMs: 2000, jobs: [probe(shared, 'b')] })),
    });
    await sleep(1200);
    await Promise.all(runners.map((r) => r.stop()));
    expect(shared.max).toBe(1);
    expect((shared.runs.a ?? 0) + (shared.runs.b ?? 0)).toBeGreaterThan(5);
    // both took turns: released leases are picked up by whoever comes next
    expect(Object.keys(shared.runs).sort()).toEqual(['a', 'b']);
  });

  it('a job whose holder died runs elsewhere once the lease expires', async () => {
    let runs = 0;
    let runner!: JobRunner;
    const { app } = await build({
      extend: (a) => {
        runner = startJobs(a, {
          intervalMs: 3_600_000, // no timer run during the test: runOnce drives it
          leaseMs: 1000,
          jobs: [{ name: 'orphaned', run: async () => void runs++ }],
        });
      },
    });
    // another instance took the lease and died without releasing it
    await acquireLease(app.db.conn, 'orphaned', 'dead-instance', 400);
    expect(await runner.runOnce('orphaned')).toBe('busy');
    expect(runs).toBe(0);
    await sleep(450);
    expect(await runner.runOnce('orphaned')).toBe('ran');
    expect(runs).toBe(1);
    // released after the run
    expect(await app.db.conn.collection('leases').countDocuments({ _id: 'orphaned' as never })).toBe(0);
  });

  it('renews the lease while a long job runs, so no one else starts it meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runner!: JobRunner;
    const { app } = await build({
      extend: (a) => {
        runner = startJobs(a, {
          intervalMs: 3_600_000,
          leaseMs: 300,
          owner: 'long-runner',
          jobs: [{ name: 'long', run: () => gate }],
        });
      },
    });
    const running = runner.runOnce('long');
    await sleep(700); // more than two lease lifetimes
    expect(await acquireLease(app.db.conn, 'long', 'intruder', 300)).toBe(false);
    release();
    expect(await running).toBe('ran');
  });

  it('runs each default job cleanly under its lease', async () => {
    let runner!: JobRunner;
    const { logs } = await build({
      extend: (a) => {
        runner = startJobs(a, { intervalMs: 3_600_000 });
      },
    });
    for (const name of [
      'deadline-sweep',
      'outbox-drain',
      'notifications-send',
      'attachments-purge',
      'sessions-purge',
      'audit-anchor',
    ]) {
      expect(await runner.runOnce(name)).toBe('ran');
    }
    expect(logs.filter((l) => /job (lease )?failed/.test(l))).toEqual([]);
  });

  it('stops on app close: waits for the running job, then schedules nothing more', async () => {
    let finished = false;
    let runs = 0;
    let runner!: JobRunner;
    let app!: App;
    await build({
      extend: (a) => {
        app = a;
        runner = startJobs(a, {
          intervalMs: 3_600_000,
          jobs: [
            {
              name: 'slow',
              run: async () => {
                runs++;
                await sleep(200);
                finished = true;
              },
            },
          ],
        });
      },
    });
    void runner.runOnce('slow');
    await sleep(20);
    await app.close();
    expect(finished).toBe(true);
    await sleep(50);
    expect(runs).toBe(1);
  });
});
