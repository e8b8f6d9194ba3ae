#!/usr/bin/env node
// Idempotent machine + project setup shared by `npm start`, `npm test` and .ci/run.
// Uses only Node built-ins so it runs on a fresh clone before `npm ci`. It runs itself under a Node that
// satisfies package.json `engines.node` (scripts/node.mjs installs one into .tools/node when the machine's is
// older), and so does everything it starts (npm ci, tsx, the H5 build).
//   node scripts/setup.mjs            npm packages, Java + Maven, embedded DB jars
//   node scripts/setup.mjs --browser  … plus Debian Chromium and a CJK font (for the browser tests)
//   node scripts/setup.mjs --h5       … plus the H5 build when it is missing or older than the sources
//   node scripts/setup.mjs --fuzz     … plus Schemathesis (PyPI) in .venv-fuzz for the API fuzzing test
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, reexecUnderSupportedNode } from './node.mjs';

await reexecUnderSupportedNode();
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = new Set(process.argv.slice(2));
const log = (m) => console.log(`[setup] ${m}`);
log(`Node ${process.version} (${process.execPath})`);

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, env: childEnv(), ...opts });
  return r.status === 0;
}
function must(cmd, argv, what) {
  if (!run(cmd, argv)) {
    console.error(`[setup] failed: ${what}`);
    process.exit(1);
  }
}
function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)));
  return max;
}

let aptUpdated = false;
function aptInstall(packages, why) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(
      `[setup] missing ${packages.join(' ')} (${why}). Install them with your package manager and rerun.`,
    );
    process.exit(1);
  }
  const env = { ...childEnv(), DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt-get update');
    if (!run('apt-get', ['update', '-qq'], { env })) process.exit(1);
    aptUpdated = true;
  }
  log(`apt-get install ${packages.join(' ')} (${why})`);
  if (!run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env }))
    process.exit(1);
}

// 1. npm packages — reinstall when the lockfile changed since the last install.
const installedLock = join(root, 'node_modules', '.package-lock.json');
if (
  !existsSync(installedLock) ||
  statSync(installedLock).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs
) {
  // `npm ci` only: exactly the lockfile, or a failure. No fallback to `npm install`, which would quietly
  // resolve other versions and rewrite package-lock.json; a lockfile out of step with package.json is a bug
  // to fix in the repository (run `npm install` there and commit package-lock.json).
  log('npm ci');
  must('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci (package-lock.json must match package.json)');
}

// 2. Java + Maven for the embedded MongoDB-compatible server, unless a real database is configured.
if (!process.env.MONGODB_URI && !process.env.MONGOD_BIN && !has('mongod')) {
  const missing = [];
  if (!has('javac')) missing.push('openjdk-17-jdk-headless');
  if (!has('mvn')) missing.push('maven');
  if (missing.length) aptInstall(missing, 'embedded database');
  must('npx', ['tsx', 'server/src/db/cli.ts', 'fetch'], 'fetching the embedded database');
}

// 3. The server prints 文书 as PDF with a CJK font from Debian (server/src/modules/documents/pdf.ts).
if (!existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc')) {
  aptInstall(['fonts-noto-cjk'], 'CJK font for PDF documents');
}

// 4. Browser tests: Debian's Chromium (Playwright cannot download its own here) and a CJK font; poppler-utils
// (pdftotext, pdftoppm) lets the document tests read the generated PDFs back.
if (args.has('--browser')) {
  const missing = [];
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) missing.push('fonts-noto-cjk');
  if (!has('pdftotext')) missing.push('poppler-utils');
  if (missing.length) aptInstall(missing, 'browser tests');
}

// 5. The H5 build, rebuilt when the app sources are newer than it.
if (args.has('--h5')) {
  const built = newestMtime(join(root, 'dist-h5', 'index.html'));
  const sources = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'config')));
  if (!built || built < sources) {
    log('building the H5 app');
    must('npm', ['run', 'build:h5'], 'H5 build');
  }
}

// 5. API fuzzing: Schemathesis from PyPI, pinned, in a virtualenv of its own (.venv-fuzz, git-ignored).
const SCHEMATHESIS = 'schemathesis==4.32.5';
if (args.has('--fuzz')) {
  const venv = join(root, '.venv-fuzz');
  const st = join(venv, 'bin', 'st');
  const ok = existsSync(st) && run(st, ['--version'], { stdio: 'ignore' });
  if (!ok) {
    if (!has('python3')) aptInstall(['python3'], 'API fuzzing');
    if (!run('python3', ['-c', 'import venv, ensurepip'], { stdio: 'ignore' }))
      aptInstall(['python3-venv'], 'API fuzzing');
    log(`installing ${SCHEMATHESIS} into .venv-fuzz`);
    must('python3', ['-m', 'venv', venv], 'creating .venv-fuzz');
    must(
      join(venv, 'bin', 'pip'),
      ['install', '-q', '--disable-pip-version-check', SCHEMATHESIS],
      'pip install',
    );
  }
}
