import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One document per phone (by its keyed index, never the number): the current code's keyed hash, its
 * expiry and attempts, plus the cooldown and daily counters. Every change is a conditional update on this
 * one document, so concurrent sends or guesses cannot race past the limits.
 */
const SmsCodeSchema = new Schema(
  {
    phoneIndex: { type: String, required: true, unique: true },
    /** HMAC of the code (keyed: 10^6 codes would be trivial to brute-force from a plain hash). Null once used. */
    codeHash: { type: String, default: null },
    expiresAt: { type: Date, required: true },
    attempts: { type: Number, default: 0 },
    lastSentAt: { type: Date, required: true },
    /** Calendar day (Asia/Shanghai) that dayCount counts. */
    day: { type: String, required: true },
    dayCount: { type: Number, default: 0 },
  },
  { collection: 'sms_codes', versionKey: false },
);
SmsCodeSchema.index({ lastSentAt: 1 });

export type SmsCodeDoc = InferSchemaType<typeof SmsCodeSchema>;
export const smsCodeModel = (conn: Connection) => conn.model('SmsCode', SmsCodeSchema);
