import { call, callRaw } from './request';
import { endpoints } from './routes';
import type { FileCaseBody, Health, ResidentAction } from './types';
import { actResultAs, petitionerView } from './views';

export { endpoints };

/** What `isHealthy` reads of `GET /api/health`. */
export type HealthResponse = { status: Health['status'] } & { db?: Partial<Health['db']> };

export interface Page {
  cursor?: string;
  limit?: number;
}

/** The resident app's calls, over the typed table (src/api/routes.ts). */
export const api = {
  health: () => call(endpoints.health),
  smsSend: (phone: string) => call(endpoints.smsSend, { body: { phone } }),
  smsVerify: (phone: string, code: string) => call(endpoints.smsVerify, { body: { phone, code } }),
  wechatLogin: (code: string) => call(endpoints.wechatLogin, { body: { code } }),
  me: () => call(endpoints.me),
  logout: () => call(endpoints.logout),
  demoSmsOutbox: (phone: string) => call(endpoints.demoSmsOutbox, { body: { phone } }),

  units: () => call(endpoints.units),
  categories: () => call(endpoints.categories),

  myCases: (page: Page = {}) => call(endpoints.myCases, { query: page }),
  /** 201 when the case was created, 200 when the same idempotency key was seen before (`replayed`). */
  fileCase: async (body: FileCaseBody, options: { baseUrl?: string } = {}) => {
    const res = await callRaw(endpoints.fileCase, { body, ...options });
    return { status: res.status, result: res.data };
  },
  caseDetail: async (id: string) => petitionerView(await call(endpoints.caseDetail, { params: { id } })),
  act: async (id: string, version: number, action: ResidentAction) =>
    actResultAs(
      await call(endpoints.caseAction, { params: { id }, body: { version, action } }),
      petitionerView,
    ),
  caseDocuments: (id: string) => call(endpoints.caseDocuments, { params: { id } }),
  addMaterial: async (
    id: string,
    body: { idempotencyKey: string; text?: string; attachmentIds?: string[] },
  ) => petitionerView(await call(endpoints.caseMaterials, { params: { id }, body })),
};

/** The service is usable only when the API and its database both say so. */
export function isHealthy(health: HealthResponse): boolean {
  return health.status === 'ok' && health.db?.state === 'up';
}
