import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../contracts/common';
import {
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationParamsSchema,
  NotificationReadResultSchema,
  UnitNotificationListQuerySchema,
} from '../../contracts/notifications';
import { Forbidden, NotFound } from '../../errors';
import { actorOf } from '../auth/auth.plugin';
import { auditActorOf } from '../audit/audit.plugin';
import type { FastifyRequest } from 'fastify';

const errors = errorResponses(400, 401, 403, 404, 500);

/** Every staff role: unit notifications go to the people of the unit, whatever their role there. */
const STAFF = ['grid_worker', 'clerk', 'handler', 'unit_head', 'leader', 'auditor', 'admin'] as const;

function unitOf(req: FastifyRequest): { unitId: string } {
  const { unitCode } = actorOf(req);
  if (!unitCode) throw new Forbidden('您未隶属于任何单位');
  return { unitId: unitCode };
}

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.notifications.service;
  /** The reader's judge: notifications are about cases, shown only when the reader may see the case. */
  const visibleTo = (req: FastifyRequest) => (ids: string[]) => app.cases.visibleIds(actorOf(req), ids);

  /** Marks read in the caller's scope; someone else's notification is a 404 like a missing one, audited. */
  async function markRead(req: FastifyRequest, scope: { userId: string } | { unitId: string }, id: string) {
    try {
      return await service.markRead(scope, id, visibleTo(req));
    } catch (err) {
      if (err instanceof NotFound && (await service.exists(id))) {
        await app.audit.record({
          actor: auditActorOf(req),
          action: 'notification.read',
          targetType: 'notification',
          targetId: id,
          result: 'denied',
          detail: { reason: 'not in scope' },
          requestId: req.id,
        });
      }
      throw err;
    }
  }

  app.get(
    '/api/me/notifications',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: '我的通知（办理进展、文书送达），按时间倒序分页',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationListSchema, ...errors },
      },
    },
    async (req) => service.list({ userId: actorOf(req).userId }, req.query, visibleTo(req)),
  );

  app.post(
    '/api/me/notifications/:id/read',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['notifications'],
        summary: '将我的一条通知标为已读',
        params: NotificationParamsSchema,
        response: { 200: NotificationReadResultSchema, ...errors },
      },
    },
    async (req) => markRead(req, { userId: actorOf(req).userId }, req.params.id),
  );

  app.get(
    '/api/units/me/notifications',
    {
      onRequest: app.requireRoles(...STAFF),
      schema: {
        tags: ['notifications'],
        summary: '本单位通知（收件、期限预警、超期提醒），按时间倒序分页',
        description:
          '超期提醒提请单位负责人关注（forUnitHead）；首接单位在案件转出后仍会收到每一次超期提醒。',
        querystring: UnitNotificationListQuerySchema,
        response: { 200: NotificationListSchema, ...errors },
      },
    },
    async (req) => service.list(unitOf(req), req.query, visibleTo(req)),
  );

  app.post(
    '/api/units/me/notifications/:id/read',
    {
      onRequest: app.requireRoles(...STAFF),
      schema: {
        tags: ['notifications'],
        summary: '将本单位的一条通知标为已读（单位内共享）',
        params: NotificationParamsSchema,
        response: { 200: NotificationReadResultSchema, ...errors },
      },
    },
    async (req) => markRead(req, unitOf(req), req.params.id),
  );
};
