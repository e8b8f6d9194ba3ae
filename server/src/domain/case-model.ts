/**
 * The case as stored (one MongoDB document), the actors, the actions and the decision shape.
 * Everything here is plain data: no class instances, no Dates (instants are ISO strings with +08:00).
 */
import type { WorkCalendar } from './calendar';
import type { Limit } from './deadline';
import type { Category, ClockName, ProfileRef, ProfileSettings, RuleProfile } from './profiles';
import type { UnitTree } from './units';
import type { Refusal } from './refusals';

/** Roles (DOMAIN.md §1). The one list: models, contracts and the permission table derive from it. */
export const ROLES = [
  'resident',
  'grid_worker',
  'clerk',
  'handler',
  'unit_head',
  'leader',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  roles: Role[];
  /** Staff: the unit the user belongs to. */
  unitId?: string;
  /** Residents: the petitioner identity the user acts as. */
  petitionerId?: string;
}

/** 第十七条: 网 / 信 / 访 / 电, plus grid-worker filing (代办) and 12345 hotline transfer. */
export type Channel = 'online' | 'letter' | 'visit' | 'phone' | 'grid' | 'hotline12345';

export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '网上信访',
  letter: '来信',
  visit: '来访',
  phone: '来电',
  grid: '网格代办',
  hotline12345: '12345转办',
};

/** 12345 service tiers (profile variants of the handling clock). */
export type ServiceTier = 'urgent' | 'utility' | 'ordinary' | 'complex';

export type CaseState =
  | 'submitted' // filed online or by a grid worker, waiting to be registered
  | 'registered' // 已登记, at the receiving unit: route, accept or not accept
  | 'transferred' // 已转送/交办 to a unit: accept, not accept, object or forward
  | 'objected' // 异议待核 by the transferring body
  | 'accepted' // 已受理, being handled within the profile's handling limit
  | 'replied' // 已答复 (处理意见书); 复查 window open for 申诉求决类
  | 'reviewing' // 复查中
  | 'reviewed' // 已复查; 复核 window open
  | 'rechecking' // 复核中
  | 'final' // 复核意见作出, 第三十六条第三款
  | 'mediated' // 调解/和解 closed, 第三十三条
  | 'notAccepted' // 不予受理 (with the right channel)
  | 'withdrawn' // 信访人撤回
  | 'closed'; // 办结归档 (request window lapsed)

export const CASE_STATES: readonly CaseState[] = [
  'submitted',
  'registered',
  'transferred',
  'objected',
  'accepted',
  'replied',
  'reviewing',
  'reviewed',
  'rechecking',
  'final',
  'mediated',
  'notAccepted',
  'withdrawn',
  'closed',
];

export const TERMINAL_STATES: readonly CaseState[] = [
  'final',
  'mediated',
  'notAccepted',
  'withdrawn',
  'closed',
];

export const STATE_LABELS: Record<CaseState, string> = {
  submitted: '已提交待登记',
  registered: '已登记',
  transferred: '已转送/交办',
  objected: '异议待核',
  accepted: '已受理办理中',
  replied: '已答复',
  reviewing: '复查中',
  reviewed: '已复查',
  rechecking: '复核中',
  final: '复核终结',
  mediated: '调解和解办结',
  notAccepted: '不予受理',
  withdrawn: '已撤回',
  closed: '已办结',
};

/** Who is accused in a 检举控告 item (第三十条第三款): at least one of unit, users, names must be set. */
export interface AccusedParty {
  unitId?: string;
  userIds?: string[];
  names?: string[];
  /**
   * The units the accused users belong to, resolved by the server from its user records (never taken from a
   * request): the item must not reach them either (see `protectedUnitsOf`).
   */
  personUnitIds?: string[];
}

/** What the resident proposed when filing online (第二十九至三十一条): the clerk confirms or corrects it. */
export interface CaseProposal {
  category: Category;
  /** For a proposed 检举控告: whom it accuses, as the resident named it. */
  accused?: AccusedParty;
}

export type Classification =
  { category: 'suggestion' } | { category: 'claim' } | { category: 'accusation'; accused: AccusedParty };

/** 第三十一条第一至四项: the procedure a 申诉求决类 item belongs to instead of the petition track. */
export type StatutoryProcedure =
  | 'litigation'
  | 'administrativeReconsideration'
  | 'criminalComplaint'
  | 'procuratorialSupervision'
  | 'policeProcedure'
  | 'arbitration'
  | 'partyAppeal'
  | 'administrativeProcedure';

