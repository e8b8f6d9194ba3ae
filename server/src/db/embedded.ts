import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The embedded MongoDB-compatible server used when no MONGODB_URI is configured (development, demo, tests).
 * Preference: a real `mongod` (MONGOD_BIN or PATH) → mongo-java-server (a real wire-protocol server, Java 17,
 * jars from Maven Central through server/db/pom.xml) → a clear error saying what to install.
 */

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const DB_DIR = join(REPO_ROOT, 'server', 'db');
const JARS_DIR = join(DB_DIR, 'target', 'dependency');
const LAUNCHER_DIR = join(DB_DIR, 'launcher');

export type EmbeddedKind = 'mongod' | 'mongo-java-server';

export interface EmbeddedDb {
  kind: EmbeddedKind;
  /** mongodb://127.0.0.1:<port> — append the database name. */
  uri: string;
  /** Where the data lives; undefined for the in-memory backend. */
  dataPath?: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory for persistent data (mongod dbpath or the H2 file). Ignored when `memory`. */
  dataDir?: string;
  /** In-memory: nothing survives the process (tests). */
  memory?: boolean;
  mongodBin?: string;
  log?: (msg: string) => void;
}

export class EmbeddedDbUnavailable extends Error {}

function onPath(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, cmd);
    if (dir && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

export function findMongod(explicit?: string): string | undefined {
  if (explicit) {
    if (!existsSync(explicit)) throw new EmbeddedDbUnavailable(`MONGOD_BIN=${explicit} does not exist.`);
    return explicit;
  }
  return onPath('mongod');
}

function jarsPresent(): boolean {
  return (
    existsSync(JARS_DIR) && readdirSync(JARS_DIR).some((f) => f.startsWith('mongo-java-server-h2-backend'))
  );
}

/**
 * Fetches the jars (once, cached in server/db/target) and compiles the launcher if needed.
 * Synchronous on purpose: it runs once at start-up or in test global setup, before anything listens.
 */
export function ensureJavaServer(log: (msg: string) => void = () => {}): void {
  if (!onPath('java')) {
    throw new EmbeddedDbUnavailable(
      'No database available: MONGODB_URI is not set, no `mongod` was found (set MONGOD_BIN or put it on PATH), ' +
        'and Java is missing for the embedded mongo-java-server. Install Java 17 and Maven ' +
        '(Debian: `apt-get install -y openjdk-17-jdk-headless maven`) or set MONGODB_URI.',
    );
  }
  if (!jarsPresent()) {
    if (!onPath('mvn')) {
      throw new EmbeddedDbUnavailable(
        'The embedded database jars are not fetched yet and Maven is missing. ' +
          'Install Maven (Debian: `apt-get install -y maven`) or set MONGODB_URI / MONGOD_BIN.',
      );
    }
    log('fetching mongo-java-server jars with Maven (first run only)…');
    const r = spawnSync('mvn', ['-q', '-B', '-f', join(DB_DIR, 'pom.xml'), 'dependency:copy-dependencies'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0 || !jarsPresent()) {
      throw new EmbeddedDbUnavailable('Maven could not fetch mongo-java-server (see its output above).');
    }
  }
  const source = join(LAUNCHER_DIR, 'EmbeddedMongo.java');
  const cls = join(LAUNCHER_DIR, 'EmbeddedMongo.class');
  if (!existsSync(cls) || statSync(cls).mtimeMs < statSync(source).mtimeMs) {
    if (!onPath('javac')) {
      throw new EmbeddedDbUnavailable(
        'javac is missing: install a JDK (Debian: `apt-get install -y openjdk-17-jdk-headless`).',
      );
    }
    const r = spawnSync('javac', ['-cp', join(JARS_DIR, '*'), '-d', LAUNCHER_DIR, source], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new EmbeddedDbUnavailable('Compiling the embedded database launcher failed.');
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
  what: string,
): Promise<RegExpMatchArray> {
  return new Promise((res, rej) => {
    let seen = '';
    const timer = setTimeout(
      () => finish(new Error(`${what} did not start within ${timeoutMs} ms:\n${seen.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (buf: Buffer) => {
      seen += buf.toString();
      const m = seen.match(pattern);
      if (m) finish(undefined, m);
    };
    const onExit = (code: number | null) =>
      finish(new Error(`${what} exited early (code ${code}):\n${seen.slice(-2000)}`));
    function finish(err?: Error, m?: RegExpMatchArray) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) rej(err);
      else res(m!);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

function stopper(child: ChildProcess, cleanup?: () => void): () => Promise<void> {
  return () =>
    new Promise<void>((res) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        cleanup?.();
        return res();
      }
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        cleanup?.();
        res();
      });
      child.kill('SIGTERM');
    });
}

async function startMongod(bin: string, opts: EmbeddedOptions): Promise<EmbeddedDb> {
  const tmp = opts.memory ? mkdtempSync(join(tmpdir(), 'xinfang-mongod-')) : undefined;
  const dbpath = tmp ?? join(resolve(opts.dataDir ?? '.data'), 'mongod');
  mkdirSync(dbpath, { recursive: true });
  const port = await freePort();
  const child = spawn(bin, ['--dbpath', dbpath, '--port', String(port), '--bind_ip', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /Waiting for connections/, 60_000, 'mongod');
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    kind: 'mongod',
    uri: `mongodb://127.0.0.1:${port}`,
    dataPath: tmp ? undefined : dbpath,
    stop: stopper(child, () => tmp && rmSync(tmp, { recursive: true, force: true })),
  };
}

async function startJavaServer(opts: EmbeddedOptions): Promise<EmbeddedDb> {
  ensureJavaServer(opts.log);
  // EMBEDDED_DB_JAVA_OPTS: extra JVM flags, e.g. `-Xmx20g` for a benchmark that holds a million cases in
  // the memory backend (the JVM's default heap is a quarter of RAM).
  const extra = (process.env.EMBEDDED_DB_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean);
  const args = [
    ...extra,
    '-Xss4m',
    '-cp',
    [LAUNCHER_DIR, join(JARS_DIR, '*')].join(delimiter),
    'EmbeddedMongo',
    '0',
  ];
  let dataPath: string | undefined;
  if (!opts.memory) {
    const dir = resolve(opts.dataDir ?? '.data');
    mkdirSync(dir, { recursive: true });
    dataPath = join(dir, 'xinfang.mv.db');
    args.push(dataPath);
  }
  // stdin stays open as a lifeline: when this process dies, the launcher reads EOF and exits too.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const m = await waitForLine(child, /LISTENING (\d+)/, 60_000, 'mongo-java-server');
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    kind: 'mongo-java-server',
    uri: `mongodb://127.0.0.1:${m[1]}`,
    dataPath,
    stop: stopper(child),
  };
}

export async function startEmbeddedDb(opts: EmbeddedOptions = {}): Promise<EmbeddedDb> {
  const mongod = findMongod(opts.mongodBin ?? process.env.MONGOD_BIN);
  const db = mongod ? await startMongod(mongod, opts) : await startJavaServer(opts);
  opts.log?.(
    `embedded ${db.kind} listening at ${db.uri}${db.dataPath ? ` (data: ${db.dataPath})` : ' (in memory)'}`,
  );
  return db;
}
