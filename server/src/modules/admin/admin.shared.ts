import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { Conflict } from '../../errors';
import type { AuditActorRef, AuditLog } from '../audit/audit.service';
import { acquireLease, releaseLease } from '../../jobs/lease';

/** Who is doing an admin operation, for the audit log and `loadedBy`/`createdBy` fields. */
export interface AdminContext {
  actor: AuditActorRef;
  requestId?: string;
}

export interface AdminDeps {
  conn: Connection;
  audit: AuditLog;
}

export const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding the named lease (jobs/lease.ts: one holder across all instances). Waits up to `waitMs` for a
 * busy lease, then answers 409. The lease expires after `ttlMs`, so a crashed holder blocks nobody for long.
 */
export async function withLease<T>(
  conn: Connection,
  name: string,
  fn: () => Promise<T>,
  opts: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  const owner = randomUUID();
  const lease = `admin:${name}`;
  const deadline = Date.now() + (opts.waitMs ?? 5_000);
  while (!(await acquireLease(conn, lease, owner, opts.ttlMs ?? 30_000))) {
    if (Date.now() > deadline) throw new Conflict('其他管理员正在进行同类调整，请稍后重试');
    await sleep(20 + Math.random() * 40);
  }
  try {
    return await fn();
  } finally {
    await releaseLease(conn, lease, owner);
  }
}

/** Field names whose value differs (for audit details: names only, never values that could be personal). */
export function changedFields(before: Record<string, unknown>, patch: Record<string, unknown>): string[] {
  return Object.keys(patch).filter(
    (k) => patch[k] !== undefined && JSON.stringify(before[k] ?? null) !== JSON.stringify(patch[k]),
  );
}
