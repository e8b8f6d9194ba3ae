/**
 * The audit log (《网络安全法》第二十一条): every read of personal data, every state change and every
 * denial, as a hash chain so that editing, deleting or inserting an entry is detectable.
 *
 * Chain: entry n stores `prevHash` = hash of entry n-1 (entry 1: 64 zeros) and
 * `hash` = sha256(canonical JSON of all its other fields, prevHash included).
 *
 * Concurrency without transactions — the ENTRY is the commit point:
 *  1. A writer takes the tip (seq, hash) from its cache, or from the `head` document plus any newer entry.
 *  2. It inserts entry seq+1. The unique index on `seq` lets exactly one of several concurrent writers
 *     (requests of one instance, or several instances) claim a seq; a loser gets E11000, re-reads the tip
 *     and retries on top of the winner. One instance also queues its own writes, so it never races itself,
 *     and GROUP-COMMITS them: the entries that arrived while a write was in flight are chained in memory
 *     and inserted by the next write as one ordered insertMany (two round trips per group — insert and
 *     head — instead of per entry). Ordered: the server stops at the first collision, so the entries before
 *     it are committed and linked, and the rest are re-chained on top of the winner.
 *  3. It then advances `head` with a conditional update ({seq: {$lt: n}}): head only moves forward.
 * A crash between 2 and 3 loses nothing: the entry is written and `head` merely lags; the next writer finds
 * the newer entry when its insert collides (or when it reads the tip) and moves `head` on. So a crash can
 * never leave a gap. (The opposite order — advance head, then insert — would leave a hole at seq n after a
 * crash, indistinguishable from a deleted entry.) A seq gap can therefore only mean a deleted entry, and
 * `verify` reports it as 'missing' without blaming the entries around it. `head` also witnesses the
 * newest seq: deleting the tail of the chain is reported as 'truncated'.
 *
 * Retention (第二十一条第三项: 网络日志留存不少于六个月): `purgeAuditBefore` refuses a cutoff younger than six
 * calendar months (never less than 180 days), first verifies the part it will delete, appends an
 * `audit.purge` entry naming the checkpoint, stores the checkpoint (hash of the last purged entry), and only
 * then deletes. A crash at any step leaves a chain that verifies; rerunning completes the purge.
 *
 * Signed checkpoints (audit-anchors.ts) bind the chain to a key outside the database: `verify` reports an
 * entry whose hash differs from a signed one (a rewritten or re-chained log) and a chain that ends before the
 * newest signed checkpoint (a cut tail). The writer signs one whenever a committed group crosses a multiple of
 * `anchorEvery`; the `audit-anchor` job and graceful shutdown sign the newest entry.
 *
 * `detail` must never hold personal data (phones, ID numbers, names, addresses, petition text): callers pass
 * ids, codes and counts. As a safety net, strings that look like a mainland mobile or ID number are masked.
 */
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { FastifyBaseLogger } from 'fastify';
import { AppError, RuleViolation, ServiceUnavailable } from '../../errors';
import { formatChineseDateTime } from '../../domain';
import type { AuditEntryDto, AuditQuery, AuditVerifyDto } from '../../contracts/audit';
import { auditEntryModel, auditMetaModel, type AuditEntryDoc } from './audit.model';
import { escapeRegex } from '../../lib/regex';
import type { AuditAnchors } from './audit-anchors';

export const GENESIS_HASH = '0'.repeat(64);

/** 《网络安全法》第二十一条第三项: logs are kept for no less than six months; we also never go below 180 days. */
export const AUDIT_RETENTION = {
  months: 6,
  minDays: 180,
  article: '《中华人民共和国网络安全法》第二十一条第三项',
} as const;

export interface AuditActorRef {
  userId: string;
  roles: string[];
  unitCode: string | null;
}

/** What callers record. `detail`: ids, codes and counts only — never personal data. */
export interface AuditEvent {
  actor: AuditActorRef | null;
  action: string;
  targetType: string;
  targetId?: string;
  result: 'ok' | 'denied' | 'error';
  detail?: Record<string, unknown>;
  requestId?: string;
  at?: Date;
}

export type AuditProblem = NonNullable<AuditVerifyDto['firstBad']>;
export type AuditVerifyResult = AuditVerifyDto;

