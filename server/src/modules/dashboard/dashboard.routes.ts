import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../../contracts/common';
import {
  DrillListSchema,
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
import { dashboardService } from './dashboard.service';

const Errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 500: ErrorSchema };

/** Leader dashboards: read from `daily_rollups` (figures) and `case_facts` (drill-down). */
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
};
