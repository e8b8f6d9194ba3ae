/**
 * Request and response shapes, taken from the server's TypeBox contracts (the truth). Type-only imports:
 * nothing of the server or of TypeBox reaches the bundle.
 */
import type { Static } from 'typebox';
import type { ActionBody, CaseDetail } from '../../server/src/contracts/cases';
import type {
  RatingLevelSchema,
  ReplyDocumentSchema,
  CaseListSchema,
  FileResultSchema,
  CATEGORIES,
  PetitionerCaseDetail,
} from '../../server/src/contracts/cases';
import type { DemoOutboxSchema, SmsSendResultSchema, MeSchema } from '../../server/src/contracts/auth';
import type { CategoryListSchema, UnitListSchema } from '../../server/src/contracts/directory';
import type { DocumentListSchema } from '../../server/src/contracts/documents';

export type {
  ActionBody,
  ActResult,
  CaseDetail,
  CaseSummary,
  FileCaseBody,
  PetitionerCaseDetail,
  StaffCaseDetail,
} from '../../server/src/contracts/cases';
export type { Health } from '../../server/src/contracts/common';
export type { AuthUser, LoginResult } from '../../server/src/contracts/auth';
export type { Attachment } from '../../server/src/contracts/attachments';

export type CaseList = Static<typeof CaseListSchema>;
export type FileResult = Static<typeof FileResultSchema>;
export type Category = (typeof CATEGORIES)[number];
export type SmsSendResult = Static<typeof SmsSendResultSchema>;
export type DemoOutbox = Static<typeof DemoOutboxSchema>;
export type Me = Static<typeof MeSchema>;
export type UnitList = Static<typeof UnitListSchema>;
export type Unit = UnitList['items'][number];
export type CategoryList = Static<typeof CategoryListSchema>;
/** 文书 issued on a case (GET /api/cases/:id/documents). */
export type CaseDocuments = Static<typeof DocumentListSchema>;
export type SubjectArea = CategoryList['items'][number];

export type Deadline = PetitionerCaseDetail['deadlines'][number];
export type CaseEvent = PetitionerCaseDetail['events'][number];
export type CaseReply = PetitionerCaseDetail['replies'][number];
export type CaseRating = PetitionerCaseDetail['ratings'][number];

/** The stages a reply (and its rating) belongs to. */
export type ReplyStage = CaseReply['stage'];
export type RatingLevel = Static<typeof RatingLevelSchema>;

/** Reply documents (ReplyDocumentSchema), as they arrive in `replies[].document`. */
export type ReplyDocument = Static<typeof ReplyDocumentSchema>;

/** Every action the contract accepts; `ResidentAction` is the resident's part of it. */
export type Action = ActionBody['action'];
export type ActionType = Action['type'];
export type ResidentAction = Extract<
  Action,
  { type: 'withdraw' | 'rate' | 'requestReview' | 'requestRecheck' }
>;
/** One action the viewer may take now, with the domain's label and article. */
export type OfferedAction = CaseDetail['availableActions'][number];
export type CaseState = CaseDetail['state'];
