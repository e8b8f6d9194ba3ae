import Taro from '@tarojs/taro';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, listen, type TestServer } from '../test-support/http-server';
import { ApiError } from './errors';
import { request } from './request';
import { AUTH_REQUIRED_EVENT, getSession, getToken, saveSession, setReloginHandler } from './session';

const USER = {
  id: 'ae857312d3c0454070d7a7d3',
  displayName: '陈强',
  roles: ['resident' as const],
  unitCode: null,
  kind: 'resident' as const,
};

let srv: TestServer;
const validTokens = new Set<string>();
const seenAuth: string[] = [];

beforeAll(async () => {
  srv = await listen((req, res) => {
    const auth = req.headers.authorization ?? '';
    seenAuth.push(auth);
    switch (req.url) {
      case '/api/me/cases': {
        const token = auth.replace(/^Bearer /, '');
        if (!validTokens.has(token)) {
          return json(res, 401, {
            statusCode: 401,
            code: 'UNAUTHORIZED',
            message: '请先登录',
            requestId: 'r1',
          });
        }
        return json(res, 200, { items: [], nextCursor: null });
      }
      case '/api/me/cases?slow': {
        // answers after a while: its 401 arrives once another request has already signed in again
        const token = auth.replace(/^Bearer /, '');
        setTimeout(() => {
          if (!validTokens.has(token)) {
            json(res, 401, { statusCode: 401, code: 'UNAUTHORIZED', message: '请先登录', requestId: 'r5' });
          } else json(res, 200, { items: [], nextCursor: null });
        }, 150);
        return;
      }
      case '/api/refused':
        return json(res, 422, {
          statusCode: 422,
          code: 'RULE_VIOLATION',
          message: '请求复查应当自收到书面答复之日起30日内提出（已于2026年12月20日届满）。',
          requestId: 'r2',
          details: { article: '《信访工作条例》第三十五条', rule: 'REVIEW_WINDOW_CLOSED' },
        });
      case '/api/invalid':
        return json(res, 400, {
          statusCode: 400,
          code: 'VALIDATION',
          message: '提交的内容不正确：title：内容过短',
          requestId: 'r3',
        });
      case '/api/broken':
        return json(res, 500, {
          statusCode: 500,
          code: 'INTERNAL',
          message: '服务器内部错误',
          requestId: 'r4',
        });
      default:
        return json(res, 404, { message: 'Not Found' });
    }
  });
});
afterAll(() => srv.close());

beforeEach(() => {
  Taro.clearStorageSync();
  validTokens.clear();
  seenAuth.length = 0;
});
afterEach(() => setReloginHandler(null));

function login(token: string) {
  saveSession({ token, expiresAt: '2026-12-30T00:00:00Z', user: USER });
}

describe('session token', () => {
  it('goes out as Authorization: Bearer, from Taro storage', async () => {
    validTokens.add('t-1');
    login('t-1');
    await request('/api/me/cases', { baseUrl: srv.base });
    expect(seenAuth).toEqual(['Bearer t-1']);
  });

  it('is not sent to endpoints marked auth: none', async () => {
    login('t-1');
    await request('/api/nothing', { baseUrl: srv.base, auth: 'none' }).catch(() => undefined);
    expect(seenAuth).toEqual(['']);
  });

  it('on a 401 (H5: no silent login) is cleared and the app is told to show the login page', async () => {
    login('expired');
    let asked = 0;
    const listener = () => (asked += 1);
    Taro.eventCenter.on(AUTH_REQUIRED_EVENT, listener);
    const err = (await request('/api/me/cases', { baseUrl: srv.base }).catch((e: unknown) => e)) as ApiError;
    Taro.eventCenter.off(AUTH_REQUIRED_EVENT, listener);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(401);
    expect(err.message).toBe('请先登录');
    expect(getSession()).toBeNull();
    expect(asked).toBe(1);
  });

  it('mini-program: one silent re-login for many parallel 401s, then each request is retried once', async () => {
    login('expired');
    let logins = 0;
    setReloginHandler(async () => {
      logins += 1;
      await new Promise((r) => setTimeout(r, 50)); // wx.login + POST /api/auth/wechat take a while
      validTokens.add('fresh');
      login('fresh');
      return 'fresh';
    });
    const results = await Promise.all([1, 2, 3].map(() => request('/api/me/cases', { baseUrl: srv.base })));
    expect(results).toHaveLength(3);
    expect(logins).toBe(1);
    expect(seenAuth.filter((a) => a === 'Bearer expired')).toHaveLength(3);
    expect(seenAuth.filter((a) => a === 'Bearer fresh')).toHaveLength(3);
    expect(getToken()).toBe('fresh');
  });

  it('mini-program: a 401 that arrives after the re-login finished retries with the new token, no second login', async () => {
    login('expired');
    let logins = 0;
    setReloginHandler(async () => {
      logins += 1;
      validTokens.add('fresh');
      login('fresh');
      return 'fresh';
    });
    const [fast, slow] = await Promise.all([
      request('/api/me/cases', { baseUrl: srv.base }),
      request('/api/me/cases?slow', { baseUrl: srv.base }),
    ]);
    expect(fast).toEqual({ items: [], nextCursor: null });
    expect(slow).toEqual({ items: [], nextCursor: null });
    expect(logins).toBe(1);
    expect(seenAuth.filter((a) => a === 'Bearer fresh')).toHaveLength(2);
  });

  it('mini-program: a failed re-login ends in the same 401, not a loop', async () => {
    login('expired');
    let logins = 0;
    setReloginHandler(async () => {
      logins += 1;
      throw new Error('wx.login failed');
    });
    const err = (await request('/api/me/cases', { baseUrl: srv.base }).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(401);
    expect(logins).toBe(1);
    expect(seenAuth).toHaveLength(1);
  });
});

describe('errors the resident reads', () => {
  it('a refusal (422) shows the server’s Chinese reason and the article behind it', async () => {
    const err = (await request('/api/refused', { baseUrl: srv.base }).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(422);
    expect(err.message).toBe('请求复查应当自收到书面答复之日起30日内提出（已于2026年12月20日届满）。');
    expect(err.article).toBe('《信访工作条例》第三十五条');
    expect(err.code).toBe('RULE_VIOLATION');
  });

  it('a validation error (400) keeps the server’s field message', async () => {
    const err = (await request('/api/invalid', { baseUrl: srv.base }).catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe('提交的内容不正确：title：内容过短');
  });

  it('a server fault (5xx) says only that the service is unavailable, with the request id', async () => {
    const err = (await request('/api/broken', { baseUrl: srv.base }).catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe('服务暂时不可用，请稍后重试');
    expect(err.requestId).toBe('r4');
  });
});
