import { describe, expect, it } from 'vitest';
import { build, loginAs } from '../helper';
import { seedIfEmpty } from '../../src/seed/demo';
import { FUZZ_ROLES, failureSummary, fuzzRoles } from '../../../bench/lib/fuzz';

/**
 * The short API fuzz for CI: Schemathesis against the live OpenAPI document, every check on
 * (not_a_server_error, response_schema_conformance, status/content-type/header conformance, negative data
 * rejection, positive data acceptance, unsupported methods, ignored auth, …), once per role with a real
 * session. The long run is `npx tsx scripts/fuzz.ts` (docs/quality.md).
 */
describe('API fuzzing (Schemathesis, short)', () => {
  it(
    'finds no server error, no schema violation and no failed check, for any role',
    { timeout: 600_000 },
    async () => {
      // DEMO: WeChat and SMS are the local fakes (without them, WeChat login is a deliberate 503 "not configured")
      const { app } = await build({ env: { DEMO: 'true' } });
      await seedIfEmpty(app);
      const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      const tokens: Record<string, string | null> = {};
      for (const [role, who] of Object.entries(FUZZ_ROLES)) {
        tokens[role] = who ? (await loginAs(app, /^1\d{10}$/.test(who) ? { phone: who } : who)).token : null;
      }
      const results = await fuzzRoles({
        baseUrl,
        tokens,
        maxExamples: 2,
        phases: 'examples,fuzzing',
        parallel: 3,
      });
      expect(results.map((r) => r.role).sort()).toEqual(Object.keys(FUZZ_ROLES).sort());
      for (const r of results) {
        expect(r.output, r.role).toMatch(/\d+ generated/);
        expect(r.code, `${r.role}:\n${failureSummary(r.output)}`).toBe(0);
      }
    },
  );
});
