import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../messages';
import { ApiError } from './errors';
import { isHealthy, type HealthResponse } from './endpoints';
import { request } from './request';

// A real HTTP server on a free port; the client goes through the real H5 Taro.request (fetch).
function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; base: string }> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${port}` });
    });
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
  res.end(JSON.stringify(body));
}

let server: Server;
let base: string;

beforeAll(async () => {
  ({ server, base } = await listen((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' });
      return res.end();
    }
    switch (req.url) {
      case '/api/health':
        return json(res, 200, { status: 'ok', db: { state: 'up' } });
      case '/api/health-degraded':
        return json(res, 503, { status: 'degraded', db: { state: 'down' }, code: 'DB_DOWN' });
      case '/api/slow':
        return; // never answers
      default:
        return json(res, 404, { message: 'Not Found' });
    }
  }));
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected the request to fail');
}

describe('request', () => {
  it('resolves with the JSON body of a 2xx answer', async () => {
    const body = await request<HealthResponse>('/api/health', { baseUrl: base });
    expect(body).toEqual({ status: 'ok', db: { state: 'up' } });
    expect(isHealthy(body)).toBe(true);
  });

  it('maps a 5xx answer to an http ApiError with the Chinese server message and the server code', async () => {
    const err = await failure(request('/api/health-degraded', { baseUrl: base }));
    expect(err.kind).toBe('http');
    expect(err.status).toBe(503);
    expect(err.code).toBe('DB_DOWN');
    expect(err.message).toBe(messages.errors.server);
  });

  it('maps a 404 to the not-found message', async () => {
    const err = await failure(request('/api/nothing-here', { baseUrl: base }));
    expect(err).toMatchObject({ kind: 'http', status: 404, message: messages.errors.notFound });
  });

  it('maps an unreachable server to a network ApiError', async () => {
    const { server: closed, base: deadBase } = await listen(() => undefined);
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(request('/api/health', { baseUrl: deadBase }));
    expect(err.kind).toBe('network');
    expect(err.message).toBe(messages.errors.network);
    expect(err.status).toBeUndefined();
  });

  it('maps a request that outlives its timeout to a timeout ApiError', async () => {
    const err = await failure(request('/api/slow', { baseUrl: base, timeoutMs: 300 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(messages.errors.timeout);
  });
});

describe('isHealthy', () => {
  it('needs both the API and the database up', () => {
    expect(isHealthy({ status: 'ok', db: { state: 'down' } })).toBe(false);
    expect(isHealthy({ status: 'ok' })).toBe(false);
  });
});
