import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseIdParamsSchema, errorResponses } from '../../contracts/common';
import {
  ApprovalsSchema,
  DuplicateHintsSchema,
  DuplicateQuerySchema,
  FollowUpBodySchema,
  FollowUpItemSchema,
  FollowUpListSchema,
  FollowUpQuerySchema,
  InboxQuerySchema,
  InboxSchema,
} from '../../contracts/staff';
import { actorOf } from '../auth/auth.plugin';
import { staffService } from './staff.service';

const Errors = errorResponses(400, 401, 403, 404, 422, 500);

/** The staff workspace: inbox, duplicate hints, the unit head's approvals, 回访. */
export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = staffService(app);
  const tags = ['staff'];

  app.get(
    '/api/staff/inbox',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head', 'leader'),
      schema: {
        tags,
        summary:
          '工作台收件箱：按紧急程度（逾期、今日到期、3日内到期、其后）排序，各页签计数，带期限及其计算说明',
        description:
          '默认只列本单位当前可由本人角色办理的在办事项（only=all 列出全部）；view=supervising 列出本单位首接、现由他单位办理的事项。',
        querystring: InboxQuerySchema,
        response: { 200: InboxSchema, ...Errors },
      },
    },
    async (req) => staff.inbox(actorOf(req), req.query),
  );

  app.post(
    '/api/staff/duplicates',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head'),
      schema: {
        tags,
        summary: '登记前查重：同一信访人（手机号/身份证号）或同一事项的已有事项（第十九条第三款）',
        description: '个人信息放在请求体中，不进入访问日志；只比对加密索引，不解密扫描。',
        body: DuplicateQuerySchema,
        response: { 200: DuplicateHintsSchema, ...Errors },
      },
    },
    async (req) => staff.duplicates(actorOf(req), req.body),
  );

  app.get(
    '/api/staff/approvals',
    {
      preHandler: app.requireRoles('unit_head'),
      schema: {
        tags,
        summary:
          '单位负责人审批队列：延期申请（第三十四条）、异议核实（第二十三条第三款）、待签发答复（第三十二条）',
        response: { 200: ApprovalsSchema, ...Errors },
      },
    },
    async (req) => staff.approvals(actorOf(req)),
  );

  app.get(
    '/api/staff/follow-ups',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head'),
      schema: {
        tags,
        summary: '回访清单：评价不满意或评价期满未评价的事项（仅工作人员可见）',
        querystring: FollowUpQuerySchema,
        response: { 200: FollowUpListSchema, ...Errors },
      },
    },
    async (req) => staff.followUps(actorOf(req), req.query),
  );

  app.post(
    '/api/cases/:id/follow-ups',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head'),
      schema: {
        tags,
        summary: '记录回访结果（联系上/未联系上、情况摘要、回访后满意度）；同一幂等键只记录一次',
        params: CaseIdParamsSchema,
        body: FollowUpBodySchema,
        response: { 200: FollowUpItemSchema, ...Errors },
      },
    },
    async (req) => staff.recordFollowUp(actorOf(req), req.params.id, req.body),
  );
};
