/**
 * The leader subpackage's calls. They go through the one request wrapper and the one session store
 * (src/api); only the endpoint list lives here, so none of it weighs on the resident's main package.
 */
import type { Static } from 'typebox';
import Taro from '@tarojs/taro';
import { request } from '../api/request';
import { getToken, saveSession } from '../api/session';
import { httpError } from '../api/errors';
import type { ActResult, StaffCaseDetail, LoginResult } from '../api/types';
import type {
  DrillListSchema,
  DrillMetric,
  OverviewSchema,
  ReportSchema,
  TrendSchema,
  UnitRankingSchema,
} from '../../server/src/contracts/dashboard';
import type { DemoAccountListSchema, StaffLoginResult } from '../../server/src/contracts/auth';
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

export const leaderEndpoints = {
  overview: '/api/dashboard/overview',
  units: '/api/dashboard/units',
  trend: '/api/dashboard/trend',
  cases: '/api/dashboard/cases',
  export: '/api/dashboard/export',
  report: '/api/dashboard/report',
  demoAccounts: '/api/demo/accounts',
  demoLogin: '/api/demo/login',
  staffLogin: '/api/auth/staff/login',
  staffTotp: '/api/auth/staff/totp',
  caseDetail: '/api/cases/:id',
  caseAction: '/api/cases/:id/actions',
} as const;

const q = (p: Period) => ({ from: p.from, to: p.to, ...(p.unit ? { unit: p.unit } : {}) });
const withId = (path: string, id: string) => path.replace(':id', encodeURIComponent(id));

export const leaderApi = {
  overview: (p: Period) => request<Overview>(leaderEndpoints.overview, { data: q(p) }),
  units: (p: Period, sort: 'satisfaction' | 'overdue' = 'satisfaction') =>
    request<UnitRanking>(leaderEndpoints.units, { data: { ...q(p), sort } }),
  trend: (p: Period, granularity: 'day' | 'month') =>
    request<Trend>(leaderEndpoints.trend, { data: { ...q(p), granularity } }),
  cases: (p: Period & { metric: DrillMetric; category?: string }) =>
    request<DrillList>(leaderEndpoints.cases, {
      data: { ...q(p), metric: p.metric, limit: 200, ...(p.category ? { category: p.category } : {}) },
    }),
  report: (month: string, unit?: string) =>
    request<Report>(leaderEndpoints.report, { data: { month, ...(unit ? { unit } : {}) } }),
  caseDetail: (id: string) => request<StaffCaseDetail>(withId(leaderEndpoints.caseDetail, id)),
  supervise: (id: string, version: number, note: string, internalDue: string) =>
    request<ActResult<StaffCaseDetail>>(withId(leaderEndpoints.caseAction, id), {
      method: 'POST',
      data: { version, action: { type: 'supervise', note, internalDue } },
    }),
  takeCharge: (id: string, version: number, note: string) =>
    request<ActResult<StaffCaseDetail>>(withId(leaderEndpoints.caseAction, id), {
      method: 'POST',
      data: { version, action: { type: 'takeCharge', ...(note ? { note } : {}) } },
    }),

  /** DEMO servers only; elsewhere the route does not exist and the list is empty. */
  demoAccounts: async (): Promise<DemoAccount[]> => {
    try {
      const r = await request<Static<typeof DemoAccountListSchema>>(leaderEndpoints.demoAccounts, {
        auth: 'none',
      });
      return r.accounts;
    } catch {
      return [];
    }
  },
  demoLogin: async (userId: string) =>
    saveSession(
      await request<LoginResult>(leaderEndpoints.demoLogin, {
        method: 'POST',
        data: { userId },
        auth: 'none',
      }),
    ),
  staffLogin: (username: string, password: string) =>
    request<StaffLoginResult>(leaderEndpoints.staffLogin, {
      method: 'POST',
      data: { username, password },
      auth: 'none',
    }),
  staffTotp: async (mfaToken: string, code: string) =>
    saveSession(
      await request<LoginResult>(leaderEndpoints.staffTotp, {
        method: 'POST',
        data: { mfaToken, code },
        auth: 'none',
      }),
    ),
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
  const url = `${API_BASE}${leaderEndpoints.export}?${exportQuery(p, format)}`;
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
