import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Connection } from 'mongoose';
import type { FastifyBaseLogger } from 'fastify';
import { AppError, BadRequest, Conflict, NotFound } from '../../errors';
import { MAX_ATTACHMENTS_PER_CASE, UNCLAIMED_TTL_MS, type Attachment } from '../../contracts/attachments';
import type { Actor } from '../auth/session.service';
import { attachmentModel, type AttachmentDoc } from './attachment.model';
import { checkContent, DETECTION_BYTES, displayName } from './file-check';
import type { Storage } from './storage';

/**
 * Whether `actor` may read case `caseId`. The cases module owns that rule (visibility, confidentiality of
 * accusations) and installs it with `app.attachments.setCanReadCase`; until then only the uploader reads.
 */
export type CanReadCase = (caseId: string, actor: Actor) => Promise<boolean>;

/** Unclaimed uploads one user may hold at a time: bounds what an account can park on our disk. */
export const MAX_UNCLAIMED_PER_USER = 30;

export class FileTooLarge extends AppError {
  constructor(maxBytes: number) {
    const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    super(413, 'FILE_TOO_LARGE', `文件不能超过 ${mb} MB`);
  }
}

export interface UploadInput {
  ownerUserId: string;
  /** The name the client sent (checked, then only shown). */
  filename: string | undefined;
  /** The Content-Type the client declared for the part (checked against the content, never trusted). */
  declaredMime: string | undefined;
  stream: Readable;
  /** true when the multipart parser cut the file at its size limit. */
  truncated?: () => boolean;
}

export interface AttachmentServiceDeps {
  conn: Connection;
  storage: Storage;
  maxBytes: number;
  log: FastifyBaseLogger;
}

const NOT_FOUND = '附件不存在或您无权查看';

export function toAttachmentView(doc: AttachmentDoc): Attachment {
  return {
    id: doc._id,
    name: doc.name,
    mime: doc.mime,
    size: doc.size,
    sha256: doc.sha256,
    caseId: doc.caseId,
    createdAt: doc.createdAt.toISOString(),
  };
}

