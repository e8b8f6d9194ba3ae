import Type, { type Static, type TProperties } from 'typebox';
import { ACTION_LABELS, CASE_STATES, type Action, type ActionType, type AvailableAction } from '../domain';
import { ChinaDate, IdempotencyKey, UnitId } from './common';

/**
 * Case request/response shapes, shared with the client. Action bodies mirror the domain's `Action` union
 * (server/src/domain/case-model.ts) so a malformed action is a 400 before it reaches the rules; the domain
 * then decides whether the well-formed action is allowed (422 with the article when not).
 * Response schemas are the privacy filter: a field not listed here never leaves the server.
 */

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' });
const Instant = Type.String({ format: 'date-time' });

export const CHANNELS = ['online', 'letter', 'visit', 'phone', 'grid', 'hotline12345'] as const;
export const CATEGORIES = ['suggestion', 'claim', 'accusation'] as const;
export const ChannelSchema = Type.Enum(CHANNELS, { description: '渠道：网/信/访/电/网格代办/12345' });
export const CategorySchema = Type.Enum(CATEGORIES, { description: '建议意见/申诉求决/检举控告' });
export const TierSchema = Type.Enum(['urgent', 'utility', 'ordinary', 'complex'] as const);

export const LimitSchema = Type.Union([
  Type.Object({ days: Type.Integer({ minimum: 1, maximum: 365 }) }, { additionalProperties: false }),
  Type.Object({ workingDays: Type.Integer({ minimum: 1, maximum: 250 }) }, { additionalProperties: false }),
  Type.Object({ hours: Type.Integer({ minimum: 1, maximum: 8760 }) }, { additionalProperties: false }),
]);

export const AccusedSchema = Type.Object(
  {
    unitId: Type.Optional(UnitId),
    userIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    names: Type.Optional(Type.Array(Text(50), { maxItems: 20 })),
  },
  { additionalProperties: false, description: '被检举控告的单位或人员（不会让被检举人看到）' },
);

/** What a resident can name when filing a 检举控告: a unit and/or names (staff user ids are not theirs to know). */
export const ProposedAccusedSchema = Type.Object(
  {
    unitId: Type.Optional(UnitId),
    names: Type.Optional(Type.Array(Text(50), { maxItems: 20 })),
  },
  {
    additionalProperties: false,
    description: '被检举控告的单位或人员姓名（检举控告将提交至被检举单位之外的信访部门，不会让被检举人看到）',
  },
);

export const ClassificationSchema = Type.Union([
  Type.Object({ category: Type.Literal('suggestion') }, { additionalProperties: false }),
  Type.Object({ category: Type.Literal('claim') }, { additionalProperties: false }),
  Type.Object(
    { category: Type.Literal('accusation'), accused: AccusedSchema },
    { additionalProperties: false },
  ),
]);

const PROCEDURES = [
  'litigation',
  'administrativeReconsideration',
  'criminalComplaint',
  'procuratorialSupervision',
  'policeProcedure',
  'arbitration',
  'partyAppeal',
  'administrativeProcedure',
] as const;

export const NotAcceptGroundSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('statutoryProcedure'),
      procedure: Type.Enum(PROCEDURES),
      authority: Text(100),
      explanation: Text(1000),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('outsideRemit'), authority: Text(100), explanation: Text(1000) },
    { additionalProperties: false },
  ),
  Type.Object(
    { kind: Type.Literal('sameMatterInProgress'), existingCaseId: Id },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('finalAfterRecheck'), finalCaseId: Id }, { additionalProperties: false }),
]);

export const ReplyDocumentSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('opinion'),
      request: Text(2000),
      factsAndReasons: Text(5000),
      decision: Type.Enum(['support', 'explain', 'reject'] as const),
      // minItems 1 is the non-empty tuple the domain's OpinionDocument declares.
      legalBasis: Type.Unsafe<[string, ...string[]]>(Type.Array(Text(200), { minItems: 1, maxItems: 20 })),
    },
    { additionalProperties: false, description: '信访处理意见书（第三十二条）' },
  ),
  Type.Object(
    {
      kind: Type.Literal('suggestionReply'),
      adoption: Type.Enum(['adopted', 'partiallyAdopted', 'notAdopted'] as const),
      content: Text(5000),
    },
    { additionalProperties: false, description: '建议意见答复（第二十九条）' },
  ),
  Type.Object(
    { kind: Type.Literal('accusationFeedback'), content: Text(5000) },
    { additionalProperties: false, description: '检举控告反馈（第三十条）' },
  ),
]);

