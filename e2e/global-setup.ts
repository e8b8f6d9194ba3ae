import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { startEmbeddedDb } from '../server/src/db/embedded';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { seedIfEmpty } from '../server/src/seed/demo';
import { rebuildCaseFacts } from '../server/src/modules/dashboard/dashboard.facts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port> — the real server serving the H5 build and the API, with demo data. */
    baseUrl: string;
  }
}

/** The whole product as `npm start` runs it (server + embedded DB + H5 + demo seed), on a free port. */
export default async function setup(project: TestProject) {
  const db = await startEmbeddedDb({ memory: true });
  const config = loadConfig({ NODE_ENV: 'test', DEMO: 'true', H5_DIR: 'dist-h5', LOG_LEVEL: 'warn' });
  const app = await buildApp({
    config,
    mongo: { uri: `${db.uri}/e2e`, kind: db.kind },
    piiKey: randomBytes(32).toString('base64'),
  });
  await seedIfEmpty(app);
  // What the dashboard-facts job does a few seconds after `npm start` (jobs do not run in tests).
  await rebuildCaseFacts(app.db.conn, new Date(), await app.units.tree());
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  project.provide('baseUrl', address);
  return async () => {
    await app.close();
    await db.stop();
  };
}
