import { Schema, type Connection } from 'mongoose';

/** One audit entry as stored. `hash` covers every other field (see audit.service.ts `entryHash`). */
export interface AuditEntryDoc {
  /** Format version of the hashed material. */
  v: 1;
  seq: number;
  at: Date;
  actor: { userId: string; roles: string[]; unitCode: string | null } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  result: 'ok' | 'denied' | 'error';
  detail: Record<string, unknown> | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

const Mixed = Schema.Types.Mixed;

const AuditEntrySchema = new Schema<AuditEntryDoc>(
  {
    v: { type: Number, required: true },
    // The unique index on seq is what serialises writers (two instances included): of all inserts that
    // claim the same seq, exactly one succeeds.
    seq: { type: Number, required: true, unique: true },
    at: { type: Date, required: true },
    actor: { type: Mixed, default: null },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, default: null },
    result: { type: String, required: true, enum: ['ok', 'denied', 'error'] },
    detail: { type: Mixed, default: null },
    requestId: { type: String, default: null },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  // Entries are written with the raw driver (exact bytes, nothing minimised or cast), read with lean().
  { collection: 'audit_log', versionKey: false, minimize: false, timestamps: false },
);
AuditEntrySchema.index({ at: 1 });
AuditEntrySchema.index({ 'actor.userId': 1, seq: -1 });
AuditEntrySchema.index({ targetType: 1, targetId: 1, seq: -1 });
AuditEntrySchema.index({ action: 1, seq: -1 });

export const auditEntryModel = (conn: Connection) =>
  conn.model<AuditEntryDoc>('AuditEntry', AuditEntrySchema);

/**
 * Two small documents next to the chain: `head` (the newest entry's seq + hash, a hint for writers and the
 * witness that detects a deleted tail) and `checkpoint` (seq + hash of the last entry removed by the
 * retention purge, so the remaining chain still verifies from its first entry).
 */
export interface AuditMetaDoc {
  _id: 'head' | 'checkpoint';
  seq: number;
  hash: string;
  at: Date;
}

const AuditMetaSchema = new Schema<AuditMetaDoc>(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    hash: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'audit_meta', versionKey: false, timestamps: false },
);

export const auditMetaModel = (conn: Connection) => conn.model<AuditMetaDoc>('AuditMeta', AuditMetaSchema);

/**
 * A signed checkpoint ("anchor") of the chain: entry `_id` (its seq) had hash `hash` when this instance
 * signed it with the Ed25519 key from AUDIT_SIGNING_KEY, which is never in the database (audit-anchors.ts).
 * The same line is appended to a file under DATA_DIR and, when configured, shipped to an external log; the
 * shipping state lives here so a failed shipment is retried by the `audit-anchor` job.
 */
export interface AuditAnchorDoc {
  _id: number;
  v: 1;
  hash: string;
  /** ISO instant, kept as the signed string (a Date would round-trip, but the string is what was signed). */
  at: string;
  keyId: string;
  sig: string;
  shippedAt: Date | null;
  shipAttempts: number;
  nextShipAt: Date | null;
}

const AuditAnchorSchema = new Schema<AuditAnchorDoc>(
  {
    _id: { type: Number, required: true },
    v: { type: Number, required: true },
    hash: { type: String, required: true },
    at: { type: String, required: true },
    keyId: { type: String, required: true },
    sig: { type: String, required: true },
    shippedAt: { type: Date, default: null },
    shipAttempts: { type: Number, default: 0 },
    nextShipAt: { type: Date, default: null },
  },
  { collection: 'audit_anchors', versionKey: false, timestamps: false },
);
AuditAnchorSchema.index({ shippedAt: 1, nextShipAt: 1 });

export const auditAnchorModel = (conn: Connection) =>
  conn.model<AuditAnchorDoc>('AuditAnchor', AuditAnchorSchema);
