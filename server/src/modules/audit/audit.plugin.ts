import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import { createHttpAnchorShipper } from '../../adapters/audit-log/client';
import { createAuditLog, type AuditActorRef, type AuditLog } from './audit.service';
import { createAnchors, createAnchorSigner, ephemeralSigningKey } from './audit-anchors';

/** The env keys this plugin reads (config.ts). */
export type AuditConfig = Pick<
  Config,
  'AUDIT_ANCHOR_EVERY' | 'AUDIT_SHIP_URL' | 'AUDIT_SHIP_TOKEN' | 'AUDIT_SHIP_TIMEOUT_MS'
>;

export interface AuditPluginOptions {
  config: AuditConfig;
  /** Base64 Ed25519 seed (AUDIT_SIGNING_KEY, or the development key under DATA_DIR). Absent — benchmarks and
   * browser tests only — an ephemeral key: checkpoints then verify only within this process. */
  signingKey?: string;
  /** The append-only checkpoint file outside the database (server.ts: DATA_DIR/audit-anchors.jsonl). */
  anchorFile?: string;
}

export type { AuditEvent, AuditActorRef } from './audit.service';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route records its own refusals (with more detail): no generic access.denied entry for it. */
    auditsOwnDenials?: boolean;
  }
  interface FastifyInstance {
    /**
     * The hash-chained audit log. `record` is what services call after a state change, a read of personal
     * data or a denial; `detail` carries ids, codes and counts only — never personal data.
     */
    audit: AuditLog;
  }
}

/** The audit actor of a request (the fields the log keeps; the session id and kind are not logged). */
export function auditActorOf(req: FastifyRequest): AuditActorRef | null {
  const a = req.actor;
  return a ? { userId: a.userId, roles: [...a.roles], unitCode: a.unitCode ?? null } : null;
}

/**
 * Decorates `app.audit` and audits every 401/403 answered on /api as a denial. Denials are written after the
 * response (onResponse), so a slow or failing audit write never changes what the client gets; graceful
 * shutdown waits for writes still in flight. 404s that hide "exists but not yours" are recorded by the
 * module that decides them (it knows the target), not here.
 */
export default fp<AuditPluginOptions>(
  async (app, opts) => {
    const { config } = opts;
    const anchors = createAnchors(app.db.conn, {
      signer: createAnchorSigner(opts.signingKey ?? ephemeralSigningKey()),
      file: opts.anchorFile,
      shipper: config.AUDIT_SHIP_URL
        ? createHttpAnchorShipper({
            url: config.AUDIT_SHIP_URL,
            token: config.AUDIT_SHIP_TOKEN,
            timeoutMs: config.AUDIT_SHIP_TIMEOUT_MS,
            log: app.log,
          })
        : undefined,
      log: app.log,
    });
    const audit = createAuditLog(app.db.conn, {
      log: app.log,
      anchors,
      anchorEvery: config.AUDIT_ANCHOR_EVERY,
    });
    app.decorate('audit', audit);

    app.addHook('onResponse', async (req, reply) => {
      const status = reply.statusCode;
      if (status !== 401 && status !== 403) return;
      if (!req.url.startsWith('/api')) return;
      if (req.routeOptions.config?.auditsOwnDenials) return;
      // The route pattern, never the raw URL: a query string could carry anything.
      const route = req.routeOptions.url ?? '(未匹配路由)';
      try {
        await audit.record({
          actor: auditActorOf(req),
          action: 'access.denied',
          targetType: 'route',
          targetId: `${req.method} ${route}`,
          result: 'denied',
          detail: { statusCode: status, method: req.method, route },
          requestId: req.id,
        });
      } catch (err) {
        req.log.error({ errCode: (err as { code?: unknown }).code }, 'audit write failed for a denial');
      }
    });

    app.addHook('preClose', async () => {
      await audit.close();
    });
  },
  { name: 'audit', dependencies: ['db'] },
);
