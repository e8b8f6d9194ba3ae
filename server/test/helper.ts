import { afterAll, inject, onTestFinished } from 'vitest';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Types } from 'mongoose';
import { buildApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { databaseUri } from './database-uri';

/** Uploads made by tests go to a temporary folder, never the repository's .data. */
export const TEST_ATTACHMENTS_DIR = join(tmpdir(), `xinfang-test-attachments-${process.pid}`);

/** A fixed random key per test run for personal data at rest (global-setup.ts). */
export const TEST_PII_KEY = inject('testPiiKey');
/** A fixed random key per test run for signed audit checkpoints (AUDIT_SIGNING_KEY; global-setup.ts). */
export const TEST_AUDIT_KEY = inject('testAuditKey');

/** A checkpoint file of its own for one app (or for several sharing it, like instances on one host). */
export const freshAnchorFile = () =>
  join(tmpdir(), `xinfang-test-audit-${process.pid}`, `${randomBytes(6).toString('hex')}.jsonl`);

export { databaseUri };

/** A database name no other test file uses: a fresh database per file (or per call). */
export function freshDbUri(label = 'test'): string {
  const name = `${inject('testDbPrefix')}${label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  return databaseUri(inject('mongoBaseUri'), name);
}

export interface BuiltApp {
  app: App;
  uri: string;
  /** Everything the app logged, one JSON line per entry (for "never logged" assertions). */
  logs: string[];
  /** Where this app appends its signed audit checkpoints (outside the database). */
  anchorFile: string;
}

/** Builds the app against a fresh database on the run's embedded server; closed after the test. */
export async function build(
  opts: {
    uri?: string;
    env?: Record<string, string>;
    extend?: (app: App) => void;
    /** Built in beforeAll: close it in afterAll instead of after the (single) test. */
    suite?: boolean;
    /** Share another app's checkpoint file (another instance on the same host, or a restart). */
    anchorFile?: string;
  } = {},
): Promise<BuiltApp> {
  const uri = opts.uri ?? freshDbUri();
  const anchorFile = opts.anchorFile ?? freshAnchorFile();
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      appendFileSync(inject('testLogFile'), chunk);
      cb();
    },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    H5_DIR: '',
    ATTACHMENTS_DIR: TEST_ATTACHMENTS_DIR,
    ...opts.env,
  });
  const app = await buildApp({
    config,
    mongo: { uri, kind: inject('mongoKind') },
    piiKey: TEST_PII_KEY,
    auditSigningKey: TEST_AUDIT_KEY,
    auditAnchorFile: anchorFile,
    logger: { level: 'info', stream },
  });
  opts.extend?.(app);
  await app.ready();
  if (opts.suite) afterAll(() => app.close());
  else onTestFinished(() => app.close());
  return { app, uri, logs, anchorFile };
}

/**
 * Fills the app's (fresh, empty) database with the demo seed: a copy of the run's template database, which
 * global-setup.ts seeded through the services (seedIfEmpty) with the run's personal-data key.
 */
export async function copyDemoSeed(app: App): Promise<void> {
  const from = app.db.conn.getClient().db(inject('demoTemplateDb'));
  const to = app.db.conn.db!;
  for (const { name } of await from.listCollections().toArray()) {
    if (name.startsWith('system.')) continue;
    const docs = await from.collection(name).find().toArray();
    await to.collection(name).deleteMany({});
    if (docs.length) await to.collection(name).insertMany(docs);
  }
  // What the app may have read (and cached) while its database was empty.
  app.units.invalidate();
  app.workCalendar.invalidate();
}

/**
 * Logs in as an existing user without password/TOTP (as the DEMO picker does) and returns the bearer
 * headers for app.inject. `who`: a user id, a staff username (e.g. a seeded 'clerk.jd') or `{ phone }`.
 */
export async function loginAs(
  app: App,
  who: string | { phone: string },
): Promise<{ token: string; userId: string; headers: { authorization: string } }> {
  const users = app.db.conn.collection('users');
  const user =
    typeof who === 'object'
      ? await users.findOne({ phoneIndex: app.pii.index(who.phone) })
      : /^[0-9a-f]{24}$/.test(who)
        ? await users.findOne({ _id: new Types.ObjectId(who) })
        : await users.findOne({ username: who });
  if (!user) throw new Error(`loginAs: no such user ${typeof who === 'object' ? '(phone)' : who}`);
  const { token } = await app.auth.service.sessionFor(String(user._id));
  return { token, userId: String(user._id), headers: { authorization: `Bearer ${token}` } };
}
