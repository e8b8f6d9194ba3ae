import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../contracts/common';
import {
  AuditPageSchema,
  AuditQuerySchema,
  AuditVerifyQuerySchema,
  AuditVerifySchema,
} from '../../contracts/audit';
import { BadRequest } from '../../errors';
import { auditActorOf } from './audit.plugin';

const errors = errorResponses(400, 401, 403, 500, 503);

/** Audit trail for auditors (and admins). Looking at the trail is itself recorded. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // onRequest: the role is checked before the query string is validated (a refused caller gets 403, not 400).
  const allowed = app.requireRoles('auditor', 'admin');

  app.get(
    '/api/audit',
    {
      onRequest: allowed,
      schema: {
        tags: ['audit'],
        summary: '审计员：查询审计日志（按操作人、对象、动作、结果、时间筛选，按序号倒序分页）',
        description: 'action 以“.”结尾时按前缀匹配，例如 case. 匹配全部事项操作。',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      if (q.since && q.until && Date.parse(q.since) >= Date.parse(q.until)) {
        throw new BadRequest('起始时间必须早于截止时间');
      }
      const page = await app.audit.query(q);
      await app.audit.record({
        actor: auditActorOf(req),
        action: 'audit.read',
        targetType: 'audit_log',
        result: 'ok',
        detail: {
          count: page.items.length,
          filters: Object.keys(q).filter((k) => k !== 'limit' && k !== 'cursor'),
        },
        requestId: req.id,
      });
      return page;
    },
  );

  app.get(
    '/api/audit/verify',
    {
      onRequest: allowed,
      schema: {
        tags: ['audit'],
        summary: '审计员：校验审计日志哈希链（发现修改、删除、断档）',
        querystring: AuditVerifyQuerySchema,
        response: { 200: AuditVerifySchema, ...errors },
      },
    },
    async (req) => {
      const { from, to } = req.query;
      if (from !== undefined && to !== undefined && from > to)
        throw new BadRequest('起始序号不能大于截止序号');
      const result = await app.audit.verify(from, to);
      await app.audit.record({
        actor: auditActorOf(req),
        action: 'audit.verify',
        targetType: 'audit_log',
        result: 'ok',
        detail: {
          ok: result.ok,
          checked: result.checked,
          ...(result.firstBad ? { firstBadSeq: result.firstBad.seq, reason: result.firstBad.reason } : {}),
        },
        requestId: req.id,
      });
      return result;
    },
  );
};
