import type { TestProject } from 'vitest/node';
import { startEmbeddedDb } from '../src/db/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** mongodb://127.0.0.1:<port> of the one embedded in-memory server of this run; append a db name. */
    mongoBaseUri: string;
    mongoKind: string;
  }
}

/** One embedded wire-protocol server (in-memory backend) per test run; each test file takes a fresh database. */
export default async function setup(project: TestProject) {
  const db = await startEmbeddedDb({ memory: true });
  project.provide('mongoBaseUri', db.uri);
  project.provide('mongoKind', db.kind);
  return async () => {
    await db.stop();
  };
}
