import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../src/domain';

const dir = fileURLToPath(new URL('../../src/domain/', import.meta.url));

describe('the domain is pure (ARCHITECTURE.md: no I/O, nothing outside itself but chinese-days)', () => {
  it('is a flat folder whose files import only each other and chinese-days', () => {
    const entries = readdirSync(dir);
    expect(entries.filter((e) => statSync(dir + e).isDirectory())).toEqual([]);
    const specifiers = new Set<string>();
    for (const file of entries.filter((e) => e.endsWith('.ts'))) {
      const text = readFileSync(dir + file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s+'([^']+)'/g)) specifiers.add(m[1] as string);
    }
    const outside = [...specifiers].filter(
      (s) => !s.startsWith('./') && s !== 'chinese-days/dist/chinese-days.json',
    );
    expect(outside).toEqual([]);
    expect(specifiers.has('./calendar')).toBe(true);
  });

  it('computeDeadline returns exactly { due, lastDay, provisional, explanation }', () => {
    const r: { due: string; lastDay: string; provisional: boolean; explanation: string[] } = computeDeadline({
      from: new Date('2026-03-02T01:00:00Z'),
      limit: { days: 15 },
    });
    expect(Object.keys(r).sort()).toEqual(['due', 'explanation', 'lastDay', 'provisional']);
    expect(r.due).toBe('2026-03-17T23:59:59.999+08:00');
  });
});
