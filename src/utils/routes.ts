/**
 * Page paths, one place. `PAGES` (no leading slash) feeds app.config.ts; `ROUTES` is for navigation.
 * Staff and leader pages live in subpackages so the resident's main package stays small.
 */
export const PAGES = {
  home: 'pages/index/index',
  petitions: 'pages/petitions/index',
  mine: 'pages/mine/index',
  login: 'pages/login/index',
  file: 'pages/file/index',
  caseDetail: 'pages/case/index',
  privacy: 'pages/privacy/index',
} as const;

export const SUBPACKAGES = {
  staff: {
    root: 'staff',
    pages: [
      'index/index',
      'login/index',
      'register/index',
      'case/index',
      'approvals/index',
      'followups/index',
      'admin/index',
    ],
  },
  leader: { root: 'leader', pages: ['index/index', 'cases/index', 'case/index', 'report/index'] },
} as const;

export const ROUTES = {
  home: `/${PAGES.home}`,
  petitions: `/${PAGES.petitions}`,
  mine: `/${PAGES.mine}`,
  login: `/${PAGES.login}`,
  file: `/${PAGES.file}`,
  caseDetail: `/${PAGES.caseDetail}`,
  privacy: `/${PAGES.privacy}`,
  staffHome: '/staff/index/index',
  staffLogin: '/staff/login/index',
  staffRegister: '/staff/register/index',
  staffCase: '/staff/case/index',
  staffApprovals: '/staff/approvals/index',
  staffFollowups: '/staff/followups/index',
  staffAdmin: '/staff/admin/index',
  leaderHome: '/leader/index/index',
  leaderCases: '/leader/cases/index',
  leaderCase: '/leader/case/index',
  leaderReport: '/leader/report/index',
} as const;

/** Tab pages are reached with switchTab (navigateTo refuses them in the mini-program). */
export const TAB_ROUTES: readonly string[] = [ROUTES.home, ROUTES.petitions, ROUTES.mine];

export function caseDetailUrl(id: string): string {
  return `${ROUTES.caseDetail}?id=${encodeURIComponent(id)}`;
}

export function loginUrl(redirect?: string): string {
  return redirect ? `${ROUTES.login}?redirect=${encodeURIComponent(redirect)}` : ROUTES.login;
}
