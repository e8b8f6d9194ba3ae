import { fileWith, registerWith, type HostileRequest } from './types';

const OPERATORS = ['$ne', '$gt', '$regex', '$where', '$expr', '$in', '$exists', '$function', '$nin', '$or'];
const OP_VALUE: Record<string, unknown> = {
  $ne: null,
  $gt: '',
  $regex: '.*',
  $where: 'sleep(1000)',
  $expr: { $eq: [1, 1] },
  $in: ['jd-xfj', 'jd-zjj'],
  $exists: true,
  $function: { body: 'function(){return true}', args: [], lang: 'js' },
  $nin: [],
  $or: [{ a: 1 }],
};
const op = (o: string) => ({ [o]: OP_VALUE[o] });

/** Mongo operator injection in JSON bodies: as a field's value, as an extra key, nested in objects. */
export const operatorBody: HostileRequest[] = [
  ...OPERATORS.flatMap((o): HostileRequest[] => [
    {
      class: 'operator-injection-body',
      name: `filing targetUnitId ${o}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ targetUnitId: op(o) }),
    },
    {
      class: 'operator-injection-body',
      name: `filing title ${o}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ title: op(o) }),
    },
    {
      class: 'operator-injection-body',
      name: `filing top-level key ${o}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: () => ({ ...fileWith({})(), [o]: OP_VALUE[o] }),
    },
    {
      class: 'operator-injection-body',
      name: `filing location nested ${o}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ location: { address: op(o) } }),
    },
    {
      class: 'operator-injection-body',
      name: `staff login username ${o}`,
      as: 'anonymous',
      method: 'POST',
      url: '/api/auth/staff/login',
      body: { username: op(o), password: op(o) },
    },
    {
      class: 'operator-injection-body',
      name: `action version ${o}`,
      as: 'clerk',
      method: 'POST',
      url: '/api/cases/{case}/actions',
      body: { version: op(o), action: { type: 'accept' } },
    },
    {
      class: 'operator-injection-body',
      name: `register petitioner ${o}`,
      as: 'clerk',
      method: 'POST',
      url: '/api/cases/register',
      body: registerWith({ petitioner: { name: '来访群众', [o]: OP_VALUE[o] } }),
    },
    {
      class: 'operator-injection-body',
      name: `admin profile record key ${o}`,
      as: 'admin',
      method: 'POST',
      url: '/api/admin/profiles',
      body: {
        id: 'xinfang-2022',
        version: 9,
        name: '注入',
        clocks: { [o]: OP_VALUE[o] },
        stages: {},
        settings: {},
        references: {},
      },
    },
  ]),
];

/** Operator injection through the query string (bracket syntax, dotted keys, JSON in a value). */
export const operatorQuery: HostileRequest[] = [
  ...OPERATORS.flatMap((o): HostileRequest[] => [
    {
      class: 'operator-injection-query',
      name: `state[${o}]`,
      as: 'clerk',
      method: 'GET',
      url: `/api/cases?state[${o}]=x`,
    },
    {
      class: 'operator-injection-query',
      name: `unit[${o}]`,
      as: 'clerk',
      method: 'GET',
      url: `/api/cases?unit[${o}]=jd-xfj`,
    },
    {
      class: 'operator-injection-query',
      name: `q[${o}]`,
      as: 'clerk',
      method: 'GET',
      url: `/api/cases?q[${o}]=a`,
    },
    {
      class: 'operator-injection-query',
      name: `${o} as key`,
      as: 'resident',
      method: 'GET',
      url: `/api/me/cases?${encodeURIComponent(o)}=1`,
    },
    {
      class: 'operator-injection-query',
      name: `audit action[${o}]`,
      as: 'admin',
      method: 'GET',
      url: `/api/audit?action[${o}]=x`,
    },
  ]),
  {
    class: 'operator-injection-query',
    name: 'unit as JSON operator',
    as: 'clerk',
    method: 'GET',
    url: `/api/cases?unit=${encodeURIComponent('{"$ne":null}')}`,
  },
  {
    class: 'operator-injection-query',
    name: 'cursor as JSON',
    as: 'clerk',
    method: 'GET',
    url: `/api/cases?cursor=${encodeURIComponent('{"$gt":""}')}`,
  },
  {
    class: 'operator-injection-query',
    name: 'limit[$gt]',
    as: 'clerk',
    method: 'GET',
    url: '/api/cases?limit[$gt]=0',
  },
  {
    class: 'operator-injection-query',
    name: 'dotted key',
    as: 'clerk',
    method: 'GET',
    url: '/api/cases?content.title=x',
  },
  {
    class: 'operator-injection-query',
    name: 'case id $ne in path',
    as: 'resident',
    method: 'GET',
    url: `/api/cases/${encodeURIComponent('{"$ne":null}')}`,
  },
];

