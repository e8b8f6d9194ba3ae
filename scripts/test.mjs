#!/usr/bin/env node
// `npm test`: set up what is missing (incl. Chromium and the H5 build), then every test: domain, server
// (real wire-protocol DB), web units, and the end-to-end browser tests — one vitest run.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const step = (argv) => spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', cwd: root }).status ?? 1;
let code = step([process.execPath, 'scripts/setup.mjs', '--browser', '--h5']);
if (code === 0) code = step(['npx', 'vitest', 'run', ...process.argv.slice(2)]);
process.exit(code);
