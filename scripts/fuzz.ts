/**
 * API fuzzing with Schemathesis against the OpenAPI document (/api/docs/json), every check on, once per role
 * (anonymous, resident, grid worker, clerk, handler, unit head, leader, auditor, admin), each with a DEMO
 * session, on a fresh in-memory database with the demo seed.
 *   npx tsx scripts/fuzz.ts [--max-examples 50] [--phases examples,coverage,fuzzing,stateful] [--roles clerk,admin]
 * Needs Schemathesis in .venv-fuzz (`node scripts/setup.mjs --fuzz`). Exits non-zero on any failure;
 * JUnit reports go to .test-artifacts/fuzz/<role>/.
 */
import { parseArgs } from 'node:util';
import { startStack } from '../bench/lib/stack';
import { FUZZ_ROLES, fuzzRoles } from '../bench/lib/fuzz';

async function main() {
  const { values } = parseArgs({
    options: {
      'max-examples': { type: 'string', default: '50' },
      phases: { type: 'string', default: 'examples,coverage,fuzzing,stateful' },
      roles: { type: 'string', default: Object.keys(FUZZ_ROLES).join(',') },
      workers: { type: 'string', default: '2' },
    },
  });
  const stack = await startStack();
  const t0 = Date.now();
  try {
    const tokens: Record<string, string | null> = {};
    for (const role of values.roles!.split(',')) {
      const who = FUZZ_ROLES[role];
      if (who === undefined) throw new Error(`unknown role ${role}`);
      tokens[role] = who ? await stack.login(who) : null;
    }
    const results = await fuzzRoles({
      baseUrl: stack.baseUrl,
      tokens,
      maxExamples: Number(values['max-examples']),
      phases: values.phases!,
      workers: Number(values.workers),
      echo: true,
    });
    console.log(`\nfuzz summary (${Math.round((Date.now() - t0) / 1000)} s):`);
    for (const r of results) {
      const generated = /(\d+) generated/.exec(r.output)?.[1] ?? '?';
      console.log(
        `  ${r.role.padEnd(12)} ${r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`}  ${generated} test cases  ${r.seconds}s`,
      );
    }
    process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
  } finally {
    await stack.close();
  }
}

void main();
