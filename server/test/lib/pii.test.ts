import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createPiiCipher, maskIdNumber, maskPhone } from '../../src/lib/pii';

const key = () => randomBytes(32).toString('base64');

describe('personal data at rest (AES-256-GCM + keyed index)', () => {
  it('round-trips and never stores the clear value', () => {
    const pii = createPiiCipher(key());
    const sealed = pii.encrypt('110101199003074514');
    expect(sealed).not.toContain('110101199003074514');
    expect(sealed).not.toBe(pii.encrypt('110101199003074514')); // random IV per value
    expect(pii.decrypt(sealed)).toBe('110101199003074514');
  });

  it('detects tampering', () => {
    const pii = createPiiCipher(key());
    const parts = pii.encrypt('13800000001').split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64');
    expect(() => pii.decrypt(parts.join(':'))).toThrow();
  });

  it('indexes deterministically per key and differently across keys', () => {
    const k = key();
    expect(createPiiCipher(k).index('13800000001')).toBe(createPiiCipher(k).index('13800000001'));
    expect(createPiiCipher(k).index('13800000001')).not.toBe(createPiiCipher(key()).index('13800000001'));
  });

  it('refuses a key of the wrong size', () => {
    expect(() => createPiiCipher(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('masks phones and ID numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('110101199003074514')).toBe('1101**********4514');
  });
});
