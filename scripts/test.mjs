#!/usr/bin/env node
// `npm test`: set up what is missing (incl. Chromium and the H5 build), then every test: domain, server
// (real wire-protocol DB), web units, and the end-to-end browser tests — one vitest run. Ends with a plain
// "N passed, N failed" line read from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, reexecUnderSupportedNode } from './node.mjs';

// Under a Node that satisfies engines.node (installed into .tools/node when the machine's is older); `npx`
// finds the same node first on PATH, so vitest and everything it starts run under it too.
await reexecUnderSupportedNode();
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const step = (argv) =>
  spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', cwd: root, env: childEnv() }).status ?? 1;
let code = step([process.execPath, 'scripts/setup.mjs', '--browser', '--h5', '--fuzz']);
if (code !== 0) process.exit(code);

const report = join(root, '.test-artifacts', 'vitest-report.json');
mkdirSync(dirname(report), { recursive: true });
rmSync(report, { force: true });
code = step([
  'npx',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(
    `\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
  if (r.numTotalTests === 0) code = code || 1;
}
process.exit(code);
