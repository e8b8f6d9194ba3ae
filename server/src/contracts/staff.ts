import Type, { type Static } from 'typebox';
import { IdempotencyKey, UnitId } from './common';
import {
  ActionTypeSchema,
  CaseStateSchema,
  CaseSummarySchema,
  CategorySchema,
  ChannelSchema,
  ReplyDocumentSchema,
} from './cases';

/**
 * The staff workspace: inbox by urgency, duplicate/repeat hints before registering (第十九条第三款), the unit
 * head's approval queue (extensions 第三十四条, objections 第二十三条第三款, replies to sign 第三十二条) and the
 * 回访 list. Response schemas are the privacy filter: nothing here carries a phone or ID number.
 */

const UnitRef = Type.Object({ id: Type.String(), name: Type.String() });
const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }));
const PageSize = Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 }));

export const INBOX_TABS = ['all', 'overdue', 'today', 'soon', 'later', 'none'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];
export type Urgency = Exclude<InboxTab, 'all'>;

/** One running clock with its "why this date" explanation. */
export const ClockViewSchema = Type.Object({
  clock: Type.String(),
  label: Type.String(),
  article: Type.String(),
  unitId: Type.Union([Type.String(), Type.Null()]),
  due: Type.String(),
  lastDay: Type.String({ description: '期限最后一日（YYYY-MM-DD，北京时间）' }),
  provisional: Type.Boolean({ description: '跨入尚未公布放假安排的年度，期限为暂定' }),
  status: Type.String({ description: 'running | paused' }),
  overdue: Type.Boolean(),
  /** Calendar days from today to the last day (0 = today, negative = overdue by that many days). */
  daysLeft: Type.Integer(),
  /** A duty of the unit (办理、转送、告知…) or only a right of the petitioner/unit (复查请求期、异议期). */
  duty: Type.Boolean(),
  /** 为什么是这一天 */
  explanation: Type.Array(Type.String()),
});
export type ClockView = Static<typeof ClockViewSchema>;

export const InboxQuerySchema = Type.Object(
  {
    tab: Type.Optional(Type.Enum(INBOX_TABS, { description: '逾期/今日到期/3日内到期/其后/无期限' })),
    /** mine: open cases my unit must act on now; supervising: 首接 cases now at another unit (首接首办). */
    view: Type.Optional(Type.Enum(['mine', 'supervising'] as const)),
    /** actionable (default): only cases where the caller's role has an action now; all: every case of the view. */
    only: Type.Optional(Type.Enum(['actionable', 'all'] as const)),
    state: Type.Optional(Type.String({ maxLength: 200, pattern: '^[a-zA-Z,]+$' })),
    channel: Type.Optional(ChannelSchema),
    category: Type.Optional(CategorySchema),
    subject: Type.Optional(
      Type.String({ maxLength: 40, pattern: '^[a-z0-9-]+$', description: '事项分类代码' }),
    ),
    unit: Type.Optional(UnitId),
    firstReceiver: Type.Optional(UnitId),
    q: Type.Optional(Type.String({ maxLength: 50, description: '编号、标题、诉求内容关键词' })),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuerySchema>;

export const InboxItemSchema = Type.Object({
  ...CaseSummarySchema.properties,
  subjectCode: Type.Union([Type.String(), Type.Null()]),
  urgency: Type.Enum(['overdue', 'today', 'soon', 'later', 'none'] as const),
  /** The clock that sets the urgency (the earliest running duty clock), else the earliest running window. */
  clock: Type.Union([ClockViewSchema, Type.Null()]),
  /** What the caller may do on it now, as the rules see it (labels and articles: the case detail). */
  availableActions: Type.Array(ActionTypeSchema),
  pending: Type.Object({
    extension: Type.Boolean({ description: '延期申请待批' }),
    objection: Type.Boolean({ description: '异议待核' }),
    replyDraft: Type.Union([Type.Literal('pending'), Type.Literal('returned'), Type.Null()], {
      description: '答复草稿：待签发/已退回',
    }),
  }),
  representatives: Type.Integer({ description: '多人走访代表人数（第二十条）' }),
  repeatOf: Type.Union([Type.String(), Type.Null()]),
});
export type InboxItem = Static<typeof InboxItemSchema>;

const Counts = Type.Object({
  all: Type.Integer(),
  overdue: Type.Integer(),
  today: Type.Integer(),
  soon: Type.Integer(),
  later: Type.Integer(),
  none: Type.Integer(),
});

export const InboxSchema = Type.Object({
  counts: Counts,
  tab: Type.String(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  /** Items in the selected tab (for paging). */
  total: Type.Integer(),
  items: Type.Array(InboxItemSchema),
  /** The state filter's options, labelled by the domain (STATE_LABELS), so no client keeps a copy. */
  states: Type.Array(Type.Object({ value: CaseStateSchema, label: Type.String() })),
});
export type Inbox = Static<typeof InboxSchema>;

// ------------------------------------------------------------------ duplicates (第十九条第三款)

export const DuplicateQuerySchema = Type.Object(
  {
    /** Sent in the body, never the URL: personal data must not reach access logs. */
    phone: Type.Optional(Type.String({ pattern: '^1[3-9]\\d{9}$' })),
    idNumber: Type.Optional(Type.String({ pattern: '^\\d{17}[\\dXx]$' })),
    title: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    request: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type DuplicateQuery = Static<typeof DuplicateQuerySchema>;

export const DuplicateHintsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      ...CaseSummarySchema.properties,
      /** samePerson: same phone / ID number; sameMatter: same matter fingerprint (第十九条第三款). */
      relations: Type.Array(Type.Enum(['samePerson', 'sameMatter'] as const)),
      relationLabel: Type.String(),
      open: Type.Boolean({ description: '仍在办理中' }),
    }),
  ),
  /** What registering now would mean for this petitioner and matter (domain `assessFiling`), when known. */
  assessment: Type.Union([
    Type.Object({
      kind: Type.String({ description: 'new | inProgress | repeat | sameMatterAtHigherUnit | final' }),
      refuse: Type.Boolean(),
      message: Type.String(),
      article: Type.Optional(Type.String()),
      existingCaseId: Type.Optional(Type.String()),
      existingCaseNumber: Type.Optional(Type.String()),
    }),
    Type.Null(),
  ]),
  /** True when the petitioner is already known (by phone or ID number). */
  knownPetitioner: Type.Boolean(),
});
export type DuplicateHints = Static<typeof DuplicateHintsSchema>;

