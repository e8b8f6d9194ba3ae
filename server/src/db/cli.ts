import { ensureJavaServer, findMongod } from './embedded';

/** `tsx server/src/db/cli.ts fetch` — prepare the embedded database ahead of time (setup, CI). */
const cmd = process.argv[2];
if (cmd === 'fetch') {
  if (findMongod(process.env.MONGOD_BIN)) {
    console.log('[db] using mongod; nothing to fetch');
  } else {
    ensureJavaServer((m) => console.log(`[db] ${m}`));
    console.log('[db] mongo-java-server ready');
  }
} else {
  console.error('usage: tsx server/src/db/cli.ts fetch');
  process.exit(2);
}
