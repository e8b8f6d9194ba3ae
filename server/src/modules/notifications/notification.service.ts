import type { Connection } from 'mongoose';
import { DOCUMENT_LABELS, type DocumentKind } from '../../domain';
import { BadRequest, NotFound } from '../../errors';
import type { NotificationList, NotificationView } from '../../contracts/notifications';
import { notificationModel, type NotificationDoc } from './notification.model';

/** Whose list: a resident's own, or one unit's. The query always carries it, so it cannot be forgotten. */
export type NotificationScope = { userId: string } | { unitId: string };

export function toNotificationView(n: NotificationDoc): NotificationView {
  const label = n.document ? DOCUMENT_LABELS[n.document as DocumentKind] : undefined;
  return {
    id: n._id,
    caseId: n.caseId,
    caseNumber: n.caseNumber,
    audience: n.audience,
    kind: n.kind,
    ...(n.document ? { document: n.document } : {}),
    ...(label ? { documentLabel: label } : {}),
    forUnitHead: n.forUnitHead ?? false,
    message: n.message,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    delivery: { channel: n.delivery.channel, status: n.delivery.status },
  };
}

/** Opaque cursor: the last item's (createdAt, id), so pages stay stable while new items arrive. */
function encodeCursor(n: NotificationDoc): string {
  return Buffer.from(JSON.stringify([n.createdAt.getTime(), n._id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof ms === 'number' && Number.isFinite(ms) && typeof id === 'string')
      return { at: new Date(ms), id };
  } catch {
    // fall through
  }
  throw new BadRequest('分页游标无效，请从第一页重新加载');
}

export function createNotificationService(conn: Connection) {
  const Notification = notificationModel(conn);

  return {
    async list(
      scope: NotificationScope,
      q: { cursor?: string; limit?: number; unreadOnly?: boolean; forUnitHead?: boolean },
    ): Promise<NotificationList> {
      const limit = q.limit ?? 20;
      const base: Record<string, unknown> = { ...scope };
      if (q.forUnitHead !== undefined) base.forUnitHead = q.forUnitHead;
      const filter: Record<string, unknown> = { ...base };
      if (q.unreadOnly) filter.readAt = null;
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        filter.$or = [{ createdAt: { $lt: c.at } }, { createdAt: c.at, _id: { $lt: c.id } }];
      }
      const [rows, unread] = await Promise.all([
        Notification.find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .limit(limit + 1)
          .lean<NotificationDoc[]>(),
        Notification.countDocuments({ ...base, readAt: null }),
      ]);
      const page = rows.slice(0, limit);
      return {
        items: page.map(toNotificationView),
        nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null,
        unread,
      };
    },

    /** Idempotent: reading twice keeps the first time. Another's notification is 404, like a missing one. */
    async markRead(
      scope: NotificationScope,
      id: string,
      now = new Date(),
    ): Promise<{ id: string; readAt: string }> {
      const updated = await Notification.findOneAndUpdate(
        { _id: id, ...scope, readAt: null },
        { $set: { readAt: now } },
        { new: true },
      ).lean<NotificationDoc>();
      const doc = updated ?? (await Notification.findOne({ _id: id, ...scope }).lean<NotificationDoc>());
      if (!doc?.readAt) throw new NotFound('通知不存在');
      return { id: doc._id, readAt: doc.readAt.toISOString() };
    },

    /** Whether a notification exists at all (to audit a 404 that hides someone else's notification). */
    async exists(id: string): Promise<boolean> {
      return (await Notification.exists({ _id: id })) !== null;
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
