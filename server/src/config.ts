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
  /** The H5 build served at / by the same process (one URL for app and API). Empty: not served. */
  H5_DIR: Type.String({ default: 'dist-h5' }),
  /** Demo mode: seeds an empty database, enables the fake WeChat/SMS adapters and the demo login picker. */
  DEMO: Type.Boolean({ default: false }),
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
  return config;
}
