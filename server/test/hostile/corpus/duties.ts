import type { HostileRequest } from './types';

/**
 * Separation of duties (issue 12 finding 9, DOMAIN.md §13) against hostile input: role changes the domain
 * refuses (his own roles, 管理员 + 审计员 on one account, deciding his own grant) are 422 and change nothing —
 * only the refusal is audited — and the role-grant routes refuse malformed queries, ids and bodies (400) before
 * any lookup. `{admin}`, `{auditor}`, `{grant}` and `{grantee}` are the context's ids.
 */
const ABSENT = '64b0000000000000000000ff';
const NEW_USER = {
  username: 'both.roles',
  displayName: '兼任者',
  unitCode: 'lj-xfj',
  password: 'Xinfang#2026ok',
};

const refusedByRule: HostileRequest[] = [
  ['his own roles + auditor', '/api/admin/users/{admin}', { roles: ['admin', 'auditor'] }],
  ['his own roles: auditor only', '/api/admin/users/{admin}', { roles: ['auditor'] }],
  ['his own roles: dropping admin', '/api/admin/users/{admin}', { roles: ['leader'] }],
  [
    'his own roles with a harmless name change',
    '/api/admin/users/{admin}',
    { displayName: '甲', roles: ['admin', 'leader'] },
  ],
  ['admin + auditor on the auditor', '/api/admin/users/{auditor}', { roles: ['auditor', 'admin'] }],
  [
    'admin + auditor + others on a clerk',
    '/api/admin/users/{grantee}',
    { roles: ['clerk', 'admin', 'auditor'] },
  ],
].map(([label, url, body]) => ({
  class: 'separation-of-duties',
  name: `PATCH ${label as string}`,
  as: 'admin' as const,
  method: 'PATCH' as const,
  url: url as string,
  body,
  status: 422,
}));

export const separationOfDuties: HostileRequest[] = [
  ...refusedByRule,
  {
    class: 'separation-of-duties',
    name: 'create an account that is admin and auditor',
    as: 'admin',
    method: 'POST',
    url: '/api/admin/users',
    body: { ...NEW_USER, roles: ['admin', 'auditor'] },
    status: 422,
  },
  {
    class: 'separation-of-duties',
    name: 'approve his own request',
    as: 'admin',
    method: 'POST',
    url: '/api/admin/role-grants/{grant}/approve',
    status: 422,
  },
  {
    class: 'separation-of-duties',
    name: 'reject his own request',
    as: 'admin',
    method: 'POST',
    url: '/api/admin/role-grants/{grant}/reject',
    body: { reason: '撤回' },
    status: 422,
  },
  {
    class: 'separation-of-duties',
    name: 'another role request while one is pending (also with a name change: nothing applied)',
    as: 'admin',
    method: 'PATCH',
    url: '/api/admin/users/{grantee}',
    body: { displayName: '改名不应生效', roles: ['auditor', 'leader'] },
    status: 409,
  },
  {
    class: 'separation-of-duties',
    name: 'approve a grant that does not exist',
    as: 'admin',
    method: 'POST',
    url: `/api/admin/role-grants/${ABSENT}/approve`,
    status: 404,
  },
];

const BAD_QUERIES: [string, string][] = [
  ['status operator', 'status[$ne]=pending'],
  ['status unknown', 'status=approvedx'],
  ['status twice', 'status=pending&status=approved'],
  ['limit 0', 'limit=0'],
  ['limit too large', 'limit=1000'],
  ['limit Infinity', 'limit=Infinity'],
  ['limit not a number', 'limit=ten'],
  ['unknown parameter', 'userId=1'],
];
const BAD_IDS: [string, string][] = [
  ['not an ObjectId', 'not-an-id'],
  ['operator', '%24where'],
  ['too long', 'a'.repeat(30)],
  ['percent-encoded NUL', `${ABSENT.slice(0, 23)}%00`],
];
const BAD_REASONS: [string, unknown][] = [
  ['operator object', { $gt: '' }],
  ['number', 42],
  ['array', ['理由']],
  ['201 characters', '驳'.repeat(201)],
  ['bidi override', '理由\u202e由理'],
  ['NUL', '理\u0000由'],
  ['zero-width space', '理\u200b由'],
];

export const roleGrantInput: HostileRequest[] = [
  ...BAD_QUERIES.map(([label, q]): HostileRequest => ({
    class: 'role-grant-input',
    name: `list: ${label}`,
    as: 'admin',
    method: 'GET',
    url: `/api/admin/role-grants?${q}`,
    status: 400,
  })),
  ...BAD_IDS.flatMap(([label, id]): HostileRequest[] =>
    (['approve', 'reject'] as const).map((verb) => ({
      class: 'role-grant-input',
      name: `${verb} id: ${label}`,
      as: 'admin',
      method: 'POST',
      url: `/api/admin/role-grants/${id}/${verb}`,
      body: {},
      status: 400,
    })),
  ),
  ...BAD_REASONS.map(([label, reason]): HostileRequest => ({
    class: 'role-grant-input',
    name: `reject reason: ${label}`,
    as: 'admin',
    method: 'POST',
    url: `/api/admin/role-grants/${ABSENT}/reject`,
    body: { reason },
    status: 400,
  })),
  {
    class: 'role-grant-input',
    name: 'reject: unknown field',
    as: 'admin',
    method: 'POST',
    url: `/api/admin/role-grants/${ABSENT}/reject`,
    body: { reason: '不符合要求', status: 'approved' },
    status: 400,
  },
  {
    class: 'role-grant-input',
    name: 'reject: malformed JSON',
    as: 'admin',
    method: 'POST',
    url: `/api/admin/role-grants/${ABSENT}/reject`,
    raw: '{"reason": "理由"',
    headers: { 'content-type': 'application/json' },
    status: 400,
  },
  {
    class: 'role-grant-input',
    name: 'PATCH roles: empty list',
    as: 'admin',
    method: 'PATCH',
    url: '/api/admin/users/{grantee}',
    body: { roles: [] },
    status: 400,
  },
  {
    class: 'role-grant-input',
    name: 'PATCH roles: the same role twice',
    as: 'admin',
    method: 'PATCH',
    url: '/api/admin/users/{grantee}',
    body: { roles: ['auditor', 'auditor'] },
    status: 400,
  },
  {
    class: 'role-grant-input',
    name: 'PATCH roles: a role that does not exist',
    as: 'admin',
    method: 'PATCH',
    url: '/api/admin/users/{grantee}',
    body: { roles: ['superadmin'] },
    status: 400,
  },
];