export const PROCEDURE_LABELS: Record<StatutoryProcedure, { label: string; article: string }> = {
  litigation: { label: '诉讼程序', article: '《信访工作条例》第三十一条第一项' },
  administrativeReconsideration: { label: '复议程序', article: '《信访工作条例》第三十一条第一项' },
  criminalComplaint: { label: '检察机关刑事立案程序', article: '《信访工作条例》第三十一条第一项' },
  procuratorialSupervision: { label: '检察机关法律监督程序', article: '《信访工作条例》第三十一条第一项' },
  policeProcedure: { label: '公安机关法律程序', article: '《信访工作条例》第三十一条第一项' },
  arbitration: { label: '仲裁', article: '《信访工作条例》第三十一条第二项' },
  partyAppeal: { label: '党员申诉、申请复审', article: '《信访工作条例》第三十一条第三项' },
  administrativeProcedure: {
    label: '行政复议、行政裁决、行政确认、行政许可、行政处罚等行政程序',
    article: '《信访工作条例》第三十一条第四项',
  },
};

export type NotAcceptGround =
  /** 第三十一条第一至四项 + 第二十八条第二款 (诉访分离): tell the petitioner which procedure and where. */
  | { kind: 'statutoryProcedure'; procedure: StatutoryProcedure; authority: string; explanation: string }
  /** 第二十三条第一款: not within this unit's or system's remit: tell the petitioner where to go. */
  | { kind: 'outsideRemit'; authority: string; explanation: string }
  /** 第十九条第三款: same matter already accepted or in progress at a lower unit, within its time limit. */
  | { kind: 'sameMatterInProgress'; existingCaseId: string }
  /** 第三十六条第三款: same facts and reasons after 复核. */
  | { kind: 'finalAfterRecheck'; finalCaseId: string };

export type OpinionDecision = 'support' | 'explain' | 'reject';

export const OPINION_DECISION_LABELS: Record<OpinionDecision, string> = {
  support: '予以支持',
  explain: '解释说明',
  reject: '不予支持',
};

/** 第三十二条: 信访处理意见书 (also the shape of 复查意见书 and 复核意见书). */
export interface OpinionDocument {
  kind: 'opinion';
  /** 信访人投诉请求 */
  request: string;
  /** 事实和理由 */
  factsAndReasons: string;
  /** 处理意见 */
  decision: OpinionDecision;
  /** 法律法规依据: at least one. */
  legalBasis: [string, ...string[]];
}

/** 第二十九条: reply to a 建议意见类 item. */
export interface SuggestionReply {
  kind: 'suggestionReply';
  adoption: 'adopted' | 'partiallyAdopted' | 'notAdopted';
  content: string;
}

/** 第三十条: feedback on a 检举控告类 item. */
export interface AccusationFeedback {
  kind: 'accusationFeedback';
  content: string;
}

export type ReplyDocument = OpinionDocument | SuggestionReply | AccusationFeedback;

export type RatingLevel = 'satisfied' | 'basic' | 'unsatisfied';

export const RATING_LABELS: Record<RatingLevel, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

/** The petitioner rates once per stage reply: the acknowledgement (受理告知) and each reply. */
export type RatingStage = 'acceptance' | 'first' | 'review' | 'recheck';

// ---------------------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------------------

export type Action =
  | {
      type: 'register';
      classification: Classification;
      tier?: ServiceTier;
      note?: string;
      /** Required when the classification departs from a resident's proposed 检举控告 (第三十条第三款). */
      correctionReason?: string;
    }
  | { type: 'route'; toUnitId: string; mode: 'transfer'; note?: string }
  | { type: 'route'; toUnitId: string; mode: 'assign'; reportWithin: Limit; note?: string }
  | { type: 'object'; reasons: string }
  | { type: 'decideObjection'; approve: true; note?: string }
  | { type: 'decideObjection'; approve: false; note: string }
  | { type: 'accept'; note?: string }
  | { type: 'notAccept'; ground: NotAcceptGround }
  | { type: 'requestExtension'; days: number; reason: string }
  | { type: 'decideExtension'; approve: true; days?: number }
  | { type: 'decideExtension'; approve: false; note: string }
  | { type: 'reply'; document: ReplyDocument }
  /** 第三十二条: the handler drafts; the unit head signs (issues) or returns it with a note. */
  | { type: 'draftReply'; document: ReplyDocument }
  | { type: 'signReply'; approve: true }
  | { type: 'signReply'; approve: false; note: string }
  | {
      type: 'mediate';
      agreement: { kind: 'mediation' | 'settlement'; summary: string; signedByBothParties: true };
    }
  | { type: 'rate'; stage: RatingStage; level: RatingLevel; resolved?: boolean; comment?: string }
  | { type: 'requestReview'; reasons: string }
  | { type: 'requestRecheck'; reasons: string }
  | { type: 'startHearing'; note?: string }
  | { type: 'endHearing'; note?: string }
  | { type: 'withdraw'; reason?: string }
  | { type: 'archive' }
  | { type: 'supervise'; note: string; internalDue: string }
  | { type: 'takeCharge'; note?: string }
  | { type: 'recuse'; userId: string; reason: string }
  /** 第二十八条第三款: a superior lifts a recusal (the unit head for his staff, a leader above), with a reason. */
  | { type: 'liftRecusal'; userId: string; reason: string };