/** Operators hidden inside arrays. */
export const operatorArrays: HostileRequest[] = [
  ...OPERATORS.flatMap((o): HostileRequest[] => [
    {
      class: 'operator-injection-array',
      name: `attachmentIds [${o}]`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ attachmentIds: [op(o)] }),
    },
    {
      class: 'operator-injection-array',
      name: `representatives [${o}]`,
      as: 'clerk',
      method: 'POST',
      url: '/api/cases/register',
      body: registerWith({ representatives: ['张三', op(o)] }),
    },
    {
      class: 'operator-injection-array',
      name: `legalBasis [${o}] in a reply`,
      as: 'clerk',
      method: 'POST',
      url: '/api/cases/{case}/actions',
      body: (c: { version: number }) => ({
        version: c.version,
        action: {
          type: 'reply',
          document: {
            kind: 'opinion',
            request: '请求',
            factsAndReasons: '事实',
            decision: 'support',
            legalBasis: [op(o)],
          },
        },
      }),
    },
    {
      class: 'operator-injection-array',
      name: `calendar holidays [${o}]`,
      as: 'admin',
      method: 'PUT',
      url: '/api/admin/calendar/2031',
      body: { holidays: [op(o)], workdays: [], source: '测试' },
    },
  ]),
];

/** Prototype pollution: `__proto__`, `constructor.prototype` at the top, nested, in arrays and queries. */
export const prototypePollution: HostileRequest[] = [
  ...['__proto__', 'constructor', 'prototype'].flatMap((k): HostileRequest[] => [
    {
      class: 'prototype-pollution',
      name: `raw top-level ${k}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      raw: `{"${k}":{"isAdmin":true},${JSON.stringify(fileWith({})()).slice(1)}`,
      headers: { 'content-type': 'application/json' },
    },
    {
      class: 'prototype-pollution',
      name: `raw nested ${k}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      raw: JSON.stringify(fileWith({})()).replace('"location":{', `"location":{"${k}":{"polluted":1},`),
      headers: { 'content-type': 'application/json' },
    },
    {
      class: 'prototype-pollution',
      name: `raw ${k} with prototype`,
      as: 'admin',
      method: 'POST',
      url: '/api/admin/profiles',
      raw: `{"id":"xinfang-2022","version":9,"name":"x","clocks":{"${k}":{"prototype":{"admin":true}}},"stages":{},"settings":{},"references":{}}`,
      headers: { 'content-type': 'application/json' },
    },
    {
      class: 'prototype-pollution',
      name: `raw ${k} inside an array item`,
      as: 'clerk',
      method: 'POST',
      url: '/api/cases/register',
      raw: JSON.stringify(registerWith({})()).replace(
        '"classification":{',
        `"classification":{"${k}":{"x":1},`,
      ),
      headers: { 'content-type': 'application/json' },
    },
    {
      class: 'prototype-pollution',
      name: `query ${k}[x]`,
      as: 'clerk',
      method: 'GET',
      url: `/api/cases?${k}[polluted]=1`,
    },
    {
      class: 'prototype-pollution',
      name: `query ${k}.x`,
      as: 'resident',
      method: 'GET',
      url: `/api/me/cases?${k}.polluted=1`,
    },
    {
      class: 'prototype-pollution',
      name: `admin calendar names ${k}`,
      as: 'admin',
      method: 'PUT',
      url: '/api/admin/calendar/2031',
      raw: `{"holidays":["2031-01-01"],"workdays":[],"source":"x","names":{"${k}":"元旦"}}`,
      headers: { 'content-type': 'application/json' },
    },
  ]),
  {
    class: 'prototype-pollution',
    name: 'constructor.prototype chain',
    as: 'resident',
    method: 'POST',
    url: '/api/cases',
    raw: `{"constructor":{"prototype":{"isAdmin":true}},"idempotencyKey":"hostile-proto-constructor-0001"}`,
    headers: { 'content-type': 'application/json' },
  },
];
