import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

/** One validated environment schema; the server refuses to start on a bad value (ARCHITECTURE.md §Practices 4). */
export const EnvSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
    default: 'development',
  }),
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Production: a real MongoDB replica set. Unset: an embedded server is started under DATA_DIR. */
  MONGODB_URI: Type.Optional(Type.String({ pattern: '^mongodb(\\+srv)?://' })),
  MONGOD_BIN: Type.Optional(Type.String({ minLength: 1 })),
  DATA_DIR: Type.String({ default: '.data', minLength: 1 }),
  /** Behind a reverse proxy / load balancer: which hops to trust for X-Forwarded-For — a hop count, or
   * comma-separated proxy addresses/CIDRs (Fastify trustProxy). Unset: the socket address is the client's.
   * Sign-in throttling and the per-address rate limits key on the client address, so set it there. */
  TRUST_PROXY: Type.Optional(Type.String({ pattern: '^([0-9]{1,2}|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$' })),
  /** The H5 build served at / by the same process (one URL for app and API). Empty: not served. */
  H5_DIR: Type.String({ default: 'dist-h5' }),
  /** Demo mode: seeds an empty database, enables the fake WeChat/SMS adapters and the demo login picker. */
  DEMO: Type.Boolean({ default: false }),
  /** 32 random bytes, base64: encrypts ID numbers and phones at rest. Required in production; in
   * development a key is generated once under DATA_DIR. */
  PII_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' })),
  // --- Audit log (modules/audit). Signed checkpoints bind the hash chain to a key outside the database.
  /** 32 random bytes, base64: the Ed25519 seed that signs audit checkpoints. Not the PII key, never in the
   * database. Required in production; in development a key is generated once under DATA_DIR. */
  AUDIT_SIGNING_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' })),
  /** The writer signs a checkpoint whenever the chain passes a multiple of this many entries (the
   * `audit-anchor` job also signs the newest entry every JOBS_INTERVAL_MS). */
  AUDIT_ANCHOR_EVERY: Type.Integer({ default: 100, minimum: 1, maximum: 100_000 }),
  /** Optional external log: each checkpoint is POSTed here as JSON (adapters/audit-log); failures are retried. */
  AUDIT_SHIP_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Bearer token for AUDIT_SHIP_URL. */
  AUDIT_SHIP_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  AUDIT_SHIP_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, maximum: 60_000 }),
  // --- Auth (modules/auth, adapters/). Secrets only from env; DEMO replaces both adapters by local fakes.
  /** WeChat mini-program appid/secret for code2Session (required in production). */
  WECHAT_APPID: Type.Optional(Type.String({ minLength: 1 })),
  WECHAT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  WECHAT_API_BASE: Type.String({ default: 'https://api.weixin.qq.com', pattern: '^https?://' }),
  WECHAT_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, maximum: 60_000 }),
  /** Tencent Cloud SMS (API 2021-01-11) credentials and the approved sign/template (required in production). */
  SMS_API_BASE: Type.String({ default: 'https://sms.tencentcloudapi.com', pattern: '^https?://' }),
  SMS_SECRET_ID: Type.Optional(Type.String({ minLength: 1 })),
  SMS_SECRET_KEY: Type.Optional(Type.String({ minLength: 1 })),
  SMS_SDK_APP_ID: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
  SMS_SIGN_NAME: Type.Optional(Type.String({ minLength: 1 })),
  /** Template with two parameters: {1} the code, {2} minutes of validity. */
  SMS_TEMPLATE_ID: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
  SMS_REGION: Type.String({ default: 'ap-guangzhou', minLength: 1 }),
  SMS_TIMEOUT_MS: Type.Integer({ default: 5000, minimum: 100, maximum: 60_000 }),
  /** Codes one phone may receive per calendar day (Asia/Shanghai). */
  SMS_DAILY_CAP: Type.Integer({ default: 10, minimum: 1, maximum: 100 }),
  /** Session timeouts: staff sessions are short (等保三级 idle lock-out), residents stay logged in longer. */
  SESSION_STAFF_IDLE_MINUTES: Type.Integer({ default: 30, minimum: 1 }),
  SESSION_STAFF_MAX_HOURS: Type.Integer({ default: 12, minimum: 1 }),
  SESSION_RESIDENT_IDLE_DAYS: Type.Integer({ default: 7, minimum: 1 }),
  SESSION_RESIDENT_MAX_DAYS: Type.Integer({ default: 30, minimum: 1 }),
  /** A resolved session is reused in-process this long: a revocation made by ANOTHER instance (or written to
   * the database directly) takes effect within this window; logout and revocations through this instance
   * take effect at once. 0 turns the cache off. */
  SESSION_CACHE_MS: Type.Integer({ default: 5000, minimum: 0, maximum: 60_000 }),
  // --- Attachments (modules/attachments). Disk storage; relative paths are under the repository root.
  /** Where uploaded files are kept (random names; metadata in the `attachments` collection). With several
   * instances this must be a shared volume (or use an S3-compatible Storage, see attachments/storage.ts). */
  ATTACHMENTS_DIR: Type.String({ default: '.data/attachments', minLength: 1 }),
  /** Largest accepted upload, in bytes (default 10 MB). */
  ATTACHMENT_MAX_BYTES: Type.Integer({
    default: 10 * 1024 * 1024,
    minimum: 1024,
    maximum: 100 * 1024 * 1024,
  }),
  // --- WeChat subscribe messages (modules/notifications). Same appid/secret as login.
  /** Template id chosen in the mini-program console (订阅消息). Unset: residents are notified in-app only. */
  WECHAT_SUBSCRIBE_TEMPLATE_ID: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,128}$' })),
  /** Our slots → the template's keyword names (they differ per template): slot=keyword, comma-separated. */
  WECHAT_SUBSCRIBE_FIELDS: Type.String({
    default: 'caseNumber=character_string1,progress=thing2,time=time3,tip=thing4',
    pattern: '^(caseNumber|progress|time|tip)=[a-z_]+[0-9]+(,(caseNumber|progress|time|tip)=[a-z_]+[0-9]+)*$',
  }),
  /** The mini-program page a message opens (`?id=<case id>` is appended). */
  WECHAT_SUBSCRIBE_PAGE: Type.String({
    default: 'pages/petitions/index',
    pattern: '^[A-Za-z0-9_/-]{1,128}$',
  }),
  WECHAT_SUBSCRIBE_STATE: Type.Union(
    [Type.Literal('formal'), Type.Literal('trial'), Type.Literal('developer')],
    {
      default: 'formal',
    },
  ),
  // --- Jobs (server/src/jobs): outbox drain, WeChat sending, deadline sweeper, purges. Lease-based, so any
  // number of instances may run them.
  JOBS_ENABLED: Type.Boolean({ default: true }),
  JOBS_INTERVAL_MS: Type.Integer({ default: 60_000, minimum: 1000, maximum: 3_600_000 }),
});

