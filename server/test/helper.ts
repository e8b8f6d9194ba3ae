import { inject, onTestFinished } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { buildApp, LOG_REDACT, type App } from '../src/app';
import { loadConfig } from '../src/config';

/** A database name no other test file uses: a fresh database per file (or per call). */
export function freshDbUri(label = 'test'): string {
  return `${inject('mongoBaseUri')}/${label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
}

export interface BuiltApp {
  app: App;
  uri: string;
  /** Everything the app logged, one JSON line per entry (for "never logged" assertions). */
  logs: string[];
}

/** Builds the app against a fresh database on the run's embedded server; closed after the test. */
export async function build(
  opts: { uri?: string; env?: Record<string, string>; extend?: (app: App) => void } = {},
): Promise<BuiltApp> {
  const uri = opts.uri ?? freshDbUri();
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', H5_DIR: '', ...opts.env });
  const app = await buildApp({
    config,
    mongo: { uri, kind: inject('mongoKind') },
    logger: { level: 'info', stream, redact: { paths: LOG_REDACT, censor: '[redacted]' } },
  });
  opts.extend?.(app);
  await app.ready();
  onTestFinished(() => app.close());
  return { app, uri, logs };
}
