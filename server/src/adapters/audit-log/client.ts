import type { FastifyBaseLogger } from 'fastify';
import { UpstreamError } from '../http';

/**
 * Ships signed audit checkpoints (modules/audit/audit-anchors.ts) to an external, append-only log that the
 * database's administrators do not control (a SIEM collector, a WORM store, another organisation's log).
 *
 * The wire contract is deliberately small: `POST <AUDIT_SHIP_URL>` with the checkpoint as a JSON object
 * (`{v, seq, hash, at, keyId, sig}` — no personal data, only sequence numbers and hashes),
 * `Authorization: Bearer <AUDIT_SHIP_TOKEN>` when a token is set, and `Idempotency-Key: <keyId>:<seq>` so a
 * retried shipment is stored once. Any 2xx is an acknowledgement; anything else, a timeout or a network
 * error throws `UpstreamError`, and the caller retries later.
 */
export interface ShippedAnchor {
  v: 1;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  sig: string;
}

export interface AnchorShipper {
  ship(anchor: ShippedAnchor): Promise<void>;
}

export interface HttpAnchorShipperOptions {
  url: string;
  token?: string;
  timeoutMs: number;
  log?: FastifyBaseLogger;
}

export function createHttpAnchorShipper(opts: HttpAnchorShipperOptions): AnchorShipper {
  return {
    async ship(anchor) {
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': `${anchor.keyId}:${anchor.seq}`,
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          },
          body: JSON.stringify(anchor),
          redirect: 'error',
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
        // Read the body within the timeout too: a collector that stalls mid-answer is a failed shipment.
        await res.arrayBuffer();
      } catch (err) {
        const name = (err as { name?: string }).name;
        throw new UpstreamError(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network');
      }
      if (res.status < 200 || res.status > 299) throw new UpstreamError('status', res.status);
    },
  };
}
