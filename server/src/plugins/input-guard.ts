import fp from 'fastify-plugin';
import { isUtf8 } from 'node:buffer';
import { BadRequest } from '../errors';

/**
 * One guard for every JSON body, query string and path parameter, before schema validation (OWASP ASVS
 * 5.1.x, 5.3.x). Schemas say what a field is; this says what no field may ever contain, whatever its schema
 * (free-form records such as rule profiles included):
 * - bodies that are not valid UTF-8 (overlong or truncated sequences would otherwise become U+FFFD silently);
 * - object keys that MongoDB or JavaScript treat specially: `$…` (query operators), `__proto__`,
 *   `constructor`, `prototype`, and keys with control characters;
 * - nesting deeper than MAX_DEPTH or more than MAX_NODES values (parser and validator work stays bounded);
 * - characters no honest form sends: C0/C1 controls (tab and line feed allowed: multi-line text), DEL,
 *   bidirectional overrides/isolates (Trojan Source, CVE-2021-42574), zero-width spaces and the BOM,
 *   U+FFFD, unpaired surrogates and noncharacters. The zero-width joiner stays: emoji sequences use it.
 * Everything else (including `<`, `>`, quotes) is text: responses are JSON, never HTML, and the Taro UI
 * renders text nodes, so stored text is returned as it was written (docs/quality.md, "XSS").
 */
export const MAX_DEPTH = 16;
export const MAX_NODES = 20_000;

const FORBIDDEN_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffd\ufffe\uffff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const BAD_TEXT = '包含不允许的字符（控制字符、换行回车、方向控制符或零宽字符等）';

function badString(s: string): boolean {
  return FORBIDDEN_CHAR.test(s) || LONE_SURROGATE.test(s);
}

/** Throws a Chinese 400 naming the field at fault. */
export function checkValue(value: unknown, where: string): void {
  let nodes = 0;
  const walk = (v: unknown, path: string, depth: number): void => {
    if (++nodes > MAX_NODES) throw new BadRequest(`提交的内容过多：${where}`);
    if (typeof v === 'string') {
      if (badString(v)) throw new BadRequest(`提交的内容不正确：${path || where}${BAD_TEXT}`);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth >= MAX_DEPTH) throw new BadRequest(`提交的内容嵌套层级过深：${where}`);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1);
      return;
    }
    for (const key of Object.keys(v)) {
      if (key.startsWith('$') || FORBIDDEN_KEYS.has(key) || badString(key)) {
        throw new BadRequest(`提交的内容包含不允许的字段名：${path || where}`);
      }
      walk((v as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1);
    }
  };
  walk(value, '', 0);
}

export default fp(
  async (app) => {
    // JSON bodies: must be valid UTF-8; then Fastify's own parser (secure-json-parse: `__proto__` and
    // `constructor.prototype` are errors, not silently dropped).
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      const buf = body as Buffer;
      if (!isUtf8(buf)) {
        done(new BadRequest('提交的内容不是有效的 UTF-8 编码'), undefined);
        return;
      }
      parseJson(req, buf.toString('utf8'), done);
    });

    app.addHook('preValidation', async (req) => {
      if (req.params && typeof req.params === 'object') checkValue(req.params, '路径参数');
      if (req.query && typeof req.query === 'object') checkValue(req.query, '查询参数');
      const ct = req.headers['content-type'] ?? '';
      if (req.body !== undefined && !ct.startsWith('multipart/')) checkValue(req.body, '请求内容');
    });

    // After validation: Ajv coerces `?n=Infinity` to a number that passes `type: integer` and `maximum`.
    app.addHook('preHandler', async (req) => {
      for (const part of [req.query, req.params]) {
        if (!part || typeof part !== 'object') continue;
        for (const [k, v] of Object.entries(part)) {
          if (typeof v === 'number' && !Number.isFinite(v))
            throw new BadRequest(`提交的内容不正确：${k}：数值无效`);
        }
      }
    });
  },
  { name: 'input-guard' },
);
