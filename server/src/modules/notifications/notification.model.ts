import { Schema, type Connection } from 'mongoose';

export type DeliveryChannel = 'wechat' | 'none';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface Delivery {
  channel: DeliveryChannel;
  status: DeliveryStatus;
  /** WeChat send attempts made (a rate-limited try does not count). */
  attempts: number;
  /** When the sender may (re)try; also its in-flight claim while sending. null once final. */
  nextAttemptAt: Date | null;
  /** Machine code only (e.g. `wechat:43101`, `no-openid`): never a message that could carry user data. */
  lastError?: string;
  sentAt?: Date;
}

/**
 * One notification = one outbox item, keyed by the item's id: copying the same item twice (a crash
 * between copy and $pull, two drainers) can only find the document already there.
 */
export interface NotificationDoc {
  _id: string;
  caseId: string;
  caseNumber: string;
  audience: 'petitioner' | 'unit';
  kind: 'caseUpdate' | 'deadlineAlert';
  /** audience 'petitioner': the resident's user id. */
  userId?: string;
  /** audience 'unit': the unit code. */
  unitId?: string;
  /** Overdue alerts address the unit head (DOMAIN.md §4.2); the unit list can filter on it. */
  forUnitHead: boolean;
  document?: string;
  message: string;
  createdAt: Date;
  readAt: Date | null;
  delivery: Delivery;
}

const DeliverySchema = new Schema<Delivery>(
  {
    channel: { type: String, enum: ['wechat', 'none'], required: true },
    status: { type: String, enum: ['pending', 'sent', 'failed', 'skipped'], required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: null },
    lastError: { type: String },
    sentAt: { type: Date },
  },
  { _id: false },
);

const NotificationSchema = new Schema<NotificationDoc>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    caseNumber: { type: String, required: true },
    audience: { type: String, enum: ['petitioner', 'unit'], required: true },
    kind: { type: String, enum: ['caseUpdate', 'deadlineAlert'], required: true },
    userId: { type: String },
    unitId: { type: String },
    forUnitHead: { type: Boolean, default: false },
    document: { type: String },
    message: { type: String, required: true },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
    delivery: { type: DeliverySchema, required: true },
  },
  { collection: 'notifications', versionKey: false, timestamps: false },
);
// The two in-app lists (newest first, cursor on createdAt + _id) and the sender's queue.
NotificationSchema.index({ userId: 1, createdAt: -1, _id: -1 });
NotificationSchema.index({ unitId: 1, createdAt: -1, _id: -1 });
NotificationSchema.index({ 'delivery.status': 1, 'delivery.nextAttemptAt': 1 });

export const notificationModel = (conn: Connection) =>
  conn.model<NotificationDoc>('Notification', NotificationSchema);
