import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Server-side sessions. Only sha256(token) is stored, so a copy of the database cannot be replayed as
 * logins. No TTL index (not in the portable subset): purgeExpiredSessions() deletes what has expired.
 */
const SessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    /** Snapshot at login: changing a user's roles goes with revoking their sessions. */
    roles: { type: [String], required: true },
    unitCode: { type: String, default: null },
    kind: { type: String, enum: ['resident', 'staff'], required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    /** min(lastSeenAt + idle timeout, absoluteExpiresAt): the one field queries compare. */
    expiresAt: { type: Date, required: true },
    absoluteExpiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    /** WeChat session_key, AES-256-GCM (lib/pii.ts); never selected unless asked for. */
    wechatSessionKeyEnc: { type: String, select: false },
    userAgent: { type: String },
  },
  { collection: 'sessions', versionKey: false },
);
SessionSchema.index({ userId: 1, createdAt: -1 });
SessionSchema.index({ expiresAt: 1 });

export type SessionDoc = InferSchemaType<typeof SessionSchema>;
export const sessionModel = (conn: Connection) => conn.model('Session', SessionSchema);
