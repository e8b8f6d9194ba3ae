import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../api/types';
import { daysUntil } from '../utils/dates';
import { staffApi, type CaseListQuery } from './api';

/** The inbox tabs, most urgent first. */
export const INBOX_TABS = ['overdue', 'today', 'soon', 'all'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** "3日内到期": due today or within the next three China calendar days. */
export const SOON_DAYS = 3;

export type InboxFilters = Pick<
  CaseListQuery,
  'state' | 'channel' | 'category' | 'unit' | 'firstReceiver' | 'q'
>;

/** Which tabs a case belongs to. A case with no running clock is only in 全部. */
export function tabsOf(c: Pick<CaseSummary, 'nextDue' | 'overdue'>, now: Date = new Date()): InboxTab[] {
  const tabs: InboxTab[] = [];
  if (c.nextDue) {
    const days = daysUntil(c.nextDue, now);
    if (c.overdue) tabs.push('overdue');
    else if (days !== null) {
      if (days <= 0) tabs.push('today');
      if (days <= SOON_DAYS) tabs.push('soon');
    }
  }
  tabs.push('all');
  return tabs;
}

export type InboxCounts = Record<InboxTab, number>;

export function countTabs(items: CaseSummary[], now: Date = new Date()): InboxCounts {
  const counts: InboxCounts = { overdue: 0, today: 0, soon: 0, all: 0 };
  for (const c of items) for (const t of tabsOf(c, now)) counts[t] += 1;
  return counts;
}

/** The server pages by 100; a unit's open work is read whole (capped) so every tab has its count. */
const PAGE = 100;
const MAX_PAGES = 20;

async function loadAll(filters: InboxFilters): Promise<{ items: CaseSummary[]; truncated: boolean }> {
  const items: CaseSummary[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await staffApi.cases({
      ...filters,
      sort: 'urgency',
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    if (!page.nextCursor) return { items, truncated: false };
    cursor = page.nextCursor;
  }
  return { items, truncated: true };
}

export interface Inbox {
  items: CaseSummary[];
  counts: InboxCounts | null;
  loading: boolean;
  error: unknown;
  truncated: boolean;
  reload: () => void;
}

/**
 * The inbox for the chosen filters: the scoped case list (the server decides what this user may see),
 * sorted by the next due instant, split into the urgency tabs with a count on each.
 */
export function useInbox(filters: InboxFilters): Inbox {
  const [state, setState] = useState<Omit<Inbox, 'reload'>>({
    items: [],
    counts: null,
    loading: true,
    error: null,
    truncated: false,
  });
  const seq = useRef(0);
  const key = JSON.stringify(filters);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    loadAll(JSON.parse(key) as InboxFilters)
      .then(({ items, truncated }) => {
        if (mine !== seq.current) return;
        setState({ items, counts: countTabs(items), loading: false, error: null, truncated });
      })
      .catch((error: unknown) => {
        if (mine !== seq.current) return;
        setState((s) => ({ ...s, loading: false, error }));
      });
  }, [key]);
  useEffect(reload, [reload]);
  return { ...state, reload };
}
