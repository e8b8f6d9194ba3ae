/**
 * The staff workspace's endpoints: an extension of the one endpoint table (src/api/endpoints.ts) kept in the
 * staff subpackage, so none of it ships in the resident's main package. Every call goes through the one
 * request wrapper (src/api/request.ts): same session, same 401 rule, same ApiError with the article of a
 * refusal.
 */
import type { Static } from 'typebox';
import { request, requestRaw } from '../api/request';
import type { ActResult, StaffCaseDetail, CaseList, FileResult, LoginResult } from '../api/types';
import type { ActionBody, CaseListQuery, RegisterCaseBody } from '../../server/src/contracts/cases';
import type { DemoAccountListSchema, StaffLoginResult } from '../../server/src/contracts/auth';
import type {
  Approvals,
  DuplicateHints as StaffDuplicateHints,
  DuplicateQuery,
  FollowUpBody,
  FollowUpListSchema,
  FollowUpItem,
  Inbox,
  InboxItem,
  InboxQuery,
} from '../../server/src/contracts/staff';
import type {
  DocumentListSchema,
  DocumentView,
  IssuableKind,
  Rendered,
} from '../../server/src/contracts/documents';
import type {
  AdminCategory,
  AdminUserSchema,
  CalendarCoverageSchema,
  CalendarPutResultSchema,
  CalendarYearBody,
  CalendarYearDto,
  CategoryListSchema as AdminCategoryListSchema,
  CreateCategoryBody,
  CreateUnitBody,
  CreateUserBody,
  ProfileBody,
  ProfileDetailSchema,
  ProfileListSchema,
  ProfileSummary,
  UnitNode,
  UnitTreeSchema,
  UpdateCategoryBody,
  UpdateUnitBody,
  UpdateUserBody,
  UserChangeResultSchema,
  UserListQuery,
  UserPageSchema,
} from '../../server/src/contracts/admin';

export type StaffAction = ActionBody['action'];
export type { CaseListQuery, RegisterCaseBody, StaffLoginResult };
export type DemoAccount = Static<typeof DemoAccountListSchema>['accounts'][number];
export type DuplicateHints = StaffDuplicateHints;
export type { Approvals, FollowUpItem, Inbox, InboxItem, InboxQuery, DocumentView, IssuableKind, Rendered };
export type FollowUpList = Static<typeof FollowUpListSchema>;
export type DocumentList = Static<typeof DocumentListSchema>;
export type UnitTree = Static<typeof UnitTreeSchema>;
export type UserPage = Static<typeof UserPageSchema>;
export type AdminUser = Static<typeof AdminUserSchema>;
export type AdminCategories = Static<typeof AdminCategoryListSchema>;
export type ProfileList = Static<typeof ProfileListSchema>;
export type CalendarCoverage = Static<typeof CalendarCoverageSchema>;
export type ProfileDetail = Static<typeof ProfileDetailSchema>;
export type UserChange = Static<typeof UserChangeResultSchema>;
export type CalendarPutResult = Static<typeof CalendarPutResultSchema>;
export type {
  AdminCategory,
  CalendarYearBody,
  CalendarYearDto,
  CreateCategoryBody,
  CreateUnitBody,
  CreateUserBody,
  ProfileBody,
  ProfileSummary,
  UnitNode,
  UpdateCategoryBody,
  UpdateUnitBody,
  UpdateUserBody,
  UserListQuery,
};

