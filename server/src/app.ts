import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';
import { REPO_ROOT } from './db/embedded';
import db from './plugins/db';
import errors from './plugins/errors';
import inputGuard from './plugins/input-guard';
import { frameworkErrors, strictBodySchemaController } from './plugins/validation';
import docs from './plugins/docs';
import h5 from './plugins/h5';
import { healthRoutes } from './modules/system/health.routes';
import { createPiiCipher, type PiiCipher } from './lib/pii';
import { loggerOptions, RedactingLogController } from './lib/log-redaction';
import authPlugin, { type AuthConfig } from './modules/auth/auth.plugin';
import { authRoutes } from './modules/auth/auth.routes';
import { demoRoutes } from './modules/auth/demo.routes';
import attachmentsPlugin, { type AttachmentsConfig } from './modules/attachments/attachment.plugin';
import { attachmentRoutes } from './modules/attachments/attachment.routes';
import notificationsPlugin, { type NotificationsConfig } from './modules/notifications/notification.plugin';
import { notificationRoutes } from './modules/notifications/notification.routes';
import { startJobs, type JobsOptions } from './jobs';
import auditPlugin, { type AuditConfig } from './modules/audit/audit.plugin';
import { auditRoutes } from './modules/audit/audit.routes';
import { adminRoutes } from './modules/admin/admin.routes';
import { casesPlugin, caseRoutes } from './modules/cases/case.routes';
import { directoryRoutes } from './modules/units/directory.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { staffRoutes } from './modules/staff/staff.routes';
import { documentRoutes, documentsPlugin } from './modules/documents/document.routes';

declare module 'fastify' {
  interface FastifyInstance {
    pii: PiiCipher;
    routeTable: { method: string; url: string }[];
  }
}

export interface BuildOptions {
  config: Pick<Config, 'LOG_LEVEL' | 'H5_DIR' | 'DEMO' | 'NODE_ENV' | 'TRUST_PROXY'> &
    AuthConfig &
    AttachmentsConfig &
    NotificationsConfig &
    AuditConfig;
  mongo: { uri: string; kind: string };
  /** Base64 32-byte key for personal data at rest (lib/pii.ts). */
  piiKey: string;
  /** Base64 32-byte Ed25519 seed for audit checkpoints (AUDIT_SIGNING_KEY or the development key). Absent
   * (benchmarks, browser tests): an ephemeral key, so checkpoints verify only within this process. */
  auditSigningKey?: string;
  /** Append-only file for audit checkpoints outside the database (server.ts: DATA_DIR/audit-anchors.jsonl). */
  auditAnchorFile?: string;
  /**
   * Log level (default: config.LOG_LEVEL) and stream (default: stdout); tests pass their own stream to inspect
   * what is logged. The redaction (lib/log-redaction.ts) applies whatever is passed.
   */
  logger?: { level?: string; stream?: { write(line: string): void } };
  /** Starts the background jobs (server.ts does; tests call the job functions directly). */
  jobs?: JobsOptions;
}

const VERSION: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;

/** TRUST_PROXY as Fastify takes it: the nearest n hops, or the proxies' addresses; unset: trust no proxy. */
function trustProxyOf(v: string | undefined): boolean | string | ((address: string, hop: number) => boolean) {
  if (v === undefined) return false;
  if (!/^\d+$/.test(v)) return v;
  const hops = Number(v);
  return (_address, hop) => hop < hops;
}

/** Builds the app without listening: used by tests (app.inject) and by server.ts. */
export async function buildApp(opts: BuildOptions) {
  const app = Fastify({
    logger: loggerOptions({
      level: opts.logger?.level ?? opts.config.LOG_LEVEL,
      stream: opts.logger?.stream,
    }),
    logController: new RedactingLogController(),
    genReqId: () => crypto.randomUUID(),
    // req.ip is the client behind the configured proxies (a hop count or their addresses), else the socket's.
    trustProxy: trustProxyOf(opts.config.TRUST_PROXY),
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    schemaController: strictBodySchemaController(),
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The route table (method + path), collected as routes are added: the OpenAPI completeness test and the
  // authorization matrix are generated from it.
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) {
      if (m !== 'HEAD' && m !== 'OPTIONS') routeTable.push({ method: m, url: r.url });
    }
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // external plugins
  await app.register(helmet, {
    // The H5 app is served from the same origin; Swagger UI needs inline styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
      },
    },
  });
  await app.register(docs, { version: VERSION });
  // app plugins
  app.decorate('pii', createPiiCipher(opts.piiKey));
  await app.register(errors);
  await app.register(inputGuard);
  await app.register(db, opts.mongo);
  // the audit log first: sign-ins (auth) and everything after are recorded in it
  await app.register(auditPlugin, {
    config: opts.config,
    signingKey: opts.auditSigningKey,
    anchorFile: opts.auditAnchorFile,
  });
  await app.register(authPlugin, { config: opts.config });
  await app.register(attachmentsPlugin, { config: opts.config });
  await app.register(notificationsPlugin, { config: opts.config });
  // routes
  await app.register(healthRoutes, { version: VERSION });
  await app.register(authRoutes);
  await app.register(attachmentRoutes);
  await app.register(notificationRoutes);
  await app.register(auditRoutes);
  await app.register(casesPlugin);
  await app.register(adminRoutes);
  await app.register(caseRoutes);
  await app.register(directoryRoutes);
  await app.register(dashboardRoutes);
  await app.register(staffRoutes);
  await app.register(documentsPlugin);
  await app.register(documentRoutes);
  // DEMO only: outside it these routes do not exist (404).
  if (opts.config.DEMO) await app.register(demoRoutes);
  // last: the H5 app and the not-found handler
  if (opts.config.H5_DIR) await app.register(h5, { dir: join(REPO_ROOT, opts.config.H5_DIR) });
  if (opts.jobs) startJobs(app, opts.jobs);

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
