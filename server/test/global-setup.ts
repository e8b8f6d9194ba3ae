import type { TestProject } from 'vitest/node';
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedDb, REPO_ROOT } from '../src/db/embedded';

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
    /** mongodb://127.0.0.1:<port> of the one embedded in-memory server of this run; append a db name. */
    mongoBaseUri: string;
    mongoKind: string;
    /** Every app built by the tests appends its log lines here; teardown scans it for personal data. */
    testLogFile: string;
  }
}

/** One embedded wire-protocol server (in-memory backend) per test run; each test file takes a fresh database. */
export default async function setup(project: TestProject) {
  const db = await startEmbeddedDb({ memory: true });
  project.provide('mongoBaseUri', db.uri);
  project.provide('mongoKind', db.kind);
  const dir = join(REPO_ROOT, '.test-artifacts');
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'server-test.log');
  rmSync(logFile, { force: true });
  project.provide('testLogFile', logFile);
  return async () => {
    await db.stop();
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
