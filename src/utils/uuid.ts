/**
 * A random UUID (version 4) for idempotency keys. Uses the platform's secure random source where there is
 * one (browsers); the mini-program has none in its JS runtime, and an idempotency key only needs to be
 * unique per resident, which Math.random plus the clock gives many times over.
 */
export function uuid(): string {
  const bytes = new Uint8Array(16);
  // No `globalThis` here: older mini-program JS engines lack it.
  const c =
    typeof crypto !== 'undefined'
      ? (crypto as { getRandomValues?: (a: Uint8Array) => Uint8Array })
      : undefined;
  if (c?.getRandomValues) {
    c.getRandomValues(bytes);
  } else {
    const t = Date.now();
    for (let i = 0; i < 16; i++) bytes[i] = (Math.random() * 256) ^ ((t / 2 ** ((i % 6) * 8)) & 0xff);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What the server accepts as an idempotency key (contracts/cases.ts). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9-]{16,64}$/;