// ------------------------------------------------------------------ approvals (unit head)

export const ApprovalsSchema = Type.Object({
  counts: Type.Object({ extensions: Type.Integer(), objections: Type.Integer(), replies: Type.Integer() }),
  /** 第三十四条: the handler asked for more time; decide with action decideExtension. */
  extensions: Type.Array(
    Type.Object({
      case: CaseSummarySchema,
      clock: Type.Union([ClockViewSchema, Type.Null()]),
      requestedDays: Type.Integer(),
      reason: Type.String(),
      requestedBy: Type.String(),
      requestedAt: Type.String(),
    }),
  ),
  /** 第二十三条第三款: a unit this unit transferred to objects; decide with action decideObjection. */
  objections: Type.Array(
    Type.Object({
      case: CaseSummarySchema,
      objectingUnit: UnitRef,
      reasons: Type.String(),
      requestedBy: Type.String(),
      requestedAt: Type.String(),
    }),
  ),
  /** 第三十二条: drafted replies waiting for the head's signature; sign with action signReply. */
  replies: Type.Array(
    Type.Object({
      case: CaseSummarySchema,
      clock: Type.Union([ClockViewSchema, Type.Null()]),
      stage: Type.Enum(['first', 'review', 'recheck'] as const),
      document: ReplyDocumentSchema,
      draftedBy: Type.String(),
      draftedAt: Type.String(),
    }),
  ),
});
export type Approvals = Static<typeof ApprovalsSchema>;

// ------------------------------------------------------------------ 回访 (follow-up calls)

export const FOLLOW_UP_OUTCOMES = ['contacted', 'unreachable'] as const;

export const FollowUpQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Enum(['pending', 'done', 'all'] as const)),
    page: Page,
    pageSize: PageSize,
  },
  { additionalProperties: false },
);
export type FollowUpQuery = Static<typeof FollowUpQuerySchema>;

export const FollowUpCallSchema = Type.Object({
  at: Type.String(),
  userId: Type.String(),
  outcome: Type.Enum(FOLLOW_UP_OUTCOMES),
  summary: Type.String(),
  satisfactionAfter: Type.Optional(Type.Enum(['satisfied', 'basic', 'unsatisfied'] as const)),
});
export type FollowUpCall = Static<typeof FollowUpCallSchema>;

export const FollowUpItemSchema = Type.Object({
  case: CaseSummarySchema,
  /** unsatisfied: rated 不满意; unrated: replied/closed and the rating window passed without a rating. */
  reason: Type.Enum(['unsatisfied', 'unrated'] as const),
  reasonLabel: Type.String(),
  stage: Type.String({ description: 'acceptance | first | review | recheck' }),
  /** When the 不满意 was given, or when the rating window closed. */
  since: Type.String(),
  comment: Type.Optional(Type.String()),
  calls: Type.Array(FollowUpCallSchema),
  /** A call reached the petitioner (unreachable attempts keep it pending). */
  done: Type.Boolean(),
});
export type FollowUpItem = Static<typeof FollowUpItemSchema>;

export const FollowUpListSchema = Type.Object({
  counts: Type.Object({ pending: Type.Integer(), done: Type.Integer() }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
  items: Type.Array(FollowUpItemSchema),
});

export const FollowUpBodySchema = Type.Object(
  {
    idempotencyKey: IdempotencyKey,
    outcome: Type.Enum(FOLLOW_UP_OUTCOMES),
    summary: Type.String({ minLength: 2, maxLength: 1000 }),
    /** Required when contacted: the petitioner's satisfaction after the call. */
    satisfactionAfter: Type.Optional(Type.Enum(['satisfied', 'basic', 'unsatisfied'] as const)),
  },
  { additionalProperties: false },
);
export type FollowUpBody = Static<typeof FollowUpBodySchema>;
