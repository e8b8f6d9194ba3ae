/**
 * Initial and reset passwords the admin hands over: 16 characters from the browser's CSPRNG, with upper
 * case, lower case, digits and symbols, and without look-alikes (0/O, 1/l/I) that get misread when the
 * password is read out. Whether a password is acceptable is the server's policy (auth/password.ts): this
 * only makes ones that pass it; a password the admin types is judged there.
 */
const SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '#%+=?@*-'] as const;
const ALL = SETS.join('');

type Random = (n: number) => Uint32Array;

const cryptoRandom: Random = (n) => {
  const out = new Uint32Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
};

/** Uniform index below `n` (rejection sampling: no modulo bias). */
function pick(random: Random, n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const [r] = random(1);
    if (r! < limit) return r! % n;
  }
}

export function generatePassword(length = 16, random: Random = cryptoRandom): string {
  const chars = SETS.map((set) => set[pick(random, set.length)]!);
  while (chars.length < length) chars.push(ALL[pick(random, ALL.length)]!);
  // Fisher–Yates, so the guaranteed characters are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = pick(random, i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
