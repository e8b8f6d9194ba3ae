import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * The access-token and subscribe-message half of the fake WeChat server (fake-server.ts mounts it). It
 * behaves like the documented API, errors included, and checks template values with WeChat's rules
 * independently of our own fitting code, so a value that would be refused in production is refused here:
 *
 * GET  /cgi-bin/token?grant_type=client_credential&appid&secret → {access_token, expires_in}
 *      errors: 40002 grant_type, 40013 appid, 40001 secret.
 * POST /cgi-bin/message/subscribe/send?access_token=… {touser, template_id, page, data, miniprogram_state}
 *      41001 no token, 40001 unknown/revoked token, 42001 expired token, 40037 template_id, 41030 page,
 *      47003 a data value breaking its kind's rule. Special openids (touser): `refused-*` 43101 (user
 *      refused), `badopenid-*` or a malformed one 40003, `busy-*` -1 always, `busyonce-*` -1 on its first
 *      message then ok, `quota-*` 45009, `tplerr-*` 47003, `slow-*` answers after 3 s.
 */
export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
}

export interface SubscribeApiFake {
  templateId: string;
  /** Messages accepted (errcode 0), in order. */
  sent: SentSubscribeMessage[];
  /** Every send request received (accepted or not): touser and the errcode answered. */
  attempts: { touser: string; errcode: number }[];
  /** Token requests received. */
  tokenRequests(): number;
  /** Every issued token expires now (→ 42001). */
  expireTokens(): void;
  /** Every issued token becomes invalid now (→ 40001), as when another client fetched a new one. */
  revokeTokens(): void;
  /** Handles the request if it is one of these endpoints; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

const HAN = /^\p{Script=Han}+$/u;
const TIME = /^(\d{4}年\d{1,2}月\d{1,2}日 |\d{4}-\d{2}-\d{2} )?\d{1,2}:\d{2}(:\d{2})?$/;
const DATE = /^\d{4}(年\d{1,2}月\d{1,2}日|-\d{2}-\d{2})( \d{1,2}:\d{2}(:\d{2})?)?$/;

/** WeChat's value rules per kind ("参数值内容限制说明"). */
function validValue(key: string, value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0) return false;
  const kind = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  const n = [...value].length;
  const one = (v: string) => v.split('~').map((s) => s.trim());
  switch (kind) {
    case 'thing':
      return n <= 20;
    case 'number':
      return n <= 32 && /^\d+(\.\d+)?$/.test(value);
    case 'letter':
      return n <= 32 && /^[A-Za-z]+$/.test(value);
    case 'symbol':
      return n <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(value);
    case 'character_string':
      return n <= 32 && /^[\x21-\x7e]+$/.test(value);
    case 'time':
      return one(value).every((v) => TIME.test(v));
    case 'date':
      return one(value).every((v) => DATE.test(v));
    case 'amount':
      return /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value);
    case 'phone_number':
      return n <= 17 && /^[\d+-]+$/.test(value);
    case 'car_number':
      return n <= 8;
    case 'name':
      return HAN.test(value) ? n <= 10 : n <= 20 && /^[^\p{Script=Han}]+$/u.test(value);
    case 'phrase':
      return n <= 5 && HAN.test(value);
    default:
      return false;
  }
}