export type ActionType = Action['type'];

// ---------------------------------------------------------------------------------------------------------
// The stored case
// ---------------------------------------------------------------------------------------------------------

export interface DeadlineRecord {
  clock: ClockName;
  label: string;
  article: string;
  statutory: boolean;
  /** The unit that owes this deadline. */
  unitId: string | null;
  /** The instant that started the clock (ISO, +08:00). */
  startedAt: string;
  startEvent: string;
  limit: Limit;
  /** Stopped intervals (hearings), closed ones only. */
  pauses: { from: string; to: string }[];
  due: string;
  lastDay: string;
  provisional: boolean;
  provisionalYears: number[];
  /** The rule lines (article, configurable note, extension, hearing) that head the explanation. */
  ruleExplanation: string[];
  /** ruleExplanation followed by the computation steps (computeDeadline's explanation). */
  explanation: string[];
  calendarFingerprint: string;
  status: 'running' | 'paused' | 'stopped';
  /** When status is 'paused': the open pause's start. */
  pausedSince?: string;
  stoppedAt?: string;
  stopReason?: string;
  /** Set when stopped: was the obligation met within the limit? */
  metOnTime?: boolean;
}

export interface TransferRecord {
  fromUnitId: string;
  toUnitId: string;
  mode: 'transfer' | 'assign';
  at: string;
  byUserId: string;
  /** A leader's decision (beyond the transfer cap, 第二十四条 common-parent decision). */
  byLeader: boolean;
  reportWithin?: Limit;
  note?: string;
}

