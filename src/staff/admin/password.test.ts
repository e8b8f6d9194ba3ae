import { describe, expect, it } from 'vitest';
import { generatePassword } from './password';

describe('generated passwords', () => {
  it('are 16 characters with all four character classes and no look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(16);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[^A-Za-z0-9]/);
      expect(p).not.toMatch(/[0O1lI]/);
    }
  });

  it('differ from one another', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generatePassword()));
    expect(seen.size).toBe(500);
  });

  it('use every draw of the random source without modulo bias (rejects draws above the last full cycle)', () => {
    // A source that first returns the largest 32-bit value (above the last full cycle for any set size
    // that does not divide 2^32), then zeros: the first draw must be rejected, not folded.
    let calls = 0;
    const random = (n: number) => {
      calls++;
      return new Uint32Array(n).fill(calls === 1 ? 0xffffffff : 0);
    };
    const p = generatePassword(4, random);
    expect(p).toHaveLength(4);
    expect(calls).toBeGreaterThan(4);
  });
});
