import Fastify, { type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';
import { REPO_ROOT } from './db/embedded';
import db from './plugins/db';
import errors from './plugins/errors';
import docs from './plugins/docs';
import h5 from './plugins/h5';
import { healthRoutes } from './modules/system/health.routes';
import { createPiiCipher, type PiiCipher } from './lib/pii';
import authPlugin, { type AuthConfig } from './modules/auth/auth.plugin';
import { authRoutes } from './modules/auth/auth.routes';
import { demoRoutes } from './modules/auth/demo.routes';

declare module 'fastify' {
  interface FastifyInstance {
    pii: PiiCipher;
  }
}

export interface BuildOptions {
  config: Pick<Config, 'LOG_LEVEL' | 'H5_DIR' | 'DEMO' | 'NODE_ENV'> & AuthConfig;
  mongo: { uri: string; kind: string };
  /** Base64 32-byte key for personal data at rest (lib/pii.ts). */
  piiKey: string;
  /** Fastify logger options; tests pass their own stream to inspect what is logged. */
  logger?: FastifyServerOptions['logger'];
}

const VERSION: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;

/** Personal data and credentials never reach the log. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-session"]',
  'res.headers["set-cookie"]',
];

/** Builds the app without listening: used by tests (app.inject) and by server.ts. */
export async function buildApp(opts: BuildOptions) {
  const app = Fastify({
    logger: opts.logger ?? {
      level: opts.config.LOG_LEVEL,
      redact: { paths: LOG_REDACT, censor: '[redacted]' },
    },
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

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
  await app.register(db, opts.mongo);
  await app.register(authPlugin, { config: opts.config });
  // routes
  await app.register(healthRoutes, { version: VERSION });
  await app.register(authRoutes);
  // DEMO only: outside it these routes do not exist (404).
  if (opts.config.DEMO) await app.register(demoRoutes);
  // last: the H5 app and the not-found handler
  if (opts.config.H5_DIR) await app.register(h5, { dir: join(REPO_ROOT, opts.config.H5_DIR) });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
