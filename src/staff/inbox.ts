import { usePagedQuery } from '../api/query';
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
 * "为什么是这一天". Pages append; a change of tab or filters starts again (the old list stays on screen
 * until the new one arrives).
 */
export function useInbox(tab: InboxTab, filters: InboxFilters): InboxState {
  const q = usePagedQuery(
    ['inbox', tab, filters],
    (page: number | null) => staffApi.inbox({ ...filters, tab, page: page ?? 1, pageSize: PAGE_SIZE }),
    (last) => (last.page * last.pageSize < last.total ? last.page + 1 : null),
  );
  const first = q.pages[0];
  return {
    items: q.pages.flatMap((p) => p.items),
    counts: first?.counts ?? null,
    states: first?.states ?? [],
    total: first?.total ?? 0,
    loading: q.refreshing,
    error: q.error,
    more: () => void q.more(),
    reload: () => void q.reload(),
  };
}