export function createSubscribeApiFake(opts: {
  appid: string;
  secret: string;
  templateId?: string;
}): SubscribeApiFake {
  const templateId = opts.templateId ?? `tpl-${randomBytes(10).toString('hex')}`;
  const tokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  const busyOnce = new Set<string>();
  const sent: SentSubscribeMessage[] = [];
  const attempts: { touser: string; errcode: number }[] = [];
  let tokenRequests = 0;

  const reply = (res: ServerResponse, body: Record<string, unknown>) => {
    // WeChat answers 200 for errors too, with a JSON body.
    res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, errcode: number, errmsg: string) =>
    reply(res, { errcode, errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}` });

  function token(res: ServerResponse, q: URLSearchParams) {
    tokenRequests++;
    if (q.get('grant_type') !== 'client_credential') return error(res, 40002, 'invalid grant_type');
    if (q.get('appid') !== opts.appid) return error(res, 40013, 'invalid appid');
    if (q.get('secret') !== opts.secret)
      return error(res, 40001, 'invalid credential, access_token is invalid or not latest');
    const accessToken = randomBytes(48).toString('base64url');
    tokens.set(accessToken, { expiresAt: Date.now() + 7_200_000, revoked: false });
    reply(res, { access_token: accessToken, expires_in: 7200 });
  }

  function send(res: ServerResponse, q: URLSearchParams, raw: string) {
    const accessToken = q.get('access_token');
    if (!accessToken) return error(res, 41001, 'access_token missing');
    const t = tokens.get(accessToken);
    if (!t || t.revoked)
      return error(res, 40001, 'invalid credential, access_token is invalid or not latest');
    if (t.expiresAt <= Date.now()) return error(res, 42001, 'access_token expired');
    let body: Partial<SentSubscribeMessage>;
    try {
      body = JSON.parse(raw) as Partial<SentSubscribeMessage>;
    } catch {
      return error(res, 47001, 'data format error');
    }
    const touser = typeof body.touser === 'string' ? body.touser : '';
    const answer = (errcode: number, errmsg: string) => {
      attempts.push({ touser, errcode });
      if (errcode === 0) {
        sent.push(body as SentSubscribeMessage);
        return reply(res, { errcode: 0, errmsg: 'ok', msgid: Date.now() });
      }
      return error(res, errcode, errmsg);
    };
    if (!/^[A-Za-z0-9_-]{6,64}$/.test(touser) || touser.startsWith('badopenid-')) {
      return answer(40003, 'invalid openid');
    }
    if (body.template_id !== templateId) return answer(40037, 'invalid template_id');
    if (
      body.page !== undefined &&
      (typeof body.page !== 'string' ||
        !/^[A-Za-z0-9_/-]+(\?[\x21-\x7e]*)?$/.test(body.page) ||
        body.page.startsWith('/'))
    ) {
      return answer(41030, 'invalid page');
    }
    if (
      body.miniprogram_state !== undefined &&
      !['developer', 'trial', 'formal'].includes(body.miniprogram_state)
    ) {
      return answer(47003, 'argument invalid! miniprogram_state invalid');
    }
    const data = body.data;
    if (!data || typeof data !== 'object' || Object.keys(data).length === 0) {
      return answer(47003, 'argument invalid! data is empty');
    }
    for (const [key, v] of Object.entries(data)) {
      if (!validValue(key, (v as { value?: unknown })?.value)) {
        return answer(47003, `argument invalid! data.${key}.value invalid`);
      }
    }
    if (touser.startsWith('refused-')) return answer(43101, 'user refuse to accept the msg');
    if (touser.startsWith('busy-')) return answer(-1, 'system error');
    if (touser.startsWith('busyonce-') && !busyOnce.has(touser)) {
      busyOnce.add(touser);
      return answer(-1, 'system error');
    }
    if (touser.startsWith('quota-')) return answer(45009, 'reach max api daily quota limit');
    if (touser.startsWith('tplerr-')) return answer(47003, 'argument invalid! data.thing2.value invalid');
    if (touser.startsWith('slow-')) {
      setTimeout(() => answer(0, 'ok'), 3000).unref();
      return;
    }
    answer(0, 'ok');
  }

  return {
    templateId,
    sent,
    attempts,
    tokenRequests: () => tokenRequests,
    expireTokens() {
      for (const t of tokens.values()) t.expiresAt = 0;
    },
    revokeTokens() {
      for (const t of tokens.values()) t.revoked = true;
    },
    handle(req, res, url) {
      if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
        token(res, url.searchParams);
        return true;
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => send(res, url.searchParams, Buffer.concat(chunks).toString('utf8')));
        return true;
      }
      return false;
    },
  };
}
