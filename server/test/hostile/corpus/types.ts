/**
 * The hostile-input corpus as data: each entry is one request a hostile or broken client could send.
 * `expect: 'reject'` (default): a 4xx with a Chinese message, nothing stored, never a 5xx.
 * `expect: 'inert'`: accepted as plain data (e.g. markup in a petition's text, regex metacharacters in a
 * search) and returned exactly as sent, never interpreted — see docs/quality.md for why that is "safe".
 */
export type As = 'anonymous' | 'resident' | 'grid' | 'clerk' | 'admin' | 'auditor';

export interface CorpusContext {
  /** A claim filed by resident 1 and registered at 江东区信访局 (clerk.jd may act on it). */
  caseId: string;
  version: number;
  /** The signed-in admin, the auditor, and a clerk with a pending auditor grant `grant` the admin requested. */
  admin: string;
  auditor: string;
  grantee: string;
  grant: string;
}

export interface HostileRequest {
  class: string;
  name: string;
  as: As;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  /** `{case}`, `{admin}`, `{auditor}`, `{grantee}`, `{grant}` are replaced by the context's ids. */
  url: string;
  /** A JSON value (serialised), or a raw string/Buffer sent as is. */
  body?: unknown | ((ctx: CorpusContext) => unknown);
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** The client address (default 127.0.0.1): per-address limits would otherwise answer 429 first. */
  remoteAddress?: string;
  expect?: 'reject' | 'inert';
  /** Narrower than "any 4xx" when the answer is known (e.g. 413, 415). */
  status?: number;
}

/** A valid filing, to be spoiled one field at a time. */
export const FILING = {
  idempotencyKey: '00000000-0000-4000-8000-000000000000',
  targetUnitId: 'jd-xfj',
  title: '楼道堆物影响消防通道',
  request: '请求清理楼道堆放杂物，保障消防通道畅通。',
  facts: '本楼三楼至五楼楼道长期堆放杂物，物业多次劝说无效。',
  reasons: '消防通道不得占用。',
  subjectCode: 'cxjs-wy',
  location: { address: '江东区滨江花园5号楼' },
  proposedCategory: 'claim',
};

export const REGISTER = {
  idempotencyKey: '00000000-0000-4000-8000-000000000001',
  channel: 'visit',
  petitioner: { name: '来访群众', phone: '13912345678', idNumber: '11010519491231002X' },
  classification: { category: 'claim' },
  title: '拖欠工资',
  request: '请求督促用人单位支付拖欠工资。',
  facts: '某公司拖欠三个月工资。',
};

let n = 0;
/** A fresh idempotency key per entry, so one entry never replays another's filing. */
export const key = () => `hostile-${String(++n).padStart(8, '0')}-0000-0000`;

export const fileWith = (over: Record<string, unknown>) => () => ({
  ...FILING,
  idempotencyKey: key(),
  ...over,
});
export const registerWith = (over: Record<string, unknown>) => () => ({
  ...REGISTER,
  idempotencyKey: key(),
  ...over,
});
