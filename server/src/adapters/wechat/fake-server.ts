import { createServer, type Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createSubscribeApiFake, type SubscribeApiFake } from './subscribe-fake';

/**
 * A local stand-in for api.weixin.qq.com's code2Session (GET /sns/jscode2session), for DEMO mode and tests.
 * It behaves like the documented API, errors included, so the real client code runs against it:
 * - appid/secret/grant_type are checked (40013 invalid appid, 40125 invalid appsecret, 40002 grant_type);
 * - `demo-<openid>` returns that openid and may be reused (the DEMO picker logs in again and again);
 *   any other code returns an openid derived from the code and is single-use (40163), like a real one;
 * - special codes: `invalid-*` 40029, `freq-*` 45011, `risky-*` 40226, `busy-*` -1 every time,
 *   `busyonce-*` -1 on the first call then success, `slow-*` answers after 3 s, `union-*` adds a unionid.
 * It also serves the access token and subscribe messages (GET /cgi-bin/token,
 * POST /cgi-bin/message/subscribe/send): see subscribe-fake.ts for their errors and special openids.
 */
export interface FakeWechat {
  baseUrl: string;
  appid: string;
  secret: string;
  /** Requests received (code only), in order: tests assert retries and that nothing else was called. */
  calls: string[];
  /** Access token + subscribe messages: the template id it accepts, what it received, token controls. */
  subscribe: Omit<SubscribeApiFake, 'handle'>;
  close(): Promise<void>;
}

export async function startFakeWechat(
  opts: { appid?: string; secret?: string; templateId?: string } = {},
): Promise<FakeWechat> {
  const appid = opts.appid ?? `wx${randomBytes(8).toString('hex')}`;
  const secret = opts.secret ?? randomBytes(16).toString('hex');
  const subscribe = createSubscribeApiFake({ appid, secret, templateId: opts.templateId });
  const used = new Set<string>();
  const busyOnce = new Set<string>();
  const calls: string[] = [];

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (subscribe.handle(req, res, url)) return;
    const send = (body: Record<string, unknown>) => {
      // WeChat answers 200 for errors too, with a JSON body.
      res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
      res.end(JSON.stringify(body));
    };
    const rid = randomBytes(6).toString('hex');
    const error = (errcode: number, errmsg: string) => send({ errcode, errmsg: `${errmsg}, rid: ${rid}` });
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const q = url.searchParams;
    const code = q.get('js_code') ?? '';
    calls.push(code);
    if (q.get('appid') !== appid) return error(40013, 'invalid appid');
    if (q.get('secret') !== secret) return error(40125, 'invalid appsecret');
    if (q.get('grant_type') !== 'authorization_code') return error(40002, 'invalid grant_type');
    if (!code) return error(41008, 'missing code');
    if (code.startsWith('invalid-')) return error(40029, 'invalid code');
    if (code.startsWith('freq-'))
      return error(45011, 'api minute-quota reach limit mustslower retry next minute');
    if (code.startsWith('risky-')) return error(40226, 'code blocked');
    if (code.startsWith('busy-')) return error(-1, 'system error');
    if (code.startsWith('busyonce-') && !busyOnce.has(code)) {
      busyOnce.add(code);
      return error(-1, 'system error');
    }
    const demo = /^demo-([A-Za-z0-9_-]{1,64})$/.exec(code);
    if (!demo) {
      if (used.has(code)) return error(40163, 'code been used');
      used.add(code);
    }
    const openid =
      demo?.[1] ?? `o${createHash('sha256').update(`${appid}/${code}`).digest('base64url').slice(0, 27)}`;
    const body: Record<string, unknown> = {
      openid,
      session_key: randomBytes(16).toString('base64'),
    };
    if (code.startsWith('union-')) body.unionid = `u${openid.slice(1)}`;
    if (code.startsWith('slow-')) {
      setTimeout(() => send(body), 3000).unref();
      return;
    }
    send(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    appid,
    secret,
    calls,
    subscribe,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
