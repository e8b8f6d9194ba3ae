import Type, { type Static, type TProperties } from 'typebox';
import { ACTION_LABELS, CASE_STATES, type Action, type ActionType } from '../domain';
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
    A('register', { classification: ClassificationSchema, tier: Type.Optional(TierSchema), note: Note }),
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
    accused: Type.Optional(AccusedSchema),
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

/** The domain's states and action types, as enums (the domain's lists are the source). */
export const CaseStateSchema = Type.Enum(CASE_STATES);
export const ActionTypeSchema = Type.Enum(Object.keys(ACTION_LABELS) as ActionType[]);

/** One action the viewer may take now, named and cited by the domain (its label and article, never the client's). */
export const OfferedActionSchema = Type.Object({
  type: ActionTypeSchema,
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

const EventView = Type.Object({
  type: Type.String(),
  at: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.String(),
  summary: Type.String(),
  article: Type.Optional(Type.String()),
  /** Staff only: who did it. */
  actorUserId: Type.Optional(Type.String()),
  actorUnitId: Type.Optional(Type.String()),
});

const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });

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
  nextDueLabel: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});
export type CaseSummary = Static<typeof CaseSummarySchema>;

export const CaseListSchema = Type.Object({
  items: Type.Array(CaseSummarySchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const CaseDetailSchema = Type.Object({
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
    /** Masked unless the viewer needs to contact the petitioner (current / handling unit staff, the petitioner). */
    phone: Type.Union([Type.String(), Type.Null()]),
    masked: Type.Boolean(),
  }),
  /** How the viewer relates to the case, e.g. 首接单位 supervising view. */
  viewBasis: Type.String(),
  supervising: Type.Boolean(),
  handlingUnit: Type.Union([UnitRef, Type.Null()]),
  deadlines: Type.Array(DeadlineView),
  events: Type.Array(EventView),
  replies: Type.Array(
    Type.Object({
      stage: Type.String(),
      at: Type.String(),
      unit: UnitRef,
      document: Type.Record(Type.String(), Type.Unknown()),
      ratingDue: Type.String(),
    }),
  ),
  ratings: Type.Array(
    Type.Object({
      stage: Type.String(),
      level: Type.String(),
      comment: Type.Optional(Type.String()),
      at: Type.String(),
    }),
  ),
  notAccepted: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  extension: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  materials: Type.Array(
    Type.Object({
      at: Type.String(),
      text: Type.Optional(Type.String()),
      attachmentIds: Type.Array(Type.String()),
    }),
  ),
  /** Internal notes: staff only, never shown to the petitioner. */
  notes: Type.Optional(
    Type.Array(Type.Object({ at: Type.String(), userId: Type.String(), text: Type.String() })),
  ),
  accusedHidden: Type.Boolean(),
  /** What this viewer may do now, as the rules see it (the server decides again on submit). */
  availableActions: Type.Array(OfferedActionSchema),
  /** Every file attached to the case (with the filing or added later); open with GET /api/attachments/:id. */
  attachments: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), mime: Type.String(), size: Type.Integer() }),
  ),
  repeatOf: Type.Union([Type.String(), Type.Null()]),
  firstTime: Type.Boolean(),
});
export type CaseDetail = Static<typeof CaseDetailSchema>;

export const FileResultSchema = Type.Object({
  case: CaseDetailSchema,
  /** Present when the filing matched an existing matter (重复信访 / in progress elsewhere). */
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
