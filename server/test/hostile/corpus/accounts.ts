import type { HostileRequest } from './types';

/**
 * Sign-in usernames that are not usernames (issue 12 finding 11): refused by shape (400) before the sign-in
 * throttle counts or stores anything, so junk cannot fill `login_attempts` nor reach the user lookup.
 */
const BAD_USERNAMES: [string, string][] = [
  ['space inside', 'clerk jd'],
  ['leading space', ' clerk.jd'],
  ['full-width letters', 'ｃｌｅｒｋ.jd'],
  ['quote and SQL', "admin' OR '1'='1"],
  ['semicolon', 'admin;'],
  ['path traversal', '../admin'],
  ['leading dot', '.admin'],
  ['percent-encoded', 'admin%0A'],
  ['emoji', 'admin😀'],
  ['Chinese', '管理员'],
  ['65 characters', `a${'b'.repeat(64)}`],
  ['at sign', 'admin@example.com'],
];

export const signInUsernames: HostileRequest[] = BAD_USERNAMES.map(([label, username], i) => ({
  class: 'sign-in-username',
  name: `staff login username: ${label}`,
  as: 'anonymous',
  method: 'POST',
  url: '/api/auth/staff/login',
  body: { username, password: 'Wrong#pass1x' },
  status: 400,
  // an address of its own, so the per-address rate limit of the sign-in route does not answer first
  remoteAddress: `198.51.100.${10 + i}`,
}));
