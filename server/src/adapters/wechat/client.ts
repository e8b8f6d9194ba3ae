import type { FastifyBaseLogger } from 'fastify';
import { AppError, ServiceUnavailable } from '../../errors';
import { fetchJson, sleep, UpstreamError } from '../http';

export interface WechatSession {
  openid: string;
  /** Never leaves the server: it signs/decrypts user data from the mini-program. */
  sessionKey: string;
  unionid?: string;
}

export interface WechatAuth {
  code2Session(code: string): Promise<WechatSession>;
}

export interface WechatClientOptions {
  appid?: string;
  secret?: string;
  /** https://api.weixin.qq.com, or the local fake (DEMO, tests). */
  baseUrl: string;
  timeoutMs: number;
  /** Wait before the single retry of errcode -1 (system busy). */
  retryDelayMs?: number;
  log: FastifyBaseLogger;
}

/** Documented errcodes of code2Session and what the user is told. */
const ERRORS: Record<number, () => AppError> = {
  40029: () => new AppError(400, 'WECHAT_CODE_INVALID', '微信登录凭证无效或已过期，请重新登录'),
  // A code is single-use: a replayed code is as invalid as a forged one.
  40163: () => new AppError(400, 'WECHAT_CODE_INVALID', '微信登录凭证无效或已过期，请重新登录'),
  45011: () => new AppError(429, 'WECHAT_RATE_LIMITED', '微信登录过于频繁，请一分钟后再试'),
  40226: () =>
    new AppError(
      403,
      'WECHAT_USER_BLOCKED',
      '微信判定当前账号存在安全风险，已拦截登录，可改用手机号验证码登录',
    ),
};

/**
 * auth.code2Session over HTTPS (GET /sns/jscode2session). The query string carries the app secret and the
 * code, so the URL is never logged and never put into an error.
 */
export function createWechatClient(opts: WechatClientOptions): WechatAuth {
  const retryDelayMs = opts.retryDelayMs ?? 300;

  async function once(code: string): Promise<{ errcode?: number; session?: WechatSession }> {
    const url = new URL('/sns/jscode2session', opts.baseUrl);
    url.search = new URLSearchParams({
      appid: opts.appid!,
      secret: opts.secret!,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let res;
    try {
      res = await fetchJson(url.toString(), { method: 'GET' }, opts.timeoutMs);
    } catch (err) {
      const reason = err instanceof UpstreamError ? err.reason : 'unknown';
      opts.log.warn(
        { upstream: 'wechat', reason, status: (err as UpstreamError).status },
        'code2Session failed',
      );
      throw new ServiceUnavailable('微信服务暂时无法访问，请稍后再试');
    }
    const body = res.json as {
      openid?: unknown;
      session_key?: unknown;
      unionid?: unknown;
      errcode?: unknown;
    };
    const errcode = typeof body?.errcode === 'number' ? body.errcode : 0;
    if (errcode !== 0) return { errcode };
    if (typeof body.openid !== 'string' || !body.openid || typeof body.session_key !== 'string') {
      opts.log.error({ upstream: 'wechat', status: res.status }, 'code2Session answered without openid');
      throw new ServiceUnavailable('微信服务暂时无法访问，请稍后再试');
    }
    return {
      session: {
        openid: body.openid,
        sessionKey: body.session_key,
        ...(typeof body.unionid === 'string' && body.unionid ? { unionid: body.unionid } : {}),
      },
    };
  }

  return {
    async code2Session(code) {
      if (!opts.appid || !opts.secret) {
        throw new ServiceUnavailable('微信登录未配置，请使用手机号验证码登录');
      }
      let result = await once(code);
      // -1 is WeChat's "system busy, try again later": one retry after a short pause, no more, so a
      // WeChat outage cannot multiply our traffic.
      if (result.errcode === -1) {
        await sleep(retryDelayMs);
        result = await once(code);
      }
      if (result.session) return result.session;
      const errcode = result.errcode!;
      const mapped = ERRORS[errcode];
      if (mapped) throw mapped();
      if (errcode === -1) throw new ServiceUnavailable('微信服务繁忙，请稍后再试');
      // 40013 invalid appid, 40125 invalid secret…: our configuration is wrong, not the user's input.
      opts.log.error({ upstream: 'wechat', errcode }, 'code2Session rejected our request');
      throw new ServiceUnavailable('微信登录暂不可用，请稍后再试');
    },
  };
}
