import { useCallback, useRef, useState } from 'react';
import { api } from '../api/endpoints';
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

/** 我的诉求, newest first, in cursor pages. `refresh` starts over (pull-down); `loadMore` appends. */
export function useMyCases(): MyCases {
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const busy = useRef(false);

  const refresh = useCallback(async () => {
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      const page = await api.myCases({ limit: PAGE_SIZE });
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setLoaded(true);
    } catch (err) {
      setError(err);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (busy.current || !nextCursor) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      const page = await api.myCases({ limit: PAGE_SIZE, cursor: nextCursor });
      setItems((list) => {
        const seen = new Set(list.map((c) => c.id));
        return [...list, ...page.items.filter((c) => !seen.has(c.id))];
      });
      setNextCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, [nextCursor]);

  return { items, nextCursor, loaded, loading, error, refresh, loadMore };
}
