import closeWithGrace from 'close-with-grace';
import { resolve, join } from 'node:path';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadConfig, ConfigError } from './config';
import { buildApp } from './app';
import { startEmbeddedDb, EmbeddedDbUnavailable, REPO_ROOT, type EmbeddedDb } from './db/embedded';
import { seedIfEmpty } from './seed/demo';

/** The listening entry point: config → database → app → (demo seed) → listen; graceful shutdown. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }

  let embedded: EmbeddedDb | undefined;
  let mongo: { uri: string; kind: string };
  if (config.MONGODB_URI) {
    mongo = { uri: config.MONGODB_URI, kind: 'mongodb' };
  } else {
    try {
      embedded = await startEmbeddedDb({
        dataDir: resolve(REPO_ROOT, config.DATA_DIR),
        mongodBin: config.MONGOD_BIN,
        log: (m) => console.log(`[db] ${m}`),
      });
    } catch (err) {
      if (err instanceof EmbeddedDbUnavailable) {
        console.error(err.message);
        process.exit(69); // EX_UNAVAILABLE
      }
      throw err;
    }
    mongo = { uri: `${embedded.uri}/xinfang`, kind: embedded.kind };
  }

  const dataDir = resolve(REPO_ROOT, config.DATA_DIR);
  const app = await buildApp({
    config,
    mongo,
    piiKey: config.PII_KEY ?? devKey(dataDir, 'dev-pii.key'),
    auditSigningKey: config.AUDIT_SIGNING_KEY ?? devKey(dataDir, 'dev-audit-signing.key'),
    // Outside the database: whoever can rewrite the audit collection cannot also rewrite this file unless he
    // controls this host too (then the external log, AUDIT_SHIP_URL, still has the checkpoints).
    auditAnchorFile: join(dataDir, 'audit-anchors.jsonl'),
    // The listening process runs the jobs; leases keep several instances from doing the same work at once.
    jobs: config.JOBS_ENABLED ? { intervalMs: config.JOBS_INTERVAL_MS } : undefined,
  });
  if (config.DEMO) {
    const seeded = await seedIfEmpty(app);
    if (seeded) app.log.info(seeded, 'demo data seeded');
    // The jobs may have cached an empty unit tree before the seed wrote the units (a fresh install then
    // refused every filing with 所选单位不存在 until the cache expired).
    app.units.invalidate();
    app.workCalendar.invalidate();
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await embedded?.stop();
  });

  app.log.info({ node: process.version, db: mongo.kind }, 'starting');
  await app.listen({ host: config.HOST, port: config.PORT });
}

/** Development only (production requires PII_KEY and AUDIT_SIGNING_KEY): one key generated under DATA_DIR and reused. */
function devKey(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
