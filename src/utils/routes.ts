/**
 * Page paths, one place. `PAGES` (no leading slash) feeds app.config.ts; `ROUTES` is for navigation.
 * Staff and leader pages live in subpackages so the resident's main package stays small.
 */
export const PAGES = {
  home: 'pages/index/index',
  petitions: 'pages/petitions/index',
  mine: 'pages/mine/index',
} as const;

export const SUBPACKAGES = {
  staff: { root: 'staff', pages: ['index/index'] },
  leader: { root: 'leader', pages: ['index/index'] },
} as const;

export const ROUTES = {
  home: `/${PAGES.home}`,
  petitions: `/${PAGES.petitions}`,
  mine: `/${PAGES.mine}`,
  staffHome: '/staff/index/index',
  leaderHome: '/leader/index/index',
} as const;
