import { describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { build } from './helper';

describe('OpenAPI document', () => {
  it('describes every API route, each with a summary and response schemas, and validates as OpenAPI 3', async () => {
    const { app } = await build();
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();

    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<Record<string, { summary?: string; responses?: object }>>(
      doc.paths,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        documented.add(`${method} ${path}`);
        expect(op.summary, `${method} ${path} summary`).toBeTruthy();
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path} responses`).toBeGreaterThan(0);
      }
    }
    const expected = [
      'get /api/health',
      'post /api/cases',
      'post /api/cases/register',
      'get /api/cases',
      'get /api/me/cases',
      'get /api/cases/{id}',
      'post /api/cases/{id}/actions',
      'post /api/cases/{id}/materials',
      'post /api/cases/{id}/notes',
      'post /api/auth/wechat',
      'post /api/auth/staff/login',
    ];
    for (const e of expected) expect(documented, e).toContain(e);
    // every registered /api route is in the document
    let checked = 0;
    for (const r of app.routeTable) {
      if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) continue;
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(documented, `${r.method} ${path}`).toContain(`${r.method.toLowerCase()} ${path}`);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(25);
  });
});
