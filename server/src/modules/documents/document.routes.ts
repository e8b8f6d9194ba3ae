import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import fp from 'fastify-plugin';
import { CaseIdParamsSchema, errorResponses } from '../../contracts/common';
import {
  DocumentListSchema,
  DocumentParamsSchema,
  DocumentSchema,
  IssueBodySchema,
  PreviewQuerySchema,
  RenderedSchema,
  TemplateListSchema,
} from '../../contracts/documents';
import { actorOf } from '../auth/auth.plugin';
import { documentService, type DocumentService } from './document.service';

declare module 'fastify' {
  interface FastifyInstance {
    documents: DocumentService;
  }
}

const Errors = errorResponses(400, 401, 403, 404, 422, 500, 503);

/** Decorates `app.documents`, seeds the built-in templates and issues documents after case decisions. */
export const documentsPlugin = fp(
  async (app) => {
    const documents = documentService(app);
    app.decorate('documents', documents);
    await documents.seedTemplates();
    app.cases.onApplied((doc, d, actor) => documents.issueForDecision(doc, d, actor));
  },
  { name: 'documents', dependencies: ['db', 'audit', 'cases'] },
);

export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['documents'];

  app.get(
    '/api/document-templates',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head', 'admin'),
      schema: {
        tags,
        summary: '文书模板（按版本保存的数据：受理、不予受理、转送交办、延期告知书，处理、复查、复核意见书）',
        response: { 200: TemplateListSchema, ...Errors },
      },
    },
    async () => ({ items: await app.documents.templates() }),
  );

  app.get(
    '/api/cases/:id/documents',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '事项已出具的文书（信访人本人及有权查看该事项的工作人员）',
        params: CaseIdParamsSchema,
        response: { 200: DocumentListSchema, ...Errors },
      },
    },
    async (req) => app.documents.list(actorOf(req), req.params.id),
  );

  app.get(
    '/api/cases/:id/documents/preview',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head'),
      schema: {
        tags,
        summary: '按当前模板和事项数据预览文书（不保存、不编号）',
        params: CaseIdParamsSchema,
        querystring: PreviewQuerySchema,
        response: { 200: RenderedSchema, ...Errors },
      },
    },
    async (req) => app.documents.preview(actorOf(req), req.params.id, req.query.kind),
  );

  app.post(
    '/api/cases/:id/documents',
    {
      preHandler: app.requireRoles('clerk', 'handler', 'unit_head'),
      schema: {
        tags,
        summary:
          '出具文书（编号、保存后不可更改、送达信访人）；与办理动作自动出具的是同一份，重复请求返回原文书',
        params: CaseIdParamsSchema,
        body: IssueBodySchema,
        response: { 201: DocumentSchema, 200: DocumentSchema, ...Errors },
      },
    },
    async (req, reply) => {
      const r = await app.documents.issueManually(actorOf(req), req.params.id, req.body.kind);
      return reply.status(r.created ? 201 : 200).send(r.doc);
    },
  );

  app.get(
    '/api/cases/:id/documents/:docId',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '文书全文',
        params: DocumentParamsSchema,
        response: { 200: DocumentSchema, ...Errors },
      },
    },
    async (req) => app.documents.get(actorOf(req), req.params.id, req.params.docId),
  );

  app.get(
    '/api/cases/:id/documents/:docId/pdf',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        summary: '文书PDF（中文字体，A4，可打印）',
        params: DocumentParamsSchema,
        response: {
          200: {
            description: '文书 PDF',
            content: {
              'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
          ...Errors,
        },
      },
    },
    async (req, reply) => {
      const { buf, doc } = await app.documents.pdf(actorOf(req), req.params.id, req.params.docId);
      const name = encodeURIComponent(`${doc.title}-${doc.caseNumber}.pdf`);
      return reply
        .type('application/pdf')
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="document.pdf"; filename*=UTF-8''${name}`)
        .send(buf);
    },
  );
};
