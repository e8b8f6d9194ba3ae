import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

/** autocannon against one URL; latencies in ms. */
export async function http(opts: Parameters<typeof autocannon>[0]): Promise<Figures> {
  const r = await autocannon(opts);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
  };
}

/** `connections` concurrent loops of `op` for `seconds`; per-operation latency percentiles. */
export async function loop(
  seconds: number,
  connections: number,
  op: () => Promise<unknown>,
): Promise<Figures> {
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        try {
          await op();
          lat.push(performance.now() - s);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return {
    rps: lat.length / elapsed,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    non2xx: 0,
    errors,
    total: lat.length,
  };
}

/** The p-th percentile (nearest rank) of a sample; NaN for an empty one. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

/** The embedded database's Java child process of this process: [pid, rss KiB], if any. */
function javaChild(): [string, number] | null {
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
    const line = out
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find((f) => f[1] === String(process.pid) && f.slice(3).join(' ').includes('EmbeddedMongo'));
    return line ? [line[0]!, Number(line[2])] : null;
  } catch {
    return null;
  }
}

/** Resident memory (MiB) of the embedded database: the Java child process of this process, if any. */
export function javaRssMiB(): number | null {
  const c = javaChild();
  return c ? Math.round(c[1] / 1024) : null;
}

/**
 * The embedded database's live Java heap (MiB) after a full GC (`jcmd GC.run`, then `GC.heap_info`): what
 * the data really takes, unlike RSS, which also holds garbage the JVM has not returned. Null without jcmd.
 */
export function javaLiveHeapMiB(): number | null {
  const c = javaChild();
  if (!c) return null;
  try {
    execFileSync('jcmd', [c[0], 'GC.run'], { encoding: 'utf8', timeout: 600_000 });
    const info = execFileSync('jcmd', [c[0], 'GC.heap_info'], { encoding: 'utf8' });
    const m = /used (\d+)K/.exec(info);
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export const mib = (bytes: number) => Math.round(bytes / 1048576);
export const fmt = (f: Figures) =>
  `${f.rps.toFixed(0)} req/s  p50 ${f.p50.toFixed(2)} ms  p99 ${f.p99.toFixed(2)} ms  (n=${f.total}${f.non2xx ? `, non-2xx ${f.non2xx}` : ''}${f.errors ? `, errors ${f.errors}` : ''})`;
