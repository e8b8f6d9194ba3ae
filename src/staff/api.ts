/**
 * The staff workspace's endpoints: an extension of the one endpoint table (src/api/endpoints.ts) kept in the
 * staff subpackage, so none of it ships in the resident's main package. Every call goes through the one
 * request wrapper (src/api/request.ts): same session, same 401 rule, same ApiError with the article of a
 * refusal.
 */
import type { Static } from 'typebox';
import { fillPath } from '../api/endpoint';
import { call, callRaw } from '../api/request';
import { staffEndpoints } from './routes';
import { actResultAs, staffView } from '../api/views';
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
  RoleGrant,
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
  RoleGrant,
  UnitNode,
  UpdateCategoryBody,
  UpdateUnitBody,
  UpdateUserBody,
  UserListQuery,
};

export { staffEndpoints };

export const withId = (path: string, id: string, docId?: string) =>
  fillPath(path, docId === undefined ? { id } : { id, docId });

const e = staffEndpoints;

export const staffApi = {
  staffLogin: (username: string, password: string) => call(e.staffLogin, { body: { username, password } }),
  staffTotp: (mfaToken: string, code: string) => call(e.staffTotp, { body: { mfaToken, code } }),
  demoAccounts: () => call(e.demoAccounts),
  demoLogin: (userId: string) => call(e.demoLogin, { body: { userId } }),

  cases: (q: CaseListQuery) => call(e.cases, { query: q }),
  /** 201 created, 200 when the same idempotency key was seen before. */
  register: (body: RegisterCaseBody) => call(e.register, { body }),
  caseDetail: async (id: string) => staffView(await call(e.caseDetail, { params: { id } })),
  act: async (id: string, version: number, action: StaffAction) =>
    actResultAs(await call(e.caseAction, { params: { id }, body: { version, action } }), staffView),
  addNote: async (id: string, idempotencyKey: string, text: string) =>
    staffView(await call(e.caseNotes, { params: { id }, body: { idempotencyKey, text } })),

  inbox: (q: InboxQuery) => call(e.inbox, { query: q }),
  /** POST: the phone and ID number go in the body, never in a URL (access logs). */
  duplicates: (q: DuplicateQuery) => call(e.duplicates, { body: q }),
  approvals: () => call(e.approvals),
  followUps: (status: 'pending' | 'done' | 'all' = 'pending') =>
    call(e.followUps, { query: { status, pageSize: 100 } }),
  recordFollowUp: (id: string, body: FollowUpBody) => call(e.recordFollowUp, { params: { id }, body }),
  documents: (id: string) => call(e.documents, { params: { id } }),
  document: (id: string, docId: string) => call(e.document, { params: { id, docId } }),
  documentPreview: (id: string, kind: IssuableKind) =>
    call(e.documentPreview, { params: { id }, query: { kind } }),
  issueDocument: (id: string, kind: IssuableKind, idempotencyKey: string) =>
    call(e.issueDocument, { params: { id }, body: { kind, idempotencyKey } }),
  documentPdfPath: (id: string, docId: string) => fillPath(e.documentPdf.path, { id, docId }),

  adminUnits: () => call(e.adminUnits),
  adminUsers: (q: UserListQuery = {}) => call(e.adminUsers, { query: q }),
  adminCategories: () => call(e.adminCategories),
  adminProfiles: () => call(e.adminProfiles),
  adminCalendar: () => call(e.adminCalendar),
  /** Idempotent: the same request again answers with the unit (200); the same code with other data is 409. */
  adminCreateUnit: (body: CreateUnitBody) => call(e.adminCreateUnit, { body }),
  adminUpdateUnit: (code: string, body: UpdateUnitBody) =>
    call(e.adminUpdateUnit, { params: { code }, body }),
  /** The initial password is the admin's (never returned by the server); 409 for a taken username. */
  adminCreateUser: (body: CreateUserBody) => call(e.adminCreateUser, { body }),
  adminUpdateUser: (id: string, body: UpdateUserBody) => call(e.adminUpdateUser, { params: { id }, body }),
  /** Pending role grants (DOMAIN.md §13), each saying whether the caller may decide it. */
  adminRoleGrants: () => call(e.adminRoleGrants, { query: { status: 'pending' } }),
  adminApproveGrant: (id: string) => call(e.adminApproveGrant, { params: { id } }),
  adminRejectGrant: (id: string, reason: string) =>
    call(e.adminRejectGrant, { params: { id }, body: reason ? { reason } : {} }),
  // An empty JSON object, not no body: the JSON parser refuses an empty body sent as application/json.
  adminResetTotp: (id: string) => call(e.adminResetTotp, { params: { id } }),
  adminSetPassword: (id: string, password: string) =>
    call(e.adminSetPassword, { params: { id }, body: { password } }),
  adminCreateCategory: (body: CreateCategoryBody) => call(e.adminCreateCategory, { body }),
  adminUpdateCategory: (code: string, body: UpdateCategoryBody) =>
    call(e.adminUpdateCategory, { params: { code }, body }),
  adminDeactivateCategory: (code: string) => call(e.adminDeactivateCategory, { params: { code } }),
  adminProfile: (id: string, version: number) => call(e.adminProfile, { params: { id, version } }),
  /** Versions are immutable: a change is the next version; the same version and content again is a no-op. */
  adminPublishProfile: async (body: ProfileBody) => {
    const res = await callRaw(e.adminPublishProfile, { body });
    return { summary: res.data, created: res.status === 201 };
  },
  adminCalendarYear: (year: number) => call(e.adminCalendarYear, { params: { year } }),
  /** Replaces the year (upsert); the same data again changes nothing but re-runs the recompute. */
  adminPutCalendarYear: (year: number, body: CalendarYearBody) =>
    call(e.adminPutCalendarYear, { params: { year }, body }),
};
