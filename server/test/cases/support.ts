import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { build, copyDemoSeed, loginAs, type BuiltApp } from '../helper';
import type { App } from '../../src/app';

export type Headers = { authorization: string };

/**
 * An app on a fresh database with the demo units, users and cases: the run's seed (global-setup.ts), copied.
 * server/test/seed.test.ts runs the seed itself.
 */
export async function seeded(opts: { suite?: boolean } = {}): Promise<BuiltApp> {
  const built = await build(opts);
  await copyDemoSeed(built.app);
  return built;
}

export const key = () => randomUUID();

export const resident = (app: App, n: 1 | 2 | 3 | 4) => loginAs(app, { phone: `1380000000${n}` });

export function fileBody(over: Record<string, unknown> = {}) {
  return {
    idempotencyKey: key(),
    targetUnitId: 'jd-xfj',
    title: `楼道堆物影响消防通道${Math.random().toString(36).slice(2, 6)}`,
    request: '请求清理楼道堆放杂物，保障消防通道畅通。',
    facts: '本楼三楼至五楼楼道长期堆放杂物，物业多次劝说无效。',
    reasons: '消防通道不得占用。',
    subjectCode: 'cxjs-wy',
    location: { address: '江东区滨江花园5号楼' },
    proposedCategory: 'claim',
    ...over,
  };
}

export async function file(app: App, headers: Headers, over: Record<string, unknown> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: fileBody(over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().case as { id: string; number: string; version: number; state: string };
}

export async function getCase(app: App, headers: Headers, id: string) {
  return app.inject({ method: 'GET', url: `/api/cases/${id}`, headers });
}

/** Performs an action at the case's current version; returns the raw response. */
export async function act(app: App, headers: Headers, id: string, action: Record<string, unknown>) {
  const doc = await app.db.conn.collection('cases').findOne({ _id: id as never });
  return app.inject({
    method: 'POST',
    url: `/api/cases/${id}/actions`,
    headers,
    payload: { version: doc!.version, action },
  });
}

/** The types of the actions a case detail offers (each comes with the domain's label and article). */
export const offeredTypes = (detail: { availableActions: { type: string }[] }): string[] =>
  detail.availableActions.map((a) => a.type);

/** Same, expecting success; returns the new state. */
export async function ok(
  app: App,
  headers: Headers,
  id: string,
  action: Record<string, unknown>,
): Promise<string> {
  const res = await act(app, headers, id, action);
  expect(res.statusCode, `${String(action.type)}: ${res.body}`).toBe(200);
  return res.json().state;
}

export const opinion = (decision: 'support' | 'explain' | 'reject') => ({
  type: 'reply',
  document: {
    kind: 'opinion',
    request: '请求清理楼道堆放杂物',
    factsAndReasons: '经现场核查，楼道确有堆物，已责令物业限期清理。',
    decision,
    legalBasis: ['《中华人民共和国消防法》第二十八条'],
  },
});
