import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * The state between a staff member's correct password and their TOTP code: single-use, five minutes.
 * Stored as sha256(mfaToken). During enrollment it also holds the not-yet-confirmed TOTP secret
 * (encrypted), which moves to the user only when a code generated from it is confirmed.
 */
const MfaChallengeSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    enrollSecretEnc: { type: String, default: null },
    usedAt: { type: Date, default: null },
  },
  { collection: 'mfa_challenges', versionKey: false },
);
MfaChallengeSchema.index({ expiresAt: 1 });

export type MfaChallengeDoc = InferSchemaType<typeof MfaChallengeSchema>;
export const mfaChallengeModel = (conn: Connection) => conn.model('MfaChallenge', MfaChallengeSchema);
