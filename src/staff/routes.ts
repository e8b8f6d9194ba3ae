/**
 * The staff workspace's endpoints: an extension of the one endpoint table (src/api/routes.ts) kept in the
 * staff subpackage, so none of it ships in the resident's main package. Typed by the server's contracts.
 */
import { endpoint, link } from '../api/endpoint';
import { endpoints } from '../api/routes';
import type {
  AdminCategorySchema,
  AdminUserSchema,
  CalendarCoverageSchema,
  CalendarPutResultSchema,
  CalendarYearBodySchema,
  CalendarYearSchema,
  CategoryListSchema,
  CreateCategoryBodySchema,
  CreateUnitBodySchema,
  CreateUserBodySchema,
  OkSchema,
  PasswordBodySchema,
  ProfileBodySchema,
  ProfileDetailSchema,
  ProfileListSchema,
  ProfileSummarySchema,
  RejectGrantBodySchema,
  RoleGrantDecisionSchema,
  RoleGrantListQuerySchema,
  RoleGrantListSchema,
  RoleGrantRejectedSchema,
  UnitNodeSchema,
  UnitTreeSchema,
  UpdateCategoryBodySchema,
  UpdateUnitBodySchema,
  UpdateUserBodySchema,
  UserChangeResultSchema,
  UserListQuerySchema,
  UserPageSchema,
} from '../../server/src/contracts/admin';
import type {
  CaseDetailSchema,
  CaseListQuerySchema,
  CaseListSchema,
  FileResultSchema,
  NoteBodySchema,
  RegisterCaseBodySchema,
} from '../../server/src/contracts/cases';
import type {
  DocumentSchema,
  IssueBodySchema,
  PreviewQuerySchema,
  RenderedSchema,
} from '../../server/src/contracts/documents';
import type {
  ApprovalsSchema,
  DuplicateHintsSchema,
  DuplicateQuerySchema,
  FollowUpBodySchema,
  FollowUpItemSchema,
  FollowUpListSchema,
  FollowUpQuerySchema,
  InboxQuerySchema,
  InboxSchema,
} from '../../server/src/contracts/staff';

