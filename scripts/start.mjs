#!/usr/bin/env node
// `npm start`: set up what is missing, build the H5 app, and run server + embedded DB + H5 + demo data.
import { spawn, spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv, reexecUnderSupportedNode } from './node.mjs';

// Under a Node that satisfies engines.node (installed into .tools/node when the machine's is older).
await reexecUnderSupportedNode();
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const setup = spawnSync(process.execPath, ['scripts/setup.mjs', '--h5'], {
  stdio: 'inherit',
  cwd: root,
  env: childEnv(),
});
if (setup.status !== 0) process.exit(setup.status ?? 1);

const env = { DEMO: 'true', PORT: '3000', ...childEnv() };
console.log(
  `\n  信访/诉求 demo: http://localhost:${env.PORT}/   API docs: http://localhost:${env.PORT}/api/docs` +
    `   (Node ${process.version})\n`,
);
const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
  stdio: 'inherit',
  cwd: root,
  env,
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