export const staffEndpoints = {
  staffLogin: { method: 'POST', path: '/api/auth/staff/login' },
  staffTotp: { method: 'POST', path: '/api/auth/staff/totp' },
  /** DEMO servers only (404 elsewhere). */
  demoAccounts: { method: 'GET', path: '/api/demo/accounts' },
  demoLogin: { method: 'POST', path: '/api/demo/login' },
  cases: { method: 'GET', path: '/api/cases' },
  register: { method: 'POST', path: '/api/cases/register' },
  caseDetail: { method: 'GET', path: '/api/cases/:id' },
  caseAction: { method: 'POST', path: '/api/cases/:id/actions' },
  caseNotes: { method: 'POST', path: '/api/cases/:id/notes' },
  attachment: { method: 'GET', path: '/api/attachments/:id' },
  inbox: { method: 'GET', path: '/api/staff/inbox' },
  duplicates: { method: 'POST', path: '/api/staff/duplicates' },
  approvals: { method: 'GET', path: '/api/staff/approvals' },
  followUps: { method: 'GET', path: '/api/staff/follow-ups' },
  recordFollowUp: { method: 'POST', path: '/api/cases/:id/follow-ups' },
  documents: { method: 'GET', path: '/api/cases/:id/documents' },
  documentPreview: { method: 'GET', path: '/api/cases/:id/documents/preview' },
  issueDocument: { method: 'POST', path: '/api/cases/:id/documents' },
  document: { method: 'GET', path: '/api/cases/:id/documents/:docId' },
  documentPdf: { method: 'GET', path: '/api/cases/:id/documents/:docId/pdf' },
  adminUnits: { method: 'GET', path: '/api/admin/units' },
  adminUsers: { method: 'GET', path: '/api/admin/users' },
  adminCategories: { method: 'GET', path: '/api/admin/categories' },
  adminProfiles: { method: 'GET', path: '/api/admin/profiles' },
  adminCalendar: { method: 'GET', path: '/api/admin/calendar' },
  adminCreateUnit: { method: 'POST', path: '/api/admin/units' },
  adminUpdateUnit: { method: 'PATCH', path: '/api/admin/units/:id' },
  adminCreateUser: { method: 'POST', path: '/api/admin/users' },
  adminUpdateUser: { method: 'PATCH', path: '/api/admin/users/:id' },
  adminResetTotp: { method: 'POST', path: '/api/admin/users/:id/reset-totp' },
  adminSetPassword: { method: 'POST', path: '/api/admin/users/:id/password' },
  adminCreateCategory: { method: 'POST', path: '/api/admin/categories' },
  adminUpdateCategory: { method: 'PATCH', path: '/api/admin/categories/:id' },
  adminDeactivateCategory: { method: 'POST', path: '/api/admin/categories/:id/deactivate' },
  adminProfile: { method: 'GET', path: '/api/admin/profiles/:id/:docId' },
  adminPublishProfile: { method: 'POST', path: '/api/admin/profiles' },
  adminCalendarYear: { method: 'GET', path: '/api/admin/calendar/:id' },
  adminPutCalendarYear: { method: 'PUT', path: '/api/admin/calendar/:id' },
} as const;

export const withId = (path: string, id: string, docId?: string) => {
  const p = path.replace(':id', encodeURIComponent(id));
  return docId === undefined ? p : p.replace(':docId', encodeURIComponent(docId));
};

