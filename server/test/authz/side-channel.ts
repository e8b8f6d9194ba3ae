/**
 * What each API route can tell about cases, for the side-channel test (side-channel.test.ts, issue 12,
 * DOMAIN.md §5): every route of `app.routeTable` needs an entry here — a route without one fails the test.
 * `derives` says what the route returns that is derived from cases ('nothing' for those that return none;
 * they are compared all the same); `probes` are requests beyond the route's POLICY request that aim at the
 * hidden accusations (their ids, numbers, titles and the accuser's phone), built for each world from the same
 * hidden facts.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import type { MatrixContext } from './policy';

export interface SideContext extends MatrixContext {
  /** The hidden accusations of world B (ids and numbers; the same in both worlds' requests). */
  hidden: { h1: string; h2: string; h1Number: string; h2Number: string };
  /** Ids of accounts in this world. */
  userIds: Map<string, string>;
  /** The accuser's phone (he also filed the claim everybody here may see). */
  accuser: string;
  /** The hidden accusations' titles. */
  titles: [string, string];
}

export interface SideChannelEntry {
  derives: string;
  probes?: (c: SideContext) => Promise<InjectOptions[]> | InjectOptions[];
  /** What of a JSON answer is compared, where an answer varies for reasons that are not cases. */
  canonical?: (body: never) => unknown;
}

const get = (url: string): InjectOptions => ({ method: 'GET', url });
const enc = encodeURIComponent;
const NOTHING: SideChannelEntry = { derives: 'nothing' };
const hiddenIds = (c: SideContext) => [c.hidden.h1, c.hidden.h2];
/** Searches a list by what someone who heard of a hidden accusation would type. */
const searches = (c: SideContext, url: string, extra = '') =>
  [c.hidden.h1Number, c.hidden.h2Number, c.titles[0].slice(2, 8), c.titles[1].slice(2, 8), c.accuser].map(
    (q) => get(`${url}?q=${enc(q)}${extra}`),
  );
const onHidden = (url: (c: SideContext, id: string) => string) => (c: SideContext) =>
  hiddenIds(c).map((id) => get(url(c, id)));

