import closeWithGrace from 'close-with-grace';
import { resolve } from 'node:path';
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

  const app = await buildApp({ config, mongo });
  if (config.DEMO) {
    const seeded = await seedIfEmpty(app.db.conn, app.log);
    if (seeded) app.log.info(seeded, 'demo data seeded');
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await embedded?.stop();
  });

  await app.listen({ host: config.HOST, port: config.PORT });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