export interface ObjectionRecord {
  unitId: string;
  /** The unit that transferred the case and decides the objection (第二十三条第三款). */
  transferringUnitId: string;
  byUserId: string;
  at: string;
  reasons: string;
  status: 'pending' | 'upheld' | 'refused';
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

export interface ExtensionRecord {
  requestedDays: number;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'refused';
  approvedDays?: number;
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

export interface StageReply {
  document: ReplyDocument;
  unitId: string;
  byUserId: string;
  /** Issued and delivered (系统送达) at this instant; the 复查/复核 request window counts from here. */
  at: string;
  /** Last instant the petitioner may rate this reply. */
  ratingDue: string;
  /** When a handler drafted it and the unit head signed it (byUserId is then the signer). */
  draftedBy?: string;
}

/** A reply drafted by a handler, waiting for the unit head's signature (第三十二条: the unit answers). */
export interface ReplyDraft {
  stage: 'first' | 'review' | 'recheck';
  document: ReplyDocument;
  unitId: string;
  byUserId: string;
  at: string;
  status: 'pending' | 'returned' | 'signed' | 'superseded';
  decidedBy?: string;
  decidedAt?: string;
  /** Why the head returned it. */
  note?: string;
}

export interface RecusalRecord {
  userId: string;
  reason: string;
  byUserId: string;
  at: string;
}

export interface RatingRecord {
  level: RatingLevel;
  resolved?: boolean;
  comment?: string;
  at: string;
}

export interface CaseSnapshot {
  id: string;
  profile: ProfileRef;
  state: CaseState;
  category: Category | null;
  tier: ServiceTier | null;
  channel: Channel;
  subject: string;
  /** Normalised matter fingerprint for 第十九条第三款 / 第三十六条第三款 / 重复信访 checks. */
  matterFingerprint: string;
  petitioner: { id: string; name?: string; contactClear: boolean };
  filedBy: { userId: string; role: Role; consentRecorded?: boolean };
  /** Group visits: elected representatives (第二十条第三款, at most 5). */
  representatives: string[];
  receivedAt: string;
  /** 首接单位 and 首接责任人 (DOMAIN.md §4): set once at registration and never changed. */
  firstReceiver: { unitId: string; userId: string; at: string } | null;
  currentUnitId: string;
  handlingUnitId: string | null;
  reviewUnitId: string | null;
  recheckUnitId: string | null;
  /** Every unit the case has been at, in order (for supervision and visibility). */
  path: string[];
  transfers: TransferRecord[];
  objections: ObjectionRecord[];
  extension: ExtensionRecord | null;
  deadlines: Partial<Record<ClockName, DeadlineRecord>>;
  acceptance: { unitId: string; byUserId: string; at: string; ratingDue: string } | null;
  notAccepted: (NotAcceptGround & { unitId: string; byUserId: string; at: string }) | null;
  replies: Partial<Record<'first' | 'review' | 'recheck', StageReply>>;
  /** The current stage's drafted reply (absent on cases stored before drafting existed). */
  replyDraft?: ReplyDraft | null;
  mediation: {
    kind: 'mediation' | 'settlement';
    summary: string;
    unitId: string;
    byUserId: string;
    at: string;
    ratingDue: string;
  } | null;
  ratings: Partial<Record<RatingStage, RatingRecord>>;
  /** 不满意 → a follow-up call (回访). */
  followUp: { stage: RatingStage; at: string; done: boolean } | null;
  reviewRequest: { at: string; reasons: string } | null;
  recheckRequest: { at: string; reasons: string } | null;
  hearing: { open: { from: string; byUserId: string } | null; pauses: { from: string; to: string }[] };
  /** 检举控告: who is accused — from the first write for a resident's proposed accusation (第三十条第三款). */
  accused: AccusedParty | null;
  /** What the resident proposed when filing (absent on cases filed before it was kept, and on registrations). */
  proposal?: CaseProposal | null;
  /** 第二十八条第三款: staff excluded from this case (the active recusals). */
  recusals: RecusalRecord[];
  /** Recusals a superior lifted, with the lift (history; they exclude nobody). */
  liftedRecusals?: (RecusalRecord & { lift: { byUserId: string; at: string; reason: string } })[];
  supervisions: { byUserId: string; unitId: string; note: string; internalDue: string; at: string }[];
  /** 包案 (第十八条第二款). */
  leaderInCharge: { userId: string; unitId: string; at: string; note?: string } | null;
  /** 初信初访 (no earlier case of this petitioner) and 重复信访 (same matter after an earlier one closed). */
  firstTime: boolean;
  repeatOf: string | null;
  withdrawal: { at: string; reason?: string } | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

// ---------------------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------------------

export type DocumentKind =
  | 'receiptNotice'
  | 'acceptanceNotice'
  | 'notAcceptNotice'
  | 'transferNotice'
  | 'extensionNotice'
  | 'opinion'
  | 'reviewOpinion'
  | 'recheckOpinion'
  | 'mediationAgreement';

export const DOCUMENT_LABELS: Record<DocumentKind, string> = {
  receiptNotice: '信访事项接收告知',
  acceptanceNotice: '受理告知书',
  notAcceptNotice: '不予受理告知书',
  transferNotice: '转送/交办告知书',
  extensionNotice: '延期告知书',
  opinion: '信访处理意见书',
  reviewOpinion: '复查意见书',
  recheckOpinion: '复核意见书',
  mediationAgreement: '调解/和解协议书',
};

/** Something to deliver through the outbox. */
export interface Notice {
  audience: 'petitioner' | 'unit';
  unitId?: string;
  document?: DocumentKind;
  message: string;
}

export interface CaseEvent {
  type: ActionType | 'open';
  at: string;
  actor: { userId: string; roles: Role[]; unitId?: string };
  from: CaseState | null;
  to: CaseState;
  /** Chinese, for the timeline. */
  summary: string;
  article?: string;
  /** The action as submitted (the server filters what a viewer may see). */
  action?: Action;
}

export interface DeadlineChanges {
  started: DeadlineRecord[];
  stopped: DeadlineRecord[];
  /** Recomputed in place (extension, hearing pause/resume). */
  replaced: DeadlineRecord[];
}

export interface DecisionOk {
  ok: true;
  action: ActionType | 'open';
  from: CaseState | null;
  state: CaseState;
  /** The complete next document; `version` is the previous version + 1. */
  snapshot: CaseSnapshot;
  /**
   * The top-level fields that changed (always includes state, version, updatedAt): apply as
   * `findOneAndUpdate({ _id: prev.id, version: prev.version, state: prev.state }, { $set: set })`.
   */
  set: Partial<CaseSnapshot>;
  events: CaseEvent[];
  deadlines: DeadlineChanges;
  notices: Notice[];
}

/** A refusal: see the catalogue in refusals.ts. */
export type { Refusal, RefusalCode } from './refusals';

export type Decision = DecisionOk | Refusal;

export interface DecisionContext {
  units: UnitTree;
  /** The profile the case started under (must match snapshot.profile id + version). */
  profile: RuleProfile;
  calendar?: WorkCalendar;
  /** Overrides of the profile's settings. */
  config?: Partial<ProfileSettings>;
  /**
   * The staff an action names (a recusal's person), from the server's user records: their unit and roles.
   * A recusal of someone else, or its lift, is refused when the person is not known here.
   */
  persons?: Readonly<Record<string, PersonFacts>>;
}

/** What the rules need to know of a staff member an action names. */
export interface PersonFacts {
  unitId: string | null;
  roles: readonly Role[];
}
