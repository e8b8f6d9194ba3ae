import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fp from 'fastify-plugin';
import { CaseIdParamsSchema, errorResponses } from '../../contracts/common';
import {
  ActionBodySchema,
  ActResultSchema,
  CaseDetailSchema,
  CaseListQuerySchema,
  CaseListSchema,
  FileCaseBodySchema,
  FileResultSchema,
  MaterialBodySchema,
  NoteBodySchema,
  RegisterCaseBodySchema,
} from '../../contracts/cases';
import { actorOf } from '../auth/auth.plugin';
import { unitDirectory, type UnitDirectory } from '../units/unit.service';
import { loadCalendar } from '../admin/calendar.service';
import { cached } from '../../lib/cached';
import type { WorkCalendar } from '../../domain';
import { caseService, type CaseService } from './case.service';

declare module 'fastify' {
  interface FastifyInstance {
    cases: CaseService;
    units: UnitDirectory;
    /** Working calendar: package holiday data + admin-loaded years (第二百零三条 counting needs both). */
    workCalendar: { get(): Promise<WorkCalendar>; invalidate(): void };
  }
}

const Errors = errorResponses(400, 401, 403, 404, 409, 422, 500);

/** Decorates `app.cases` / `app.units`; routes below use them. */
export const casesPlugin = fp(
  async (app) => {
    const units = unitDirectory(app.db.conn);
    app.decorate('units', units);
    const workCalendar = cached(() => loadCalendar(app.db.conn), 60_000);
    app.decorate('workCalendar', workCalendar);
    const cases = caseService({ app, units, calendar: workCalendar.get });
    app.decorate('cases', cases);
    // A case's attachments are readable by whoever may read the case.
    app.attachments.setCanReadCase((caseId, actor) => cases.canRead(actor, caseId));
  },
  { name: 'cases', dependencies: ['db', 'auth', 'audit', 'attachments'] },
);

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['cases'];

  app.post(
    '/api/cases',
    {
      preHandler: app.requireRoles('resident', 'grid_worker'),
      schema: {
        tags,
        summary: '群众网上提交诉求（网格员代办须记录同意）；同一幂等键重复提交只产生一件',
        body: FileCaseBodySchema,
        response: { 201: FileResultSchema, 200: FileResultSchema, ...Errors },
      },
    },
    async (req, reply) => {
      const r = await app.cases.file(actorOf(req), req.body);
      return reply.status(r.replayed ? 200 : 201).send(r);
    },
  );

  app.post(
    '/api/cases/register',
    {
      preHandler: app.requireRoles('clerk'),
      schema: {
        tags,
        summary: '登记员登记来信、来访、来电、12345 转办事项（本单位为首接单位）',
        body: RegisterCaseBodySchema,
        response: { 201: FileResultSchema, 200: FileResultSchema, ...Errors },
      },
    },
    async (req, reply) => {
      const r = await app.cases.register(actorOf(req), req.body);
      return reply.status(r.replayed ? 200 : 201).send(r);
    },
  );

  app.get(
    '/api/cases',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head', 'leader', 'auditor', 'grid_worker'),
      schema: {
        tags,
        summary: '工作人员检索：状态、逾期、N 日内到期、类别、单位、首接单位、关键词；游标分页',
        querystring: CaseListQuerySchema,
        response: { 200: CaseListSchema, ...Errors },
      },
    },
    async (req) => app.cases.list(actorOf(req), req.query),
  );

  app.get(
    '/api/me/cases',
    {
      preHandler: app.requireRoles('resident'),
      schema: {
        tags,
        summary: '我的诉求（本人提交的全部事项）',
        querystring: CaseListQuerySchema,
        response: { 200: CaseListSchema, ...Errors },
      },
    },
    async (req) => app.cases.list(actorOf(req), { sort: 'newest', ...req.query }),
  );

  app.get(
    '/api/cases/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '事项详情：时间线、期限及“为什么是这一天”、文书、评价；按角色过滤与脱敏',
        params: CaseIdParamsSchema,
        response: { 200: CaseDetailSchema, ...Errors },
      },
    },
    async (req) => app.cases.get(actorOf(req), req.params.id),
  );

  app.post(
    '/api/cases/:id/actions',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary:
          '办理动作（登记、转送交办、异议、受理、不予受理、延期、答复、评价、复查复核、撤回、督办、包案…）',
        description:
          '是否允许由服务端依《信访工作条例》判定；不允许时返回 422 并注明条款。并发修改返回 409。',
        params: CaseIdParamsSchema,
        body: ActionBodySchema,
        response: { 200: ActResultSchema, ...Errors },
      },
    },
    async (req) => app.cases.act(actorOf(req), req.params.id, req.body.version, req.body.action),
  );

  app.post(
    '/api/cases/:id/materials',
    {
      preHandler: app.requireRoles('resident'),
      schema: {
        tags,
        summary: '信访人补充材料（文字或附件）',
        params: CaseIdParamsSchema,
        body: MaterialBodySchema,
        response: { 200: CaseDetailSchema, ...Errors },
      },
    },
    async (req) => app.cases.addMaterial(actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/cases/:id/notes',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head', 'leader'),
      schema: {
        tags,
        summary: '内部备注（不对信访人显示）',
        params: CaseIdParamsSchema,
        body: NoteBodySchema,
        response: { 200: CaseDetailSchema, ...Errors },
      },
    },
    async (req) => app.cases.addNote(actorOf(req), req.params.id, req.body),
  );
};
