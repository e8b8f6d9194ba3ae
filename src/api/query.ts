/**
 * The one data-loading layer: SWR over the typed calls (src/api/endpoints.ts and the subpackages' tables).
 * Every screen gets the same loading / error / retry state, a refresh each time its page is shown again
 * (Taro's useDidShow, in the mini-program and on H5 alike — SWR's own window-focus listener is off, it would
 * fire on H5 only), and `invalidate` after a write refreshes every screen that shows what it changed.
 *
 * Keys are arrays whose first item names the data (`['caseDetail', id]`); `invalidate('caseDetail')` reaches
 * all of them. SWR was checked in both builds: the weapp build compiles with miniprogram-ci and the H5 build
 * runs in Chromium (e2e); it adds about 14 KiB to the main package (react-query would add 35 KiB and cross
 * the 600 KiB budget).
 */
import { useRef } from 'react';
import useSWR, { mutate as mutateCache, type SWRConfiguration } from 'swr';
import useSWRInfinite from 'swr/infinite';
import { useDidShow } from '@tarojs/taro';
import { getSession, onSessionChange, useSession } from './session';

// Another person may sign in on the same phone: every key carries the signed-in user, so nothing one person
// loaded is shown to the next, and what the previous person loaded is dropped. A token renewed for the same
// person (the mini-program's silent re-login) keeps the cache and the loads under way.
let cacheUser: string | null = getSession()?.user.id ?? null;
onSessionChange((session) => {
  const user = session?.user.id ?? null;
  if (user === cacheUser) return;
  cacheUser = user;
  void mutateCache(() => true, undefined, { revalidate: false });
});

function useScoped(key: QueryKey | null): QueryKey | null {
  const user = useSession()?.user.id ?? null;
  return key === null ? null : [...key, { user }];
}

export type QueryKey = readonly [name: string, ...args: unknown[]];

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  /** Nothing to show yet: the first load is under way. */
  loading: boolean;
  /** A load is under way (first or refresh). */
  refreshing: boolean;
  /** Load again now (the retry of an error notice, a pull-down). */
  reload: () => Promise<void>;
  /** Put a known answer in place (e.g. the case an action returned) without asking the server again. */
  set: (data: T) => void;
}

const OPTIONS: SWRConfiguration = {
  revalidateOnFocus: false,
  revalidateOnReconnect: false,
  // A failed load waits for the person's retry (ErrorNotice) or the next show, never retries by itself.
  shouldRetryOnError: false,
  dedupingInterval: 1000,
};

/**
 * Loads `key` with `load` (null key: nothing to load yet). Pass `keepPrevious` where a change of key (a
 * filter, a period) should keep the old answer on screen while the new one loads.
 */
export function useQuery<T>(
  key: QueryKey | null,
  load: () => Promise<T>,
  options: { keepPrevious?: boolean } = {},
): Query<T> {
  const scoped = useScoped(key);
  const swr = useSWR<T, unknown, QueryKey | null>(scoped, () => load(), {
    ...OPTIONS,
    keepPreviousData: options.keepPrevious ?? false,
  });
  // The first show is the mount, which loads anyway; every later show refreshes.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && key) void swr.mutate();
    shown.current = true;
  });
  return {
    data: swr.data,
    error: swr.error,
    loading: swr.data === undefined && swr.error === undefined && key !== null,
    refreshing: swr.isValidating,
    reload: async () => {
      await swr.mutate();
    },
    set: (data: T) => {
      void swr.mutate(data, { revalidate: false });
    },
  };
}

/**
 * Marks every cached answer under these names stale and reloads the ones on screen. (Paged lists are not
 * reached — SWR keeps them apart — they reload when their page is shown or by their own `reload`.)
 */
export async function invalidate(...names: string[]): Promise<void> {
  // One argument: revalidate only (a data argument, even undefined, would be written to the cache).
  await mutateCache((key) => Array.isArray(key) && names.includes(String(key[0])));
}

export interface PagedQuery<P> {
  pages: P[];
  error: unknown;
  /** Nothing to show yet. */
  loading: boolean;
  /** A page (first, next or a refresh) is loading. */
  refreshing: boolean;
  hasMore: boolean;
  /** Start over from the first page (pull-down, retry, after a change). */
  reload: () => Promise<void>;
  /** Append the next page. */
  more: () => Promise<void>;
}

/**
 * Paged lists (cursor or page number): `load(cursor)` fetches the page at `cursor` (null: the first);
 * `next(last)` gives the cursor of the page after `last`, null at the end. Same loading, error, retry and
 * refresh-on-show as `useQuery`.
 */
export function usePagedQuery<P, C extends string | number>(
  key: QueryKey | null,
  load: (cursor: C | null) => Promise<P>,
  next: (last: P) => C | null,
): PagedQuery<P> {
  const scoped = useScoped(key);
  const swr = useSWRInfinite<P, unknown>(
    (index: number, previous: P | null): readonly [...QueryKey, C | null] | null => {
      if (scoped === null) return null;
      if (index === 0 || previous === null) return [...scoped, null];
      const cursor = next(previous);
      return cursor === null ? null : [...scoped, cursor];
    },
    (k: readonly [...QueryKey, C | null]) => load(k[k.length - 1] as C | null),
    { ...OPTIONS, revalidateFirstPage: false },
  );
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && key) void swr.mutate();
    shown.current = true;
  });
  const pages = swr.data ?? [];
  const last = pages[pages.length - 1];
  const hasMore = last !== undefined && next(last) !== null;
  return {
    pages,
    error: swr.error,
    loading: swr.data === undefined && swr.error === undefined && key !== null,
    refreshing: swr.isValidating,
    hasMore,
    reload: async () => {
      if (pages.length > 1) await swr.setSize(1);
      await swr.mutate();
    },
    more: async () => {
      if (swr.isValidating || !hasMore) return;
      await swr.setSize(pages.length + 1);
    },
  };
}
