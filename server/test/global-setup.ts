import type { TestProject } from 'vitest/node';
import { createWriteStream, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { startEmbeddedDb, REPO_ROOT } from '../src/db/embedded';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { seedIfEmpty } from '../src/seed/demo';
import { databaseUri } from './database-uri';

/**
 * Mainland mobile numbers and 18-digit ID numbers as standalone tokens: not inside longer digit runs
 * (timestamps) or alphanumeric tokens (the hex tail of a request-id UUID). Next to quotes, colons, spaces
 * or Chinese text they still match.
 */
export const PII_PATTERNS: { name: string; re: RegExp }[] = [
  { name: 'phone', re: /(?<![\dA-Za-z.])1[3-9]\d{9}(?![\dA-Za-z])/g },
  { name: 'id number', re: /(?<![\dA-Za-z.])\d{17}[\dXx](?![\dA-Za-z])/g },
];

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The server of this run: TEST_MONGODB_URI when set (any MongoDB wire-protocol server), else the one
     * embedded in-memory server started here. helper.ts puts a fresh database name into it per test file.
     */
    mongoBaseUri: string;
    /** 'mongodb' for an external server; the embedded server's kind otherwise (health reports it). */
    mongoKind: string;
    /** Every database of this run starts with it, so teardown can drop them on an external server. */
    testDbPrefix: string;
    /** Every app built by the tests appends its log lines here; teardown scans it for personal data. */
    testLogFile: string;
    /** The run's key for personal data at rest: every app of the run can read what another wrote. */
    testPiiKey: string;
    /** The run's key for signed audit checkpoints: a copied database's checkpoints verify in every app. */
    testAuditKey: string;
    /** A database holding the demo seed, seeded once per run through the services; `seeded()` copies it. */
    demoTemplateDb: string;
  }
}

/**
 * One database server per test run — the one TEST_MONGODB_URI names (e.g. a MongoDB replica set, or another
 * wire-protocol engine), else an embedded wire-protocol server (in-memory backend) — and a fresh database per
 * test file. On an external server the run's databases are dropped at the end.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_MONGODB_URI?.trim();
  const db = external ? null : await startEmbeddedDb({ memory: true });
  const prefix = `t${randomBytes(3).toString('hex')}_`;
  project.provide('mongoBaseUri', external ?? db!.uri);
  project.provide('mongoKind', external ? 'mongodb' : db!.kind);
  project.provide('testDbPrefix', prefix);
  console.log(
    `[db] server tests against ${external ? `TEST_MONGODB_URI (${redactCredentials(external)})` : `embedded ${db!.kind}`}`,
  );
  const dir = join(REPO_ROOT, '.test-artifacts');
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'server-test.log');
  rmSync(logFile, { force: true });
  project.provide('testLogFile', logFile);
  const piiKey = randomBytes(32).toString('base64');
  project.provide('testPiiKey', piiKey);
  const auditKey = randomBytes(32).toString('base64');
  project.provide('testAuditKey', auditKey);
  // The demo seed plays 28 cases through the case service (a few seconds): once per run, copied per test.
  const template = `${prefix}demo_template`;
  const scratch = join(tmpdir(), `xinfang-test-template-${process.pid}`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', H5_DIR: '', ATTACHMENTS_DIR: scratch }),
    mongo: { uri: databaseUri(external ?? db!.uri, template), kind: external ? 'mongodb' : db!.kind },
    piiKey,
    auditSigningKey: auditKey,
    auditAnchorFile: join(scratch, 'audit-anchors.jsonl'),
    logger: { level: 'info', stream: log },
  });
  await seedIfEmpty(app);
  await app.close();
  await new Promise((done) => log.end(done));
  project.provide('demoTemplateDb', template);
  return async () => {
    if (external) await dropRunDatabases(external, prefix);
    else await db!.stop();
    // Issue 4: no ID number or phone number appears in the server log during the whole test run.
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    if (!log) throw new Error('server test log is empty: the log scan would prove nothing');
    const found = PII_PATTERNS.flatMap(({ name, re }) =>
      [...log.matchAll(re)].map((m) => `${name}: ${m[0]}`),
    );
    if (found.length) {
      throw new Error(
        `personal data found in the server log (${logFile}):\n  ${[...new Set(found)].slice(0, 20).join('\n  ')}`,
      );
    }
    console.log(
      `[log scan] ${log.split('\n').length} server log lines scanned: no phone or ID numbers (Node ${process.version})`,
    );
  };
}

/** A URI without its user:password, for the log. */
function redactCredentials(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//[credentials]@');
}

/** Drops the databases this run created on an external server (names start with the run's prefix). */
async function dropRunDatabases(uri: string, prefix: string): Promise<void> {
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  try {
    const { databases } = await conn.db!.admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (name.startsWith(prefix)) await conn.useDb(name, { useCache: false }).dropDatabase();
    }
  } finally {
    await conn.close();
  }
}
