/**
 * The leader subpackage's endpoints, typed by the server's contracts; the case calls are the shared ones.
 */
import { endpoint, link } from '../api/endpoint';
import { endpoints } from '../api/routes';
import type {
  DrillListSchema,
  DrillQuerySchema,
  OverviewSchema,
  PeriodQuerySchema,
  ReportQuerySchema,
  ReportSchema,
  TrendQuerySchema,
  TrendSchema,
  UnitRankingSchema,
  UnitsQuerySchema,
} from '../../server/src/contracts/dashboard';

export const leaderEndpoints = {
  overview: endpoint<{ res: typeof OverviewSchema; query: typeof PeriodQuerySchema }>()(
    'GET',
    '/api/dashboard/overview',
  ),
  units: endpoint<{ res: typeof UnitRankingSchema; query: typeof UnitsQuerySchema }>()(
    'GET',
    '/api/dashboard/units',
  ),
  trend: endpoint<{ res: typeof TrendSchema; query: typeof TrendQuerySchema }>()(
    'GET',
    '/api/dashboard/trend',
  ),
  cases: endpoint<{ res: typeof DrillListSchema; query: typeof DrillQuerySchema }>()(
    'GET',
    '/api/dashboard/cases',
  ),
  /** CSV / XLSX download (ExportQuerySchema), opened rather than called. */
  export: link('/api/dashboard/export'),
  report: endpoint<{ res: typeof ReportSchema; query: typeof ReportQuerySchema }>()(
    'GET',
    '/api/dashboard/report',
  ),
  demoAccounts: endpoints.demoAccounts,
  demoLogin: endpoints.demoLogin,
  staffLogin: endpoints.staffLogin,
  staffTotp: endpoints.staffTotp,
  caseDetail: endpoints.caseDetail,
  caseAction: endpoints.caseAction,
} as const;
