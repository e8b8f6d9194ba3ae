import Type, { type Static } from 'typebox';
import { IdempotencyKey } from './common';

/**
 * 文书: templates as versioned data, documents filled from the case, previewed (not stored), issued (stored,
 * numbered, immutable) and delivered to the petitioner; printable as PDF.
 */

export const DOCUMENT_KINDS = [
  'acceptanceNotice',
  'notAcceptNotice',
  'transferNotice',
  'extensionNotice',
  'opinion',
  'reviewOpinion',
  'recheckOpinion',
] as const;
export type IssuableKind = (typeof DOCUMENT_KINDS)[number];
export const DocumentKindSchema = Type.Enum(DOCUMENT_KINDS, {
  description: '受理告知书/不予受理告知书/转送交办告知书/延期告知书/信访处理意见书/复查意见书/复核意见书',
});

const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });

export const DocumentParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
  docId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }),
});

export const PreviewQuerySchema = Type.Object({ kind: DocumentKindSchema }, { additionalProperties: false });

export const IssueBodySchema = Type.Object(
  {
    kind: DocumentKindSchema,
    /** The same key returns the same document. */
    idempotencyKey: IdempotencyKey,
  },
  { additionalProperties: false },
);
export type IssueBody = Static<typeof IssueBodySchema>;

export const RenderedSchema = Type.Object({
  kind: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  /** Body paragraphs in order (the addressee line first). */
  paragraphs: Type.Array(Type.String()),
  /** Signature block: issuing unit and date. */
  signature: Type.Object({ unit: Type.String(), date: Type.String() }),
  template: Type.Object({ id: Type.String(), version: Type.Integer() }),
});
export type Rendered = Static<typeof RenderedSchema>;

export const DocumentSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  /** 文号, e.g. 临江市江东区住房和城乡建设局〔2026〕第3号 */
  number: Type.String(),
  title: Type.String(),
  paragraphs: Type.Array(Type.String()),
  signature: Type.Object({ unit: Type.String(), date: Type.String() }),
  issuingUnit: UnitRef,
  issuedAt: Type.String(),
  template: Type.Object({ id: Type.String(), version: Type.Integer() }),
  /** SHA-256 of the issued content: the document never changes after issue. */
  sha256: Type.String(),
  /** The case version whose step issued it (automatic issue), or null when issued by hand. */
  caseVersion: Type.Union([Type.Integer(), Type.Null()]),
});
export type DocumentView = Static<typeof DocumentSchema>;

export const DocumentListSchema = Type.Object({
  items: Type.Array(Type.Omit(DocumentSchema, ['paragraphs', 'signature'])),
});

export const TemplateSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  article: Type.String(),
  paragraphs: Type.Array(Type.String({ description: '含 {{字段}} 占位符' })),
  active: Type.Boolean(),
});

export const TemplateListSchema = Type.Object({ items: Type.Array(TemplateSchema) });
