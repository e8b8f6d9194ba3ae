/**
 * What the request log may say. Personal data never reaches the log (《个人信息保护法》第五十一条: 采取相应的
 * 加密、去标识化等安全技术措施): headers with credentials are removed, a URL's query keeps only the values of
 * structural parameters (codes, ids, enums, dates, numbers) — the search box (`q`), and any parameter this list
 * does not know, is logged as `q=[redacted]` — and phone- or ID-number-shaped tokens are masked in the path, in
 * structural values and in error messages and stacks (a library may quote the value it choked on).
 */
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { err as stdErr } from 'pino-std-serializers';

export const REDACTED = '[redacted]';

/** Credentials in headers: removed from every logged request and response. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-session"]',
  'res.headers["set-cookie"]',
];

/**
 * Query parameters whose values are structural and useful when reading a log: unit codes, enums, dates,
 * numbers, opaque cursors (server/src/contracts/*: the inbox, case list, dashboard, audit, admin and
 * notification queries). Every other parameter — `q` (free text: numbers, names, phone numbers, ID numbers),
 * `actor`, `targetId` and whatever a route adds later — is redacted by default.
 */
export const STRUCTURAL_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'action',
  'basicWeight',
  'category',
  'channel',
  'cursor',
  'dueWithinDays',
  'firstReceiver',
  'forUnitHead',
  'format',
  'from',
  'granularity',
  'includeSubunits',
  'kind',
  'limit',
  'metric',
  'month',
  'only',
  'overdue',
  'result',
  'role',
  'since',
  'sort',
  'state',
  'status',
  'subject',
  'tab',
  'targetType',
  'to',
  'unit',
  'unitCode',
  'unreadOnly',
  'until',
  'view',
]);

/** Mainland mobile numbers and 18-digit ID numbers as standalone tokens (not inside longer runs or ids). */
const PII_TOKENS = [
  /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/g,
  /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g,
];

/** The text with every phone- or ID-number-shaped token replaced by `[redacted]`. */
export function maskPii(text: string): string {
  return PII_TOKENS.reduce((t, re) => t.replace(re, REDACTED), text);
}

/** Percent-decoding (and `+` as a space in a query); null when the text is not valid percent-encoding. */
function decoded(text: string, query: boolean): string | null {
  try {
    return decodeURIComponent(query ? text.replace(/\+/g, ' ') : text);
  } catch {
    return null;
  }
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/;

/**
 * A URL as it may be logged: the path with phone/ID-shaped tokens masked, and each query parameter kept only
 * when it is structural and its value holds no phone/ID-shaped token; otherwise `name=[redacted]` (a name that
 * is not a plain identifier is itself redacted).
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  const rawPath = at < 0 ? url : url.slice(0, at);
  // A token may hide behind percent-encoding (%31%33…): then the decoded path is logged, masked.
  const plainPath = decoded(rawPath, false);
  const path = plainPath !== null && maskPii(plainPath) !== plainPath ? maskPii(plainPath) : maskPii(rawPath);
  if (at < 0) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      const name = decoded(rawName, true);
      if (name === null || !NAME_RE.test(name)) return REDACTED;
      if (eq < 0) return name;
      const rawValue = pair.slice(eq + 1);
      const value = decoded(rawValue, true);
      const keep = STRUCTURAL_QUERY_PARAMS.has(name) && value !== null && maskPii(value) === value;
      return `${name}=${keep ? rawValue : REDACTED}`;
    })
    .join('&');
  return `${path}?${query}`;
}

type Serializers = NonNullable<Exclude<FastifyServerOptions['logger'], boolean | undefined>['serializers']>;

/** Masks phone/ID-shaped tokens in every string of a serialized error (message, stack, details). */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request/error serializers with the redactions above (same fields as Fastify's defaults). */
export const LOG_SERIALIZERS: Serializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: redactUrl(req.url ?? ''),
    host: req.host ?? req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
  err: (err: Error) => maskDeep(stdErr(err)) as ReturnType<typeof stdErr>,
};

/** The logger options of every app instance (server, tests, benchmarks): level and stream vary, redaction not. */
export function loggerOptions(opts: { level: string; stream?: { write(line: string): void } }) {
  return {
    level: opts.level,
    ...(opts.stream ? { stream: opts.stream } : {}),
    redact: { paths: LOG_REDACT, censor: REDACTED },
    serializers: LOG_SERIALIZERS,
  };
}

/**
 * Fastify's own log lines with the same redaction: "Route GET:<url> not found" (the default 404 handler
 * writes the raw URL into the message) and the messages of errors it logs itself.
 */
export class RedactingLogController extends LogController {
  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info(`Route ${request.raw.method}:${redactUrl(request.raw.url ?? '')} not found`);
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const message = maskPii(error?.message ?? '');
    if (reply.statusCode >= 500) reply.log.error({ req: request, res: reply, err: error }, message);
    else reply.log.info({ res: reply, err: error }, message);
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    reply.log.warn({ req: request, res: reply, err: error }, maskPii(error?.message ?? ''));
  }
}