export const RatingLevelSchema = Type.Enum(['satisfied', 'basic', 'unsatisfied'] as const);

const A = <const K extends string, T extends TProperties>(type: K, props: T) =>
  Type.Object({ type: Type.Literal(type), ...props }, { additionalProperties: false });
const Note = Type.Optional(Text(1000));

export const ActionSchema = Type.Union(
  [
    A('register', {
      classification: ClassificationSchema,
      tier: Type.Optional(TierSchema),
      note: Note,
      /** Required when the classification departs from the resident's proposed 检举控告 (第三十条第三款). */
      correctionReason: Type.Optional(Text(500)),
    }),
    A('route', { toUnitId: UnitId, mode: Type.Literal('transfer'), note: Note }),
    A('route', { toUnitId: UnitId, mode: Type.Literal('assign'), reportWithin: LimitSchema, note: Note }),
    A('object', { reasons: Text(2000) }),
    A('decideObjection', { approve: Type.Literal(true), note: Note }),
    A('decideObjection', { approve: Type.Literal(false), note: Text(1000) }),
    A('accept', { note: Note }),
    A('notAccept', { ground: NotAcceptGroundSchema }),
    A('requestExtension', { days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Text(1000) }),
    A('decideExtension', {
      approve: Type.Literal(true),
      days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
    }),
    A('decideExtension', { approve: Type.Literal(false), note: Text(1000) }),
    A('reply', { document: ReplyDocumentSchema }),
    A('draftReply', { document: ReplyDocumentSchema }),
    A('signReply', { approve: Type.Literal(true) }),
    A('signReply', { approve: Type.Literal(false), note: Text(1000) }),
    A('mediate', {
      agreement: Type.Object(
        {
          kind: Type.Enum(['mediation', 'settlement'] as const),
          summary: Text(2000),
          signedByBothParties: Type.Literal(true),
        },
        { additionalProperties: false },
      ),
    }),
    A('rate', {
      stage: Type.Enum(['acceptance', 'first', 'review', 'recheck'] as const),
      level: RatingLevelSchema,
      resolved: Type.Optional(Type.Boolean()),
      comment: Type.Optional(Text(500)),
    }),
    A('requestReview', { reasons: Text(2000) }),
    A('requestRecheck', { reasons: Text(2000) }),
    A('startHearing', { note: Note }),
    A('endHearing', { note: Note }),
    A('withdraw', { reason: Type.Optional(Text(500)) }),
    A('archive', {}),
    A('supervise', { note: Text(1000), internalDue: ChinaDate }),
    A('takeCharge', { note: Note }),
    A('recuse', { userId: Id, reason: Text(500) }),
    A('liftRecusal', { userId: Id, reason: Text(500) }),
  ],
  { description: '办理动作（由服务端规则判定是否允许）' },
);

export type ActionContract = Static<typeof ActionSchema>;

/** True when A and B are mutually assignable (same members, same fields). */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time: the contract accepts exactly the domain's actions — a new action or field fails `tsc` here. */
const actionsMatchDomain: SameShape<ActionContract, Action> = true;
void actionsMatchDomain;

export const ActionBodySchema = Type.Object(
  {
    /** The version the client saw: a case changed meanwhile answers 409. */
    version: Type.Integer({ minimum: 1 }),
    action: ActionSchema,
  },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBodySchema>;

const ContentProps = {
  title: Text(60, 2),
  request: Text(2000, 2),
  facts: Text(5000, 2),
  reasons: Type.Optional(Type.String({ maxLength: 5000 })),
  subjectCode: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z0-9-]+$' })),
  location: Type.Optional(
    Type.Object(
      {
        address: Text(200),
        lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
        lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
      },
      { additionalProperties: false },
    ),
  ),
  attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 9 })),
};

const Phone = Type.String({ pattern: '^1[3-9]\\d{9}$', description: '手机号' });
/** 18-digit 居民身份证号 (check digit verified by the service). */
const IdNumber = Type.String({ pattern: '^\\d{17}[\\dXx]$', description: '身份证号' });