const MAX_ATTEMPTS = 200;
const MAX_PROBLEMS = 20;
const MAX_DETAIL_CHARS = 4000;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** E11000, also when it is the first write error of an insertMany. */
const isDuplicateKey = (err: unknown): boolean => {
  if ((err as { code?: number })?.code === 11000) return true;
  const we = (err as { writeErrors?: unknown })?.writeErrors;
  const first = (Array.isArray(we) ? we[0] : we) as { code?: number } | undefined;
  return first?.code === 11000;
};
/** Entries written by one insertMany at most. */
const GROUP_MAX = 200;

/** An ordered insertMany's failure: the index of the first entry not written (those before it were). */
function firstWriteErrorIndex(err: unknown): number | undefined {
  const we = (err as { writeErrors?: unknown }).writeErrors;
  const first = (Array.isArray(we) ? we[0] : we) as { index?: number } | undefined;
  return typeof first?.index === 'number' ? first.index : undefined;
}

/** JSON with object keys sorted at every level: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type HashedFields = Omit<AuditEntryDoc, 'hash'>;
type EntryBase = Omit<HashedFields, 'seq' | 'prevHash'>;
/** A recorded entry waiting for the writer, and its caller's promise. */
interface Waiting {
  base: EntryBase;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function entryHash(e: HashedFields): string {
  const material = {
    v: e.v,
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    result: e.result,
    detail: e.detail,
    requestId: e.requestId,
    prevHash: e.prevHash,
  };
  return createHash('sha256').update(canonicalJson(material), 'utf8').digest('hex');
}

// Alphanumeric boundaries, so hex hashes and ids never match; Chinese text around a number still does.
const PHONE_RE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
const ID_NUMBER_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MASK = '[已屏蔽]';

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string')
    return value.replace(PHONE_RE, MASK).replace(ID_NUMBER_RE, MASK).slice(0, 500);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 5) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // `$` and `.` in field names are not portable MongoDB keys.
    out[k.replace(/^\$/, '_').replace(/\./g, '_')] = scrub(v, depth + 1);
  }
  return out;
}

/**
 * Plain JSON only (a Date becomes its ISO string, an ObjectId its hex), so the stored detail reads back
 * exactly as it was hashed.
 */
export function normalizeDetail(detail: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!detail) return null;
  const plain = JSON.parse(JSON.stringify(detail)) as Record<string, unknown>;
  const clean = scrub(plain, 0) as Record<string, unknown>;
  if (JSON.stringify(clean).length > MAX_DETAIL_CHARS) {
    return { truncated: true, keys: Object.keys(clean).slice(0, 50) };
  }
  return clean;
}

/** The latest cutoff a purge may use at `now`: six calendar months back (China time), and ≥ 180 days. */
export function retentionLimit(now: Date): Date {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() - AUDIT_RETENTION.months;
  // Clamp the day: 31 August minus six months is 28/29 February, not 3 March (which would keep less).
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    y,
    m,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  const months = shifted - CHINA_OFFSET_MS;
  const days = now.getTime() - AUDIT_RETENTION.minDays * DAY_MS;
  return new Date(Math.min(months, days));
}

