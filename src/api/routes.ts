/**
 * The resident app's endpoints, typed by the server's contracts (see endpoint.ts). Staff and leader tables
 * extend it in their subpackages (src/staff/routes.ts, src/leader/routes.ts).
 */
import type { TNull } from 'typebox';
import type {
  DemoAccountListSchema,
  DemoLoginBodySchema,
  StaffLoginBodySchema,
  StaffLoginResultSchema,
  StaffTotpBodySchema,
  DemoOutboxBodySchema,
  DemoOutboxSchema,
  LoginResultSchema,
  MeSchema,
  SmsSendBodySchema,
  SmsSendResultSchema,
  SmsVerifyBodySchema,
  WechatLoginBodySchema,
} from '../../server/src/contracts/auth';
import type {
  ActionBodySchema,
  ActResultSchema,
  CaseDetailSchema,
  CaseListQuerySchema,
  CaseListSchema,
  FileCaseBodySchema,
  FileResultSchema,
  MaterialBodySchema,
} from '../../server/src/contracts/cases';
import type { AttachmentSchema } from '../../server/src/contracts/attachments';
import type { HealthSchema } from '../../server/src/contracts/common';
import type { CategoryListSchema, UnitListSchema } from '../../server/src/contracts/directory';
import type { DocumentListSchema } from '../../server/src/contracts/documents';
import { endpoint, link } from './endpoint';

const none = { auth: 'none' } as const;

export const endpoints = {
  health: endpoint<{ res: typeof HealthSchema }>()('GET', '/api/health'),
  smsSend: endpoint<{ res: typeof SmsSendResultSchema; body: typeof SmsSendBodySchema }>()(
    'POST',
    '/api/auth/sms/send',
    none,
  ),
  smsVerify: endpoint<{ res: typeof LoginResultSchema; body: typeof SmsVerifyBodySchema }>()(
    'POST',
    '/api/auth/sms/verify',
    none,
  ),
  wechatLogin: endpoint<{ res: typeof LoginResultSchema; body: typeof WechatLoginBodySchema }>()(
    'POST',
    '/api/auth/wechat',
    none,
  ),
  me: endpoint<{ res: typeof MeSchema }>()('GET', '/api/auth/me'),
  /** 204, no body. */
  logout: endpoint<{ res: TNull }>()('POST', '/api/auth/logout'),
  /** DEMO servers only (404 elsewhere): the last SMS code the fake SMS provider "sent" to a phone. */
  demoSmsOutbox: endpoint<{ res: typeof DemoOutboxSchema; body: typeof DemoOutboxBodySchema }>()(
    'POST',
    '/api/demo/sms-outbox',
    none,
  ),
  /** Staff sign-in (the staff and leader subpackages share it). */
  staffLogin: endpoint<{ res: typeof StaffLoginResultSchema; body: typeof StaffLoginBodySchema }>()(
    'POST',
    '/api/auth/staff/login',
    none,
  ),
  staffTotp: endpoint<{ res: typeof LoginResultSchema; body: typeof StaffTotpBodySchema }>()(
    'POST',
    '/api/auth/staff/totp',
    none,
  ),
  /** DEMO servers only (404 elsewhere). */
  demoAccounts: endpoint<{ res: typeof DemoAccountListSchema }>()('GET', '/api/demo/accounts', none),
  demoLogin: endpoint<{ res: typeof LoginResultSchema; body: typeof DemoLoginBodySchema }>()(
    'POST',
    '/api/demo/login',
    none,
  ),
  units: endpoint<{ res: typeof UnitListSchema }>()('GET', '/api/units', none),
  categories: endpoint<{ res: typeof CategoryListSchema }>()('GET', '/api/categories', none),
  myCases: endpoint<{ res: typeof CaseListSchema; query: typeof CaseListQuerySchema }>()(
    'GET',
    '/api/me/cases',
  ),
  /** 201 created, 200 when the same idempotency key was seen before (`replayed`). */
  fileCase: endpoint<{ res: typeof FileResultSchema; body: typeof FileCaseBodySchema }>()(
    'POST',
    '/api/cases',
    { timeoutMs: 20_000 },
  ),
  caseDetail: endpoint<{ res: typeof CaseDetailSchema }>()('GET', '/api/cases/:id'),
  caseAction: endpoint<{ res: typeof ActResultSchema; body: typeof ActionBodySchema }>()(
    'POST',
    '/api/cases/:id/actions',
  ),
  caseMaterials: endpoint<{ res: typeof CaseDetailSchema; body: typeof MaterialBodySchema }>()(
    'POST',
    '/api/cases/:id/materials',
  ),
  caseDocuments: endpoint<{ res: typeof DocumentListSchema }>()('GET', '/api/cases/:id/documents'),
  caseDocumentPdf: link('/api/cases/:id/documents/:docId/pdf'),
  /** multipart (one file, field `file`), see upload.ts */
  attachments: endpoint<{ res: typeof AttachmentSchema }>()('POST', '/api/attachments'),
} as const;
