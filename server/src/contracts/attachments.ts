import Type, { type Static } from 'typebox';

/**
 * Attachment shapes, shared with the client. The storage name and the uploader's id have no field here:
 * they never leave the server.
 */

/**
 * Types accepted, decided from the file's magic bytes (never from the declared type or the name).
 * HEIC is refused on purpose: browsers outside Safari cannot show it to the staff who read the case, and
 * both WeChat's chooseMedia (compressed) and iOS Safari's file input already hand over JPEG.
 */
export const ATTACHMENT_TYPES = {
  'image/jpeg': { ext: 'jpg', aliases: ['jpg', 'jpeg'] },
  'image/png': { ext: 'png', aliases: ['png'] },
  'image/webp': { ext: 'webp', aliases: ['webp'] },
  'application/pdf': { ext: 'pdf', aliases: ['pdf'] },
} as const;
export type AttachmentMime = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_MIMES = Object.keys(ATTACHMENT_TYPES) as AttachmentMime[];

/** WeChat's image picker takes at most 9 at a time; a case carries at most 9 attachments in all. */
export const MAX_ATTACHMENTS_PER_CASE = 9;

/** An upload not linked to a case within this time is deleted (purge job). */
export const UNCLAIMED_TTL_MS = 24 * 3_600_000;

export const AttachmentIdSchema = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  description: '附件 ID',
});

export const AttachmentParamsSchema = Type.Object(
  { id: AttachmentIdSchema },
  { additionalProperties: false },
);

export const AttachmentSchema = Type.Object(
  {
    id: AttachmentIdSchema,
    name: Type.String({ description: '文件名（已清理，仅用于显示与下载）' }),
    mime: Type.Enum(ATTACHMENT_MIMES, { description: '按文件内容识别的类型' }),
    size: Type.Integer({ description: '字节数' }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: '内容摘要（核对材料是否被改动）' }),
    caseId: Type.Union([Type.String(), Type.Null()], { description: '所属信访事项；未提交时为 null' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Attachment' },
);
export type Attachment = Static<typeof AttachmentSchema>;
