import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthSchema, ErrorSchema, type Health } from '../../contracts/common';

export const healthRoutes: FastifyPluginAsyncTypebox<{ version: string }> = async (app, opts) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '服务与数据库状态',
        response: { 200: HealthSchema, 503: HealthSchema, 500: ErrorSchema },
      },
    },
    async (_req, reply) => {
      const latencyMs = await app.db.ping();
      const up = latencyMs !== undefined;
      const body: Health = {
        status: up ? 'ok' : 'degraded',
        version: opts.version,
        time: new Date().toISOString(),
        db: { state: up ? 'up' : 'down', kind: app.db.kind, ...(up ? { latencyMs } : {}) },
      };
      return reply.status(up ? 200 : 503).send(body);
    },
  );
};
