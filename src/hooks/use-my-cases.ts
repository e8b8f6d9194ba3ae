import { api } from '../api/endpoints';
import { usePagedQuery } from '../api/query';
import type { CaseSummary } from '../api/types';

export const PAGE_SIZE = 10;

export interface MyCases {
  items: CaseSummary[];
  /** null: no more pages. */
  nextCursor: string | null;
  loaded: boolean;
  loading: boolean;
  error: unknown;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * 我的诉求, newest first, in cursor pages (`enabled` false: not signed in, nothing to load). `refresh` starts
 * over (pull-down); `loadMore` appends; the list refreshes each time its page is shown.
 */
export function useMyCases(enabled = true): MyCases {
  const q = usePagedQuery(
    enabled ? ['myCases'] : null,
    (cursor: string | null) => api.myCases({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    (last) => last.nextCursor,
  );
  const seen = new Set<string>();
  const items = q.pages.flatMap((p) => p.items).filter((c) => !seen.has(c.id) && !!seen.add(c.id));
  return {
    items,
    nextCursor: q.pages[q.pages.length - 1]?.nextCursor ?? null,
    loaded: q.pages.length > 0,
    loading: q.refreshing,
    error: q.error,
    refresh: q.reload,
    loadMore: q.more,
  };
}
