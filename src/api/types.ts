/**
 * Request and response shapes, taken from the server's TypeBox contracts (the truth). Type-only imports:
 * nothing of the server or of TypeBox reaches the bundle.
 */
import type { Static } from 'typebox';
import type {
  CaseListSchema,
  FileResultSchema,
  CATEGORIES,
  PetitionerCaseDetail,
  StaffCaseDetail,
} from '../../server/src/contracts/cases';
import type { DemoOutboxSchema, SmsSendResultSchema, MeSchema } from '../../server/src/contracts/auth';
import type { CategoryListSchema, UnitListSchema } from '../../server/src/contracts/directory';
import type { DocumentListSchema } from '../../server/src/contracts/documents';

export type {
  ActionBody,
  CaseSummary,
  FileCaseBody,
  PetitionerCaseDetail,
  StaffCaseDetail,
} from '../../server/src/contracts/cases';
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
export type ReplyStage = 'first' | 'review' | 'recheck';
export type RatingLevel = 'satisfied' | 'basic' | 'unsatisfied';

/** Reply documents (server/src/contracts/cases.ts ReplyDocumentSchema), as they arrive in `replies[].document`. */
export type ReplyDocument = CaseReply['document'];

/** The resident's actions on a case (the server decides again whether each is allowed). */
export type ResidentAction =
  | { type: 'withdraw'; reason?: string }
  | {
      type: 'rate';
      stage: 'acceptance' | ReplyStage;
      level: RatingLevel;
      resolved?: boolean;
      comment?: string;
    }
  | { type: 'requestReview'; reasons: string }
  | { type: 'requestRecheck'; reasons: string };

/** The answer to an action: the viewer's detail after it (null when they no longer see the case). */
export interface ActResult<C = PetitionerCaseDetail | StaffCaseDetail> {
  case: C | null;
  state: string;
  version: number;
}
