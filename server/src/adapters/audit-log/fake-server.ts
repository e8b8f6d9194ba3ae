import { createServer, type Server } from 'node:http';
import { text } from 'node:stream/consumers';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ShippedAnchor } from './client';

/**
 * A local stand-in for the external audit log (adapters/audit-log/client.ts), for tests: `POST /anchors`
 * with the bearer token it was started with; stores each checkpoint once per Idempotency-Key (a replay
 * answers 200, a first delivery 201); 401 for a wrong or missing token, 400 for a body that is not a
 * checkpoint. `failNext(n, status)` answers the next n requests with that status; `stallNext(n, ms)` holds
 * the next n answers for ms (timeouts).
 */
export interface FakeAuditLog {
  url: string;
  token: string;
  received: ShippedAnchor[];
  /** Requests seen, including refused and stalled ones. */
  requests: number;
  failNext(n: number, status?: number): void;
  stallNext(n: number, ms: number): void;
  close(): Promise<void>;
}

const isAnchor = (x: unknown): x is ShippedAnchor => {
  const a = x as Record<string, unknown>;
  return (
    !!a &&
    a.v === 1 &&
    Number.isInteger(a.seq) &&
    typeof a.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(a.hash) &&
    typeof a.at === 'string' &&
    typeof a.keyId === 'string' &&
    typeof a.sig === 'string'
  );
};

export async function startFakeAuditLog(opts: { token?: string } = {}): Promise<FakeAuditLog> {
  const token = opts.token ?? randomBytes(16).toString('hex');
  const received: ShippedAnchor[] = [];
  const keys = new Set<string>();
  let failing: { n: number; status: number } = { n: 0, status: 500 };
  let stalling: { n: number; ms: number } = { n: 0, ms: 0 };
  let requests = 0;

  const server: Server = createServer(async (req, res) => {
    requests++;
    const body = await text(req);
    const answer = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (stalling.n > 0) {
      stalling.n--;
      await new Promise((r) => setTimeout(r, stalling.ms).unref());
    }
    if (failing.n > 0) {
      failing.n--;
      return answer(failing.status, { error: 'unavailable' });
    }
    if (req.method !== 'POST' || req.url !== '/anchors') return answer(404, { error: 'not found' });
    if (req.headers.authorization !== `Bearer ${token}`) return answer(401, { error: 'unauthorized' });
    let anchor: unknown;
    try {
      anchor = JSON.parse(body);
    } catch {
      return answer(400, { error: 'not json' });
    }
    if (!isAnchor(anchor)) return answer(400, { error: 'not a checkpoint' });
    const key = String(req.headers['idempotency-key'] ?? '');
    if (key !== `${anchor.keyId}:${anchor.seq}`) return answer(400, { error: 'bad idempotency key' });
    if (keys.has(key)) return answer(200, { stored: false });
    keys.add(key);
    received.push(anchor);
    return answer(201, { stored: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/anchors`,
    token,
    received,
    get requests() {
      return requests;
    },
    failNext: (n, status = 500) => {
      failing = { n, status };
    },
    stallNext: (n, ms) => {
      stalling = { n, ms };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
