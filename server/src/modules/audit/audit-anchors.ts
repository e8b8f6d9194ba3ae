/**
 * Signed checkpoints ("anchors") of the audit chain (GB/T 22239—2019 8.1.4.3 d: audit records are protected
 * from unexpected deletion, modification or overwriting; DOMAIN.md §13).
 *
 * The hash chain alone proves nothing against someone with write access to the database: he can delete the
 * tail, or rewrite the whole chain and recompute every SHA-256 and the head. An anchor is (seq, hash of the
 * entry at seq, time) signed with an Ed25519 key that is NOT in the database (AUDIT_SIGNING_KEY, from the
 * environment; in development generated once under DATA_DIR like the PII key). Each anchor is kept in three
 * places: the `audit_anchors` collection (all instances see it), an append-only JSON-lines file under
 * DATA_DIR (outside the database; one per instance), and — when AUDIT_SHIP_URL is set — an external log
 * (adapters/audit-log). `verify` checks the chain against every anchor it can read: a rewritten entry no
 * longer has the signed hash, a cut tail ends before the newest anchor, a forged anchor has no valid
 * signature, and an anchor deleted from the database is still in the file.
 *
 * When anchors are written:
 *  - by the writer, whenever a committed group crosses a multiple of AUDIT_ANCHOR_EVERY (default 100) — so a
 *    busy log is anchored every 100 entries whatever the clock says;
 *  - by the `audit-anchor` lease job (every JOBS_INTERVAL_MS, default 60 s): the newest entry, if it moved
 *    since the newest anchor — so a quiet log is anchored within a minute;
 *  - on graceful shutdown (the entries this instance wrote since its last anchor).
 * What remains undetectable is the window after the newest anchor: at most 100 entries or one job interval.
 *
 * Shipping never blocks a write: an anchor is stored and appended first, then shipped; a failed shipment
 * (error, non-2xx, timeout) is marked for a retry with backoff, and the job ships what is pending.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Connection } from 'mongoose';
import type { FastifyBaseLogger } from 'fastify';
import type { AnchorShipper, ShippedAnchor } from '../../adapters/audit-log/client';
import { UpstreamError } from '../../adapters/http';
import { auditAnchorModel, type AuditAnchorDoc } from './audit.model';
import type { AuditVerifyDto } from '../../contracts/audit';

export type Anchor = ShippedAnchor;
type Problem = NonNullable<AuditVerifyDto['firstBad']>;

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface AnchorSigner {
  /** First 16 hex digits of sha256(raw public key): names the key in every anchor. */
  keyId: string;
  /** Raw 32-byte public key, base64: give it to whoever checks the external log. */
  publicKey: string;
  sign(a: Omit<Anchor, 'sig'>): string;
  verify(a: Anchor): boolean;
}

const signedMaterial = (a: Omit<Anchor, 'sig'>) =>
  Buffer.from(JSON.stringify([a.v, a.seq, a.hash, a.at, a.keyId]), 'utf8');

