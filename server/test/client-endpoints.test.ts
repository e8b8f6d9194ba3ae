import { describe, expect, it } from 'vitest';
// The client's endpoint tables are plain data typed by the contracts (no Taro): the server reads them here.
import { endpoints } from '../../src/api/routes';
import { leaderEndpoints } from '../../src/leader/routes';
import { staffEndpoints } from '../../src/staff/routes';
import { build } from './helper';

describe('the client’s endpoint tables', () => {
  it('name only routes the server has, with the same method and path (DEMO routes on a DEMO server)', async () => {
    const { app } = await build({ env: { DEMO: 'true' } });
    const routes = new Set(app.routeTable.map((r) => `${r.method} ${r.url}`));
    const tables = { endpoints, staffEndpoints, leaderEndpoints };
    let checked = 0;
    for (const [table, entries] of Object.entries(tables)) {
      for (const [name, ep] of Object.entries(entries)) {
        expect(routes, `${table}.${name}`).toContain(`${ep.method} ${ep.path}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
