import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { unitDirectory } from '../modules/units/unit.service';
import { sweepDeadlines } from './deadline-sweeper';
import { acquireLease, releaseLease, renewLease } from './lease';
import { drainOutbox } from './outbox-drain';
import { sendPendingNotifications } from './send-notifications';
import { refreshCaseFacts } from '../modules/dashboard/dashboard.facts';

export interface JobDefinition {
  name: string;
  /** Pause between two runs of this job on this instance; defaults to the runner's intervalMs. */
  everyMs?: number;
  /** `signal` aborts when the lease is lost (expired and taken): stop at the next safe point. */
  run(now: Date, signal: AbortSignal): Promise<unknown>;
}

export interface JobsOptions {
  intervalMs: number;
  /** How long a lease lasts without renewal; a holder that dies frees its jobs after this. */
  leaseMs?: number;
  /** Defaults to defaultJobs(app, intervalMs). */
  jobs?: JobDefinition[];
  /** Identifies this instance in `leases` (defaults to host:pid:random). */
  owner?: string;
}

export interface JobRunner {
  owner: string;
  /** Runs one job now under its lease: 'ran', or 'busy' when another instance holds it. */
  runOnce(name: string): Promise<'ran' | 'busy'>;
  /** Stops scheduling and waits for running jobs to finish (called on app close). */
  stop(): Promise<void>;
}

/**
 * The jobs of the app. Each is idempotent on its own (conditional updates, keyed upserts), so the lease is
 * about not doing the same work twice at once, not about correctness.
 */
export function defaultJobs(app: FastifyInstance, intervalMs: number): JobDefinition[] {
  const conn = app.db.conn;
  // The cases module's cached unit tree when it is there; else our own (same 30 s cache).
  const units = app.hasDecorator('units') ? app.units : unitDirectory(conn);
  const slow = Math.max(intervalMs, 10 * 60_000);
  return [
    { name: 'deadline-sweep', run: async (now) => sweepDeadlines(conn, now, await units.tree()) },
    { name: 'outbox-drain', run: (now) => drainOutbox(conn, now) },
    {
      name: 'notifications-send',
      run: (now) => sendPendingNotifications({ conn, ...app.notifications.delivery, log: app.log }, now),
    },
    { name: 'attachments-purge', everyMs: slow, run: (now) => app.attachments.purgeUnclaimed(now) },
    {
      name: 'dashboard-facts',
      everyMs: Math.max(intervalMs, 60_000),
      run: async (now) => refreshCaseFacts(conn, now, await units.tree()),
    },
    { name: 'sessions-purge', everyMs: slow, run: (now) => app.auth.purgeExpiredSessions(now) },
    // Signs the newest audit entry if it moved since the last signed checkpoint, and retries shipments.
    { name: 'audit-anchor', run: (now) => app.audit.anchorNow(now) },
  ];
}

/**
 * Runs the jobs on timers, each under a lease in `leases` so that of N instances only one runs a given
 * job at a time. The lease is renewed every third of its life while the job runs and released after it;
 * if the holder dies, the lease expires and another instance takes over on its next tick.
 * Call before `app.ready()` (it adds a preClose hook that stops the timers and waits for running jobs,
 * so the database connection is not closed under them).
 */
export function startJobs(app: FastifyInstance, opts: JobsOptions): JobRunner {
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? Math.max(60_000, opts.intervalMs * 2);
  const jobs = opts.jobs ?? defaultJobs(app, opts.intervalMs);
  const conn = app.db.conn;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<'ran' | 'busy'>>();
  let stopped = false;

  async function execute(job: JobDefinition): Promise<'ran' | 'busy'> {
    if (!(await acquireLease(conn, job.name, owner, leaseMs))) return 'busy';
    const lost = new AbortController();
    const renew = setInterval(() => {
      renewLease(conn, job.name, owner, leaseMs).then(
        (ok) => {
          if (!ok) lost.abort();
        },
        () => lost.abort(),
      );
    }, leaseMs / 3);
    renew.unref();
    const started = Date.now();
    try {
      const result = await job.run(new Date(), lost.signal);
      // Counts only: job results never carry personal data.
      app.log.debug({ job: job.name, ms: Date.now() - started, result }, 'job finished');
    } catch (err) {
      app.log.error({ err, job: job.name }, 'job failed');
    } finally {
      clearInterval(renew);
      await releaseLease(conn, job.name, owner).catch(() => undefined);
    }
    return 'ran';
  }

  function runOnce(name: string): Promise<'ran' | 'busy'> {
    const job = jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`unknown job ${name}`));
    // One run of a job at a time in this process, whoever asks.
    const current = running.get(name);
    if (current) return current;
    const p = execute(job)
      .catch((err: unknown) => {
        app.log.error({ err, job: name }, 'job lease failed');
        return 'busy' as const;
      })
      .finally(() => running.delete(name));
    running.set(name, p);
    return p;
  }

  function schedule(job: JobDefinition, delay: number) {
    if (stopped) return;
    const t = setTimeout(async () => {
      await runOnce(job.name);
      schedule(job, job.everyMs ?? opts.intervalMs);
    }, delay);
    t.unref();
    timers.set(job.name, t);
  }

  // Spread the first runs so instances started together do not all knock at once.
  for (const job of jobs) schedule(job, Math.round(Math.random() * Math.min(opts.intervalMs, 5000)));

  const runner: JobRunner = {
    owner,
    runOnce,
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running.values()]);
    },
  };
  app.addHook('preClose', async () => {
    await runner.stop();
  });
  return runner;
}
