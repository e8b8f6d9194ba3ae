import { Schema, type Connection } from 'mongoose';

/**
 * A lease per job: `{_id: jobName, owner, expiresAt}`. Whoever holds an unexpired lease runs the job; the
 * others skip that round. No TTL index (outside the portable subset): an expired lease is simply taken over
 * by the next acquirer. Expiry compares instance clocks, so the lease time must dwarf any clock skew (NTP
 * keeps it in milliseconds; leases last tens of seconds).
 */
export interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
  acquiredAt: Date;
}

const LeaseSchema = new Schema<LeaseDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    acquiredAt: { type: Date, required: true },
  },
  { collection: 'leases', versionKey: false, timestamps: false },
);

export const leaseModel = (conn: Connection) => conn.model<LeaseDoc>('Lease', LeaseSchema);

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Takes the lease if it is free, expired, or already ours — one conditional upsert. When another owner
 * holds it, the filter misses and the upsert tries to insert the same `_id`: the duplicate key error is the
 * answer "held by someone else". Two instances racing for a free lease: one insert wins, the other gets
 * the duplicate key.
 */
export async function acquireLease(
  conn: Connection,
  name: string,
  owner: string,
  ttlMs: number,
  now = new Date(),
): Promise<boolean> {
  try {
    const doc = await leaseModel(conn)
      .findOneAndUpdate(
        { _id: name, $or: [{ expiresAt: { $lte: now } }, { owner }] },
        { $set: { owner, expiresAt: new Date(now.getTime() + ttlMs), acquiredAt: now } },
        { upsert: true, new: true },
      )
      .lean<LeaseDoc>();
    return doc?.owner === owner;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Extends our lease; false when it is no longer ours (it expired and someone took it). */
export async function renewLease(
  conn: Connection,
  name: string,
  owner: string,
  ttlMs: number,
  now = new Date(),
): Promise<boolean> {
  const res = await leaseModel(conn).updateOne(
    { _id: name, owner, expiresAt: { $gt: now } },
    { $set: { expiresAt: new Date(now.getTime() + ttlMs) } },
  );
  return res.matchedCount === 1;
}

/** Gives the lease back (only if still ours), so the next round anywhere can start at once. */
export async function releaseLease(conn: Connection, name: string, owner: string): Promise<void> {
  await leaseModel(conn).deleteOne({ _id: name, owner });
}