export function createAttachmentService(deps: AttachmentServiceDeps) {
  const Attachment = attachmentModel(deps.conn);
  const { storage, maxBytes, log } = deps;
  let canReadCase: CanReadCase = async () => false;

  async function loadOwned(ids: string[], ownerUserId: string): Promise<AttachmentDoc[]> {
    const docs = await Attachment.find({ _id: { $in: ids } }).lean<AttachmentDoc[]>();
    // Someone else's file answers like a missing one: ids must not be probed for existence.
    if (docs.length !== ids.length || docs.some((d) => d.ownerUserId !== ownerUserId)) {
      throw new NotFound('附件不存在或已过期，请重新上传');
    }
    return docs;
  }

  const service = {
    /**
     * Streams one upload to storage while hashing it, then decides its type from the first bytes. Anything
     * refused (too large, empty, wrong type) is removed before the error is thrown; metadata is written
     * only for an accepted file, after its bytes are safely stored.
     */
    async upload(input: UploadInput, now = new Date()): Promise<AttachmentDoc> {
      const name = displayName(input.filename);
      const unclaimed = await Attachment.countDocuments({
        ownerUserId: input.ownerUserId,
        caseId: null,
        createdAt: { $gt: new Date(now.getTime() - UNCLAIMED_TTL_MS) },
      });
      if (unclaimed >= MAX_UNCLAIMED_PER_USER) {
        throw new AppError(429, 'TOO_MANY_UPLOADS', '未提交的附件过多，请先提交信访事项或稍后再试');
      }

      const storageName = randomBytes(16).toString('hex');
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          // The parser's limit normally stops the file first; this guards callers that pass a raw stream.
          if (size > maxBytes) return cb(new FileTooLarge(maxBytes));
          hash.update(chunk);
          if (headLength < DETECTION_BYTES) {
            head.push(chunk);
            headLength += chunk.length;
          }
          cb(null, chunk);
        },
      });
      try {
        await Promise.all([pipeline(input.stream, meter), storage.write(storageName, meter)]);
        if (input.truncated?.()) throw new FileTooLarge(maxBytes);
        if (size === 0) throw new BadRequest('文件为空，请重新选择');
        const checked = await checkContent(
          Buffer.concat(head).subarray(0, DETECTION_BYTES),
          input.declaredMime,
          name,
        );
        const doc: AttachmentDoc = {
          _id: randomUUID(),
          ownerUserId: input.ownerUserId,
          caseId: null,
          name: checked.name,
          mime: checked.mime,
          size,
          sha256: hash.digest('hex'),
          storageName,
          createdAt: now,
          claimedAt: null,
        };
        await Attachment.create(doc);
        return doc;
      } catch (err) {
        await storage.remove(storageName).catch((e: unknown) => {
          // The purge job's orphan sweep removes it later.
          log.warn({ err: e }, 'could not remove a refused upload');
        });
        throw err;
      }
    },

    /**
     * Refuses, without changing anything, what `claim` would refuse: ids that are missing, expired, not the
     * owner's or already used by another case, and more than MAX_ATTACHMENTS_PER_CASE in all. For callers
     * that want to fail before they create the case.
     */
    async check(ids: string[], ownerUserId: string, caseId: string | null = null): Promise<void> {
      const unique = [...new Set(ids)];
      if (unique.length > MAX_ATTACHMENTS_PER_CASE) {
        throw new BadRequest(`每个信访事项最多 ${MAX_ATTACHMENTS_PER_CASE} 个附件`);
      }
      const docs = await loadOwned(unique, ownerUserId);
      if (docs.some((d) => d.caseId !== null && d.caseId !== caseId)) {
        throw new Conflict('附件已用于其他信访事项');
      }
      const linked = caseId ? await Attachment.countDocuments({ caseId }) : 0;
      const adding = docs.filter((d) => d.caseId === null).length;
      if (linked + adding > MAX_ATTACHMENTS_PER_CASE) {
        throw new BadRequest(`每个信访事项最多 ${MAX_ATTACHMENTS_PER_CASE} 个附件`);
      }
    },

    /**
     * Links the uploader's unclaimed attachments to a case: one conditional update
     * `{_id ∈ ids, ownerUserId, caseId: null, not expired}`. Idempotent: ids already linked to this case
     * count as claimed (a retried request succeeds). Refuses others' files (404), files of another case
     * (409), and going above MAX_ATTACHMENTS_PER_CASE (9: WeChat's picker limit) — checked again after the
     * update, and undone if a concurrent claim pushed the case over, since no transaction spans both.
     */
    async claim(
      ids: string[],
      ownerUserId: string,
      caseId: string,
      now = new Date(),
    ): Promise<AttachmentDoc[]> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      await service.check(unique, ownerUserId, caseId);
      const cutoff = new Date(now.getTime() - UNCLAIMED_TTL_MS);
      const res = await Attachment.updateMany(
        { _id: { $in: unique }, ownerUserId, caseId: null, createdAt: { $gt: cutoff } },
        { $set: { caseId, claimedAt: now } },
      );
      const undo = () =>
        Attachment.updateMany(
          { _id: { $in: unique }, caseId, claimedAt: now },
          { $set: { caseId: null, claimedAt: null } },
        );
      const docs = await Attachment.find({ _id: { $in: unique } }).lean<AttachmentDoc[]>();
      if (docs.length !== unique.length || docs.some((d) => d.caseId !== caseId)) {
        // Expired, purged or claimed elsewhere between check and update.
        if (res.modifiedCount) await undo();
        throw new Conflict('附件已过期或已被使用，请重新上传');
      }
      if ((await Attachment.countDocuments({ caseId })) > MAX_ATTACHMENTS_PER_CASE) {
        await undo();
        throw new BadRequest(`每个信访事项最多 ${MAX_ATTACHMENTS_PER_CASE} 个附件`);
      }
      return docs;
    },

    /** Deletes an upload that is still unclaimed (a request refused after its file was stored). */
    async discard(id: string): Promise<void> {
      const doc = await Attachment.findOneAndDelete({ _id: id, caseId: null }).lean<AttachmentDoc>();
      if (doc) await storage.remove(doc.storageName);
    },

    async listForCase(caseId: string): Promise<AttachmentDoc[]> {
      return Attachment.find({ caseId }).sort({ createdAt: 1, _id: 1 }).lean<AttachmentDoc[]>();
    },

    /** The file for a download, after the access check: the uploader, or whoever may read the case. */
    async open(id: string, actor: Actor): Promise<{ doc: AttachmentDoc; stream: Readable }> {
      const doc = await Attachment.findById(id).lean<AttachmentDoc>();
      const allowed =
        !!doc &&
        (doc.ownerUserId === actor.userId || (doc.caseId !== null && (await canReadCase(doc.caseId, actor))));
      if (!doc || !allowed) throw new NotFound(NOT_FOUND);
      const stream = await storage.read(doc.storageName);
      if (!stream) {
        log.error({ attachmentId: doc._id }, 'attachment bytes missing from storage');
        throw new NotFound(NOT_FOUND);
      }
      return { doc, stream };
    },

    /**
     * Deletes uploads never linked to a case within 24 h, then files with no metadata at all (a crash
     * between storing the bytes and writing the metadata). Metadata goes first, conditionally on still
     * being unclaimed, so a claim racing the purge wins; a crash after it leaves only an orphan file,
     * which the second pass removes.
     */
    async purgeUnclaimed(
      now = new Date(),
      batch = 500,
    ): Promise<{ attachments: number; orphanFiles: number }> {
      const cutoff = new Date(now.getTime() - UNCLAIMED_TTL_MS);
      const stale = await Attachment.find({ caseId: null, createdAt: { $lt: cutoff } }, { storageName: 1 })
        .limit(batch)
        .lean<Pick<AttachmentDoc, '_id' | 'storageName'>[]>();
      let attachments = 0;
      for (const s of stale) {
        const r = await Attachment.deleteOne({ _id: s._id, caseId: null });
        if (r.deletedCount) {
          await storage.remove(s.storageName);
          attachments++;
        }
      }
      let orphanFiles = 0;
      for await (const name of storage.listOlderThan(cutoff)) {
        if (!(await Attachment.exists({ storageName: name }))) {
          await storage.remove(name);
          orphanFiles++;
        }
      }
      return { attachments, orphanFiles };
    },

    /** Installs the cases module's read rule (see CanReadCase). */
    setCanReadCase(fn: CanReadCase): void {
      canReadCase = fn;
    },
  };
  return service;
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