export const FileCaseBodySchema = Type.Object(
  {
    idempotencyKey: IdempotencyKey,
    targetUnitId: UnitId,
    proposedCategory: Type.Optional(CategorySchema),
    /** With proposedCategory 'accusation': the case goes to the petition bureau the domain names (第三十条第三款). */
    accused: Type.Optional(ProposedAccusedSchema),
    /** Grid workers (网格代办) file on behalf of a resident, with the resident's consent recorded. */
    onBehalfOf: Type.Optional(
      Type.Object(
        { name: Text(30), phone: Phone, consentRecorded: Type.Literal(true) },
        { additionalProperties: false },
      ),
    ),
    ...ContentProps,
  },
  { additionalProperties: false },
);
export type FileCaseBody = Static<typeof FileCaseBodySchema>;

export const RegisterCaseBodySchema = Type.Object(
  {
    idempotencyKey: IdempotencyKey,
    channel: Type.Enum(['letter', 'visit', 'phone', 'hotline12345'] as const),
    receivedAt: Type.Optional(Instant),
    petitioner: Type.Object(
      {
        name: Text(30),
        phone: Type.Optional(Phone),
        idNumber: Type.Optional(IdNumber),
        address: Type.Optional(Text(200)),
      },
      { additionalProperties: false },
    ),
    classification: ClassificationSchema,
    tier: Type.Optional(TierSchema),
    representatives: Type.Optional(Type.Array(Text(30), { maxItems: 10 })),
    ...ContentProps,
  },
  { additionalProperties: false },
);
export type RegisterCaseBody = Static<typeof RegisterCaseBodySchema>;

export const MaterialBodySchema = Type.Object(
  {
    idempotencyKey: IdempotencyKey,
    text: Type.Optional(Text(2000)),
    attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 9 })),
  },
  { additionalProperties: false },
);

export const NoteBodySchema = Type.Object(
  { idempotencyKey: IdempotencyKey, text: Text(2000) },
  { additionalProperties: false },
);

export const CaseListQuerySchema = Type.Object(
  {
    state: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-zA-Z,]+$' })),
    category: Type.Optional(CategorySchema),
    channel: Type.Optional(ChannelSchema),
    unit: Type.Optional(UnitId),
    firstReceiver: Type.Optional(UnitId),
    overdue: Type.Optional(Type.Boolean()),
    dueWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 90 })),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    sort: Type.Optional(Type.Enum(['urgency', 'newest'] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuerySchema>;

// ------------------------------------------------------------------ responses
//
// Two case views, each with its own builder (modules/cases/case.views.ts): the petitioner's and the staff's.
// The petitioner's carries no staff user id, no internal note and no internal step; every field of both has a
// real schema (no "any record"), so what leaves the server is exactly what is listed here.

/** The domain's states and action types, as enums (the domain's lists are the source). */
export const CaseStateSchema = Type.Enum(CASE_STATES);
export const ActionTypeSchema = Type.Enum(Object.keys(ACTION_LABELS) as ActionType[]);
/** What a case detail may offer: the transition table's actions and 补充材料 (`addMaterial`, 第十九条). */
export const AvailableActionTypeSchema = Type.Enum([
  ...(Object.keys(ACTION_LABELS) as ActionType[]),
  'addMaterial',
] as AvailableAction[]);

/** One action the viewer may take now, named and cited by the domain (its label and article, never the client's). */
export const OfferedActionSchema = Type.Object({
  type: AvailableActionTypeSchema,
  label: Type.String({ description: '动作名称（按钮、确认与拒绝说明通用）' }),
  article: Type.String({ description: '允许该动作的条款，如《信访工作条例》第三十五条' }),
});
export type OfferedActionView = Static<typeof OfferedActionSchema>;

const DeadlineView = Type.Object({
  clock: Type.String(),
  label: Type.String(),
  article: Type.String(),
  statutory: Type.Boolean(),
  unitId: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String(),
  due: Type.String(),
  lastDay: Type.String(),
  provisional: Type.Boolean(),
  status: Type.String(),
  metOnTime: Type.Optional(Type.Boolean()),
  overdue: Type.Boolean(),
  /** 为什么是这一天 */
  explanation: Type.Array(Type.String()),
});

const EventFields = {
  type: Type.String(),
  at: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.String(),
  summary: Type.String(),
  article: Type.Optional(Type.String()),
};
const PetitionerEventView = Type.Object(EventFields);
const StaffEventView = Type.Object({
  ...EventFields,
  /** Who did it. */
  actorUserId: Type.String(),
  actorUnitId: Type.Optional(Type.String()),
});

const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });

/** Whom a 检举控告 accuses, as shown to the unit holding it. */
export const AccusedViewSchema = Type.Object({
  unit: Type.Union([UnitRef, Type.Null()]),
  names: Type.Array(Type.String()),
});

/** What the resident proposed when filing online: the registering clerk confirms or corrects it. */
export const ProposalViewSchema = Type.Object({
  category: CategorySchema,
  categoryLabel: Type.String(),
  accused: Type.Union([AccusedViewSchema, Type.Null()]),
});

export const CaseSummarySchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  state: CaseStateSchema,
  stateLabel: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  channel: Type.String(),
  receivedAt: Type.String(),
  updatedAt: Type.String(),
  currentUnit: UnitRef,
  firstReceiver: Type.Union([UnitRef, Type.Null()]),
  nextDue: Type.Union([Type.String(), Type.Null()]),
  /** The label of the clock `nextDue` belongs to, e.g. 办理期限. */
  nextDueLabel: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});
export type CaseSummary = Static<typeof CaseSummarySchema>;

export const CaseListSchema = Type.Object({
  items: Type.Array(CaseSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

/** 第三十二条: the reply as issued (the document's own schema; who signed it is internal). */
const ReplyView = Type.Object({
  stage: Type.Enum(['first', 'review', 'recheck'] as const),
  at: Type.String(),
  unit: UnitRef,
  document: ReplyDocumentSchema,
  ratingDue: Type.String(),
});

const RatingView = Type.Object({
  stage: Type.Enum(['acceptance', 'first', 'review', 'recheck'] as const),
  level: RatingLevelSchema,
  comment: Type.Optional(Type.String()),
  at: Type.String(),
});

/** A case the viewer may also see, named by id and number (repeatOf, the case a 不予受理 points to). */
const CaseRef = Type.Object({ id: Type.String(), number: Type.String() });

/** 不予受理 (第二十三条, 第二十八条第二款, 第三十一条, 第十九条第三款, 第三十六条第三款): where to go instead. */
const NotAcceptedFields = {
  kind: Type.Enum([
    'statutoryProcedure',
    'outsideRemit',
    'sameMatterInProgress',
    'finalAfterRecheck',
  ] as const),
  unit: UnitRef,
  at: Type.String(),
  /** statutoryProcedure: which procedure (诉讼、仲裁、行政复议…), with its label. */
  procedure: Type.Optional(Type.String()),
  procedureLabel: Type.Optional(Type.String()),
  /** statutoryProcedure, outsideRemit: the authority to turn to, and why. */
  authority: Type.Optional(Type.String()),
  explanation: Type.Optional(Type.String()),
  /** sameMatterInProgress, finalAfterRecheck: the earlier case, when the viewer may see it. */
  existingCase: Type.Optional(Type.Union([CaseRef, Type.Null()])),
};
const PetitionerNotAccepted = Type.Object(NotAcceptedFields);
const StaffNotAccepted = Type.Object({ ...NotAcceptedFields, byUserId: Type.String() });

/** 第三十四条: the petitioner is told of an approved extension and its reason. */
const PetitionerExtension = Type.Object({
  status: Type.Literal('approved'),
  approvedDays: Type.Integer(),
  reason: Type.String(),
  decidedAt: Type.Optional(Type.String()),
});
const StaffExtension = Type.Object({
  status: Type.Enum(['pending', 'approved', 'refused'] as const),
  requestedDays: Type.Integer(),
  reason: Type.String(),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  approvedDays: Type.Optional(Type.Integer()),
  decidedBy: Type.Optional(Type.String()),
  decidedAt: Type.Optional(Type.String()),
  /** The head's note on a refusal: internal. */
  note: Type.Optional(Type.String()),
});

const MaterialView = Type.Object({
  at: Type.String(),
  text: Type.Optional(Type.String()),
  attachmentIds: Type.Array(Type.String()),
});

const CommonDetail = {
  ...CaseSummarySchema.properties,
  content: Type.Object({
    title: Type.String(),
    request: Type.String(),
    facts: Type.String(),
    reasons: Type.String(),
    subjectCode: Type.Union([Type.String(), Type.Null()]),
    location: Type.Union([Type.Object({ address: Type.String() }), Type.Null()]),
  }),
  petitioner: Type.Object({
    name: Type.String(),
    /** Masked unless the viewer needs to contact the petitioner (domain `contactVisible`). */
    phone: Type.Union([Type.String(), Type.Null()]),
    masked: Type.Boolean(),
  }),
  handlingUnit: Type.Union([UnitRef, Type.Null()]),
  deadlines: Type.Array(DeadlineView),
  replies: Type.Array(ReplyView),
  ratings: Type.Array(RatingView),
  materials: Type.Array(MaterialView),
  /** The resident's proposal (category, accused), for the petitioner and the unit holding the case. */
  proposal: Type.Union([ProposalViewSchema, Type.Null()]),
  /** What this viewer may do now, as the rules see it (the server decides again on submit). */
  availableActions: Type.Array(OfferedActionSchema),
  /** Every file attached to the case (with the filing or added later); open with GET /api/attachments/:id. */
  attachments: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), mime: Type.String(), size: Type.Integer() }),
  ),
};

