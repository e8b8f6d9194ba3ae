import type { ReactNode } from 'react';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidate, usePagedQuery, useQuery } from './query';
import { saveSession } from './session';

afterEach(() => cleanup());

// A fresh cache per test (the app shares one).
const wrapper = ({ children }: { children: ReactNode }) => (
  <SWRConfig value={{ provider: () => new Map() }}>{children}</SWRConfig>
);

function counter(fail = 0) {
  let calls = 0;
  return {
    load: async () => {
      calls += 1;
      if (calls <= fail) throw new Error(`failure ${calls}`);
      return `answer ${calls}`;
    },
    calls: () => calls,
  };
}

describe('useQuery', () => {
  it('is loading, then has the answer', async () => {
    const c = counter();
    const { result } = renderHook(() => useQuery(['q1'], c.load), { wrapper });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.data).toBe('answer 1'));
    expect(result.current.loading).toBe(false);
    expect(result.current.error).toBeUndefined();
  });

  it('keeps a failure until the retry, which loads again', async () => {
    const c = counter(1);
    const { result } = renderHook(() => useQuery(['q2'], c.load), { wrapper });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(Error));
    expect(c.calls()).toBe(1); // no retry by itself
    await act(() => result.current.reload());
    await waitFor(() => expect(result.current.data).toBe('answer 2'));
    expect(result.current.error).toBeUndefined();
  });

  it('a null key loads nothing and is not loading', () => {
    const c = counter();
    const { result } = renderHook(() => useQuery(null, c.load), { wrapper });
    expect(result.current.loading).toBe(false);
    expect(c.calls()).toBe(0);
  });
});

describe('invalidate and the session', () => {
  // The app's global cache: invalidate() and the session listener work on it.
  it('invalidate(name) reloads what is on screen under that name, not the others', async () => {
    const a = counter();
    const b = counter();
    const { result } = renderHook(() => ({
      a: useQuery(['inv-a', 1], a.load),
      b: useQuery(['inv-b'], b.load),
    }));
    await waitFor(() => expect(result.current.a.data).toBe('answer 1'));
    await waitFor(() => expect(result.current.b.data).toBe('answer 1'));
    await act(() => invalidate('inv-a'));
    await waitFor(() => expect(result.current.a.data).toBe('answer 2'));
    expect(b.calls()).toBe(1);
  });

  it('a new session drops what the previous one loaded and loads it again', async () => {
    const a = counter();
    const { result } = renderHook(() => useQuery(['session-bound'], a.load));
    await waitFor(() => expect(result.current.data).toBe('answer 1'));
    act(() => {
      saveSession({
        token: 't-2',
        expiresAt: '2026-12-30T00:00:00Z',
        user: { id: 'u2', displayName: '王芳', roles: ['resident'], unitCode: null, kind: 'resident' },
      });
    });
    await waitFor(() => expect(result.current.data).toBe('answer 2'));
  });
});

describe('a renewed token for the same person', () => {
  it('keeps what was loaded (the mini-program re-logs in silently; nothing reloads or is lost)', async () => {
    const user = {
      id: 'u3',
      displayName: '李娜',
      roles: ['resident' as const],
      unitCode: null,
      kind: 'resident' as const,
    };
    act(() => {
      saveSession({ token: 't-3', expiresAt: '2026-12-30T00:00:00Z', user });
    });
    const a = counter();
    const { result } = renderHook(() => useQuery(['same-person'], a.load));
    await waitFor(() => expect(result.current.data).toBe('answer 1'));
    act(() => {
      saveSession({ token: 't-3-renewed', expiresAt: '2026-12-31T00:00:00Z', user });
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(result.current.data).toBe('answer 1');
    expect(a.calls()).toBe(1);
  });
});

describe('usePagedQuery', () => {
  it('appends pages by cursor until there is none, and starts over on reload', async () => {
    const seen: (string | null)[] = [];
    const load = async (cursor: string | null) => {
      seen.push(cursor);
      return cursor === null ? { items: [1, 2], next: 'p2' } : { items: [3], next: null };
    };
    const { result } = renderHook(() => usePagedQuery(['paged'], load, (last) => last.next), { wrapper });
    await waitFor(() => expect(result.current.pages).toHaveLength(1));
    expect(result.current.hasMore).toBe(true);
    await act(() => result.current.more());
    await waitFor(() => expect(result.current.pages.flatMap((p) => p.items)).toEqual([1, 2, 3]));
    expect(result.current.hasMore).toBe(false);
    await act(() => result.current.reload());
    await waitFor(() => expect(result.current.pages).toHaveLength(1));
    expect(seen[0]).toBeNull();
    expect(seen).toContain('p2');
  });
});
