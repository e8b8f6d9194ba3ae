import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data (ID numbers, phone numbers) at rest: AES-256-GCM with a random IV per value, plus a keyed
 * HMAC-SHA256 "blind index" for exact-match lookups without decrypting. Values never appear in logs.
 */
export interface PiiCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Deterministic keyed hash for lookups (e.g. find a resident by phone). */
  index(plain: string): string;
}

const VERSION = 'v1';

export function createPiiCipher(keyBase64: string): PiiCipher {
  const master = Buffer.from(keyBase64, 'base64');
  if (master.length !== 32) throw new Error('PII key must be 32 bytes, base64-encoded');
  // Separate subkeys so the lookup hash never equals anything derived from the encryption key.
  const encKey = createHmac('sha256', master).update('xinfang/pii/enc').digest();
  const idxKey = createHmac('sha256', master).update('xinfang/pii/index').digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join(':');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== VERSION || !iv || !tag || body === undefined)
        throw new Error('unrecognised PII ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
    index(plain) {
      return createHmac('sha256', idxKey).update(plain.normalize('NFKC').trim()).digest('base64url');
    },
  };
}

/** 138****1234 — what a role without need-to-know sees. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 1101**********123X — keeps the region prefix and the last four. */
export function maskIdNumber(id: string): string {
  return id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****';
}
