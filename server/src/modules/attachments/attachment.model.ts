import { Schema, type Connection } from 'mongoose';
import { ATTACHMENT_MIMES, type AttachmentMime } from '../../contracts/attachments';

/** Metadata of one uploaded file; the bytes live in a Storage under `storageName` (random, never shown). */
export interface AttachmentDoc {
  /** UUID: unguessable, and the id clients send when filing a case. */
  _id: string;
  ownerUserId: string;
  /** null until claimed by a case (attachmentService.claim); unclaimed uploads are purged after 24 h. */
  caseId: string | null;
  /** Sanitised display name (no path, no control or bidi characters). */
  name: string;
  mime: AttachmentMime;
  size: number;
  sha256: string;
  storageName: string;
  createdAt: Date;
  claimedAt: Date | null;
}

const AttachmentSchema = new Schema<AttachmentDoc>(
  {
    _id: { type: String, required: true },
    ownerUserId: { type: String, required: true },
    caseId: { type: String, default: null },
    name: { type: String, required: true },
    mime: { type: String, required: true, enum: ATTACHMENT_MIMES },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    storageName: { type: String, required: true, unique: true },
    createdAt: { type: Date, required: true },
    claimedAt: { type: Date, default: null },
  },
  { collection: 'attachments', versionKey: false, timestamps: false },
);
AttachmentSchema.index({ caseId: 1, createdAt: 1 });
// The purge job and the per-user cap look up unclaimed uploads by age.
AttachmentSchema.index({ ownerUserId: 1, caseId: 1, createdAt: 1 });

export const attachmentModel = (conn: Connection) =>
  conn.model<AttachmentDoc>('Attachment', AttachmentSchema);