export type Config = Static<typeof EnvSchema>;

export class ConfigError extends Error {}

/** Parses process.env-like input; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const converted = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw));
  if (!Value.Check(EnvSchema, converted)) {
    const problems = new Set(
      [...Value.Errors(EnvSchema, converted)].map((e) => {
        const key = e.instancePath.replace(/^\//, '');
        return `${key || '(env)'}=${JSON.stringify(raw[key])}: ${e.message}`;
      }),
    );
    throw new ConfigError(`Invalid environment configuration:\n  ${[...problems].join('\n  ')}`);
  }
  const config = converted as Config;
  if (config.NODE_ENV === 'production' && config.DEMO) {
    // Demo mode turns on fake WeChat/SMS adapters and a login picker: never in production.
    throw new ConfigError('DEMO=true is refused when NODE_ENV=production.');
  }
  if (config.NODE_ENV === 'production' && !config.PII_KEY) {
    throw new ConfigError(
      'PII_KEY is required in production (32 random bytes, base64: `openssl rand -base64 32`).',
    );
  }
  if (config.NODE_ENV === 'production' && !config.AUDIT_SIGNING_KEY) {
    throw new ConfigError(
      'AUDIT_SIGNING_KEY is required in production (32 random bytes, base64: `openssl rand -base64 32`).',
    );
  }
  if (config.AUDIT_SIGNING_KEY && config.AUDIT_SIGNING_KEY === config.PII_KEY) {
    // Whoever may decrypt personal data must not thereby be able to sign audit checkpoints.
    throw new ConfigError('AUDIT_SIGNING_KEY must differ from PII_KEY.');
  }
  if (config.NODE_ENV === 'production') {
    const missing = (
      [
        'WECHAT_APPID',
        'WECHAT_SECRET',
        'SMS_SECRET_ID',
        'SMS_SECRET_KEY',
        'SMS_SDK_APP_ID',
        'SMS_SIGN_NAME',
        'SMS_TEMPLATE_ID',
      ] as const
    ).filter((k) => !config[k]);
    // Without them residents cannot log in at all: better to refuse to start than to fail every login.
    if (missing.length) throw new ConfigError(`Required in production: ${missing.join(', ')}.`);
  }
  return config;
}