export const staffEndpoints = {
  caseDetail: endpoints.caseDetail,
  caseAction: endpoints.caseAction,
  documents: endpoints.caseDocuments,
  documentPdf: endpoints.caseDocumentPdf,

  staffLogin: endpoints.staffLogin,
  staffTotp: endpoints.staffTotp,
  demoAccounts: endpoints.demoAccounts,
  demoLogin: endpoints.demoLogin,
  cases: endpoint<{ res: typeof CaseListSchema; query: typeof CaseListQuerySchema }>()('GET', '/api/cases'),
  /** 201 created, 200 when the same idempotency key was seen before. */
  register: endpoint<{ res: typeof FileResultSchema; body: typeof RegisterCaseBodySchema }>()(
    'POST',
    '/api/cases/register',
    { timeoutMs: 20_000 },
  ),
  caseNotes: endpoint<{ res: typeof CaseDetailSchema; body: typeof NoteBodySchema }>()(
    'POST',
    '/api/cases/:id/notes',
  ),
  attachment: link('/api/attachments/:id'),
  inbox: endpoint<{ res: typeof InboxSchema; query: typeof InboxQuerySchema }>()('GET', '/api/staff/inbox'),
  /** POST: the phone and ID number go in the body, never in a URL (access logs). */
  duplicates: endpoint<{ res: typeof DuplicateHintsSchema; body: typeof DuplicateQuerySchema }>()(
    'POST',
    '/api/staff/duplicates',
  ),
  approvals: endpoint<{ res: typeof ApprovalsSchema }>()('GET', '/api/staff/approvals'),
  followUps: endpoint<{ res: typeof FollowUpListSchema; query: typeof FollowUpQuerySchema }>()(
    'GET',
    '/api/staff/follow-ups',
  ),
  recordFollowUp: endpoint<{ res: typeof FollowUpItemSchema; body: typeof FollowUpBodySchema }>()(
    'POST',
    '/api/cases/:id/follow-ups',
  ),
  documentPreview: endpoint<{ res: typeof RenderedSchema; query: typeof PreviewQuerySchema }>()(
    'GET',
    '/api/cases/:id/documents/preview',
  ),
  issueDocument: endpoint<{ res: typeof DocumentSchema; body: typeof IssueBodySchema }>()(
    'POST',
    '/api/cases/:id/documents',
  ),
  document: endpoint<{ res: typeof DocumentSchema }>()('GET', '/api/cases/:id/documents/:docId'),

  adminUnits: endpoint<{ res: typeof UnitTreeSchema }>()('GET', '/api/admin/units'),
  /** Idempotent: the same request again answers with the unit (200); the same code with other data is 409. */
  adminCreateUnit: endpoint<{ res: typeof UnitNodeSchema; body: typeof CreateUnitBodySchema }>()(
    'POST',
    '/api/admin/units',
  ),
  adminUpdateUnit: endpoint<{ res: typeof UnitNodeSchema; body: typeof UpdateUnitBodySchema }>()(
    'PATCH',
    '/api/admin/units/:code',
  ),
  adminUsers: endpoint<{ res: typeof UserPageSchema; query: typeof UserListQuerySchema }>()(
    'GET',
    '/api/admin/users',
  ),
  /** The initial password is the admin's (never returned by the server); 409 for a taken username. */
  adminCreateUser: endpoint<{ res: typeof AdminUserSchema; body: typeof CreateUserBodySchema }>()(
    'POST',
    '/api/admin/users',
  ),
  /** 200 applied; 202 held: the roles wait in `user.pendingGrant` for a second administrator (DOMAIN.md §13). */
  adminUpdateUser: endpoint<{ res: typeof UserChangeResultSchema; body: typeof UpdateUserBodySchema }>()(
    'PATCH',
    '/api/admin/users/:id',
  ),
  /** Pending role grants (DOMAIN.md §13), each saying whether the caller may decide it. */
  adminRoleGrants: endpoint<{ res: typeof RoleGrantListSchema; query: typeof RoleGrantListQuerySchema }>()(
    'GET',
    '/api/admin/role-grants',
  ),
  adminApproveGrant: endpoint<{ res: typeof RoleGrantDecisionSchema }>()(
    'POST',
    '/api/admin/role-grants/:id/approve',
  ),
  adminRejectGrant: endpoint<{ res: typeof RoleGrantRejectedSchema; body: typeof RejectGrantBodySchema }>()(
    'POST',
    '/api/admin/role-grants/:id/reject',
  ),
  adminResetTotp: endpoint<{ res: typeof OkSchema }>()('POST', '/api/admin/users/:id/reset-totp'),
  adminSetPassword: endpoint<{ res: typeof OkSchema; body: typeof PasswordBodySchema }>()(
    'POST',
    '/api/admin/users/:id/password',
  ),
  adminCategories: endpoint<{ res: typeof CategoryListSchema }>()('GET', '/api/admin/categories'),
  adminCreateCategory: endpoint<{ res: typeof AdminCategorySchema; body: typeof CreateCategoryBodySchema }>()(
    'POST',
    '/api/admin/categories',
  ),
  adminUpdateCategory: endpoint<{ res: typeof AdminCategorySchema; body: typeof UpdateCategoryBodySchema }>()(
    'PATCH',
    '/api/admin/categories/:code',
  ),
  adminDeactivateCategory: endpoint<{ res: typeof AdminCategorySchema }>()(
    'POST',
    '/api/admin/categories/:code/deactivate',
  ),
  adminProfiles: endpoint<{ res: typeof ProfileListSchema }>()('GET', '/api/admin/profiles'),
  adminProfile: endpoint<{ res: typeof ProfileDetailSchema }>()('GET', '/api/admin/profiles/:id/:version'),
  /** Versions are immutable: a change is the next version; the same version and content again is a no-op. */
  adminPublishProfile: endpoint<{ res: typeof ProfileSummarySchema; body: typeof ProfileBodySchema }>()(
    'POST',
    '/api/admin/profiles',
  ),
  adminCalendar: endpoint<{ res: typeof CalendarCoverageSchema }>()('GET', '/api/admin/calendar'),
  adminCalendarYear: endpoint<{ res: typeof CalendarYearSchema }>()('GET', '/api/admin/calendar/:year'),
  /** Replaces the year (upsert); the same data again changes nothing but re-runs the recompute. */
  adminPutCalendarYear: endpoint<{
    res: typeof CalendarPutResultSchema;
    body: typeof CalendarYearBodySchema;
  }>()('PUT', '/api/admin/calendar/:year', { timeoutMs: 60_000 }),
} as const;
