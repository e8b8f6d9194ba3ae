import { afterAll, inject, onTestFinished } from 'vitest';
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Types } from 'mongoose';
import { buildApp, type App } from '../src/app';
import { loadConfig } from '../src/config';

/** Uploads made by tests go to a temporary folder, never the repository's .data. */
export const TEST_ATTACHMENTS_DIR = join(tmpdir(), `xinfang-test-attachments-${process.pid}`);

/** A fixed random key per test run for personal data at rest. */
export const TEST_PII_KEY = randomBytes(32).toString('base64');
/** A fixed random key per test run for signed audit checkpoints (AUDIT_SIGNING_KEY). */
export const TEST_AUDIT_KEY = randomBytes(32).toString('base64');

/** A checkpoint file of its own for one app (or for several sharing it, like instances on one host). */
export const freshAnchorFile = () =>
  join(tmpdir(), `xinfang-test-audit-${process.pid}`, `${randomBytes(6).toString('hex')}.jsonl`);

/**
 * The URI of database `name` on the server of `base` (`mongodb://host[:port][,host…][/db][?options]`): the
 * path is replaced, the options kept (e.g. `?replicaSet=rs0` of a TEST_MONGODB_URI).
 */
export function databaseUri(base: string, name: string): string {
  const q = base.indexOf('?');
  const [head, query] = q < 0 ? [base, ''] : [base.slice(0, q), base.slice(q)];
  const hostsEnd = head.indexOf('/', head.indexOf('://') + 3);
  return `${hostsEnd < 0 ? head : head.slice(0, hostsEnd)}/${name}${query}`;
}

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
