import type { Connection, Model } from 'mongoose';
import { auditAnchorModel, auditEntryModel, auditMetaModel } from '../modules/audit/audit.model';
import { calendarYearModel, profileModel } from '../modules/admin/admin.model';
import { roleGrantModel } from '../modules/admin/role-grant.model';
import { mfaChallengeModel } from '../modules/auth/mfa-challenge.model';
import { loginAttemptModel } from '../modules/auth/login-attempt.model';
import { sessionModel } from '../modules/auth/session.model';
import { smsCodeModel } from '../modules/auth/sms-code.model';
import { caseModel, counterModel } from '../modules/cases/case.model';
import { categoryModel } from '../modules/categories/category.model';
import { unitModel } from '../modules/units/unit.model';
import { userModel } from '../modules/users/user.model';
import { attachmentModel } from '../modules/attachments/attachment.model';
import { notificationModel } from '../modules/notifications/notification.model';
import { leaseModel } from '../jobs/lease';
import { caseFactsModel, rollupModel, dashboardMetaModel } from '../modules/dashboard/dashboard.model';
import { followUpCallModel } from '../modules/staff/follow-up.model';
import { documentTemplateModel, issuedDocumentModel } from '../modules/documents/document.model';

/** Every model of the app, registered on one connection. */
const FACTORIES: ((conn: Connection) => Model<never>)[] = [
  unitModel,
  userModel,
  categoryModel,
  caseModel,
  counterModel,
  sessionModel,
  smsCodeModel,
  mfaChallengeModel,
  loginAttemptModel,
  auditEntryModel,
  auditMetaModel,
  auditAnchorModel,
  profileModel,
  calendarYearModel,
  roleGrantModel,
  attachmentModel,
  notificationModel,
  leaseModel,
  caseFactsModel,
  rollupModel,
  dashboardMetaModel,
  followUpCallModel,
  documentTemplateModel,
  issuedDocumentModel,
] as never;

/**
 * Registers all models and builds their indexes BEFORE the app serves or writes anything. Left to
 * mongoose's background autoIndex, an index build can race the first inserts (seen on mongo-java-server as a
 * spurious duplicate-key error on a unique index); on MongoDB it would let a unique rule go unchecked for a
 * moment. So indexes are built once, here, and awaited.
 */
export async function initModels(conn: Connection): Promise<void> {
  const models = FACTORIES.map((f) => f(conn));
  for (const m of models) await m.init();
}
