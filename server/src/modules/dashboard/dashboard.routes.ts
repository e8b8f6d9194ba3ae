import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../contracts/common';
import Type from 'typebox';
import {
  DrillListSchema,
  ExportQuerySchema,
  ReportQuerySchema,
  ReportSchema,
  DrillQuerySchema,
  OverviewSchema,
  PeriodQuerySchema,
  TrendQuerySchema,
  TrendSchema,
  UnitRankingSchema,
  UnitsQuerySchema,
} from '../../contracts/dashboard';
import { actorOf } from '../auth/auth.plugin';
import { unitDirectory } from '../units/unit.service';
import { contentDisposition } from '../attachments/file-check';
import { exportFile, monthlyReport } from './dashboard.export';
import { dashboardService } from './dashboard.service';

const Errors = errorResponses(400, 401, 403, 500);

/** Leader dashboards: read from `dashboard_rollups` (figures) and `case_facts` (drill-down). */
export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['dashboard'];
  const svc = dashboardService(app, app.hasDecorator('units') ? app.units : unitDirectory(app.db.conn));
  const preHandler = app.requireRoles('leader', 'auditor');

  app.get(
    '/api/dashboard/overview',
    {
      preHandler,
      schema: {
        tags,
        summary: '领导看板总览：按渠道、类别的件数，及时受理率、按期办结率、参评率、满意率等指标及计算公式',
        querystring: PeriodQuerySchema,
        response: { 200: OverviewSchema, ...Errors },
      },
    },
    async (req) => svc.overview(actorOf(req), req.query),
  );

  app.get(
    '/api/dashboard/units',
    {
      preHandler,
      schema: {
        tags,
        summary: '本级及下属单位排名（满意率、按期办结率、超期件数）',
        querystring: UnitsQuerySchema,
        response: { 200: UnitRankingSchema, ...Errors },
      },
    },
    async (req) => svc.units(actorOf(req), req.query),
  );

  app.get(
    '/api/dashboard/trend',
    {
      preHandler,
      schema: {
        tags,
        summary: '按日或按月的件数与指标走势',
        querystring: TrendQuerySchema,
        response: { 200: TrendSchema, ...Errors },
      },
    },
    async (req) => svc.trend(actorOf(req), req.query),
  );

  app.get(
    '/api/dashboard/cases',
    {
      preHandler,
      schema: {
        tags,
        summary: '指标下钻：超期、不满意、未按期办结等事项清单（仅脱敏摘要）',
        querystring: DrillQuerySchema,
        response: { 200: DrillListSchema, ...Errors },
      },
    },
    async (req) => svc.cases(actorOf(req), req.query),
  );

  app.get(
    '/api/dashboard/export',
    {
      preHandler,
      schema: {
        tags,
        summary: '导出当前视图（指标、渠道、类别、单位排名、月度走势）为 CSV 或 Excel',
        querystring: ExportQuerySchema,
        response: {
          200: {
            description: 'CSV（UTF-8，带 BOM）或 Excel 文件',
            content: {
              'text/csv': { schema: Type.Unsafe<Buffer>({ type: 'string' }) },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }),
              },
            },
          },
          ...Errors,
        },
      },
    },
    async (req, reply) => {
      const file = await exportFile(svc, actorOf(req), req.query);
      return reply
        .type(file.mime)
        .header('content-disposition', contentDisposition(file.name))
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );

  app.get(
    '/api/dashboard/report',
    {
      preHandler,
      schema: {
        tags,
        summary: '月度信访情况报告（第四十一条：数据统计、涉及地区、信访较多的单位、转送交办督办情况）',
        querystring: ReportQuerySchema,
        response: { 200: ReportSchema, ...Errors },
      },
    },
    async (req) => {
      const tree = await (app.hasDecorator('units') ? app.units : unitDirectory(app.db.conn)).tree();
      return monthlyReport(svc, tree, actorOf(req), req.query);
    },
  );
};
