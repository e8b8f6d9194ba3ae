import { Schema, type Connection } from 'mongoose';

/** A 文书 template version (`_id` = `${kind}@${version}`). Versions are added, never edited in place. */
export interface TemplateDoc {
  _id: string;
  kind: string;
  version: number;
  title: string;
  article: string;
  paragraphs: string[];
  active: boolean;
  createdAt: string;
}

const TemplateSchema = new Schema<TemplateDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    version: { type: Number, required: true },
    title: { type: String, required: true },
    article: { type: String, required: true },
    paragraphs: { type: [String], required: true },
    active: { type: Boolean, required: true },
    createdAt: { type: String, required: true },
  },
  { collection: 'document_templates', versionKey: false },
);
TemplateSchema.index({ kind: 1, version: -1 });

export const documentTemplateModel = (conn: Connection) =>
  conn.model<TemplateDoc>('DocumentTemplate', TemplateSchema);

/**
 * An issued 文书: immutable (no route updates it), numbered, with the SHA-256 of its content. `_id` is derived
 * from (case, kind, the step that triggered it), so the automatic issue and a manual retry converge on one.
 */
export interface IssuedDocumentDoc {
  _id: string;
  caseId: string;
  caseNumber: string;
  kind: string;
  number: string;
  title: string;
  paragraphs: string[];
  signature: { unit: string; date: string };
  issuingUnitId: string;
  issuedAt: string;
  issuedBy: string;
  template: { id: string; version: number };
  sha256: string;
  /** The instant of the case step that required it. */
  triggerAt: string;
  caseVersion: number | null;
}

const IssuedSchema = new Schema<IssuedDocumentDoc>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    caseNumber: { type: String, required: true },
    kind: { type: String, required: true },
    number: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    paragraphs: { type: [String], required: true },
    signature: { type: Schema.Types.Mixed, required: true },
    issuingUnitId: { type: String, required: true },
    issuedAt: { type: String, required: true },
    issuedBy: { type: String, required: true },
    template: { type: Schema.Types.Mixed, required: true },
    sha256: { type: String, required: true },
    triggerAt: { type: String, required: true },
    caseVersion: { type: Number, default: null },
  },
  { collection: 'documents', versionKey: false, minimize: false },
);
IssuedSchema.index({ caseId: 1, issuedAt: 1 });

export const issuedDocumentModel = (conn: Connection) =>
  conn.model<IssuedDocumentDoc>('IssuedDocument', IssuedSchema);