/** `seedBase64`: the 32-byte Ed25519 seed (AUDIT_SIGNING_KEY). */
export function createAnchorSigner(seedBase64: string): AnchorSigner {
  const seed = Buffer.from(seedBase64, 'base64');
  if (seed.length !== 32) throw new Error('audit signing key must be 32 bytes, base64-encoded');
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const keyId = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  return {
    keyId,
    publicKey: raw.toString('base64'),
    sign: (a) => sign(null, signedMaterial(a), privateKey).toString('base64'),
    verify: (a) => {
      if (a.keyId !== keyId || typeof a.sig !== 'string') return false;
      try {
        return verify(null, signedMaterial(a), publicKey, Buffer.from(a.sig, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/** A fresh key for processes that were given none (benchmarks, e2e): anchors verify within this process only. */
export const ephemeralSigningKey = () => randomBytes(32).toString('base64');

export interface AnchorOptions {
  signer: AnchorSigner;
  /** The append-only file under DATA_DIR; undefined: anchors are kept in the database only. */
  file?: string;
  shipper?: AnchorShipper;
  log?: FastifyBaseLogger;
}

/** What `collect` found for a verification: the anchors that bind the chain, and what is wrong with the rest. */
export interface AnchorEvidence {
  /** seq → signed hash, from every valid anchor (database and file). */
  bySeq: Map<number, string>;
  problems: Problem[];
  /** Valid anchors read (database and file, each counted once per seq). */
  count: number;
  latest: { seq: number; hash: string; at: string } | null;
}

const SHIP_BATCH = 100;
const shipBackoffMs = (attempts: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;

const toAnchor = (d: Pick<AuditAnchorDoc, '_id' | 'v' | 'hash' | 'at' | 'keyId' | 'sig'>): Anchor => ({
  v: d.v,
  seq: d._id,
  hash: d.hash,
  at: d.at,
  keyId: d.keyId,
  sig: d.sig,
});

export function createAnchors(conn: Connection, opts: AnchorOptions) {
  const Anchors = auditAnchorModel(conn);
  const { signer, log } = opts;
  let fileQueue: Promise<void> = Promise.resolve();

  /** One line per anchor, appended and synced in order (O_APPEND: instances sharing a file do not clobber). */
  function appendToFile(a: Anchor): Promise<void> {
    const file = opts.file;
    if (!file) return Promise.resolve();
    const next = fileQueue.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const fh = await open(file, 'a', 0o640);
      try {
        await fh.appendFile(`${JSON.stringify(a)}\n`, 'utf8');
        await fh.datasync();
      } finally {
        await fh.close();
      }
    });
    fileQueue = next.catch(() => undefined);
    return next;
  }

  async function shipOne(a: Anchor, now = new Date()): Promise<boolean> {
    if (!opts.shipper) return false;
    try {
      await opts.shipper.ship(a);
      await Anchors.updateOne({ _id: a.seq }, { $set: { shippedAt: new Date(), nextShipAt: null } });
      return true;
    } catch (err) {
      const doc = await Anchors.findOneAndUpdate(
        { _id: a.seq, shippedAt: null },
        { $inc: { shipAttempts: 1 } },
        { new: true },
      ).lean();
      const attempts = doc?.shipAttempts ?? 1;
      await Anchors.updateOne(
        { _id: a.seq, shippedAt: null },
        { $set: { nextShipAt: new Date(now.getTime() + shipBackoffMs(attempts)) } },
      );
      log?.warn(
        {
          upstream: 'audit-log',
          reason: err instanceof UpstreamError ? err.reason : 'unknown',
          status: (err as UpstreamError).status,
          seq: a.seq,
          attempts,
        },
        'audit checkpoint not shipped; will retry',
      );
      return false;
    }
  }

  /**
   * Signs (seq, hash) of a committed entry and keeps it: database (idempotent by seq — a second instance
   * anchoring the same entry keeps the first), file, external log. Resolves after the file append; the
   * shipment is not awaited by writers (see `record`).
   */
  async function anchor(tip: { seq: number; hash: string }, now = new Date()): Promise<Anchor> {
    const content = {
      v: 1 as const,
      seq: tip.seq,
      hash: tip.hash,
      at: now.toISOString(),
      keyId: signer.keyId,
    };
    const a: Anchor = { ...content, sig: signer.sign(content) };
    let stored = true;
    try {
      await Anchors.collection.insertOne({
        _id: a.seq,
        v: a.v,
        hash: a.hash,
        at: a.at,
        keyId: a.keyId,
        sig: a.sig,
        shippedAt: null,
        shipAttempts: 0,
        nextShipAt: opts.shipper ? now : null,
      } as never);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Another instance (or an earlier run) anchored this entry: its anchor stands and is shipped by its
      // writer; ours still goes to our file.
      stored = false;
    }
    await appendToFile(a);
    if (opts.shipper && stored) await shipOne(a, now);
    return a;
  }

  async function latest(): Promise<{ seq: number } | null> {
    const rows = await Anchors.find({}, { _id: 1 }).sort({ _id: -1 }).limit(1).lean();
    return rows[0] ? { seq: rows[0]._id } : null;
  }

  /** The job: ships what is pending (oldest first), stopping at the first failure (the log is down). */
  async function shipPending(now = new Date()): Promise<{ shipped: number; pending: number }> {
    if (!opts.shipper) return { shipped: 0, pending: 0 };
    const due = await Anchors.find({ shippedAt: null, nextShipAt: { $lte: now } })
      .sort({ _id: 1 })
      .limit(SHIP_BATCH)
      .lean();
    let shipped = 0;
    for (const d of due) {
      if (!(await shipOne(toAnchor(d), now))) break;
      shipped++;
    }
    const pending = await Anchors.countDocuments({ shippedAt: null });
    return { shipped, pending };
  }

  async function readFileAnchors(): Promise<{ anchors: Anchor[]; badLines: number[] }> {
    if (!opts.file) return { anchors: [], badLines: [] };
    let text: string;
    try {
      text = await readFile(opts.file, 'utf8');
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return { anchors: [], badLines: [] };
      throw err;
    }
    const anchors: Anchor[] = [];
    const badLines: number[] = [];
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const a = JSON.parse(line) as Anchor;
        if (Number.isInteger(a?.seq) && signer.verify(a)) anchors.push(a);
        else badLines.push(i + 1);
      } catch {
        badLines.push(i + 1);
      }
    });
    return { anchors, badLines };
  }

  /**
   * Everything that binds the chain in [from, to]: the database's and the file's anchors, each signature
   * checked. A bad signature, a bad file line, two anchors disagreeing on one seq, or a file anchor missing
   * from the database are problems on their own (reason `anchor`).
   */
  async function collect(from?: number, to?: number): Promise<AnchorEvidence> {
    const inRange = (seq: number) => (from === undefined || seq >= from) && (to === undefined || seq <= to);
    const filter: Record<string, unknown> = {};
    if (from !== undefined || to !== undefined) {
      filter._id = {
        ...(from !== undefined ? { $gte: from } : {}),
        ...(to !== undefined ? { $lte: to } : {}),
      };
    }
    const [rows, fromFile] = await Promise.all([
      Anchors.find(filter, { _id: 1, v: 1, hash: 1, at: 1, keyId: 1, sig: 1 }).lean(),
      readFileAnchors(),
    ]);
    const problems: Problem[] = [];
    const bySeq = new Map<number, string>();
    let latestAnchor: AnchorEvidence['latest'] = null;
    const accept = (a: Anchor) => {
      const known = bySeq.get(a.seq);
      if (known !== undefined && known !== a.hash) {
        problems.push({
          seq: a.seq,
          reason: 'anchor',
          message: `第 ${a.seq} 条记录有两个内容不同的签名检查点`,
        });
      }
      if (known === undefined) bySeq.set(a.seq, a.hash);
      if (!latestAnchor || a.seq > latestAnchor.seq) latestAnchor = { seq: a.seq, hash: a.hash, at: a.at };
    };
    const inDb = new Set<number>();
    for (const d of rows) {
      const a = toAnchor(d);
      inDb.add(a.seq);
      if (signer.verify(a)) accept(a);
      else {
        problems.push({
          seq: a.seq,
          reason: 'anchor',
          message: `第 ${a.seq} 条记录的签名检查点签名无效（检查点被伪造或修改，或由其他密钥签发）`,
        });
      }
    }
    for (const a of fromFile.anchors) {
      if (!inRange(a.seq)) continue;
      accept(a);
      if (!inDb.has(a.seq)) {
        problems.push({
          seq: a.seq,
          reason: 'anchor',
          message: `第 ${a.seq} 条记录的签名检查点在数据库中缺失（检查点记录被删除），外部文件中仍有`,
        });
      }
    }
    for (const line of fromFile.badLines) {
      problems.push({
        seq: 0,
        reason: 'anchor',
        message: `外部检查点文件第 ${line} 行无法校验（内容被修改或不是本系统密钥签发）`,
      });
    }
    return { bySeq, problems, count: bySeq.size, latest: latestAnchor };
  }

  return {
    keyId: signer.keyId,
    publicKey: signer.publicKey,
    shipping: !!opts.shipper,
    anchor,
    latest,
    shipPending,
    collect,
    async unshipped(): Promise<number> {
      return Anchors.countDocuments({ shippedAt: null });
    },
  };
}

export type AuditAnchors = ReturnType<typeof createAnchors>;
