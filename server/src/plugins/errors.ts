import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { AppError } from '../errors';
import type { ErrorBody } from '../contracts/common';

const FIELD_MESSAGES: Record<string, string> = {
  required: '缺少必填项',
  type: '类型不正确',
  minLength: '内容过短',
  maxLength: '内容过长',
  pattern: '格式不正确',
  format: '格式不正确',
  enum: '取值不在允许范围内',
  const: '取值不在允许范围内',
  anyOf: '取值不在允许范围内',
  minimum: '数值过小',
  maximum: '数值过大',
  maxItems: '数量过多',
  minItems: '数量过少',
  additionalProperties: '包含不允许的字段',
};

/**
 * The single error mapper (ARCHITECTURE.md §Practices 3): typed AppErrors keep their status and Chinese
 * message; schema validation becomes 400 with the fields named; anything else is a 5xx that says only
 * "internal error" plus the request id — details stay in the log.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
      let body: ErrorBody;
      if (err instanceof AppError) {
        body = {
          statusCode: err.statusCode,
          code: err.code,
          message: err.message,
          requestId: req.id,
          ...(err.details ? { details: err.details } : {}),
        };
        if (err.statusCode >= 500) req.log.error({ err }, 'service error');
      } else if ('validation' in err && err.validation) {
        const fields = err.validation.map((v) => {
          const path =
            (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') ||
            String((v.params as { missingProperty?: string }).missingProperty ?? '');
          return `${path || err.validationContext || '请求'}：${FIELD_MESSAGES[v.keyword] ?? '不符合要求'}`;
        });
        body = {
          statusCode: 400,
          code: 'VALIDATION',
          message: `提交的内容不正确：${fields.join('；')}`,
          requestId: req.id,
          details: { fields },
        };
      } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
        // Fastify's own 4xx (bad JSON, body too large, unsupported media type…).
        const messages: Record<number, string> = {
          400: '请求格式不正确',
          413: '提交的内容过大',
          415: '不支持的内容类型',
          429: '请求过于频繁，请稍后再试',
        };
        body = {
          statusCode: err.statusCode,
          code: err.code ?? 'BAD_REQUEST',
          message: messages[err.statusCode] ?? '请求无法处理',
          requestId: req.id,
        };
      } else {
        req.log.error({ err }, 'unhandled error');
        body = { statusCode: 500, code: 'INTERNAL', message: '服务器内部错误', requestId: req.id };
      }
      return reply.status(body.statusCode).send(body);
    });
  },
  { name: 'errors' },
);
