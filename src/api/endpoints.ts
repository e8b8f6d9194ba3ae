import { request, requestRaw } from './request';
import type {
  ActResult,
  PetitionerCaseDetail,
  CaseDocuments,
  CaseList,
  CategoryList,
  DemoOutbox,
  FileCaseBody,
  FileResult,
  LoginResult,
  Me,
  ResidentAction,
  SmsSendResult,
  UnitList,
} from './types';

/** Shape of `GET /api/health`. */
export interface HealthResponse {
  status: string;
  db?: { state?: string };
}

/** Every HTTP endpoint the client calls, in one table. */
export const endpoints = {
  health: { method: 'GET', path: '/api/health' },
  smsSend: { method: 'POST', path: '/api/auth/sms/send' },
  smsVerify: { method: 'POST', path: '/api/auth/sms/verify' },
  wechatLogin: { method: 'POST', path: '/api/auth/wechat' },
  me: { method: 'GET', path: '/api/auth/me' },
  logout: { method: 'POST', path: '/api/auth/logout' },
  /** DEMO servers only (404 elsewhere): the last SMS code the fake SMS provider "sent" to a phone. */
  demoSmsOutbox: { method: 'POST', path: '/api/demo/sms-outbox' },
  units: { method: 'GET', path: '/api/units' },
  categories: { method: 'GET', path: '/api/categories' },
  myCases: { method: 'GET', path: '/api/me/cases' },
  fileCase: { method: 'POST', path: '/api/cases' },
  caseDetail: { method: 'GET', path: '/api/cases/:id' },
  caseAction: { method: 'POST', path: '/api/cases/:id/actions' },
  caseMaterials: { method: 'POST', path: '/api/cases/:id/materials' },
  caseDocuments: { method: 'GET', path: '/api/cases/:id/documents' },
  caseDocumentPdf: { method: 'GET', path: '/api/cases/:id/documents/:docId/pdf' },
  /** multipart, see upload.ts */
  attachments: { method: 'POST', path: '/api/attachments' },
} as const;

const withId = (path: string, id: string) => path.replace(':id', encodeURIComponent(id));

export interface Page {
  cursor?: string;
  limit?: number;
}

export const api = {
  health: () => request<HealthResponse>(endpoints.health.path, { method: endpoints.health.method }),

  smsSend: (phone: string) =>
    request<SmsSendResult>(endpoints.smsSend.path, { method: 'POST', data: { phone }, auth: 'none' }),
  smsVerify: (phone: string, code: string) =>
    request<LoginResult>(endpoints.smsVerify.path, {
      method: 'POST',
      data: { phone, code },
      auth: 'none',
    }),
  wechatLogin: (code: string) =>
    request<LoginResult>(endpoints.wechatLogin.path, { method: 'POST', data: { code }, auth: 'none' }),
  me: () => request<Me>(endpoints.me.path),
  logout: () => request<null>(endpoints.logout.path, { method: 'POST' }),
  demoSmsOutbox: (phone: string) =>
    request<DemoOutbox>(endpoints.demoSmsOutbox.path, { method: 'POST', data: { phone }, auth: 'none' }),

  units: () => request<UnitList>(endpoints.units.path, { auth: 'none' }),
  categories: () => request<CategoryList>(endpoints.categories.path, { auth: 'none' }),

  myCases: (page: Page = {}) =>
    request<CaseList>(endpoints.myCases.path, {
      data: {
        ...(page.limit ? { limit: page.limit } : {}),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      },
    }),
  /** 201 when the case was created, 200 when the same idempotency key was seen before (`replayed`). */
  fileCase: async (body: FileCaseBody, options: { baseUrl?: string } = {}) => {
    const res = await requestRaw(endpoints.fileCase.path, {
      method: 'POST',
      data: body as unknown as Record<string, unknown>,
      timeoutMs: 20_000,
      ...options,
    });
    return { status: res.statusCode, result: res.data as FileResult };
  },
  caseDetail: (id: string) => request<PetitionerCaseDetail>(withId(endpoints.caseDetail.path, id)),
  act: (id: string, version: number, action: ResidentAction) =>
    request<ActResult<PetitionerCaseDetail>>(withId(endpoints.caseAction.path, id), {
      method: 'POST',
      data: { version, action },
    }),
  caseDocuments: (id: string) => request<CaseDocuments>(withId(endpoints.caseDocuments.path, id)),
  addMaterial: (id: string, body: { idempotencyKey: string; text?: string; attachmentIds?: string[] }) =>
    request<PetitionerCaseDetail>(withId(endpoints.caseMaterials.path, id), { method: 'POST', data: body }),
};

/** The service is usable only when the API and its database both say so. */
export function isHealthy(health: HealthResponse): boolean {
  return health.status === 'ok' && health.db?.state === 'up';
}
