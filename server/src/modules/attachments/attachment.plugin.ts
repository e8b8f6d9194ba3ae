import fp from 'fastify-plugin';
import { resolve } from 'node:path';
import type { Config } from '../../config';
import { REPO_ROOT } from '../../db/embedded';
import { attachmentModel } from './attachment.model';
import { createAttachmentService, type AttachmentService } from './attachment.service';
import { diskStorage, type Storage } from './storage';

/** The env keys this module reads (config.ts). */
export type AttachmentsConfig = Pick<Config, 'ATTACHMENTS_DIR' | 'ATTACHMENT_MAX_BYTES'>;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Attachment use cases for other modules: `claim(ids, ownerUserId, caseId)` when a case or material is
     * filed, `check` to fail early, `listForCase`, and `setCanReadCase(fn)` to install the case read rule.
     */
    attachments: AttachmentService & { maxBytes: number };
  }
}

export default fp<{ config: AttachmentsConfig; storage?: Storage }>(
  async (app, { config, storage }) => {
    await attachmentModel(app.db.conn).init();
    const service = createAttachmentService({
      conn: app.db.conn,
      storage: storage ?? diskStorage(resolve(REPO_ROOT, config.ATTACHMENTS_DIR)),
      maxBytes: config.ATTACHMENT_MAX_BYTES,
      log: app.log,
    });
    app.decorate('attachments', Object.assign(service, { maxBytes: config.ATTACHMENT_MAX_BYTES }));
  },
  { name: 'attachments', dependencies: ['db'] },
);
