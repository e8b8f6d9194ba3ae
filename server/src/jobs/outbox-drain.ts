import type { AnyBulkWriteOperation, Connection } from 'mongoose';
import type { OutboxItem } from '../modules/cases/case.model';
import { caseRepository } from '../modules/cases/case.repository';
import { systemScope } from '../modules/cases/case.scope';
import { notificationModel, type NotificationDoc } from '../modules/notifications/notification.model';

/**
 * Outbox items may carry two more fields than the cases module writes: the deadline sweeper marks its
 * items as alerts and flags overdue ones for the unit head. The outbox is stored as Mixed, so they travel
 * with the item.
 */

export interface DrainResult {
  cases: number;
  items: number;
  /** Notifications newly created (a redelivered item finds its notification already there). */
  created: number;
}

export function notificationFrom(caseId: string, item: OutboxItem, now: Date): Omit<NotificationDoc, '_id'> {
  const at = new Date(item.at);
  // A petitioner notification with a user goes out through WeChat as well; unit ones are in-app only.
  const wechat = item.audience === 'petitioner' && !!item.userId;
  return {
    caseId,
    caseNumber: item.caseNumber,
    audience: item.audience,
    kind: item.kind ?? 'caseUpdate',
    ...(item.userId ? { userId: item.userId } : {}),
    ...(item.unitId ? { unitId: item.unitId } : {}),
    forUnitHead: item.forUnitHead ?? false,
    ...(item.document ? { document: item.document } : {}),
    message: item.message,
    createdAt: Number.isNaN(at.getTime()) ? now : at,
    readAt: null,
    delivery: wechat
      ? { channel: 'wechat', status: 'pending', attempts: 0, nextAttemptAt: now }
      : { channel: 'none', status: 'skipped', attempts: 0, nextAttemptAt: null },
  };
}

/**
 * Moves outbox items from cases into `notifications`. Per case: upsert every item by its id with
 * `$setOnInsert` (a copy that exists already is left exactly as it is — read state, delivery progress),
 * then `$pull` exactly the ids copied, so items pushed meanwhile stay for the next round. The case's
 * version is not touched: the outbox is not case state. A crash between the two steps leaves the items in
 * the outbox; the next run upserts them again (no-ops) and pulls them. Safe with two drainers at once for
 * the same reason. `afterCopy` lets tests stop a run exactly there.
 */
export async function drainOutbox(
  conn: Connection,
  now = new Date(),
  opts: { batch?: number; afterCopy?: (caseId: string) => void | Promise<void> } = {},
): Promise<DrainResult> {
  const repo = caseRepository(conn);
  const drain = systemScope('outbox-drain');
  const Notification = notificationModel(conn);
  // `outbox.0.at` is indexed: only cases with something waiting are read, and only what is needed.
  const cases = await repo.withOutbox(drain, opts.batch ?? 200);
  const result: DrainResult = { cases: 0, items: 0, created: 0 };
  for (const c of cases) {
    const items = (c.outbox ?? []) as OutboxItem[];
    if (!items.length) continue;
    const ops: AnyBulkWriteOperation<NotificationDoc>[] = items.map((item) => ({
      updateOne: {
        filter: { _id: item.id },
        update: { $setOnInsert: notificationFrom(c._id, item, now) },
        upsert: true,
      },
    }));
    try {
      const res = await Notification.bulkWrite(ops, { ordered: false });
      result.created += res.upsertedCount;
    } catch (err) {
      // Another drainer inserted the same ids a moment earlier: a duplicate key is "already copied".
      const writeErrors = (err as { writeErrors?: { code?: number }[] }).writeErrors;
      if (!writeErrors?.length || writeErrors.some((e) => e.code !== 11000)) throw err;
      result.created += (err as { result?: { upsertedCount?: number } }).result?.upsertedCount ?? 0;
    }
    await opts.afterCopy?.(c._id);
    await repo.pullOutbox(
      drain,
      c._id,
      items.map((i) => i.id),
    );
    result.cases++;
    result.items += items.length;
  }
  return result;
}
