import { createHash, randomBytes } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import type { Role } from '../users/user.model';
import type { SessionKind } from '../../contracts/auth';
import { sessionModel } from './session.model';
import { smsCodeModel } from './sms-code.model';
import { mfaChallengeModel } from './mfa-challenge.model';
import { purgeLoginAttempts } from './login-throttle';

/** Who is making the request: set on `req.actor` by `app.authenticate`. */
export interface Actor {
  userId: string;
  roles: Role[];
  unitCode: string | null;
  sessionId: string;
  kind: SessionKind;
}

export interface SessionPolicy {
  staffIdleMs: number;
  staffMaxMs: number;
  residentIdleMs: number;
  residentMaxMs: number;
  /** How long a resolved session is reused in-process (0: never); see SESSION_CACHE_MS in config.ts. */
  cacheMs?: number;
}

/** At most this many resolved sessions are kept in-process (the oldest is dropped first). */
const CACHE_MAX = 10_000;

/** lastSeenAt is rewritten at most this often: a session is not a write per request. */
const TOUCH_EVERY_MS = 60_000;
/** Tokens are 32 random bytes, base64url: exactly 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface IssueInput {
  userId: Types.ObjectId | string;
  roles: Role[];
  unitCode: string | null;
  kind: SessionKind;
  wechatSessionKeyEnc?: string;
  userAgent?: string;
}

export function createSessionStore(conn: Connection, policy: SessionPolicy) {
  const Session = sessionModel(conn);
  const timeouts = (kind: SessionKind) =>
    kind === 'staff'
      ? { idle: policy.staffIdleMs, max: policy.staffMaxMs }
      : { idle: policy.residentIdleMs, max: policy.residentMaxMs };

  /**
   * Resolved sessions by token hash, each reused until `until` (a few seconds) and never past its expiry.
   * Revocations through this store drop their entries at once.
   */
  const cache = new Map<string, { actor: Actor; expiresAt: Date; until: number }>();
  const cacheMs = policy.cacheMs ?? 0;
  const forget = (match: (a: Actor) => boolean) => {
    for (const [k, v] of cache) if (match(v.actor)) cache.delete(k);
  };

  return {
    /** Creates a session; the token is returned once and only its hash is kept. */
    async issue(input: IssueInput, now = new Date()) {
      const token = newToken();
      const { idle, max } = timeouts(input.kind);
      const absoluteExpiresAt = new Date(now.getTime() + max);
      const expiresAt = new Date(Math.min(now.getTime() + idle, absoluteExpiresAt.getTime()));
      const doc = await Session.create({
        tokenHash: hashToken(token),
        userId: new Types.ObjectId(String(input.userId)),
        roles: input.roles,
        unitCode: input.unitCode,
        kind: input.kind,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        absoluteExpiresAt,
        revokedAt: null,
        ...(input.wechatSessionKeyEnc ? { wechatSessionKeyEnc: input.wechatSessionKeyEnc } : {}),
        ...(input.userAgent ? { userAgent: input.userAgent.slice(0, 200) } : {}),
      });
      return { token, sessionId: String(doc._id), expiresAt };
    },

    /** The live session for a bearer token, sliding its idle timeout; undefined when none. */
    async resolve(token: string, now = new Date()): Promise<(Actor & { expiresAt: Date }) | undefined> {
      if (!TOKEN_PATTERN.test(token)) return undefined;
      const tokenHash = hashToken(token);
      const hit = cache.get(tokenHash);
      if (hit) {
        if (hit.until > now.getTime() && hit.expiresAt > now)
          return { ...hit.actor, expiresAt: hit.expiresAt };
        cache.delete(tokenHash);
      }
      // By token hash alone (the unique index's keys, so an index lookup on mongo-java-server too); whether
      // it is revoked or expired is checked here.
      const s = await Session.findOne({ tokenHash }).lean();
      if (!s || s.revokedAt || s.expiresAt <= now) return undefined;
      let expiresAt = s.expiresAt;
      if (now.getTime() - s.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
        const { idle } = timeouts(s.kind);
        expiresAt = new Date(Math.min(now.getTime() + idle, s.absoluteExpiresAt.getTime()));
        // Conditional on the lastSeenAt we read: a concurrent request that touched it first wins, and a
        // revocation in between is not undone.
        await Session.updateOne(
          { _id: s._id, lastSeenAt: s.lastSeenAt, revokedAt: null },
          { $set: { lastSeenAt: now, expiresAt } },
        );
      }
      const actor: Actor = {
        userId: String(s.userId),
        roles: s.roles as Role[],
        unitCode: s.unitCode ?? null,
        sessionId: String(s._id),
        kind: s.kind,
      };
      if (cacheMs > 0) {
        if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
        cache.set(tokenHash, { actor, expiresAt, until: now.getTime() + cacheMs });
      }
      return { ...actor, expiresAt };
    },

    async expiresAtOf(sessionId: string): Promise<Date | undefined> {
      const s = await Session.findById(sessionId, { expiresAt: 1 }).lean();
      return s?.expiresAt;
    },

    /** Idempotent: revoking a revoked session changes nothing. */
    async revoke(sessionId: string, now = new Date()): Promise<boolean> {
      forget((a) => a.sessionId === sessionId);
      const res = await Session.updateOne({ _id: sessionId, revokedAt: null }, { $set: { revokedAt: now } });
      forget((a) => a.sessionId === sessionId); // a resolve may have cached it meanwhile
      return res.modifiedCount === 1;
    },

    async revokeAllForUser(userId: string, now = new Date()): Promise<number> {
      forget((a) => a.userId === userId);
      const res = await Session.updateMany(
        { userId: new Types.ObjectId(userId), revokedAt: null, expiresAt: { $gt: now } },
        { $set: { revokedAt: now } },
      );
      forget((a) => a.userId === userId);
      return res.modifiedCount;
    },

    async listForUser(userId: string, now = new Date()) {
      const rows = await Session.find({ userId: new Types.ObjectId(userId) })
        .sort({ createdAt: -1 })
        .limit(100)
        .lean();
      return rows.map((s) => ({
        id: String(s._id),
        kind: s.kind,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        revokedAt: s.revokedAt ? s.revokedAt.toISOString() : null,
        active: !s.revokedAt && s.expiresAt > now,
        ...(s.userAgent ? { userAgent: s.userAgent } : {}),
      }));
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * For the jobs runner (no TTL index in the portable subset): deletes expired sessions (revoked ones stay
 * listed for admins until they would have expired), used or expired MFA challenges, and SMS code records
 * idle for two days (the daily counter needs only today's), and staff sign-in attempt records idle for 90
 * days (login-throttle.ts). Idempotent; safe to run on N instances.
 */
export async function purgeExpiredSessions(conn: Connection, now = new Date()) {
  const [sessions, challenges, smsCodes, loginAttempts] = await Promise.all([
    sessionModel(conn).deleteMany({ expiresAt: { $lt: now } }),
    mfaChallengeModel(conn).deleteMany({ expiresAt: { $lt: now } }),
    smsCodeModel(conn).deleteMany({ lastSentAt: { $lt: new Date(now.getTime() - 2 * 86_400_000) } }),
    purgeLoginAttempts(conn, now),
  ]);
  return {
    sessions: sessions.deletedCount,
    mfaChallenges: challenges.deletedCount,
    smsCodes: smsCodes.deletedCount,
    loginAttempts,
  };
}
