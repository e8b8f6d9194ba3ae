import type { FastifyBaseLogger } from 'fastify';
import { fetchJson, UpstreamError } from '../http';

/**
 * WeChat mini-program subscribe messages (subscribeMessage.send) over HTTPS, with the access token
 * (GET /cgi-bin/token) cached until shortly before it expires and refreshed when WeChat calls it invalid
 * (40001) or expired (42001). Both URLs carry secrets in the query string (the app secret, the token), so
 * neither URL is ever logged or put into an error; the recipient's openid is not logged either.
 *
 * Several instances: each fetch of a new token starts retiring the previous one (WeChat keeps it valid for
 * 5 minutes), so instances fetching their own tokens would keep invalidating each other. Only the jobs
 * runner's lease holder sends, so one instance fetches at a time; the 40001 refresh covers a hand-over.
 * If more instances ever send at once, move to /cgi-bin/stable_token or share the token through the DB.
 */

export interface SubscribeMessage {
  /** The recipient's openid. */
  touser: string;
  templateId: string;
  /** Mini-program page opened from the card, e.g. `pages/petitions/index?id=…`. */
  page?: string;
  /** `{ thing2: { value: '…' } }` — values already fitted (subscribe-fields.ts). */
  data: Record<string, { value: string }>;
  miniprogramState: 'developer' | 'trial' | 'formal';
}

/**
 * What the sender should do next. `code` is a short machine code (`wechat:43101`, `timeout` …) that is
 * safe to store and log.
 */
export type SubscribeOutcome =
  | { result: 'sent' }
  /** The user refused or unsubscribed (43101), or the openid is not valid for us (40003): never retry. */
  | { result: 'skipped'; code: string }
  /** Our message is wrong (47003 params, 40037 template, 41030 page): retrying cannot help. */
  | { result: 'failed'; code: string }
  /** Busy (-1), network, 5xx, token trouble: retry later with backoff. */
  | { result: 'retry'; code: string }
  /** 45009 quota reached: stop sending for a while; the message itself is fine. */
  | { result: 'rateLimited'; code: string };

export interface SubscribeSender {
  send(message: SubscribeMessage): Promise<SubscribeOutcome>;
}

export interface SubscribeClientOptions {
  appid?: string;
  secret?: string;
  baseUrl: string;
  timeoutMs: number;
  log: FastifyBaseLogger;
  /** Clock for token expiry (tests). */
  now?: () => number;
}

/** Refresh this long before WeChat's stated expiry, so a token never dies mid-request. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
const SKIP = new Set([43101, 40003]);
const FAIL = new Set([47003, 40037, 41030]);

class TokenError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export function createSubscribeClient(opts: SubscribeClientOptions): SubscribeSender & {
  /** Drops the cached token (the next send fetches a new one). */
  invalidateToken(): void;
} {
  const now = opts.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const url = new URL('/cgi-bin/token', opts.baseUrl);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: opts.appid!,
      secret: opts.secret!,
    }).toString();
    let res;
    try {
      res = await fetchJson(url.toString(), { method: 'GET' }, opts.timeoutMs);
    } catch (err) {
      const reason = err instanceof UpstreamError ? err.reason : 'unknown';
      opts.log.warn({ upstream: 'wechat', api: 'token', reason }, 'access token request failed');
      throw new TokenError(`token:${reason}`);
    }
    const body = res.json as { access_token?: unknown; expires_in?: unknown; errcode?: unknown };
    if (typeof body?.access_token === 'string' && body.access_token) {
      const ttl = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 7_200_000;
      cached = { token: body.access_token, expiresAt: now() + Math.max(ttl - TOKEN_MARGIN_MS, ttl / 2) };
      return body.access_token;
    }
    const errcode = typeof body?.errcode === 'number' ? body.errcode : 'body';
    // 40013 appid, 40001/40125 secret, 40164 IP not whitelisted: our configuration, not the message.
    opts.log.error({ upstream: 'wechat', api: 'token', errcode }, 'access token refused');
    throw new TokenError(`token:${errcode}`);
  }

  async function token(): Promise<string> {
    if (cached && cached.expiresAt > now()) return cached.token;
    // single-flight: a batch of sends shares one token request
    inflight ??= fetchToken().finally(() => (inflight = undefined));
    return inflight;
  }

  async function post(message: SubscribeMessage, accessToken: string): Promise<number | string> {
    const url = new URL('/cgi-bin/message/subscribe/send', opts.baseUrl);
    url.search = new URLSearchParams({ access_token: accessToken }).toString();
    const body = JSON.stringify({
      touser: message.touser,
      template_id: message.templateId,
      ...(message.page ? { page: message.page } : {}),
      data: message.data,
      miniprogram_state: message.miniprogramState,
      lang: 'zh_CN',
    });
    try {
      const res = await fetchJson(
        url.toString(),
        { method: 'POST', headers: { 'content-type': 'application/json' }, body },
        opts.timeoutMs,
      );
      const errcode = (res.json as { errcode?: unknown })?.errcode;
      return typeof errcode === 'number' ? errcode : 'body';
    } catch (err) {
      return err instanceof UpstreamError ? (err.status ? `status:${err.status}` : err.reason) : 'unknown';
    }
  }

  function outcome(code: number | string): SubscribeOutcome {
    if (code === 0) return { result: 'sent' };
    if (typeof code === 'string') return { result: 'retry', code };
    const tag = `wechat:${code}`;
    if (SKIP.has(code)) return { result: 'skipped', code: tag };
    if (FAIL.has(code)) {
      opts.log.error(
        { upstream: 'wechat', api: 'subscribe.send', errcode: code },
        'subscribe message refused',
      );
      return { result: 'failed', code: tag };
    }
    if (code === 45009) return { result: 'rateLimited', code: tag };
    // -1 (busy) and anything undocumented: retry, bounded by the sender's attempt limit.
    return { result: 'retry', code: tag };
  }

  return {
    invalidateToken() {
      cached = undefined;
    },

    async send(message) {
      if (!opts.appid || !opts.secret) return { result: 'skipped', code: 'not-configured' };
      try {
        let code = await post(message, await token());
        if (typeof code === 'number' && TOKEN_ERRORS.has(code)) {
          // Revoked by a newer token (another instance, the console) or expired early: one fresh try.
          cached = undefined;
          code = await post(message, await token());
          if (typeof code === 'number' && TOKEN_ERRORS.has(code))
            return { result: 'retry', code: `wechat:${code}` };
        }
        return outcome(code);
      } catch (err) {
        if (err instanceof TokenError) return { result: 'retry', code: err.code };
        throw err;
      }
    },
  };
}