/** The petitioner's own view of their case. */
export const PetitionerCaseDetailSchema = Type.Object({
  view: Type.Literal('petitioner'),
  ...CommonDetail,
  events: Type.Array(PetitionerEventView),
  notAccepted: Type.Union([PetitionerNotAccepted, Type.Null()]),
  extension: Type.Union([PetitionerExtension, Type.Null()]),
});
export type PetitionerCaseDetail = Static<typeof PetitionerCaseDetailSchema>;

/** Staff, leaders, the auditor, the grid worker who filed it. */
export const StaffCaseDetailSchema = Type.Object({
  view: Type.Literal('staff'),
  ...CommonDetail,
  /** How the viewer relates to the case, e.g. 首接单位 supervising view. */
  viewBasis: Type.String(),
  supervising: Type.Boolean(),
  events: Type.Array(StaffEventView),
  notAccepted: Type.Union([StaffNotAccepted, Type.Null()]),
  extension: Type.Union([StaffExtension, Type.Null()]),
  /** Internal notes: never shown to the petitioner. */
  notes: Type.Array(Type.Object({ at: Type.String(), userId: Type.String(), text: Type.String() })),
  /** 检举控告: whom it accuses — shown to the unit holding the case only (else accusedHidden). */
  accused: Type.Union([AccusedViewSchema, Type.Null()]),
  accusedHidden: Type.Boolean(),
  /** 第二十八条第三款: who is recused now (a superior may lift it: action liftRecusal). */
  recusals: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.String(),
      reason: Type.String(),
      byUserId: Type.String(),
      at: Type.String(),
    }),
  ),
  /** 重复信访: the earlier case of the same matter, when the viewer may see it. */
  repeatOf: Type.Union([CaseRef, Type.Null()]),
  /** 初信初访 */
  firstTime: Type.Boolean(),
});
export type StaffCaseDetail = Static<typeof StaffCaseDetailSchema>;

/** A case detail: the petitioner's view or the staff view (`view` tells which). */
export const CaseDetailSchema = Type.Union([StaffCaseDetailSchema, PetitionerCaseDetailSchema]);
export type CaseDetail = Static<typeof CaseDetailSchema>;

export const FileResultSchema = Type.Object({
  case: CaseDetailSchema,
  /** Where an accusation went, and what the filing matched (重复信访 / in progress elsewhere), if anything. */
  notice: Type.Optional(Type.String()),
  replayed: Type.Boolean({ description: '同一幂等键的重复提交，返回原记录' }),
});

/** The answer to an action (POST /api/cases/:id/actions). */
export const ActResultSchema = Type.Object({
  /** null when the actor can no longer see the case after the action (e.g. it was transferred away). */
  case: Type.Union([CaseDetailSchema, Type.Null()]),
  state: CaseStateSchema,
  version: Type.Integer(),
});
export type ActResult = Static<typeof ActResultSchema>;
