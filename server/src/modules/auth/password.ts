import { hash, verify } from '@node-rs/argon2';
import { BadRequest } from '../../errors';

/**
 * Staff passwords: argon2id (OWASP's first choice; @node-rs/argon2 ships prebuilt binaries through npm).
 * Policy for setting one (等保三级 "口令复杂度"): 10–128 characters, at least three of upper case, lower
 * case, digits and symbols, and not containing the username.
 */
export const PASSWORD_POLICY_MESSAGE =
  '密码至少 10 位，且须包含大写字母、小写字母、数字、符号中的至少三类，不能包含用户名';

export function checkPasswordPolicy(password: string, username?: string | null): void {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const containsName =
    !!username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase());
  if (password.length < 10 || password.length > 128 || classes < 3 || containsName) {
    throw new BadRequest(PASSWORD_POLICY_MESSAGE);
  }
}

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verified against when the username is unknown, so an unknown user costs the same time as a wrong
 * password and the two cannot be told apart by timing either.
 */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hash('dummy-password-never-matches');
  await verifyPassword(await dummyHash, password);
}
