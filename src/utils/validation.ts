import { messages } from '../messages';

/**
 * The server's limits for a filing (server/src/contracts/cases.ts FileCaseBodySchema and AccusedSchema),
 * in characters. The client checks first so a resident sees a plain Chinese message before anything is
 * sent; validation.test.ts fails if these drift from the contract.
 */
export const LIMITS = {
  title: { min: 2, max: 60 },
  facts: { min: 2, max: 5000 },
  request: { min: 2, max: 2000 },
  /** Optional for the server; 第十九条 asks for 理由, so the form asks for it too. */
  reasons: { min: 2, max: 5000 },
  address: { max: 200 },
  accusedName: { max: 50 },
  accusedNames: { max: 20 },
  attachments: { max: 9 },
  /** MaterialBodySchema.text */
  materialText: { max: 2000 },
  /** rate.comment */
  ratingComment: { max: 500 },
  /** requestReview / requestRecheck .reasons */
  reviewReasons: { min: 1, max: 2000 },
  withdrawReason: { max: 500 },
} as const;

/** Characters as the server counts them (JSON Schema counts code points, not UTF-16 units). */
export function charCount(value: string): number {
  return [...value].length;
}

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const SMS_CODE_PATTERN = /^\d{6}$/;

/**
 * One text field: empty, too short or too long, in words a resident understands. Returns undefined when
 * the value is fine. `min` 0 means optional.
 */
export function checkText(
  label: string,
  value: string,
  limits: { min?: number; max: number },
): string | undefined {
  const v = value.trim();
  const n = charCount(v);
  const min = limits.min ?? 0;
  const m = messages.validation;
  if (n === 0) return min > 0 ? m.required(label) : undefined;
  if (n < min) return m.tooShort(label, min);
  if (n > limits.max) return m.tooLong(label, limits.max, n);
  return undefined;
}

export function checkPhone(phone: string): string | undefined {
  return PHONE_PATTERN.test(phone.trim()) ? undefined : messages.login.phoneInvalid;
}

export function checkSmsCode(code: string): string | undefined {
  return SMS_CODE_PATTERN.test(code.trim()) ? undefined : messages.login.codeInvalid;
}
