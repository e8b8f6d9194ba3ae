import { Schema, type Connection } from 'mongoose';

/**
 * Staff sign-in attempts per (username, client address) — the throttle's state, in the database so that it
 * holds across instances (login-throttle.ts). `_id` is a keyed hash of the pair; the address itself is
 * never stored (only its keyed hash, like a phone's blind index). The username is kept in clear so the
 * account owner can be told, at his next sign-in, how many attempts failed and when (usernames are not
 * personal data here; they are staff login names). Kept for unknown usernames exactly as for known ones, so
 * nothing stored or answered tells which usernames exist.
 */
export interface LoginAttemptDoc {
  _id: string;
  username: string;
  addressIndex: string;
  /** Attempts counted by the throttle (reserved before checking; a right password gives its back). */
  attempts: number;
  /** When `attempts` has reached the free allowance: no attempt from this address before this instant. */
  nextAt: Date | null;
  lastAt: Date;
  /** Failed attempts the account owner has not been told about yet (cleared when he signs in). */
  unseen: number;
  firstUnseenAt?: Date | null;
  lastUnseenAt?: Date | null;
}

const LoginAttemptSchema = new Schema<LoginAttemptDoc>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true },
    addressIndex: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAt: { type: Date, default: null },
    lastAt: { type: Date, required: true },
    unseen: { type: Number, default: 0 },
    firstUnseenAt: { type: Date },
    lastUnseenAt: { type: Date },
  },
  { collection: 'login_attempts', versionKey: false, timestamps: false },
);
// The conditional reservation filters on exactly these keys (mongo-java-server uses an index only when the
// filter's keys equal a unique index's keys); trivially unique, since _id is.
LoginAttemptSchema.index({ _id: 1, attempts: 1 }, { unique: true });
LoginAttemptSchema.index({ username: 1 });
LoginAttemptSchema.index({ lastAt: 1 });

export const loginAttemptModel = (conn: Connection) =>
  conn.model<LoginAttemptDoc>('LoginAttempt', LoginAttemptSchema);
