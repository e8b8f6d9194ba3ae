/**
 * The leader subpackage's calls. They go through the one request wrapper and the one session store
 * (src/api); only the endpoint list lives here, so none of it weighs on the resident's main package.
 */
import type { Static } from 'typebox';
import Taro from '@tarojs/taro';
import { call } from '../api/request';
import { leaderEndpoints } from './routes';
import { getToken, saveSession } from '../api/session';
import { httpError } from '../api/errors';
import { actResultAs, staffView } from '../api/views';
import type {
  DrillListSchema,
  DrillMetric,
  OverviewSchema,
  ReportSchema,
  TrendSchema,
  UnitRankingSchema,
} from '../../server/src/contracts/dashboard';
import type { DemoAccountListSchema } from '../../server/src/contracts/auth';
import { IS_H5 } from '../platform/env';

export type Overview = Static<typeof OverviewSchema>;
export type Metric = Overview['metrics'][number];
export type UnitRanking = Static<typeof UnitRankingSchema>;
export type Trend = Static<typeof TrendSchema>;
export type DrillList = Static<typeof DrillListSchema>;
export type Report = Static<typeof ReportSchema>;
export type DemoAccount = Static<typeof DemoAccountListSchema>['accounts'][number];
export type { DrillMetric };

export interface Period {
  from: string;
  to: string;
  unit?: string;
}

export { leaderEndpoints };

const q = (p: Period) => ({ from: p.from, to: p.to, ...(p.unit ? { unit: p.unit } : {}) });
const e = leaderEndpoints;

export const leaderApi = {
  overview: (p: Period) => call(e.overview, { query: q(p) }),
  units: (p: Period, sort: 'satisfaction' | 'overdue' = 'satisfaction') =>
    call(e.units, { query: { ...q(p), sort } }),
  trend: (p: Period, granularity: 'day' | 'month') => call(e.trend, { query: { ...q(p), granularity } }),
  cases: (p: Period & { metric: DrillMetric; category?: string }) =>
    call(e.cases, {
      query: { ...q(p), metric: p.metric, limit: 200, ...(p.category ? { category: p.category } : {}) },
    }),
  report: (month: string, unit?: string) => call(e.report, { query: { month, ...(unit ? { unit } : {}) } }),
  caseDetail: async (id: string) => staffView(await call(e.caseDetail, { params: { id } })),
  supervise: async (id: string, version: number, note: string, internalDue: string) =>
    actResultAs(
      await call(e.caseAction, {
        params: { id },
        body: { version, action: { type: 'supervise', note, internalDue } },
      }),
      staffView,
    ),
  takeCharge: async (id: string, version: number, note: string) =>
    actResultAs(
      await call(e.caseAction, {
        params: { id },
        body: { version, action: { type: 'takeCharge', ...(note ? { note } : {}) } },
      }),
      staffView,
    ),

  /** DEMO servers only; elsewhere the route does not exist and the list is empty. */
  demoAccounts: async (): Promise<DemoAccount[]> => {
    try {
      return (await call(e.demoAccounts)).accounts;
    } catch {
      return [];
    }
  },
  demoLogin: async (userId: string) => saveSession(await call(e.demoLogin, { body: { userId } })),
  staffLogin: (username: string, password: string) => call(e.staffLogin, { body: { username, password } }),
  staffTotp: async (mfaToken: string, code: string) =>
    saveSession(await call(e.staffTotp, { body: { mfaToken, code } })),
};

function exportQuery(p: Period, format: 'csv' | 'xlsx'): string {
  const params = { ...q(p), format } as Record<string, string>;
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

function filenameOf(disposition: string | null, fallback: string): string {
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]!) : fallback;
}

/**
 * Downloads the current view. H5: fetch with the session header, then save the blob. Mini-program:
 * wx.downloadFile (it sends headers too) and open it with the system viewer.
 */
export async function downloadExport(p: Period, format: 'csv' | 'xlsx'): Promise<void> {
  const url = `${API_BASE}${leaderEndpoints.export.path}?${exportQuery(p, format)}`;
  const header = { Authorization: `Bearer ${getToken() ?? ''}` };
  if (IS_H5) {
    const res = await fetch(url, { headers: header });
    if (!res.ok) throw httpError(res.status, await res.json().catch(() => null));
    const blob = await res.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = filenameOf(res.headers.get('content-disposition'), `信访统计.${format}`);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    return;
  }
  const res = await Taro.downloadFile({ url, header });
  if (res.statusCode !== 200) throw httpError(res.statusCode, null);
  await Taro.openDocument({
    filePath: res.tempFilePath,
    fileType: format === 'csv' ? ('csv' as never) : 'xlsx',
    showMenu: true,
  });
}
