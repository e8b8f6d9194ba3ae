import type { Connection } from 'mongoose';
import { DOCUMENT_LABELS, type DocumentKind } from '../../domain';
import { BadRequest, NotFound } from '../../errors';
import type { NotificationList, NotificationView } from '../../contracts/notifications';
import { notificationModel, type NotificationDoc } from './notification.model';

/** Whose list: a resident's own, or one unit's. The query always carries it, so it cannot be forgotten. */
export type NotificationScope = { userId: string } | { unitId: string };

/**
 * The reader's judge (DOMAIN.md §5): of these case ids, the ones the reader may learn of. A notification is
 * about a case, so it is shown, counted and paged only when its case passes (the cases module answers).
 */
export type CaseFilter = (caseIds: string[]) => Promise<ReadonlySet<string>>;

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
      visible: CaseFilter,
    ): Promise<NotificationList> {
      const limit = q.limit ?? 20;
      const base: Record<string, unknown> = { ...scope };
      if (q.forUnitHead !== undefined) base.forUnitHead = q.forUnitHead;
      const filter: Record<string, unknown> = { ...base };
      if (q.unreadOnly) filter.readAt = null;
      const after = (c: { at: Date; id: string }) => ({
        $or: [{ createdAt: { $lt: c.at } }, { createdAt: c.at, _id: { $lt: c.id } }],
      });
      // Pages and the "more" cursor are over what the reader may see: read on past notifications of hidden
      // cases until limit + 1 visible ones are found or the list ends.
      const shown: NotificationDoc[] = [];
      let from = q.cursor ? decodeCursor(q.cursor) : null;
      for (;;) {
        const rows = await Notification.find(from ? { ...filter, ...after(from) } : filter)
          .sort({ createdAt: -1, _id: -1 })
          .limit(limit + 1)
          .lean<NotificationDoc[]>();
        const ok = await visible([...new Set(rows.map((r) => r.caseId))]);
        for (const r of rows) if (ok.has(r.caseId)) shown.push(r);
        if (shown.length > limit || rows.length <= limit) break;
        const last = rows.at(-1)!;
        from = { at: last.createdAt, id: last._id };
      }
      // The unread count too: per case, then only the cases the reader may see.
      const unreadByCase = await Notification.aggregate<{ _id: string; n: number }>([
        { $match: { ...base, readAt: null } },
        { $group: { _id: '$caseId', n: { $sum: 1 } } },
      ]);
      const countable = await visible(unreadByCase.map((u) => u._id));
      const unread = unreadByCase.reduce((sum, u) => sum + (countable.has(u._id) ? u.n : 0), 0);
      const page = shown.slice(0, limit);
      return {
        items: page.map(toNotificationView),
        nextCursor: shown.length > limit ? encodeCursor(page.at(-1)!) : null,
        unread,
      };
    },

    /** Idempotent: reading twice keeps the first time. Another's notification is 404, like a missing one. */
    async markRead(
      scope: NotificationScope,
      id: string,
      visible: CaseFilter,
      now = new Date(),
    ): Promise<{ id: string; readAt: string }> {
      // One the reader may not see is missing to them, like someone else's.
      const target = await Notification.findOne({ _id: id, ...scope }, { caseId: 1 }).lean<NotificationDoc>();
      if (!target || !(await visible([target.caseId])).has(target.caseId)) throw new NotFound('通知不存在');
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
