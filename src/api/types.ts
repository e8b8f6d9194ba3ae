/**
 * Request and response shapes, taken from the server's TypeBox contracts (the truth). Type-only imports:
 * nothing of the server or of TypeBox reaches the bundle.
 */
import type { Static } from 'typebox';
import type {
  CaseDetail,
  CaseDetailSchema,
  CaseListSchema,
  FileResultSchema,
  CATEGORIES,
} from '../../server/src/contracts/cases';
import type { DemoOutboxSchema, SmsSendResultSchema, MeSchema } from '../../server/src/contracts/auth';
import type { CategoryListSchema, UnitListSchema } from '../../server/src/contracts/directory';
import type { DocumentListSchema } from '../../server/src/contracts/documents';

export type { ActionBody, CaseDetail, CaseSummary, FileCaseBody } from '../../server/src/contracts/cases';
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

export type Deadline = Static<typeof CaseDetailSchema>['deadlines'][number];
export type CaseEvent = Static<typeof CaseDetailSchema>['events'][number];
export type CaseReply = Static<typeof CaseDetailSchema>['replies'][number];
export type CaseRating = Static<typeof CaseDetailSchema>['ratings'][number];

/** The stages a reply (and its rating) belongs to. */
export type ReplyStage = 'first' | 'review' | 'recheck';
export type RatingLevel = 'satisfied' | 'basic' | 'unsatisfied';

/** Reply documents (server/src/contracts/cases.ts ReplyDocumentSchema), as they arrive in `replies[].document`. */
export type ReplyDocument =
  | {
      kind: 'opinion';
      request: string;
      factsAndReasons: string;
      decision: 'support' | 'explain' | 'reject';
      legalBasis: string[];
    }
  | { kind: 'suggestionReply'; adoption: 'adopted' | 'partiallyAdopted' | 'notAdopted'; content: string }
  | { kind: 'accusationFeedback'; content: string };

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

export interface ActResult {
  case: CaseDetail | null;
  state: string;
  version: number;
}
