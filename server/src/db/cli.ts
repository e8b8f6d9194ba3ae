import { ensureJavaServer, findMongod, startEmbeddedDb } from './embedded';

/**
 * `tsx server/src/db/cli.ts fetch` — prepare the embedded database ahead of time (setup, CI).
 * `tsx server/src/db/cli.ts serve` — run an embedded in-memory server in the foreground and print its URI
 *   (e.g. for `TEST_MONGODB_URI=<uri> npx vitest run --project server`); Ctrl-C stops it.
 */
const cmd = process.argv[2];
if (cmd === 'fetch') {
  if (findMongod(process.env.MONGOD_BIN)) {
    console.log('[db] using mongod; nothing to fetch');
  } else {
    ensureJavaServer((m) => console.log(`[db] ${m}`));
    console.log('[db] mongo-java-server ready');
  }
} else if (cmd === 'serve') {
  const db = await startEmbeddedDb({ memory: true, log: (m) => console.error(`[db] ${m}`) });
  console.log(db.uri);
  const stop = async () => {
    await db.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} else {
  console.error('usage: tsx server/src/db/cli.ts fetch | serve');
  process.exit(2);
}
