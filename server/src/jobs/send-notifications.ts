import { Types, type Connection } from 'mongoose';
import type { FastifyBaseLogger } from 'fastify';
import type { SubscribeSender } from '../adapters/wechat/subscribe';
import { notificationModel, type NotificationDoc } from '../modules/notifications/notification.model';
import { subscribeContent, type SubscribeSettings } from '../modules/notifications/subscribe-message';
import { userModel } from '../modules/users/user.model';

export const MAX_ATTEMPTS = 5;
/** Wait after the n-th failed attempt: 1, 2, 4, 8 minutes. */
export const BACKOFF_BASE_MS = 60_000;
/** 45009 (quota reached): nothing more goes out for this long. */
export const RATE_LIMIT_PAUSE_MS = 3_600_000;
/** A claimed notification is another sender's again after this long (its sender died mid-send). */
export const IN_FLIGHT_MS = 2 * 60_000;

export const backoffMs = (attempts: number) => BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);

export interface DeliveryDeps {
  conn: Connection;
  sender: SubscribeSender;
  settings: SubscribeSettings;
  log: FastifyBaseLogger;
}

export interface SendResult {
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
  rateLimited: boolean;
}

/**
 * Sends due petitioner notifications as WeChat subscribe messages. Each one is first claimed with a
 * conditional update (status pending, due) that pushes its `nextAttemptAt` into the future, so two
 * senders never send the same one; the outcome is recorded only while the claim is still ours. Delivery is
 * at least once: a crash after WeChat accepted and before the outcome is written sends it again after
 * IN_FLIGHT_MS. Users without an openid (H5 / SMS login) are marked 'none'/'skipped': they read it in-app.
 */
export async function sendPendingNotifications(
  deps: DeliveryDeps,
  now = new Date(),
  batch = 100,
): Promise<SendResult> {
  const Notification = notificationModel(deps.conn);
  const User = userModel(deps.conn);
  const result: SendResult = { sent: 0, skipped: 0, failed: 0, retried: 0, rateLimited: false };
  const due = { 'delivery.status': 'pending', 'delivery.nextAttemptAt': { $lte: now } };
  const candidates = await Notification.find(due, { _id: 1 })
    .sort({ 'delivery.nextAttemptAt': 1 })
    .limit(batch)
    .lean<Pick<NotificationDoc, '_id'>[]>();

  for (const { _id } of candidates) {
    const lock = new Date(now.getTime() + IN_FLIGHT_MS);
    const n = await Notification.findOneAndUpdate(
      { _id, ...due },
      { $set: { 'delivery.nextAttemptAt': lock } },
      { new: true },
    ).lean<NotificationDoc>();
    if (!n) continue; // another sender has it
    const mine = { _id, 'delivery.status': 'pending', 'delivery.nextAttemptAt': lock };
    const finish = (set: Record<string, unknown>, attempted = true) =>
      Notification.updateOne(mine, { $set: set, ...(attempted ? { $inc: { 'delivery.attempts': 1 } } : {}) });

    const user =
      n.userId && Types.ObjectId.isValid(n.userId) && /^[0-9a-f]{24}$/.test(n.userId)
        ? await User.findById(n.userId, { openid: 1, status: 1 }).lean()
        : null;
    const openid = user?.status === 'active' ? user.openid : undefined;
    if (!openid || !deps.settings.templateId) {
      await finish(
        {
          'delivery.channel': 'none',
          'delivery.status': 'skipped',
          'delivery.nextAttemptAt': null,
          'delivery.lastError': openid ? 'not-configured' : 'no-openid',
        },
        false,
      );
      result.skipped++;
      continue;
    }

    const { data, page } = subscribeContent(n, deps.settings);
    const outcome = await deps.sender.send({
      touser: openid,
      templateId: deps.settings.templateId,
      page,
      data,
      miniprogramState: deps.settings.state,
    });
    const attempts = n.delivery.attempts + 1;
    switch (outcome.result) {
      case 'sent':
        await finish({ 'delivery.status': 'sent', 'delivery.sentAt': now, 'delivery.nextAttemptAt': null });
        result.sent++;
        break;
      case 'skipped':
      case 'failed':
        await finish({
          'delivery.status': outcome.result,
          'delivery.nextAttemptAt': null,
          'delivery.lastError': outcome.code,
        });
        result[outcome.result]++;
        break;
      case 'retry':
        if (attempts >= MAX_ATTEMPTS) {
          await finish({
            'delivery.status': 'failed',
            'delivery.nextAttemptAt': null,
            'delivery.lastError': outcome.code,
          });
          result.failed++;
        } else {
          await finish({
            'delivery.nextAttemptAt': new Date(now.getTime() + backoffMs(attempts)),
            'delivery.lastError': outcome.code,
          });
          result.retried++;
        }
        break;
      case 'rateLimited':
        // Not this message's fault: no attempt counted, and the rest of the batch waits too.
        await finish(
          {
            'delivery.nextAttemptAt': new Date(now.getTime() + RATE_LIMIT_PAUSE_MS),
            'delivery.lastError': outcome.code,
          },
          false,
        );
        result.rateLimited = true;
        deps.log.warn({ job: 'notifications-send' }, 'WeChat quota reached: sending paused');
        return result;
    }
  }
  return result;
}
