import { useCallback, useEffect, useRef, useState } from 'react';
import { staffApi, type Inbox, type InboxItem, type InboxQuery } from './api';

/** The inbox tabs shown, most urgent first (the server's urgency: server/src/domain/urgency.ts). */
export const INBOX_TABS = ['overdue', 'today', 'soon', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

export type InboxFilters = Pick<
  InboxQuery,
  'state' | 'channel' | 'category' | 'subject' | 'unit' | 'firstReceiver' | 'q' | 'view' | 'only'
>;

export const PAGE_SIZE = 50;

export interface InboxState {
  items: InboxItem[];
  counts: Inbox['counts'] | null;
  /** The state filter's options as the server labels them. */
  states: Inbox['states'];
  total: number;
  loading: boolean;
  error: unknown;
  /** Loads the next page of the current tab. */
  more: () => void;
  reload: () => void;
}

/**
 * The inbox of the chosen tab and filters, from `GET /api/staff/inbox`: the server scopes it to what this
 * user may see and must act on, sorts it by urgency, counts every tab and sends each case's clock with its
 * "为什么是这一天". Pages append; a change of tab or filters starts again.
 */
export function useInbox(tab: InboxTab, filters: InboxFilters): InboxState {
  const [state, setState] = useState<Omit<InboxState, 'more' | 'reload'>>({
    items: [],
    counts: null,
    states: [],
    total: 0,
    loading: true,
    error: null,
  });
  const [page, setPage] = useState(1);
  const seq = useRef(0);
  const key = JSON.stringify({ tab, filters });
  const load = useCallback(
    (p: number) => {
      const mine = ++seq.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      staffApi
        .inbox({ ...filters, tab, page: p, pageSize: PAGE_SIZE })
        .then((res) => {
          if (mine !== seq.current) return;
          setState((s) => ({
            items: p === 1 ? res.items : [...s.items, ...res.items],
            counts: res.counts,
            states: res.states,
            total: res.total,
            loading: false,
            error: null,
          }));
        })
        .catch((error: unknown) => {
          if (mine !== seq.current) return;
          setState((s) => ({ ...s, loading: false, error }));
        });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  useEffect(() => {
    setPage(1);
    load(1);
  }, [load]);
  return {
    ...state,
    more: () => {
      setPage(page + 1);
      load(page + 1);
    },
    reload: () => {
      setPage(1);
      load(1);
    },
  };
}
