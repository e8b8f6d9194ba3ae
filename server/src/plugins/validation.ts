import { AjvCompiler, type BuildCompilerFromPool } from '@fastify/ajv-compiler';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';

/**
 * Schema compilers: query strings, path parameters and headers arrive as text, so they are coerced to the
 * schema's types (`?limit=5` → 5); JSON bodies are typed already and are NOT coerced — a number where a
 * string belongs (`"title": 42`) or `true` for a name is a client bug or an attack and gets a 400 instead of
 * being stored as "42"/"true" (docs/quality.md, hostile input: type confusion).
 */
export function strictBodySchemaController(): NonNullable<FastifyServerOptions['schemaController']> {
  const pool = AjvCompiler();
  const buildValidator: BuildCompilerFromPool = (externalSchemas, options) => {
    const coercing = pool(externalSchemas, options);
    const strict = pool(
      externalSchemas,
      options?.mode === 'JTD'
        ? options
        : { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } },
    );
    // Fastify hands the compiler the route definition ({ schema, httpPart, … }) where the types say "schema".
    return (definition, meta) =>
      (typeof definition === 'object' && definition.httpPart === 'body' ? strict : coercing)(
        definition,
        meta,
      );
  };
  return { compilersFactory: { buildValidator } };
}

const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: '请求地址不正确',
  FST_ERR_ASYNC_CONSTRAINT: '请求无法处理',
};

/**
 * Errors the router raises before any route runs (a malformed percent-encoding, a path parameter longer
 * than maxParamLength): the same JSON error shape and a Chinese message as every other error.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const statusCode = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.status(statusCode).send({
    statusCode,
    code: err.code ?? 'BAD_REQUEST',
    message: statusCode === 414 ? '请求地址过长' : (FRAMEWORK_MESSAGES[err.code] ?? '请求地址不正确'),
    requestId: req.id,
  });
}