export const SIDE_CHANNEL: Record<string, SideChannelEntry> = {
  'GET /api/docs': NOTHING,
  'GET /api/docs/static/index.html': NOTHING,
  'GET /api/docs/static/swagger-initializer.js': NOTHING,
  'GET /api/docs/json': NOTHING,
  'GET /api/docs/yaml': NOTHING,
  'GET /api/docs/static/*': NOTHING,
  'GET /api/health': {
    derives: 'nothing (no case counts in the health answer)',
    // the database's latency varies from call to call
    canonical: (b: { db: object }) => ({ ...b, db: { ...b.db, latencyMs: 0 } }),
  },
  'GET /api/units': NOTHING,
  'GET /api/categories': NOTHING,
  'POST /api/auth/wechat': NOTHING,
  'POST /api/auth/sms/send': NOTHING,
  'POST /api/auth/sms/verify': NOTHING,
  'POST /api/auth/staff/login': NOTHING,
  'POST /api/auth/staff/totp': NOTHING,
  'GET /api/demo/accounts': {
    derives: 'nothing',
    // listed by _id, which the seed's upserts assign in no fixed order
    canonical: (b: { accounts: { displayName: string; unitCode: string | null }[] }) =>
      b.accounts.map((a) => `${a.displayName} ${a.unitCode}`).sort(),
  },
  'POST /api/demo/login': NOTHING,
  'POST /api/demo/sms-outbox': NOTHING,
  'GET /api/auth/me': { derives: "the caller's account, no case facts" },
  'POST /api/auth/logout': NOTHING,
  'GET /api/me/notifications': { derives: "a resident's own notifications (staff: 403)" },
  'POST /api/me/notifications/:id/read': { derives: 'one notification of a case' },
  'POST /api/attachments': NOTHING,
  'GET /api/attachments/:id': { derives: "a case's attachment" },
  'POST /api/cases': { derives: 'filing: notices and repeat flags weigh earlier cases (finding 2)' },
  'POST /api/cases/register': {
    derives: 'registration: duplicate notices and the case in the petitioner’s name (finding 2)',
    probes: (c) =>
      c.titles.map((title) => ({
        method: 'POST',
        url: '/api/cases/register',
        payload: {
          idempotencyKey: randomUUID(),
          channel: 'phone',
          petitioner: { name: '王检举', phone: c.accuser },
          classification: { category: 'claim' },
          title,
          request: '请求处理。',
          facts: '来电反映。',
        },
      })),
  },
  'GET /api/cases': {
    derives: 'a list of cases, its cursor and truncation (finding 6)',
    probes: (c) => [
      ...searches(c, '/api/cases'),
      get('/api/cases?limit=1'),
      get('/api/cases?unit=lj-xfj&limit=5'),
      get('/api/cases?category=accusation'),
    ],
  },
  'GET /api/me/cases': { derives: "a resident's own cases (staff: 403)" },
  'GET /api/cases/:id': {
    derives: 'one case (a hidden one answers as a case that does not exist)',
    probes: onHidden((_c, id) => `/api/cases/${id}`),
  },
  'POST /api/cases/:id/actions': {
    derives: "an action's answer and refusals",
    probes: async (c) =>
      Promise.all(
        hiddenIds(c).map(async (id) => ({
          method: 'POST',
          url: `/api/cases/${id}/actions`,
          payload: {
            version: await c.version(id),
            action: { type: 'liftRecusal', userId: c.userIds.get('clerk2.city'), reason: '经核实无利害关系' },
          },
        })),
      ),
  },
  'POST /api/cases/:id/materials': {
    derives: 'adding material (residents only)',
    probes: (c) =>
      hiddenIds(c).map((id) => ({
        method: 'POST',
        url: `/api/cases/${id}/materials`,
        payload: { idempotencyKey: randomUUID(), text: '补充。' },
      })),
  },
  'POST /api/cases/:id/notes': {
    derives: "a note's answer and refusals",
    probes: (c) =>
      hiddenIds(c).map((id) => ({
        method: 'POST',
        url: `/api/cases/${id}/notes`,
        payload: { idempotencyKey: randomUUID(), text: '已电话联系。' },
      })),
  },
  'GET /api/units/me/notifications': {
    derives: "a unit's notifications, unread count and cursor (finding 4)",
    probes: () => [get('/api/units/me/notifications?limit=1')],
  },
  'POST /api/units/me/notifications/:id/read': { derives: 'marking a notification read' },
  'GET /api/dashboard/overview': {
    derives: 'counts and rates',
    probes: () => [get('/api/dashboard/overview?unit=lj-xfj')],
  },
  'GET /api/dashboard/units': { derives: 'counts per unit' },
  'GET /api/dashboard/trend': { derives: 'counts per period' },
  'GET /api/dashboard/cases': {
    derives: 'a drill-down list and its truncation (finding 6)',
    probes: () =>
      ['all', 'unresolved', 'overdue', 'repeat'].flatMap((m) => [
        get(`/api/dashboard/cases?metric=${m}&limit=1`),
        get(`/api/dashboard/cases?metric=${m}&category=accusation`),
      ]),
  },
  'GET /api/dashboard/export': {
    derives: 'an export of counts',
    probes: () => [get('/api/dashboard/export?format=xlsx')],
  },
  'GET /api/dashboard/report': { derives: 'a monthly report of counts' },
  'GET /api/staff/inbox': {
    derives: 'the desk’s list, its totals and pages',
    probes: (c) => [
      ...searches(c, '/api/staff/inbox'),
      get('/api/staff/inbox?pageSize=1'),
      get('/api/staff/inbox?unit=lj-xfj'),
      get('/api/staff/inbox?category=accusation'),
    ],
  },
  'POST /api/staff/duplicates': {
    derives: 'the duplicate check: assessment, matches, 初信初访 (finding 3)',
    probes: (c) => [
      ...c.titles.map((title) => ({
        method: 'POST' as const,
        url: '/api/staff/duplicates',
        payload: { phone: c.accuser, title },
      })),
      { method: 'POST', url: '/api/staff/duplicates', payload: { phone: c.accuser } },
      { method: 'POST', url: '/api/staff/duplicates', payload: { title: c.titles[0] } },
    ],
  },
  'GET /api/staff/approvals': { derives: 'cases waiting for the head’s approval' },
  'GET /api/staff/follow-ups': { derives: '回访 due at the caller’s unit' },
  'POST /api/cases/:id/follow-ups': {
    derives: "a 回访's answer and refusals",
    probes: (c) =>
      hiddenIds(c).map((id) => ({
        method: 'POST',
        url: `/api/cases/${id}/follow-ups`,
        payload: { idempotencyKey: randomUUID(), outcome: 'contacted', summary: '已回访。' },
      })),
  },
  'GET /api/document-templates': NOTHING,
  'GET /api/cases/:id/documents': {
    derives: "a case's documents",
    probes: onHidden((_c, id) => `/api/cases/${id}/documents`),
  },
  'GET /api/cases/:id/documents/preview': {
    derives: 'a document preview',
    probes: onHidden((_c, id) => `/api/cases/${id}/documents/preview?kind=acceptanceNotice`),
  },
  'POST /api/cases/:id/documents': {
    derives: 'issuing a document',
    probes: (c) =>
      hiddenIds(c).map((id) => ({
        method: 'POST',
        url: `/api/cases/${id}/documents`,
        payload: { kind: 'acceptanceNotice', idempotencyKey: randomUUID() },
      })),
  },
  'GET /api/cases/:id/documents/:docId': {
    derives: 'one document',
    probes: async (c) => [get(`/api/cases/${c.hidden.h1}/documents/${await c.documentOf(c.hidden.h1)}`)],
  },
  'GET /api/cases/:id/documents/:docId/pdf': {
    derives: 'one document as PDF',
    probes: async (c) => [get(`/api/cases/${c.hidden.h1}/documents/${await c.documentOf(c.hidden.h1)}/pdf`)],
  },
  'GET /api/audit': { derives: 'audit entries (auditor and admin only)' },
  'GET /api/audit/verify': { derives: 'the chain’s state (auditor and admin only)' },
  'GET /api/admin/units': NOTHING,
  'POST /api/admin/units': NOTHING,
  'PATCH /api/admin/units/:code': NOTHING,
  'GET /api/admin/users': NOTHING,
  'GET /api/admin/users/:id': NOTHING,
  'POST /api/admin/users': NOTHING,
  'PATCH /api/admin/users/:id': NOTHING,
  'GET /api/admin/role-grants': NOTHING,
  'POST /api/admin/role-grants/:id/approve': NOTHING,
  'POST /api/admin/role-grants/:id/reject': NOTHING,
  'POST /api/admin/users/:id/reset-totp': NOTHING,
  'POST /api/admin/users/:id/password': NOTHING,
  'GET /api/admin/users/:id/sessions': NOTHING,
  'POST /api/admin/users/:id/revoke-sessions': NOTHING,
  'GET /api/admin/categories': { derives: 'nothing (no case counts per category)' },
  'POST /api/admin/categories': NOTHING,
  'PATCH /api/admin/categories/:code': NOTHING,
  'POST /api/admin/categories/:code/deactivate': {
    derives: 'refusal to deactivate a category still in use by cases (admin only)',
  },
  'GET /api/admin/profiles': { derives: 'nothing (profile usage counts are admin only)' },
  'GET /api/admin/profiles/:id/:version': NOTHING,
  'POST /api/admin/profiles': NOTHING,
  'GET /api/admin/calendar': NOTHING,
  'GET /api/admin/calendar/:year': NOTHING,
  'PUT /api/admin/calendar/:year': NOTHING,
};
