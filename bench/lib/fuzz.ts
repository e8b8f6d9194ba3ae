/**
 * Runs Schemathesis (from .venv-fuzz) against a listening server's OpenAPI document, once per role, with
 * every check enabled (Schemathesis 4's default) and bench/fuzz/schemathesis.toml. Used by scripts/fuzz.ts
 * (the long run) and server/test/fuzz/schemathesis.test.ts (the short CI run).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../server/src/db/embedded';

/** One demo account per role (anonymous: no session). */
export const FUZZ_ROLES: Record<string, string | null> = {
  anonymous: null,
  resident: '13800000001',
  grid_worker: 'grid.jd.st1',
  clerk: 'clerk.jd',
  handler: 'handler.jd.zjj',
  unit_head: 'head.jd.zjj',
  leader: 'leader.city',
  auditor: 'auditor',
  admin: 'admin',
};

export const SCHEMATHESIS_BIN = join(REPO_ROOT, '.venv-fuzz', 'bin', 'st');

export interface FuzzResult {
  role: string;
  code: number;
  seconds: number;
  output: string;
}

export async function fuzzRoles(opts: {
  baseUrl: string;
  tokens: Record<string, string | null>;
  maxExamples: number;
  phases: string;
  workers?: number;
  /** Roles run at once (each is its own Schemathesis process). */
  parallel?: number;
  echo?: boolean;
}): Promise<FuzzResult[]> {
  if (!existsSync(SCHEMATHESIS_BIN)) {
    throw new Error(
      'Schemathesis is not installed: run `node scripts/setup.mjs --fuzz` (creates .venv-fuzz).',
    );
  }
  const outDir = join(REPO_ROOT, '.test-artifacts', 'fuzz');
  mkdirSync(outDir, { recursive: true });
  const queue = Object.entries(opts.tokens);
  const results: FuzzResult[] = [];
  const one = async ([role, token]: [string, string | null]) => {
    const args = [
      'run',
      `${opts.baseUrl}/api/docs/json`,
      '--url',
      opts.baseUrl,
      '--max-examples',
      String(opts.maxExamples),
      '--phases',
      opts.phases,
      '--workers',
      String(opts.workers ?? 1),
      '--seed',
      '20260101',
      '--no-color',
      // signing out would end the session the rest of the run uses
      '--exclude-path',
      '/api/auth/logout',
      '--report',
      'junit',
      '--report-dir',
      join(outDir, role),
      ...(token ? ['--header', `Authorization: Bearer ${token}`] : []),
    ];
    const t0 = Date.now();
    let output = '';
    const code = await new Promise<number>((resolve) => {
      // bench/fuzz/schemathesis.toml is found in the working directory (`--config-file` was not honoured
      // for check settings by Schemathesis 4.32)
      const p = spawn(SCHEMATHESIS_BIN, args, { cwd: join(REPO_ROOT, 'bench', 'fuzz') });
      const collect = (b: Buffer) => {
        output += b.toString();
        if (opts.echo) process.stdout.write(b);
      };
      p.stdout.on('data', collect);
      p.stderr.on('data', collect);
      p.on('exit', (c) => resolve(c ?? 1));
    });
    results.push({ role, code, seconds: Math.round((Date.now() - t0) / 1000), output });
  };
  const workers = Array.from({ length: opts.parallel ?? 1 }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await one(next);
  });
  await Promise.all(workers);
  return results;
}

/** The failure section and summary of a Schemathesis run's output (for assertion messages). */
export function failureSummary(output: string): string {
  const i = output.indexOf('FAILURES');
  return (i >= 0 ? output.slice(i) : output.slice(-3000)).slice(0, 6000);
}
