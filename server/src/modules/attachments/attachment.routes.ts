import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import Type from 'typebox';
import { errorResponses } from '../../contracts/common';
import {
  AttachmentParamsSchema,
  AttachmentSchema,
  MAX_ATTACHMENTS_PER_CASE,
} from '../../contracts/attachments';
import { BadRequest } from '../../errors';
import { actorOf } from '../auth/auth.plugin';
import type { AttachmentDoc } from './attachment.model';
import { FileTooLarge, toAttachmentView } from './attachment.service';
import { contentDisposition } from './file-check';

const errors = errorResponses(400, 401, 404, 409, 413, 415, 429, 500);

/** The multipart parser's own errors, in the user's language. */
function mapMultipartError(err: unknown, maxBytes: number): unknown {
  switch ((err as { code?: string }).code) {
    case 'FST_FILES_LIMIT':
      return new BadRequest('每次只能上传一个文件');
    case 'FST_REQ_FILE_TOO_LARGE':
      return new FileTooLarge(maxBytes);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new BadRequest('上传的表单内容不正确');
    case 'FST_MP_PREMATURE_CLOSE':
      return new BadRequest('上传中断，请重试');
    default:
      if (err instanceof Error && /multipart|part terminated/i.test(err.message)) {
        return new BadRequest('上传的表单内容不正确');
      }
      return err;
  }
}

export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const maxBytes = app.attachments.maxBytes;
  // Registered here, not globally: only this route accepts multipart bodies.
  await app.register(multipart, {
    // Keep the client's name as sent, so a name with a path in it is refused rather than silently trimmed.
    preservePath: true,
    // files: 2 so that a second file is seen and refused (one file per request), not silently dropped.
    limits: { fileSize: maxBytes, files: 2, fields: 10, fieldSize: 1024, parts: 11, headerPairs: 50 },
  });

  app.post(
    '/api/attachments',
    {
      // onRequest: refuse anonymous uploads before any body is read or validated.
      onRequest: app.authenticate,
      schema: {
        tags: ['attachments'],
        summary: '上传一个附件（图片或 PDF）',
        description: `multipart/form-data，每次一个文件，不超过 ${Math.round(maxBytes / 1048576)} MB；仅支持 JPG、PNG、WebP 与 PDF（按文件内容识别）。上传后 24 小时内须随信访事项提交，否则自动删除；每个信访事项最多 ${MAX_ATTACHMENTS_PER_CASE} 个附件。`,
        consumes: ['multipart/form-data'],
        headers: Type.Object({
          'content-type': Type.String({
            pattern: '^multipart/form-data',
            description: 'multipart/form-data',
          }),
        }),
        response: { 201: AttachmentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      let uploaded: AttachmentDoc | undefined;
      try {
        for await (const part of req.parts()) {
          // Form fields (WeChat's uploadFile may add some) are ignored.
          if (part.type !== 'file') continue;
          if (uploaded) throw new BadRequest('每次只能上传一个文件');
          uploaded = await app.attachments.upload({
            ownerUserId: actor.userId,
            filename: part.filename,
            declaredMime: part.mimetype,
            stream: part.file,
            truncated: () => part.file.truncated,
          });
        }
      } catch (err) {
        if (uploaded) await app.attachments.discard(uploaded._id);
        throw mapMultipartError(err, maxBytes);
      }
      if (!uploaded) throw new BadRequest('请选择要上传的文件');
      return reply.status(201).send(toAttachmentView(uploaded));
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      // onRequest: anonymous callers get 401 whatever the id looks like.
      onRequest: app.authenticate,
      schema: {
        tags: ['attachments'],
        summary: '下载附件',
        description: '上传者本人，或有权查看所属信访事项的人员可下载。以附件形式返回，不在浏览器中直接打开。',
        params: AttachmentParamsSchema,
        response: {
          200: Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: '文件内容' }),
          304: Type.Null({ description: '未改变（If-None-Match）' }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { doc, stream } = await app.attachments.open(req.params.id, actorOf(req));
      const etag = `"${doc.sha256}"`;
      reply
        .header('etag', etag)
        // Private: behind a login; no-cache: revalidate, so revoked access is not served from a cache.
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        // Even if a browser were tricked into rendering it, a PDF or image runs no script with our origin.
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('content-disposition', contentDisposition(doc.name));
      if (req.headers['if-none-match'] === etag) {
        stream.destroy();
        return reply.status(304).send(null);
      }
      return reply.type(doc.mime).header('content-length', doc.size).send(stream);
    },
  );
};
