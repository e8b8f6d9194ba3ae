/**
 * The product as `npm start` runs it, in this process: embedded wire-protocol DB (memory), the app in DEMO
 * mode with the demo seed, on a free port. Shared by the fuzzing script and the benchmarks.
 */
import { randomBytes } from 'node:crypto';
import { startEmbeddedDb, type EmbeddedDb } from '../../server/src/db/embedded';
import { buildApp, type App } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { seedIfEmpty } from '../../server/src/seed/demo';

export interface Stack {
  app: App;
  db: EmbeddedDb;
  baseUrl: string;
  /** A bearer token per demo account (DEMO login), by username or resident phone. */
  login(who: string): Promise<string>;
  close(): Promise<void>;
}

export async function startStack(
  opts: { logLevel?: string; db?: EmbeddedDb; dbName?: string } = {},
): Promise<Stack> {
  const db = opts.db ?? (await startEmbeddedDb({ memory: true }));
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO: 'true',
    H5_DIR: '',
    LOG_LEVEL: opts.logLevel ?? 'error',
  });
  const app = await buildApp({
    config,
    mongo: { uri: `${db.uri}/${opts.dbName ?? 'stack'}`, kind: db.kind },
    piiKey: randomBytes(32).toString('base64'),
  });
  await seedIfEmpty(app);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const accounts = (await (await fetch(`${baseUrl}/api/demo/accounts`)).json()) as {
    accounts: { id: string; displayName: string; roles: string[] }[];
  };
  const users = app.db.conn.collection('users');
  return {
    app,
    db,
    baseUrl,
    async login(who) {
      const u = /^1\d{10}$/.test(who)
        ? await users.findOne({ phoneIndex: app.pii.index(who) })
        : await users.findOne({ username: who });
      if (!u || !accounts.accounts.some((a) => a.id === String(u._id)))
        throw new Error(`no demo account ${who}`);
      const res = await fetch(`${baseUrl}/api/demo/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: String(u._id) }),
      });
      if (res.status !== 200) throw new Error(`demo login ${who}: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async close() {
      await app.close();
      if (!opts.db) await db.stop();
    },
  };
}