/** Drops empty filters so the query string carries only what was chosen. */
function query(q: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

export const staffApi = {
  staffLogin: (username: string, password: string) =>
    request<StaffLoginResult>(staffEndpoints.staffLogin.path, {
      method: 'POST',
      data: { username, password },
      auth: 'none',
    }),
  staffTotp: (mfaToken: string, code: string) =>
    request<LoginResult>(staffEndpoints.staffTotp.path, {
      method: 'POST',
      data: { mfaToken, code },
      auth: 'none',
    }),
  demoAccounts: () =>
    request<{ accounts: DemoAccount[] }>(staffEndpoints.demoAccounts.path, { auth: 'none' }),
  demoLogin: (userId: string) =>
    request<LoginResult>(staffEndpoints.demoLogin.path, {
      method: 'POST',
      data: { userId },
      auth: 'none',
    }),

  cases: (q: CaseListQuery) => request<CaseList>(staffEndpoints.cases.path, { data: query(q) }),
  /** 201 created, 200 when the same idempotency key was seen before. */
  register: async (body: RegisterCaseBody) => {
    const res = await requestRaw(staffEndpoints.register.path, {
      method: 'POST',
      data: body as unknown as Record<string, unknown>,
      timeoutMs: 20_000,
    });
    return res.data as FileResult;
  },
  caseDetail: (id: string) => request<StaffCaseDetail>(withId(staffEndpoints.caseDetail.path, id)),
  act: (id: string, version: number, action: StaffAction) =>
    request<ActResult<StaffCaseDetail>>(withId(staffEndpoints.caseAction.path, id), {
      method: 'POST',
      data: { version, action } as unknown as Record<string, unknown>,
    }),
  addNote: (id: string, idempotencyKey: string, text: string) =>
    request<StaffCaseDetail>(withId(staffEndpoints.caseNotes.path, id), {
      method: 'POST',
      data: { idempotencyKey, text },
    }),

  inbox: (q: InboxQuery) => request<Inbox>(staffEndpoints.inbox.path, { data: query(q) }),
  /** POST: the phone and ID number go in the body, never in a URL (access logs). */
  duplicates: (q: DuplicateQuery) =>
    request<DuplicateHints>(staffEndpoints.duplicates.path, {
      method: 'POST',
      data: q as unknown as Record<string, unknown>,
    }),
  approvals: () => request<Approvals>(staffEndpoints.approvals.path),
  followUps: (status: 'pending' | 'done' | 'all' = 'pending') =>
    request<FollowUpList>(staffEndpoints.followUps.path, { data: { status, pageSize: 100 } }),
  recordFollowUp: (id: string, body: FollowUpBody) =>
    request<unknown>(withId(staffEndpoints.recordFollowUp.path, id), {
      method: 'POST',
      data: body as unknown as Record<string, unknown>,
    }),
  documents: (id: string) => request<DocumentList>(withId(staffEndpoints.documents.path, id)),
  document: (id: string, docId: string) =>
    request<DocumentView>(withId(staffEndpoints.document.path, id, docId)),
  documentPreview: (id: string, kind: IssuableKind) =>
    request<Rendered>(withId(staffEndpoints.documentPreview.path, id), { data: { kind } }),
  issueDocument: (id: string, kind: IssuableKind, idempotencyKey: string) =>
    request<DocumentView>(withId(staffEndpoints.issueDocument.path, id), {
      method: 'POST',
      data: { kind, idempotencyKey },
    }),
  documentPdfPath: (id: string, docId: string) => withId(staffEndpoints.documentPdf.path, id, docId),

  adminUnits: () => request<UnitTree>(staffEndpoints.adminUnits.path),
  adminUsers: (q: UserListQuery = {}) =>
    request<UserPage>(staffEndpoints.adminUsers.path, { data: query(q) }),
  adminCategories: () => request<AdminCategories>(staffEndpoints.adminCategories.path),
  adminProfiles: () => request<ProfileList>(staffEndpoints.adminProfiles.path),
  adminCalendar: () => request<CalendarCoverage>(staffEndpoints.adminCalendar.path),
  /** Idempotent: the same request again answers with the unit (200); the same code with other data is 409. */
  adminCreateUnit: (body: CreateUnitBody) =>
    request<UnitNode>(staffEndpoints.adminCreateUnit.path, { method: 'POST', data: body }),
  adminUpdateUnit: (code: string, body: UpdateUnitBody) =>
    request<UnitNode>(withId(staffEndpoints.adminUpdateUnit.path, code), { method: 'PATCH', data: body }),
  /** The initial password is the admin's (never returned by the server); 409 for a taken username. */
  adminCreateUser: (body: CreateUserBody) =>
    request<AdminUser>(staffEndpoints.adminCreateUser.path, { method: 'POST', data: body }),
  adminUpdateUser: (id: string, body: UpdateUserBody) =>
    request<UserChange>(withId(staffEndpoints.adminUpdateUser.path, id), { method: 'PATCH', data: body }),
  adminResetTotp: (id: string) =>
    // An empty JSON object, not no body: the JSON parser refuses an empty body sent as application/json.
    request<{ ok: true }>(withId(staffEndpoints.adminResetTotp.path, id), { method: 'POST', data: {} }),
  adminSetPassword: (id: string, password: string) =>
    request<{ ok: true }>(withId(staffEndpoints.adminSetPassword.path, id), {
      method: 'POST',
      data: { password },
    }),
  adminCreateCategory: (body: CreateCategoryBody) =>
    request<AdminCategory>(staffEndpoints.adminCreateCategory.path, { method: 'POST', data: body }),
  adminUpdateCategory: (code: string, body: UpdateCategoryBody) =>
    request<AdminCategory>(withId(staffEndpoints.adminUpdateCategory.path, code), {
      method: 'PATCH',
      data: body,
    }),
  adminDeactivateCategory: (code: string) =>
    request<AdminCategory>(withId(staffEndpoints.adminDeactivateCategory.path, code), {
      method: 'POST',
      data: {},
    }),
  adminProfile: (id: string, version: number) =>
    request<ProfileDetail>(withId(staffEndpoints.adminProfile.path, id, String(version))),
  /** Versions are immutable: a change is the next version; the same version and content again is a no-op. */
  adminPublishProfile: async (body: ProfileBody) => {
    const res = await requestRaw(staffEndpoints.adminPublishProfile.path, {
      method: 'POST',
      data: body as unknown as Record<string, unknown>,
    });
    return { summary: res.data as ProfileSummary, created: res.statusCode === 201 };
  },
  adminCalendarYear: (year: number) =>
    request<CalendarYearDto>(withId(staffEndpoints.adminCalendarYear.path, String(year))),
  /** Replaces the year (upsert); the same data again changes nothing but re-runs the recompute. */
  adminPutCalendarYear: (year: number, body: CalendarYearBody) =>
    request<CalendarPutResult>(withId(staffEndpoints.adminPutCalendarYear.path, String(year)), {
      method: 'PUT',
      data: body as unknown as Record<string, unknown>,
      timeoutMs: 60_000,
    }),
};
