/**
 * Slowing down password and TOTP guessing (GB/T 22239—2019 8.1.4.1 b: 登录失败处理, 限制非法登录次数) without a
 * lock that an outsider can trigger and without telling which usernames exist (issue 12 finding 11).
 *
 * The state is per (username, client address), in `login_attempts` (so it holds across instances), and is
 * kept the same way whether the username exists or not. Each attempt is reserved before anything is
 * checked (a conditional write on the attempt count, so parallel guesses count one by one); after
 * `freeAttempts` reserved attempts from one address, the next is allowed only after a wait that doubles per
 * further failure (1, 2, 4, 8, then every 15 minutes). Someone guessing from elsewhere never slows the real
 * user down at his own address. A streak idle for a day starts over. A right password gives its
 * attempt back; the full sign-in (password + TOTP) clears the streak of that address.
 *
 * The account owner is told at his next sign-in how many attempts failed on his username (from any
 * address) since he last signed in, and when the first and the last were (`FailedSignIns`).
 */
import type { Connection } from 'mongoose';
import { AppError } from '../../errors';
import type { PiiCipher } from '../../lib/pii';
import type { FailedSignIns } from '../../contracts/auth';
import { loginAttemptModel, type LoginAttemptDoc } from './login-attempt.model';

export const THROTTLE = {
  freeAttempts: 5,
  firstDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  /** A streak with no attempt for this long starts over. */
  resetAfterMs: 24 * 3_600_000,
  /** Records idle this long are deleted (sessions-purge job); an owner who has not signed in for three
   * months learns about older failures from the audit trail, not from the notice. */
  keepMs: 90 * 86_400_000,
} as const;

/** The wait after `attempts` reserved attempts (0 while within the free allowance). */
export function throttleDelayMs(attempts: number): number {
  if (attempts < THROTTLE.freeAttempts) return 0;
  return Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** (attempts - THROTTLE.freeAttempts));
}

export const throttled = (waitMs: number) => {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError(429, 'LOGIN_THROTTLED', `登录失败次数较多，请 ${Math.ceil(seconds / 60)} 分钟后再试`, {
    retryAfterSeconds: seconds,
  });
};

export interface ThrottleKey {
  id: string;
  username: string;
  addressIndex: string;
}

/** Usernames are matched as typed but case-folded, so `Clerk.JD` and `clerk.jd` share one throttle. */
export const normalizeUsername = (username: string) => username.trim().toLowerCase();

const MAX_RACES = 20;
const isDuplicateKey = (err: unknown) => (err as { code?: number })?.code === 11000;

export function createLoginThrottle(conn: Connection, pii: PiiCipher) {
  const Attempts = loginAttemptModel(conn);

  function keyOf(username: string, address: string): ThrottleKey {
    const name = normalizeUsername(username);
    const addressIndex = pii.index(`login-address\u0000${address}`);
    return { id: pii.index(`login\u0000${name}\u0000${addressIndex}`), username: name, addressIndex };
  }

  return {
    keyOf,

    /** Takes one attempt, or throws 429 while this (username, address) has to wait. */
    async reserve(k: ThrottleKey, now = new Date()): Promise<void> {
      for (let race = 0; race < MAX_RACES; race++) {
        const doc = await Attempts.findById(k.id).lean<LoginAttemptDoc>();
        const stale = !doc || now.getTime() - doc.lastAt.getTime() >= THROTTLE.resetAfterMs;
        const counted = stale ? 0 : doc.attempts;
        if (!stale && counted >= THROTTLE.freeAttempts && doc.nextAt && doc.nextAt > now) {
          throw throttled(doc.nextAt.getTime() - now.getTime());
        }
        const attempts = counted + 1;
        const wait = throttleDelayMs(attempts);
        const nextAt = wait ? new Date(now.getTime() + wait) : null;
        if (!doc) {
          try {
            await Attempts.create({
              _id: k.id,
              username: k.username,
              addressIndex: k.addressIndex,
              attempts,
              nextAt,
              lastAt: now,
              unseen: 0,
            });
            return;
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            continue; // a parallel first attempt created it: count on top of it
          }
        }
        const res = await Attempts.updateOne(
          { _id: k.id, attempts: doc.attempts },
          { $set: { attempts, nextAt, lastAt: now } },
        );
        if (res.modifiedCount === 1) return;
      }
      // Heavy contention on one pair is itself guessing: refuse rather than spin.
      throw throttled(THROTTLE.firstDelayMs);
    },

    /** The password was right: its attempt does not count (the TOTP step decides). */
    async giveBack(k: ThrottleKey): Promise<void> {
      await Attempts.updateOne({ _id: k.id, attempts: { $gt: 0 } }, { $inc: { attempts: -1 } });
    },

    /** A failed attempt keeps its reservation and is remembered for the account owner. */
    async failed(k: ThrottleKey, now = new Date()): Promise<void> {
      await Attempts.updateOne(
        { _id: k.id },
        { $inc: { unseen: 1 }, $set: { lastUnseenAt: now }, $min: { firstUnseenAt: now } },
      );
    },

    /**
     * A full sign-in: this address starts over, and the failures on this username the owner has not been
     * told about are collected (and marked told, one record at a time, so a failure recorded meanwhile is
     * told next time instead of lost).
     */
    async succeeded(k: ThrottleKey): Promise<FailedSignIns | null> {
      await Attempts.updateOne({ _id: k.id }, { $set: { attempts: 0, nextAt: null } });
      const rows = await Attempts.find({ username: k.username, unseen: { $gt: 0 } }).lean<
        LoginAttemptDoc[]
      >();
      let count = 0;
      let firstAt: Date | undefined;
      let lastAt: Date | undefined;
      for (const r of rows) {
        const told = await Attempts.updateOne(
          { _id: r._id, unseen: r.unseen },
          { $set: { unseen: 0 }, $unset: { firstUnseenAt: 1, lastUnseenAt: 1 } },
        );
        if (told.modifiedCount !== 1) continue;
        count += r.unseen;
        if (r.firstUnseenAt && (!firstAt || r.firstUnseenAt < firstAt)) firstAt = r.firstUnseenAt;
        if (r.lastUnseenAt && (!lastAt || r.lastUnseenAt > lastAt)) lastAt = r.lastUnseenAt;
      }
      if (count === 0 || !firstAt || !lastAt) return null;
      return { count, firstAt: firstAt.toISOString(), lastAt: lastAt.toISOString() };
    },

    /** An administrator set a new password: every address of this username starts over. */
    async clearForUsername(username: string): Promise<void> {
      await Attempts.updateMany(
        { username: normalizeUsername(username), attempts: { $gt: 0 } },
        { $set: { attempts: 0, nextAt: null } },
      );
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

/** For the sessions-purge job: records idle for THROTTLE.keepMs. */
export async function purgeLoginAttempts(conn: Connection, now = new Date()): Promise<number> {
  const res = await loginAttemptModel(conn).deleteMany({
    lastAt: { $lt: new Date(now.getTime() - THROTTLE.keepMs) },
  });
  return res.deletedCount;
}