export function toAuditDto(e: AuditEntryDoc): AuditEntryDto {
  return {
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    actor: e.actor
      ? { userId: e.actor.userId, roles: e.actor.roles as never, unitCode: e.actor.unitCode ?? null }
      : null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    result: e.result,
    detail: e.detail ?? null,
    requestId: e.requestId ?? null,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export interface PurgeResult {
  /** Entries deleted by this call. */
  deleted: number;
  /** Seq of the last purged entry (the checkpoint), or null when nothing was ever purged. */
  upToSeq: number | null;
}

export interface AuditLogOptions {
  log?: FastifyBaseLogger;
  /** Signed checkpoints; without them `verify` can only check the chain against itself. */
  anchors?: AuditAnchors;
  /** Sign a checkpoint whenever a committed group crosses a multiple of this seq (AUDIT_ANCHOR_EVERY). */
  anchorEvery?: number;
}

export function createAuditLog(conn: Connection, opts: AuditLogOptions = {}) {
  const Entries = auditEntryModel(conn);
  const Meta = auditMetaModel(conn);
  const log = opts.log;
  const anchors = opts.anchors;
  const every = opts.anchorEvery ?? 100;
  /** The newest entry this instance committed and has not anchored yet (signed on shutdown). */
  let unanchored: { seq: number; hash: string } | undefined;

  /** This instance's view of the newest entry; wrong at worst, then an insert collides and refreshes it. */
  let tip: { seq: number; hash: string } | undefined;
  /** Entries recorded but not yet written; one writer at a time takes them all (other instances are
   * handled by the unique index). */
  let waiting: Waiting[] = [];
  let writing = false;
  const pending = new Set<Promise<unknown>>();

  async function readTip(): Promise<{ seq: number; hash: string }> {
    const head = await Meta.findById('head').lean();
    const newer = await Entries.find({ seq: { $gt: head?.seq ?? 0 } }, { seq: 1, hash: 1 })
      .sort({ seq: -1 })
      .limit(1)
      .lean();
    if (newer[0]) return { seq: newer[0].seq, hash: newer[0].hash };
    if (head) return { seq: head.seq, hash: head.hash };
    const checkpoint = await Meta.findById('checkpoint').lean();
    return checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  async function advanceHead(t: { seq: number; hash: string }) {
    try {
      await Meta.updateOne(
        { _id: 'head', seq: { $lt: t.seq } },
        { $set: { seq: t.seq, hash: t.hash, at: new Date() } },
        { upsert: true },
      );
    } catch (err) {
      // E11000: head already at or past this seq (another writer moved it). Anything else: the entry is
      // committed and head only lags; the next write repairs it.
      if (!isDuplicateKey(err)) log?.warn({ errCode: (err as { code?: unknown }).code }, 'audit head lags');
    }
  }

  function baseOf(e: AuditEvent): EntryBase {
    return {
      v: 1 as const,
      at: e.at ?? new Date(),
      actor: e.actor
        ? { userId: String(e.actor.userId), roles: [...e.actor.roles], unitCode: e.actor.unitCode ?? null }
        : null,
      action: String(e.action).slice(0, 64),
      targetType: String(e.targetType).slice(0, 40),
      targetId: e.targetId === undefined || e.targetId === null ? null : String(e.targetId).slice(0, 128),
      result: e.result,
      detail: normalizeDetail(e.detail),
      requestId: e.requestId ?? null,
    };
  }

  /** Writes one group: chained on the tip, ordered insertMany, then head. Settles every entry of it. */
  async function appendGroup(group: Waiting[]): Promise<void> {
    let rest = group;
    const written: Waiting[] = [];
    /** A committed entry of this group has a seq that is a multiple of `every`: the group gets an anchor. */
    let crossed = false;
    let last: { seq: number; hash: string } | undefined;
    let error: unknown;
    for (let attempt = 0; rest.length && error === undefined; attempt++) {
      if (attempt === MAX_ATTEMPTS) {
        error = new ServiceUnavailable('审计日志写入繁忙，请稍后重试');
        break;
      }
      try {
        let t = (tip ??= await readTip());
        const docs = rest.map((w) => {
          const fields: HashedFields = { ...w.base, seq: t.seq + 1, prevHash: t.hash };
          const doc: AuditEntryDoc = { ...fields, hash: entryHash(fields) };
          t = { seq: doc.seq, hash: doc.hash };
          return doc;
        });
        let committed = docs.length;
        try {
          await Entries.collection.insertMany(
            docs.map((d) => ({ ...d })),
            { ordered: true },
          );
        } catch (err) {
          // a collision: another writer took a seq; the entries before it are in, the rest go on top of it
          tip = undefined;
          committed = firstWriteErrorIndex(err) ?? 0;
          if (!isDuplicateKey(err)) error = err;
        }
        if (docs.slice(0, committed).some((d) => d.seq % every === 0)) crossed = true;
        if (committed > 0) {
          last = { seq: docs[committed - 1]!.seq, hash: docs[committed - 1]!.hash };
          if (committed === docs.length) tip = last;
        }
        written.push(...rest.slice(0, committed));
        rest = rest.slice(committed);
      } catch (err) {
        tip = undefined; // reading the tip failed
        error = err;
      }
    }
    if (last) await advanceHead(last);
    for (const w of written) w.resolve();
    for (const w of rest) w.reject(error);
    if (last && anchors) {
      // Each multiple of `every` is committed by exactly one writer, which signs its group's last entry. Not
      // awaited by the writers, whose entries are committed already.
      if (crossed) {
        unanchored = undefined;
        track(anchors.anchor(last));
      } else {
        unanchored = last;
      }
    }
  }

  /** Background work the writers do not wait for (anchors); `flush` does. Failures are logged, never thrown. */
  function track(p: Promise<unknown>) {
    const q = p.catch((err: unknown) => {
      log?.error({ errCode: (err as { code?: unknown }).code, err }, 'audit checkpoint not written');
    });
    pending.add(q);
    void q.finally(() => pending.delete(q));
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (waiting.length) {
        const group = waiting.slice(0, GROUP_MAX);
        waiting = waiting.slice(group.length);
        await appendGroup(group);
      }
    } finally {
      writing = false;
    }
  }

  function record(e: AuditEvent): Promise<void> {
    let w!: Waiting;
    const p = new Promise<void>((resolve, reject) => {
      w = { base: baseOf(e), resolve, reject };
    });
    waiting.push(w);
    if (!writing) void drain();
    pending.add(p);
    void p.catch(() => undefined).finally(() => pending.delete(p));
    return p;
  }

  async function verify(from?: number, to?: number): Promise<AuditVerifyResult> {
    const [head, checkpoint, evidence] = await Promise.all([
      Meta.findById('head').lean(),
      Meta.findById('checkpoint').lean(),
      anchors ? anchors.collect(from, to) : null,
    ]);
    const problems: AuditProblem[] = [];
    const add = (p: AuditProblem) => problems.length < MAX_PROBLEMS && problems.push(p);
    for (const p of evidence?.problems ?? []) add(p);
    const signed = evidence?.bySeq ?? new Map<number, string>();
    const fromStart = from === undefined || from <= (checkpoint?.seq ?? 0) + 1;
    const toEnd = to === undefined || (head !== null && to >= head.seq);

    // What the first entry in range links to: genesis, the checkpoint, or the entry just before `from`.
    let anchor: { seq: number; hash: string } | null;
    if (fromStart) {
      anchor = checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : { seq: 0, hash: GENESIS_HASH };
    } else {
      const before = await Entries.findOne({ seq: from! - 1 }, { seq: 1, hash: 1 }).lean();
      anchor = before ? { seq: before.seq, hash: before.hash } : null;
    }
    const filter: Record<string, unknown> = {};
    if (from !== undefined || to !== undefined) {
      filter.seq = {
        ...(from !== undefined ? { $gte: from } : {}),
        ...(to !== undefined ? { $lte: to } : {}),
      };
    }

    let checked = 0;
    let checkpointRecorded = false;
    let lastSeq: number | null = null;
    const cursor = Entries.find(filter).sort({ seq: 1 }).lean<AuditEntryDoc[]>().cursor({ batchSize: 500 });
    for await (const raw of cursor) {
      const e = raw as unknown as AuditEntryDoc;
      checked++;
      lastSeq = e.seq;
      if (entryHash(e) !== e.hash) {
        add({ seq: e.seq, reason: 'altered', message: `第 ${e.seq} 条记录的内容与其哈希不符（记录被修改）` });
      }
      const signedHash = signed.get(e.seq);
      if (signedHash !== undefined && signedHash !== e.hash) {
        add({
          seq: e.seq,
          reason: 'anchor',
          message: `第 ${e.seq} 条记录与签名检查点登记的哈希不符（日志被改写或重新计算）`,
        });
      }
      if (head && e.seq === head.seq && e.hash !== head.hash) {
        add({ seq: e.seq, reason: 'altered', message: `第 ${e.seq} 条记录与链头登记的哈希不符` });
      }
      if (
        checkpoint &&
        e.action === 'audit.purge' &&
        e.detail?.upToSeq === checkpoint.seq &&
        e.detail?.checkpointHash === checkpoint.hash
      ) {
        checkpointRecorded = true;
      }
      if (anchor === null) {
        // Range check whose predecessor is gone: nothing to link the first entry to.
        anchor = { seq: e.seq, hash: e.hash };
        continue;
      }
      if (e.seq <= anchor.seq) {
        // Left over by a purge that stopped after writing its checkpoint: still hashed, and the entry at the
        // checkpoint must be the one the checkpoint names.
        if (e.seq === anchor.seq && e.hash !== anchor.hash) {
          add({ seq: e.seq, reason: 'checkpoint', message: `第 ${e.seq} 条记录与清理检查点登记的哈希不符` });
        }
        continue;
      }
      if (e.seq > anchor.seq + 1) {
        const a = anchor.seq + 1;
        const b = e.seq - 1;
        add({
          seq: a,
          reason: 'missing',
          message:
            a === b ? `第 ${a} 条记录缺失（序号断档）` : `第 ${a}–${b} 条记录缺失（共 ${b - a + 1} 条）`,
        });
      } else if (e.prevHash !== anchor.hash) {
        add({
          seq: e.seq,
          reason: 'link',
          message: `第 ${e.seq} 条记录的前序哈希与${anchor.seq === 0 ? '链首' : `第 ${anchor.seq} 条记录`}不符`,
        });
      }
      anchor = { seq: e.seq, hash: e.hash };
    }

    if (toEnd && head && head.seq > (lastSeq ?? checkpoint?.seq ?? 0)) {
      const a = (lastSeq ?? checkpoint?.seq ?? 0) + 1;
      add({
        seq: a,
        reason: 'truncated',
        message: `日志末尾缺失：链头登记到第 ${head.seq} 条，实际只到第 ${a - 1} 条`,
      });
    }
    // The newest signed checkpoint witnesses the tail even when the head was rewritten along with it.
    const newestSigned = evidence?.latest?.seq ?? 0;
    const lastKept = lastSeq ?? checkpoint?.seq ?? 0;
    if (toEnd && newestSigned > lastKept && !(head && head.seq >= newestSigned)) {
      add({
        seq: lastKept + 1,
        reason: 'truncated',
        message: `日志末尾缺失：签名检查点登记到第 ${newestSigned} 条，实际只到第 ${lastKept} 条`,
      });
    }
    // A purge checkpoint that a signed checkpoint names must carry the signed hash.
    if (checkpoint && signed.has(checkpoint.seq) && signed.get(checkpoint.seq) !== checkpoint.hash) {
      add({
        seq: checkpoint.seq,
        reason: 'anchor',
        message: `清理检查点（第 ${checkpoint.seq} 条）与签名检查点登记的哈希不符`,
      });
    }
    if (fromStart && toEnd && checkpoint && !checkpointRecorded) {
      add({
        seq: checkpoint.seq,
        reason: 'checkpoint',
        message: `清理检查点（第 ${checkpoint.seq} 条）在日志中没有对应的清理记录`,
      });
    }
    problems.sort((a, b) => a.seq - b.seq);
    return {
      ok: problems.length === 0,
      checked,
      ...(problems[0] ? { firstBad: problems[0] } : {}),
      problems,
      head: head ? { seq: head.seq, hash: head.hash } : null,
      checkpoint: checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : null,
      anchors: anchors
        ? {
            keyId: anchors.keyId,
            publicKey: anchors.publicKey,
            checked: evidence!.count,
            latest: evidence!.latest,
            unshipped: anchors.shipping ? await anchors.unshipped() : null,
          }
        : null,
    };
  }

  async function purgeAuditBefore(
    cutoff: Date,
    o: { now?: Date; actor?: AuditActorRef | null; requestId?: string } = {},
  ): Promise<PurgeResult> {
    const now = o.now ?? new Date();
    const limit = retentionLimit(now);
    if (!(cutoff.getTime() <= limit.getTime())) {
      throw new RuleViolation(
        `审计日志应至少留存六个月（不少于 ${AUDIT_RETENTION.minDays} 日），清理截止时间不得晚于 ${formatChineseDateTime(limit)}`,
        AUDIT_RETENTION.article,
        'audit log retention ≥ 6 months',
      );
    }
    const checkpoint = await Meta.findById('checkpoint').lean();
    const firstKept = await Entries.find({ at: { $gte: cutoff } }, { seq: 1 })
      .sort({ seq: 1 })
      .limit(1)
      .lean();
    const newest = await Entries.find({}, { seq: 1 }).sort({ seq: -1 }).limit(1).lean();
    const upTo = firstKept[0] ? firstKept[0].seq - 1 : (newest[0]?.seq ?? 0);
    if (upTo <= (checkpoint?.seq ?? 0)) {
      // Nothing new to purge; finish an earlier purge that stopped after its checkpoint (idempotent).
      const left = checkpoint ? await Entries.deleteMany({ seq: { $lte: checkpoint.seq } }) : null;
      return { deleted: left?.deletedCount ?? 0, upToSeq: checkpoint?.seq ?? null };
    }
    // Evidence first: never delete a part of the chain that does not verify.
    const check = await verify(undefined, upTo);
    const last = await Entries.findOne({ seq: upTo }).lean();
    if (!check.ok || !last) {
      throw new AppError(409, 'AUDIT_CHAIN_BROKEN', '待清理的审计日志校验未通过，为保全证据拒绝清理', {
        firstBad: check.firstBad ?? { seq: upTo, reason: 'missing' },
      });
    }
    // Recorded in the chain BEFORE the checkpoint exists, so a forged checkpoint has no matching entry.
    await record({
      actor: o.actor ?? null,
      action: 'audit.purge',
      targetType: 'audit_log',
      result: 'ok',
      detail: { cutoff: cutoff.toISOString(), upToSeq: upTo, checkpointHash: last.hash },
      requestId: o.requestId,
      at: now,
    });
    try {
      await Meta.updateOne(
        { _id: 'checkpoint', seq: { $lt: upTo } },
        { $set: { seq: upTo, hash: last.hash, at: now } },
        { upsert: true },
      );
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const current = await Meta.findById('checkpoint').lean();
    const res = await Entries.deleteMany({ seq: { $lte: current?.seq ?? upTo } });
    return { deleted: res.deletedCount, upToSeq: current?.seq ?? upTo };
  }

  async function query(q: AuditQuery): Promise<{ items: AuditEntryDto[]; nextCursor: number | null }> {
    const limit = q.limit ?? 50;
    const filter: Record<string, unknown> = {};
    if (q.actor) filter['actor.userId'] = q.actor;
    if (q.targetType) filter.targetType = q.targetType;
    if (q.targetId) filter.targetId = q.targetId;
    if (q.action) {
      // "case." matches every case action; otherwise an exact action name.
      filter.action = q.action.endsWith('.') ? { $regex: `^${escapeRegex(q.action)}` } : q.action;
    }
    if (q.result) filter.result = q.result;
    if (q.since || q.until) {
      filter.at = {
        ...(q.since ? { $gte: new Date(q.since) } : {}),
        ...(q.until ? { $lt: new Date(q.until) } : {}),
      };
    }
    if (q.cursor) filter.seq = { $lt: q.cursor };
    const rows = await Entries.find(filter)
      .sort({ seq: -1 })
      .limit(limit + 1)
      .lean<AuditEntryDoc[]>();
    const items = rows.slice(0, limit).map(toAuditDto);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.seq : null };
  }

  return {
    record,
    verify,
    purgeAuditBefore,
    query,
    /** Waits for the writes (and checkpoints) this instance has started (tests, before shutdown). */
    async flush(): Promise<void> {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    /**
     * The `audit-anchor` job: signs the newest entry if it is newer than the newest checkpoint, then ships
     * what is pending. Idempotent; any instance may run it.
     */
    async anchorNow(
      now = new Date(),
    ): Promise<{ anchored: number | null; shipped: number; pending: number }> {
      if (!anchors) return { anchored: null, shipped: 0, pending: 0 };
      const newest = await Entries.find({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).limit(1).lean();
      const signedUpTo = (await anchors.latest())?.seq ?? 0;
      let anchored: number | null = null;
      if (newest[0] && newest[0].seq > signedUpTo) {
        await anchors.anchor({ seq: newest[0].seq, hash: newest[0].hash }, now);
        anchored = newest[0].seq;
      }
      return { anchored, ...(await anchors.shipPending(now)) };
    },
    /** Graceful shutdown: waits for writes, then signs what this instance wrote since its last checkpoint. */
    async close(): Promise<void> {
      while (pending.size) await Promise.allSettled([...pending]);
      const t = unanchored;
      unanchored = undefined;
      if (t && anchors && ((await anchors.latest())?.seq ?? 0) < t.seq) {
        await anchors.anchor(t).catch((err: unknown) => {
          log?.error({ err }, 'audit checkpoint not written at shutdown');
        });
      }
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
