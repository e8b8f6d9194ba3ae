import { describe, expect, inject, it } from 'vitest';
import { build } from './helper';
import { loadConfig, ConfigError } from '../src/config';

describe('GET /api/health', () => {
  it('reports the database as up with its kind', async () => {
    const { app } = await build();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.db.state).toBe('up');
    // The server of this run: embedded (mongod or mongo-java-server) or an external one (TEST_MONGODB_URI).
    expect(['mongod', 'mongo-java-server', 'mongodb']).toContain(body.db.kind);
    expect(body.db.kind).toBe(inject('mongoKind'));
    expect(res.headers['x-request-id']).toBe(res.headers['x-request-id']);
  });

  it('reports degraded with 503 once the database connection is gone', async () => {
    const { app } = await build();
    await app.db.conn.close();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json().db.state).toBe('down');
  });
});

describe('errors', () => {
  it('answers unknown API paths with the JSON error shape in Chinese', async () => {
    const { app } = await build();
    const res = await app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: '接口不存在' });
    expect(res.json().requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects malformed JSON with a 400, not a 500', async () => {
    const { app } = await build({ extend: (a) => a.post('/api/echo-test', async (req) => req.body) });
    const res = await app.inject({
      method: 'POST',
      url: '/api/echo-test',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('请求格式不正确');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3 document describing /api/health', async () => {
    const { app } = await build();
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/health'].get.responses['200']).toBeDefined();
  });
});

describe('config', () => {
  it('refuses a bad value and names it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
  });
  it('refuses demo mode in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: 'true' })).toThrow(ConfigError);
  });
  it('requires an audit signing key in production, and one that is not the PII key (issue 12 finding 7)', () => {
    const key = (c: string) => `${c.repeat(43)}=`;
    const prod = {
      NODE_ENV: 'production',
      PII_KEY: key('A'),
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      SMS_SECRET_ID: 'id',
      SMS_SECRET_KEY: 'k',
      SMS_SDK_APP_ID: '1400000000',
      SMS_SIGN_NAME: '临江信访',
      SMS_TEMPLATE_ID: '1',
    };
    expect(() => loadConfig(prod)).toThrow(/AUDIT_SIGNING_KEY is required in production/);
    expect(() => loadConfig({ ...prod, AUDIT_SIGNING_KEY: key('A') })).toThrow(/must differ from PII_KEY/);
    expect(loadConfig({ ...prod, AUDIT_SIGNING_KEY: key('B') }).AUDIT_SIGNING_KEY).toBe(key('B'));
  });
  it('applies defaults', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DEMO: false, DATA_DIR: '.data' });
  });
});
