/**
 * The case lifecycle: an explicit transition table (state × action → state, with the clocks each row starts
 * and stops) and one decision function. Illegal transitions are refused here, never only in the UI.
 *
 * How the server applies a decision: `findOneAndUpdate({ _id: prev.id, version: prev.version, state:
 * prev.state }, { $set: decision.set })`, append `decision.events` to the timeline and `decision.notices` to
 * the outbox; a lost race (no document matched) is a 409.
 */
import {
  chinaDate,
  formatChinaInstant,
  formatChineseDate,
  getDefaultCalendar,
  isValidChinaDate,
  parseInstant,
} from './calendar';
import type { WorkCalendar } from './calendar';
import {
  type AccusedParty,
  type Action,
  type CaseProposal,
  type ActionType,
  type Actor,
  type CaseEvent,
  type CaseSnapshot,
  CASE_STATES,
  type CaseState,
  type Channel,
  type Classification,
  type DeadlineRecord,
  type Decision,
  type DecisionContext,
  type DecisionOk,
  type Notice,
  PROCEDURE_LABELS,
  RATING_LABELS,
  type Refusal,
  type ReplyDocument,
  type ServiceTier,
  STATE_LABELS,
  TERMINAL_STATES,
} from './case-model';
import {
  computeDeadlineDetailed,
  describeLimit,
  isOverdue,
  type Limit,
  needsRecomputation,
  validateLimit,
} from './deadline';
import { matchingGrant, OPEN_PERMISSIONS, type PermissionGrant, PERMISSIONS } from './permissions';
import {
  CATEGORY_LABELS,
  type ClockName,
  type ProfileSettings,
  resolveClock,
  RIGHT_WINDOW_CLOCKS,
  type RuleProfile,
  ruleLines,
} from './profiles';
import type { UnitTree } from './units';
import {
  accusationIntake,
  canRouteTo,
  exclusionByParties,
  exclusionPartiesOf,
  isProtectedUnit,
  protectedUnitsOf,
} from './visibility';

const XF = '《信访工作条例》';

/** The one name of each action: buttons, confirmations, refusals and timeline summaries use it. */
export const ACTION_LABELS: Record<ActionType, string> = {
  register: '登记',
  route: '转送 / 交办',
  object: '提出异议',
  decideObjection: '核实异议',
  accept: '受理',
  notAccept: '不予受理',
  requestExtension: '申请延期',
  decideExtension: '审批延期',
  reply: '直接签发答复',
  draftReply: '起草答复',
  signReply: '签发答复',
  mediate: '调解/和解办结',
  rate: '评价',
  requestReview: '请求复查',
  requestRecheck: '请求复核',
  startHearing: '开始听证',
  endHearing: '结束听证',
  withdraw: '撤回',
  archive: '办结归档',
  supervise: '督办',
  takeCharge: '包案',
  recuse: '回避',
  liftRecusal: '解除回避',
};

// ---------------------------------------------------------------------------------------------------------
// The transition table
// ---------------------------------------------------------------------------------------------------------

export interface TransitionRow {
  action: ActionType;
  from: CaseState;
  /** 'same' for actions that record something without changing state. */
  to: CaseState | 'same';
  /** Which branch of the action, when one action has several rows from the same state. */
  outcome?: string;
  article: string;
  /** Clocks this row starts (conditional ones in brackets in `description`). */
  starts: readonly ClockName[];
  /** Clocks this row stops; 'all' stops every running clock. */
  stops: readonly ClockName[] | 'all';
  description: string;
}

/** Every state that is not terminal. */
const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((st) => !TERMINAL_STATES.includes(st));
const RATEABLE_STATES: readonly CaseState[] = [
  'accepted',
  'replied',
  'reviewing',
  'reviewed',
  'rechecking',
  'final',
  'mediated',
  'closed',
];

function row(
  action: ActionType,
  from: CaseState,
  to: CaseState | 'same',
  article: string,
  starts: readonly ClockName[],
  stops: readonly ClockName[] | 'all',
  description: string,
  outcome?: string,
): TransitionRow {
  return { action, from, to, article, starts, stops, description, ...(outcome ? { outcome } : {}) };
}

export const TRANSITIONS: readonly TransitionRow[] = [
  row(
    'register',
    'submitted',
    'registered',
    `${XF}第二十二条、第二十三条第一款`,
    [],
    [],
    '登记；首接单位、首接责任人确定',
  ),
  ...(['registered', 'transferred'] as const).map((from) =>
    row(
      'route',
      from,
      'transferred',
      `${XF}第二十二条、第二十三条第一款`,
      ['notice', 'objection', 'assignment'],
      ['route', 'notice', 'objection'],
      '转送、交办至有权处理的单位（交办时启动办结报告期限）',
    ),
  ),
  row(
    'object',
    'transferred',
    'objected',
    `${XF}第二十三条第三款`,
    [],
    ['objection'],
    '5个工作日内提出异议并详细说明理由',
  ),
  row(
    'decideObjection',
    'objected',
    'registered',
    `${XF}第二十三条第三款`,
    ['route', 'notice'],
    ['notice'],
    '转送单位核实同意异议，交还材料，由转送单位重新处理',
    'approved',
  ),
  row(
    'decideObjection',
    'objected',
    'transferred',
    `${XF}第二十三条第三款`,
    [],
    [],
    '异议不成立，接收单位继续办理',
    'refused',
  ),
  ...(['registered', 'transferred'] as const).map((from) =>
    row(
      'accept',
      from,
      'accepted',
      `${XF}第二十三条、第三十四条`,
      ['handling'],
      ['route', 'notice', 'objection'],
      '受理并书面告知',
    ),
  ),
  ...(['registered', 'transferred'] as const).map((from) =>
    row(
      'notAccept',
      from,
      'notAccepted',
      `${XF}第二十三条第一款、第二十八条第二款、第三十一条`,
      [],
      'all',
      '不予受理并告知应当通过的途径',
    ),
  ),
  row(
    'requestExtension',
    'accepted',
    'same',
    `${XF}第三十四条`,
    [],
    [],
    '承办人申请延期（一次，不超过30日，说明理由）',
  ),
  row(
    'decideExtension',
    'accepted',
    'same',
    `${XF}第三十四条`,
    [],
    [],
    '负责人批准延期，办理期限重算',
    'approved',
  ),
  row('decideExtension', 'accepted', 'same', `${XF}第三十四条`, [], [], '负责人不批准延期', 'refused'),
  row(
    'reply',
    'accepted',
    'replied',
    `${XF}第三十二条`,
    ['reviewRequest'],
    ['handling', 'assignment'],
    '出具信访处理意见书（申诉求决类启动复查请求期限）',
    'first',
  ),
  row(
    'reply',
    'reviewing',
    'reviewed',
    `${XF}第三十五条`,
    ['recheckRequest'],
    ['review'],
    '出具复查意见书',
    'review',
  ),
  row(
    'reply',
    'rechecking',
    'final',
    `${XF}第三十六条`,
    [],
    ['recheck'],
    '出具复核意见书，事项终结',
    'recheck',
  ),
  ...(['accepted', 'reviewing', 'rechecking'] as const).map((from) =>
    row(
      'draftReply',
      from,
      'same',
      `${XF}第三十二条`,
      [],
      [],
      '承办人起草答复文书，报单位负责人签发（期限不因起草而停止）',
    ),
  ),
  row(
    'signReply',
    'accepted',
    'replied',
    `${XF}第三十二条`,
    ['reviewRequest'],
    ['handling', 'assignment'],
    '单位负责人签发信访处理意见书（与直接出具效果相同）',
    'first',
  ),
  row(
    'signReply',
    'reviewing',
    'reviewed',
    `${XF}第三十五条`,
    ['recheckRequest'],
    ['review'],
    '单位负责人签发复查意见书',
    'review',
  ),
  row(
    'signReply',
    'rechecking',
    'final',
    `${XF}第三十六条`,
    [],
    ['recheck'],
    '单位负责人签发复核意见书，事项终结',
    'recheck',
  ),
  ...(['accepted', 'reviewing', 'rechecking'] as const).map((from) =>
    row('signReply', from, 'same', `${XF}第三十二条`, [], [], '单位负责人退回草稿并说明修改意见', 'returned'),
  ),
  row('mediate', 'accepted', 'mediated', `${XF}第三十三条`, [], 'all', '经调解、和解达成协议，制作协议书'),
  ...RATEABLE_STATES.map((from) =>
    row('rate', from, 'same', `${XF}第二十一条第二款`, [], [], '信访人对阶段答复评价一次'),
  ),
  row(
    'requestReview',
    'replied',
    'reviewing',
    `${XF}第三十五条`,
    ['review'],
    ['reviewRequest'],
    '30日内向原办理单位的上一级请求复查',
  ),
  row(
    'requestRecheck',
    'reviewed',
    'rechecking',
    `${XF}第三十六条第一款`,
    ['recheck'],
    ['recheckRequest'],
    '30日内向复查单位的上一级请求复核',
  ),
  row('startHearing', 'rechecking', 'same', `${XF}第三十六条第二款`, [], [], '举行听证，复核期限暂停计算'),
  row(
    'endHearing',
    'rechecking',
    'same',
    `${XF}第三十六条第二款`,
    [],
    [],
    '听证结束，复核期限扣除听证时间后重算',
  ),
  ...OPEN_STATES.map((from) =>
    row(
      'withdraw',
      from,
      'withdrawn',
      `${XF}第十七条第二款`,
      [],
      'all',
      '信访人撤回（条例未规定撤回程序；仅信访人本人可撤回，复核终结后不可撤回）',
    ),
  ),
  row(
    'archive',
    'replied',
    'closed',
    `${XF}第三十五条`,
    [],
    'all',
    '复查请求期限届满未请求复查（或无复查程序），办结归档',
  ),
  row(
    'archive',
    'reviewed',
    'closed',
    `${XF}第三十六条第一款`,
    [],
    'all',
    '复核请求期限届满未请求复核，办结归档',
  ),
  ...OPEN_STATES.map((from) =>
    row('supervise', from, 'same', `${XF}第十八条第二款、第四十条`, [], [], '督办：记录督办意见和内部期限'),
  ),
  ...OPEN_STATES.map((from) => row('takeCharge', from, 'same', `${XF}第十八条第二款`, [], [], '领导包案')),
  ...OPEN_STATES.map((from) =>
    row('recuse', from, 'same', `${XF}第二十八条第三款`, [], [], '利害关系人回避'),
  ),
  ...OPEN_STATES.map((from) =>
    row('liftRecusal', from, 'same', `${XF}第二十八条第三款`, [], [], '上级解除回避（说明理由）'),
  ),
];

export function transitionsFrom(state: CaseState, action?: ActionType): TransitionRow[] {
  return TRANSITIONS.filter((r) => r.from === state && (!action || r.action === action));
}

/** Actions the table allows in a state (before role and rule guards), for the UI's menus. */
export function actionsAvailableIn(state: CaseState): ActionType[] {
  return [...new Set(transitionsFrom(state).map((r) => r.action))];
}

// ---------------------------------------------------------------------------------------------------------
// Clocks
// ---------------------------------------------------------------------------------------------------------

function settingsOf(ctx: DecisionContext): ProfileSettings {
  return { ...ctx.profile.settings, ...(ctx.config ?? {}) };
}

function calendarOf(ctx: DecisionContext): WorkCalendar {
  return ctx.calendar ?? getDefaultCalendar();
}

interface StartOptions {
  variants?: readonly (string | null | undefined)[];
  from: string;
  unitId: string | null;
  limit?: Limit;
  startEvent?: string;
  extraRuleLines?: string[];
  pauses?: { from: string; to: string }[];
}

function startClock(ctx: DecisionContext, clock: ClockName, o: StartOptions): DeadlineRecord | null {
  const rule = resolveClock(ctx.profile, clock, o.variants ?? []);
  if (!rule) return null;
  const limit = o.limit ?? rule.limit;
  const startEvent = o.startEvent ?? rule.startEvent;
  const ruleExplanation = [...ruleLines({ ...rule, limit, startEvent }), ...(o.extraRuleLines ?? [])];
  return computeRecord(
    {
      clock,
      label: rule.label,
      article: rule.article,
      statutory: rule.statutory,
      unitId: o.unitId,
      startedAt: o.from,
      startEvent,
      limit,
      pauses: o.pauses ?? [],
      ruleExplanation,
    },
    calendarOf(ctx),
  );
}

type RecordSeed = Pick<
  DeadlineRecord,
  | 'clock'
  | 'label'
  | 'article'
  | 'statutory'
  | 'unitId'
  | 'startedAt'
  | 'startEvent'
  | 'limit'
  | 'pauses'
  | 'ruleExplanation'
>;

function computeRecord(seed: RecordSeed, calendar: WorkCalendar): DeadlineRecord {
  const d = computeDeadlineDetailed(
    { from: seed.startedAt, limit: seed.limit, pauses: seed.pauses },
    calendar,
  );
  // Copy the seed fields one by one: callers pass whole records, whose status fields must not leak through.
  return {
    clock: seed.clock,
    label: seed.label,
    article: seed.article,
    statutory: seed.statutory,
    unitId: seed.unitId,
    startedAt: seed.startedAt,
    startEvent: seed.startEvent,
    limit: seed.limit,
    pauses: seed.pauses,
    ruleExplanation: seed.ruleExplanation,
    due: d.due,
    lastDay: d.lastDay,
    provisional: d.provisional,
    provisionalYears: d.uncoveredYears,
    explanation: [...seed.ruleExplanation, ...d.explanation],
    calendarFingerprint: d.calendarFingerprint,
    status: 'running',
  };
}

/** Recompute a stored deadline with a (newer) calendar, keeping its status. */
export function recomputeDeadline(
  record: DeadlineRecord,
  calendar: WorkCalendar = getDefaultCalendar(),
): DeadlineRecord {
  const fresh = computeRecord(record, calendar);
  const { status, pausedSince, stoppedAt, stopReason } = record;
  const next: DeadlineRecord = { ...fresh, status };
  if (pausedSince !== undefined) next.pausedSince = pausedSince;
  if (stoppedAt !== undefined) {
    next.stoppedAt = stoppedAt;
    if (stopReason !== undefined) next.stopReason = stopReason;
    if (record.metOnTime !== undefined) next.metOnTime = parseInstant(stoppedAt) <= parseInstant(fresh.due);
  }
  return next;
}

/**
 * After the calendar grows (e.g. an admin loads next year's notice), recompute the case's provisional
 * running deadlines. Returns the changed records and the `$set` to apply (null when nothing changed).
 */
export function refreshProvisionalDeadlines(
  c: CaseSnapshot,
  calendar: WorkCalendar = getDefaultCalendar(),
): { changed: DeadlineRecord[]; set: Pick<CaseSnapshot, 'deadlines'> | null } {
  const deadlines = { ...c.deadlines };
  const changed: DeadlineRecord[] = [];
  for (const [name, rec] of Object.entries(c.deadlines) as [ClockName, DeadlineRecord][]) {
    if (rec.status === 'stopped' || !needsRecomputation(rec, calendar)) continue;
    const next = recomputeDeadline(rec, calendar);
    deadlines[name] = next;
    changed.push(next);
  }
  return { changed, set: changed.length > 0 ? { deadlines } : null };
}

// ---------------------------------------------------------------------------------------------------------
// Invariants: the deadlines each state requires
// ---------------------------------------------------------------------------------------------------------

function lastTransferIn(c: CaseSnapshot): CaseSnapshot['transfers'][number] | undefined {
  for (let i = c.transfers.length - 1; i >= 0; i--) {
    const t = c.transfers[i];
    if (t && t.toUnitId === c.currentUnitId) return t;
  }
  return undefined;
}

function hasObjectedSinceArrival(c: CaseSnapshot): boolean {
  const t = lastTransferIn(c);
  if (!t) return false;
  const since = parseInstant(t.at);
  return c.objections.some((o) => o.unitId === c.currentUnitId && parseInstant(o.at) >= since);
}

/** The clocks that must be running (or paused) in the case's current state. */
export function requiredClocks(c: CaseSnapshot, profile: RuleProfile, units: UnitTree): ClockName[] {
  const has = (k: ClockName): boolean => !!profile.clocks[k];
  const out: ClockName[] = [];
  const bureau = units.get(c.currentUnitId)?.kind === '信访部门';
  switch (c.state) {
    case 'submitted':
    case 'registered':
      if (bureau) out.push('route');
      else if (c.petitioner.contactClear) out.push('notice');
      break;
    case 'transferred':
      if (c.petitioner.contactClear) out.push('notice');
      if (profile.stages.objection && !hasObjectedSinceArrival(c)) out.push('objection');
      break;
    case 'objected':
      if (c.petitioner.contactClear) out.push('notice');
      break;
    case 'accepted':
      out.push('handling');
      break;
    case 'replied':
      if (c.category === 'claim' && profile.stages.review) out.push('reviewRequest');
      break;
    case 'reviewing':
      out.push('review');
      break;
    case 'reviewed':
      if (profile.stages.recheck) out.push('recheckRequest');
      break;
    case 'rechecking':
      out.push('recheck');
      break;
    default:
      break;
  }
  return out.filter(has);
}

/** Problems with a snapshot (empty when consistent). Used by property tests and as a server sanity check. */
export function checkInvariants(c: CaseSnapshot, ctx: DecisionContext): string[] {
  const problems: string[] = [];
  for (const k of requiredClocks(c, ctx.profile, ctx.units)) {
    const d = c.deadlines[k];
    if (!d || d.status === 'stopped') problems.push(`state ${c.state} requires running clock ${k}`);
  }
  if ((TERMINAL_STATES as readonly string[]).includes(c.state)) {
    for (const [k, d] of Object.entries(c.deadlines)) {
      if (d && d.status !== 'stopped') problems.push(`terminal state ${c.state} has running clock ${k}`);
    }
    if (!c.closedAt) problems.push(`terminal state ${c.state} without closedAt`);
  }
  // A filing withdrawn before registration never got a first receiver or a category.
  const unregistered = c.state === 'submitted' || (c.state === 'withdrawn' && !c.firstReceiver);
  if (!unregistered && !c.firstReceiver) problems.push('registered case without firstReceiver');
  if (!unregistered && !c.category) problems.push('registered case without category');
  const handled: CaseState[] = [
    'accepted',
    'replied',
    'reviewing',
    'reviewed',
    'rechecking',
    'final',
    'mediated',
  ];
  if (handled.includes(c.state) && !c.handlingUnitId)
    problems.push(`state ${c.state} without handlingUnitId`);
  if (isProtectedUnit(c.accused, c.currentUnitId, ctx.units)) {
    problems.push('accusation held by the accused unit or an accused person’s unit');
  }
  if (c.state === 'objected' && !c.objections.some((o) => o.status === 'pending')) {
    problems.push('objected without a pending objection');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Deciding
// ---------------------------------------------------------------------------------------------------------

function refuse(code: string, rule: string, article: string, message: string): Refusal {
  return { ok: false, code, rule, article, message };
}

function nonEmpty(s: unknown): s is string {
  return typeof s === 'string' && s.trim().length > 0;
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

interface Draft {
  c: CaseSnapshot;
  now: string;
  nowMs: number;
  actor: Actor;
  ctx: DecisionContext;
  /** The permission grant that allowed the action (null when opening a case). */
  grant: PermissionGrant | null;
  to: CaseState;
  outcome?: string;
  started: DeadlineRecord[];
  stopped: DeadlineRecord[];
  replaced: DeadlineRecord[];
  notices: Notice[];
  summary: string;
  article?: string;
}

function start(d: Draft, clock: ClockName, o: Omit<StartOptions, 'from'> & { from?: string }): void {
  const existing = d.c.deadlines[clock];
  if (existing && existing.status !== 'stopped') stop(d, clock, '被新的期限取代', false);
  const rec = startClock(d.ctx, clock, { ...o, from: o.from ?? d.now });
  if (!rec) return;
  d.c.deadlines[clock] = rec;
  d.started.push(rec);
}

/** Stop a running clock. `fulfilled`: the obligation the clock guards was performed now. */
function stop(d: Draft, clock: ClockName, reason: string, fulfilled: boolean): void {
  const rec = d.c.deadlines[clock];
  if (!rec || rec.status === 'stopped') return;
  const next: DeadlineRecord = { ...rec, status: 'stopped', stoppedAt: d.now, stopReason: reason };
  delete next.pausedSince;
  if (fulfilled) next.metOnTime = d.nowMs <= parseInstant(rec.due);
  d.c.deadlines[clock] = next;
  d.stopped.push(next);
}

function stopAll(d: Draft, reason: string, fulfilled: readonly ClockName[] = []): void {
  for (const k of Object.keys(d.c.deadlines) as ClockName[]) stop(d, k, reason, fulfilled.includes(k));
}

function ratingDue(d: Draft): string {
  const days = settingsOf(d.ctx).ratingWindowDays;
  return computeDeadlineDetailed({ from: d.now, limit: { days } }, calendarOf(d.ctx)).due;
}

function addToPath(c: CaseSnapshot, unitId: string): void {
  if (!c.path.includes(unitId)) c.path.push(unitId);
}

/** The clock a unit owes when a case lands there to be registered/handled directly. */
function initialClock(d: Draft, unitId: string, startEvent?: string): void {
  const bureau = d.ctx.units.get(unitId)?.kind === '信访部门';
  if (bureau) start(d, 'route', { unitId, startEvent });
  else if (d.c.petitioner.contactClear) start(d, 'notice', { unitId, variants: ['direct'], startEvent });
}

/** Does the party name someone (a unit, a user or a name)? */
function namesSomeone(accused: AccusedParty | undefined): accused is AccusedParty {
  return (
    !!accused &&
    (nonEmpty(accused.unitId) ||
      (accused.userIds?.some(nonEmpty) ?? false) ||
      (accused.names?.some(nonEmpty) ?? false))
  );
}

const ACCUSED_REQUIRED = () =>
  refuse(
    'ACCUSED_REQUIRED',
    'an accusation records who is accused',
    `${XF}第三十条第三款`,
    '检举控告类事项必须记录被检举控告的单位或人员，以便保密。',
  );

function validateClassification(
  classification: Classification,
  unitId: string,
  units: UnitTree,
): Refusal | AccusedParty | null {
  if (classification.category !== 'accusation') return null;
  const accused = classification.accused as AccusedParty | undefined;
  if (!namesSomeone(accused)) return ACCUSED_REQUIRED();
  if (accused.unitId && !units.has(accused.unitId)) {
    return refuse('UNKNOWN_UNIT', 'accused unit must exist', `${XF}第三十条第三款`, '被检举控告单位不存在。');
  }
  if (isProtectedUnit(accused, unitId, units)) {
    return refuse(
      'ACCUSED_UNIT_RECEIVES',
      'the accused unit (or an accused person’s unit) may not register or handle the accusation',
      `${XF}第三十条第三款`,
      '被检举控告的单位、被检举控告人员所在单位及其下属单位不得登记办理该检举控告事项，请向其上级机关或纪检监察机关提出。',
    );
  }
  return accused;
}

/**
 * What a registration drops of a resident's proposed 检举控告 (第三十条第三款), in words — the whole accusation
 * when the category changes, or the accused units the confirmed party no longer covers — or null.
 */
function correctionOf(
  proposal: CaseProposal | null,
  confirmed: AccusedParty | null,
  units: UnitTree,
): string | null {
  if (proposal?.category !== 'accusation') return null;
  const proposed = proposal.accused ?? {};
  const covered = protectedUnitsOf(confirmed);
  const dropped = confirmed
    ? protectedUnitsOf(proposed).filter((p) => !covered.some((q) => units.isSameOrUnder(p, q)))
    : protectedUnitsOf(proposed);
  if (confirmed && !dropped.length) return null;
  const who = [...dropped.map((u) => units.name(u)), ...(confirmed ? [] : (proposed.names ?? []))];
  return `被检举控告：${who.length ? who.join('、') : '未写明'}`;
}

function validateTier(profile: RuleProfile, tier: ServiceTier | undefined): Refusal | null {
  if (tier === undefined) return null;
  if (!profile.clocks.handling?.variants?.[tier]) {
    return refuse(
      'UNKNOWN_TIER',
      'tier must be defined by the profile',
      profile.clocks.handling?.article ?? '',
      `本规则档案未定义“${tier}”等级的办理时限。`,
    );
  }
  return null;
}

type ReplyStage = 'first' | 'review' | 'recheck';

const STAGE_DOC_LABELS: Record<ReplyStage, string> = {
  first: '答复意见书',
  review: '复查意见书',
  recheck: '复核意见书',
};

function stageOf(c: CaseSnapshot): ReplyStage {
  return c.state === 'accepted' ? 'first' : c.state === 'reviewing' ? 'review' : 'recheck';
}

function stageUnitId(c: CaseSnapshot): string | null {
  const stage = stageOf(c);
  return stage === 'first' ? c.handlingUnitId : stage === 'review' ? c.reviewUnitId : c.recheckUnitId;
}

/**
 * 第二十九条 / 第三十条 / 第三十二条: the document fits the category and stage and carries its required
 * content (an opinion: request, facts and reasons, decision, legal basis). Checked on drafting and on issue.
 */
function checkReplyDocument(d: Draft, doc: ReplyDocument): Refusal | null {
  const c = d.c;
  const stage = stageOf(c);
  const expected =
    stage !== 'first' || c.category === 'claim'
      ? 'opinion'
      : c.category === 'suggestion'
        ? 'suggestionReply'
        : 'accusationFeedback';
  if (doc.kind !== expected) {
    const art =
      expected === 'opinion'
        ? `${XF}第三十二条`
        : expected === 'suggestionReply'
          ? `${XF}第二十九条`
          : `${XF}第三十条`;
    return refuse(
      'WRONG_DOCUMENT',
      `this stage requires a ${expected}`,
      art,
      '答复文书类型与事项类别或阶段不符。',
    );
  }
  if (doc.kind === 'opinion') {
    const ok =
      nonEmpty(doc.request) &&
      nonEmpty(doc.factsAndReasons) &&
      (doc.decision === 'support' || doc.decision === 'explain' || doc.decision === 'reject') &&
      Array.isArray(doc.legalBasis) &&
      doc.legalBasis.length > 0 &&
      doc.legalBasis.every(nonEmpty);
    if (!ok) {
      return refuse(
        'OPINION_INCOMPLETE',
        'an opinion states request, facts and reasons, decision and legal basis',
        `${XF}第三十二条`,
        '信访处理意见书应当载明信访人投诉请求、事实和理由、处理意见及其法律法规依据。',
      );
    }
  } else if (!nonEmpty(doc.content)) {
    return refuse(
      'REPLY_EMPTY',
      'a reply has content',
      expected === 'suggestionReply' ? `${XF}第二十九条` : `${XF}第三十条`,
      '答复内容不能为空。',
    );
  }
  if (stage === 'recheck' && c.hearing.open) {
    return refuse(
      'HEARING_OPEN',
      'close the hearing before the recheck opinion',
      `${XF}第三十六条第二款`,
      '听证尚未结束，不能出具复核意见。',
    );
  }
  return null;
}

/** Issue (and deliver) the stage's reply: the same clocks stop whether the head signs a draft or answers alone. */
function issueReply(d: Draft, doc: ReplyDocument, draftedBy?: string): void {
  const c = d.c;
  const units = d.ctx.units;
  const stage = stageOf(c);
  const unitId = stageUnitId(c);
  c.replies[stage] = {
    document: doc,
    unitId: unitId ?? c.currentUnitId,
    byUserId: d.actor.userId,
    at: d.now,
    ratingDue: ratingDue(d),
    ...(draftedBy ? { draftedBy } : {}),
  };
  d.outcome = stage;
  const profile = d.ctx.profile;
  if (stage === 'first') {
    stop(d, 'handling', '已出具答复', true);
    stop(d, 'assignment', '已办结', true);
    d.to = 'replied';
    const parent = c.handlingUnitId ? units.parentOf(c.handlingUnitId) : undefined;
    let next = '';
    if (c.category === 'claim' && profile.stages.review) {
      start(d, 'reviewRequest', { unitId: null });
      const due = c.deadlines.reviewRequest;
      next = `如不服，可自收到本意见书之日起30日内（至${due ? formatChineseDate(due.lastDay) : ''}）向${parent ? parent.name : '上一级机关、单位'}请求复查（${XF}第三十五条）。`;
    }
    d.summary = `${units.name(unitId)}出具答复`;
    d.notices.push({
      audience: 'petitioner',
      document: 'opinion',
      message: `您的信访事项已有处理意见。${next}`,
    });
  } else if (stage === 'review') {
    stop(d, 'review', '已出具复查意见', true);
    d.to = 'reviewed';
    let next = '';
    if (profile.stages.recheck) {
      start(d, 'recheckRequest', { unitId: null });
      const parent = c.reviewUnitId ? units.parentOf(c.reviewUnitId) : undefined;
      next = `如不服，可自收到之日起30日内向${parent ? parent.name : '上一级机关、单位'}请求复核（${XF}第三十六条）。`;
    }
    d.summary = `${units.name(unitId)}出具复查意见`;
    d.notices.push({
      audience: 'petitioner',
      document: 'reviewOpinion',
      message: `复查意见已作出。${next}`,
    });
  } else {
    stop(d, 'recheck', '已出具复核意见', true);
    d.to = 'final';
    c.closedAt = d.now;
    d.summary = `${units.name(unitId)}出具复核意见，事项终结`;
    d.notices.push({
      audience: 'petitioner',
      document: 'recheckOpinion',
      message: `复核意见已作出。对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（${XF}第三十六条第三款）。`,
    });
  }
}

type Handler<A extends Action> = (d: Draft, a: A) => Refusal | void;
type HandlerMap = { [K in ActionType]: Handler<Extract<Action, { type: K }>> };

const handlers: HandlerMap = {
  register(d, a) {
    const c = d.c;
    const units = d.ctx.units;
    const accused = validateClassification(a.classification, c.currentUnitId, units);
    if (accused && 'ok' in accused) return accused;
    const tierProblem = validateTier(d.ctx.profile, a.tier);
    if (tierProblem) return tierProblem;
    // 第三十条第三款: the resident called it 检举控告 and named whom it accuses. The clerk confirms or corrects;
    // a correction that lifts any of that protection states its reason (kept in the timeline and the audit).
    const correction = correctionOf(c.proposal ?? null, accused ?? null, units);
    if (correction && !nonEmpty(a.correctionReason)) {
      return refuse(
        'CORRECTION_REASON_REQUIRED',
        'a correction away from the resident’s proposed accusation states its reason',
        `${XF}第三十条第三款`,
        `信访人提出的是检举控告（${correction}）；更正类别或被检举控告对象时应当说明理由。`,
      );
    }
    c.category = a.classification.category;
    c.accused = accused ?? null;
    c.tier = a.tier ?? c.tier;
    // 首接首办: set once, here, and never again (no other handler writes firstReceiver).
    c.firstReceiver ??= { unitId: c.currentUnitId, userId: d.actor.userId, at: d.now };
    const corrected =
      correction && a.correctionReason
        ? `；更正信访人提出的检举控告（理由：${a.correctionReason.trim()}）`
        : '';
    d.summary = `${units.name(c.currentUnitId)}登记（${CATEGORY_LABELS[c.category]}），首接责任人已确定${corrected}`;
  },

  route(d, a) {
    const c = d.c;
    const units = d.ctx.units;
    const target = canRouteTo(c, a.toUnitId, units);
    if (!target.ok) return target;
    const byLeader = d.grant?.role === 'leader';
    const cap = settingsOf(d.ctx).maxTransfersWithoutLeader;
    if (!byLeader && c.transfers.length >= cap) {
      return refuse(
        'TRANSFER_CAP',
        `at most ${cap} transfers without a leader's decision`,
        `${XF}第二十八条第一款`,
        `该事项已转送${c.transfers.length}次，达到上限（${cap}次）；不得推诿，再次转送须由领导决定。`,
      );
    }
    const here = units.get(c.currentUnitId);
    if (!byLeader && here?.kind !== '信访部门' && !units.isAncestor(c.currentUnitId, a.toUnitId)) {
      return refuse(
        'ROUTE_OUTSIDE_SYSTEM',
        'a unit other than a petition bureau forwards only to units of its own system below it',
        `${XF}第二十三条第一款`,
        '本单位只能转送、交办本系统下级单位；不属于本单位或本系统职权范围的，应当告知信访人向有权处理的机关、单位提出（不予受理并告知途径）。',
      );
    }
    if (a.mode === 'assign') {
      const e = validateLimit(a.reportWithin);
      if (e)
        return refuse(
          'BAD_ASSIGNMENT_LIMIT',
          'an assignment names a valid time limit',
          `${XF}第二十二条第一款第三项`,
          `交办期限无效：${e}`,
        );
    }
    const fromUnit = c.currentUnitId;
    stop(d, 'route', '已转送/交办', true);
    stop(d, 'notice', '已转送/交办并告知去向', true);
    stop(d, 'objection', '已转送下级单位', false);
    c.transfers.push({
      fromUnitId: fromUnit,
      toUnitId: a.toUnitId,
      mode: a.mode,
      at: d.now,
      byUserId: d.actor.userId,
      byLeader,
      ...(a.mode === 'assign' ? { reportWithin: a.reportWithin } : {}),
      ...(a.note ? { note: a.note } : {}),
    });
    c.currentUnitId = a.toUnitId;
    addToPath(c, a.toUnitId);
    if (c.petitioner.contactClear) start(d, 'notice', { unitId: a.toUnitId, variants: ['transferred'] });
    if (d.ctx.profile.stages.objection) start(d, 'objection', { unitId: a.toUnitId });
    if (a.mode === 'assign') {
      start(d, 'assignment', {
        unitId: a.toUnitId,
        limit: a.reportWithin,
        extraRuleLines: [`交办机关指定的办结报告期限：${describeLimit(a.reportWithin)}。`],
      });
    }
    const verb = a.mode === 'assign' ? '交办' : '转送';
    d.summary = `${units.name(fromUnit)}${verb}至${units.name(a.toUnitId)}${byLeader ? '（领导决定）' : ''}`;
    d.notices.push(
      { audience: 'unit', unitId: a.toUnitId, message: `收到${verb}的信访事项：${c.subject}` },
      {
        audience: 'petitioner',
        document: 'transferNotice',
        message: `您的信访事项已${verb}至${units.name(a.toUnitId)}办理（${XF}第二十三条第一款）。`,
      },
    );
  },

  object(d, a) {
    const c = d.c;
    const arrival = lastTransferIn(c);
    if (!arrival) {
      return refuse(
        'NOT_TRANSFERRED',
        'only a transferred item can be objected to',
        `${XF}第二十三条第三款`,
        '该事项不是转送、交办而来，不能提出异议。',
      );
    }
    if (!d.ctx.profile.stages.objection) {
      return refuse(
        'NO_OBJECTION_STAGE',
        'profile has no objection stage',
        d.ctx.profile.source,
        '本规则档案不设异议程序。',
      );
    }
    if (hasObjectedSinceArrival(c)) {
      return refuse(
        'OBJECTION_ALREADY_DECIDED',
        'one objection per transfer',
        `${XF}第二十三条第三款`,
        '本单位对该次转送的异议已经核实处理，不能再次提出。',
      );
    }
    const clock = c.deadlines.objection;
    if (!clock || clock.status === 'stopped' || isOverdue(clock.due, d.nowMs)) {
      const dueText = clock ? `（截止${formatChineseDate(clock.lastDay)}）` : '';
      return refuse(
        'OBJECTION_LATE',
        'an objection must be filed within 5 working days of receipt',
        clock?.article ?? `${XF}第二十三条第三款`,
        `异议应当自收到之日起5个工作日内提出${dueText}，现已逾期，应当依法受理办理。`,
      );
    }
    const min = settingsOf(d.ctx).objectionMinReasonChars;
    if (!nonEmpty(a.reasons) || a.reasons.trim().length < min) {
      return refuse(
        'OBJECTION_REASONS',
        'an objection states detailed reasons',
        `${XF}第二十三条第三款`,
        `提出异议应当详细说明理由（不少于${min}字）。`,
      );
    }
    c.objections.push({
      unitId: c.currentUnitId,
      transferringUnitId: arrival.fromUnitId,
      byUserId: d.actor.userId,
      at: d.now,
      reasons: a.reasons.trim(),
      status: 'pending',
    });
    stop(d, 'objection', '已提出异议', true);
    d.summary = `${d.ctx.units.name(c.currentUnitId)}提出异议，待${d.ctx.units.name(arrival.fromUnitId)}核实`;
    d.notices.push({
      audience: 'unit',
      unitId: arrival.fromUnitId,
      message: `${d.ctx.units.name(c.currentUnitId)}对转送事项提出异议，请核实。`,
    });
  },

  decideObjection(d, a) {
    const c = d.c;
    const objection = c.objections.find((o) => o.status === 'pending');
    if (!objection)
      return refuse(
        'NO_PENDING_OBJECTION',
        'no pending objection',
        `${XF}第二十三条第三款`,
        '没有待核实的异议。',
      );
    objection.decidedBy = d.actor.userId;
    objection.decidedAt = d.now;
    if (a.note) objection.note = a.note;
    if (a.approve) {
      objection.status = 'upheld';
      d.outcome = 'approved';
      d.to = 'registered';
      stop(d, 'notice', '异议成立，材料交还', false);
      if (c.deadlines.assignment?.unitId === objection.unitId)
        stop(d, 'assignment', '异议成立，交办撤回', false);
      c.currentUnitId = objection.transferringUnitId;
      initialClock(d, objection.transferringUnitId, '异议核实同意、材料交还之日');
      d.summary = `异议成立：材料交还${d.ctx.units.name(objection.transferringUnitId)}重新处理`;
    } else {
      if (!nonEmpty(a.note))
        return refuse(
          'REASON_REQUIRED',
          'a refusal states its reason',
          `${XF}第二十三条第三款`,
          '不同意异议时应当说明理由。',
        );
      objection.status = 'refused';
      d.outcome = 'refused';
      d.to = 'transferred';
      d.summary = `异议不成立：${d.ctx.units.name(objection.unitId)}应当继续办理`;
      d.notices.push({ audience: 'unit', unitId: objection.unitId, message: `异议未获同意：${a.note}` });
    }
  },

  accept(d) {
    const c = d.c;
    if (!c.category)
      return refuse(
        'NOT_CLASSIFIED',
        'classify before accepting',
        `${XF}第二十九条至第三十一条`,
        '请先确定事项类别。',
      );
    const handlingRule = d.ctx.profile.clocks.handling;
    const arrival = lastTransferIn(c);
    const receipt = arrival?.at ?? c.receivedAt;
    stop(d, 'route', '已受理', true);
    stop(d, 'notice', '已书面告知受理', true);
    stop(d, 'objection', '已受理', false);
    c.handlingUnitId = c.currentUnitId;
    c.acceptance = { unitId: c.currentUnitId, byUserId: d.actor.userId, at: d.now, ratingDue: ratingDue(d) };
    start(d, 'handling', {
      unitId: c.currentUnitId,
      variants: [c.category, c.tier],
      from: handlingRule?.startsOn === 'receipt' ? receipt : d.now,
    });
    const h = c.deadlines.handling;
    d.summary = `${d.ctx.units.name(c.currentUnitId)}受理`;
    d.notices.push({
      audience: 'petitioner',
      document: 'acceptanceNotice',
      message: `您的信访事项已由${d.ctx.units.name(c.currentUnitId)}受理${h ? `，办理期限至${formatChineseDate(h.lastDay)}` : ''}。`,
    });
  },

  notAccept(d, a) {
    const c = d.c;
    const g = a.ground;
    let article: string;
    let message: string;
    switch (g.kind) {
      case 'statutoryProcedure': {
        if (c.category !== 'claim') {
          return refuse(
            'PROCEDURE_ONLY_FOR_CLAIMS',
            '诉访分离 applies to 申诉求决类 items',
            `${XF}第三十一条`,
            '导入法定程序仅适用于申诉求决类事项。',
          );
        }
        const p = PROCEDURE_LABELS[g.procedure];
        if (!p || !nonEmpty(g.authority) || !nonEmpty(g.explanation)) {
          return refuse(
            'REDIRECT_REQUIRED',
            'tell the petitioner which procedure and where',
            `${XF}第二十八条第二款`,
            '不予受理时必须告知信访人应当通过的法定途径和受理机关。',
          );
        }
        article = `${p.article}、${XF}第二十八条第二款`;
        message = `您反映的事项应当通过${p.label}处理（${p.article}），请向${g.authority}提出。${g.explanation}`;
        break;
      }
      case 'outsideRemit':
        if (!nonEmpty(g.authority) || !nonEmpty(g.explanation)) {
          return refuse(
            'REDIRECT_REQUIRED',
            'tell the petitioner where to go',
            `${XF}第二十三条第一款`,
            '不予受理时必须告知信访人向哪个有权处理的机关、单位提出。',
          );
        }
        article = `${XF}第二十三条第一款`;
        message = `您反映的事项不属于本机关、单位或本系统职权范围，请向${g.authority}提出。${g.explanation}`;
        break;
      case 'sameMatterInProgress':
        if (!nonEmpty(g.existingCaseId) || g.existingCaseId === c.id) {
          return refuse(
            'EXISTING_CASE_REQUIRED',
            'name the existing case',
            `${XF}第十九条第三款`,
            '必须注明已受理或正在办理的原事项。',
          );
        }
        article = `${XF}第十九条第三款`;
        message = `同一信访事项已经受理或正在办理（原事项编号：${g.existingCaseId}），在规定期限内向上级机关再次提出的，不予受理；请关注原事项的办理进展。`;
        break;
      case 'finalAfterRecheck':
        if (!nonEmpty(g.finalCaseId) || g.finalCaseId === c.id) {
          return refuse(
            'EXISTING_CASE_REQUIRED',
            'name the final case',
            `${XF}第三十六条第三款`,
            '必须注明已经复核终结的原事项。',
          );
        }
        article = `${XF}第三十六条第三款`;
        message = `该事项已经复核终结（原事项编号：${g.finalCaseId}），以同一事实和理由再次提出的，不再受理。`;
        break;
    }
    stopAll(d, '不予受理', ['route', 'notice']);
    c.notAccepted = { ...g, unitId: c.currentUnitId, byUserId: d.actor.userId, at: d.now };
    c.closedAt = d.now;
    d.article = article;
    d.summary = `${d.ctx.units.name(c.currentUnitId)}不予受理（${article}）`;
    d.notices.push({ audience: 'petitioner', document: 'notAcceptNotice', message });
  },

  requestExtension(d, a) {
    const c = d.c;
    const rule = d.ctx.profile.clocks.handling?.extension;
    if (!d.ctx.profile.stages.extension || !rule) {
      return refuse(
        'NO_EXTENSION_STAGE',
        'profile has no extension',
        d.ctx.profile.source,
        '本规则档案不设延期程序。',
      );
    }
    if (c.extension?.status === 'approved') {
      return refuse(
        'EXTENSION_ONCE',
        'the handling period may be extended once',
        rule.article,
        '办理期限已经延长过一次，不能再次延长。',
      );
    }
    if (c.extension?.status === 'pending') {
      return refuse(
        'EXTENSION_PENDING',
        'an extension request is already pending',
        rule.article,
        '已有待审批的延期申请。',
      );
    }
    if (!Number.isInteger(a.days) || a.days < 1 || a.days > rule.maxDays) {
      return refuse(
        'EXTENSION_TOO_LONG',
        `an extension is 1..${rule.maxDays} days`,
        rule.article,
        `延长期限不得超过${rule.maxDays}日。`,
      );
    }
    if (!nonEmpty(a.reason)) {
      return refuse(
        'EXTENSION_REASON',
        'an extension states its reason (told to the petitioner)',
        rule.article,
        '申请延期必须说明理由，理由将告知信访人。',
      );
    }
    const h = c.deadlines.handling;
    if (!h || h.status === 'stopped' || isOverdue(h.due, d.nowMs)) {
      return refuse(
        'EXTENSION_AFTER_DUE',
        'an extension is requested before the period ends',
        rule.article,
        '办理期限已经届满，不能再申请延期。',
      );
    }
    c.extension = {
      requestedDays: a.days,
      reason: a.reason.trim(),
      requestedBy: d.actor.userId,
      requestedAt: d.now,
      status: 'pending',
    };
    d.summary = `申请延期${a.days}日，待单位负责人批准`;
    d.notices.push({
      audience: 'unit',
      unitId: c.handlingUnitId ?? c.currentUnitId,
      message: `延期申请待批：${a.reason.trim()}`,
    });
  },

  decideExtension(d, a) {
    const c = d.c;
    const ext = c.extension;
    const rule = d.ctx.profile.clocks.handling?.extension;
    if (!ext || ext.status !== 'pending' || !rule) {
      return refuse(
        'NO_PENDING_EXTENSION',
        'no pending extension',
        `${XF}第三十四条`,
        '没有待审批的延期申请。',
      );
    }
    ext.decidedBy = d.actor.userId;
    ext.decidedAt = d.now;
    if (!a.approve) {
      if (!nonEmpty(a.note))
        return refuse(
          'REASON_REQUIRED',
          'a refusal states its reason',
          rule.article,
          '不批准延期时应当说明理由。',
        );
      ext.status = 'refused';
      ext.note = a.note;
      d.outcome = 'refused';
      d.summary = '延期申请未获批准';
      return;
    }
    const days = a.days ?? ext.requestedDays;
    if (!Number.isInteger(days) || days < 1 || days > ext.requestedDays) {
      return refuse(
        'EXTENSION_DAYS',
        'approved days are 1..requested',
        rule.article,
        `批准的延长日数应在1至${ext.requestedDays}日之间。`,
      );
    }
    const h = c.deadlines.handling;
    if (!h) return refuse('NO_HANDLING_CLOCK', 'no handling clock', rule.article, '办理期限不存在。');
    ext.status = 'approved';
    ext.approvedDays = days;
    d.outcome = 'approved';
    // 第三十四条: the period becomes (60 + N) days counted from the same start (受理之日), so the total can
    // never exceed 90 days and the explanation stays one computation.
    const limit: Limit =
      'days' in h.limit
        ? { days: h.limit.days + days }
        : 'workingDays' in h.limit
          ? { workingDays: h.limit.workingDays + days }
          : { hours: h.limit.hours + days * 24 };
    const line = `延期：经单位负责人批准延长${days}日（${rule.article}），理由：${ext.reason}；延长后期限为${describeLimit(limit)}，仍自原起算日计算。`;
    const next = computeRecord(
      { ...h, limit, ruleExplanation: [...h.ruleExplanation, line] },
      calendarOf(d.ctx),
    );
    c.deadlines.handling = next;
    d.replaced.push(next);
    d.summary = `批准延期${days}日，办理期限至${formatChineseDate(next.lastDay)}`;
    d.notices.push({
      audience: 'petitioner',
      document: 'extensionNotice',
      message: `办理期限延长${days}日至${formatChineseDate(next.lastDay)}。延期理由：${ext.reason}（${rule.article}）`,
    });
  },

  reply(d, a) {
    const problem = checkReplyDocument(d, a.document);
    if (problem) return problem;
    const draft = d.c.replyDraft;
    if (draft && draft.status === 'pending') {
      // The head answered directly: the pending draft is no longer the one to sign.
      draft.status = 'superseded';
      draft.decidedBy = d.actor.userId;
      draft.decidedAt = d.now;
    }
    issueReply(d, a.document);
  },

  draftReply(d, a) {
    const problem = checkReplyDocument(d, a.document);
    if (problem) return problem;
    const c = d.c;
    const stage = stageOf(c);
    c.replyDraft = {
      stage,
      document: a.document,
      unitId: stageUnitId(c) ?? c.currentUnitId,
      byUserId: d.actor.userId,
      at: d.now,
      status: 'pending',
    };
    d.summary = `承办人起草${STAGE_DOC_LABELS[stage]}，待单位负责人签发`;
    d.notices.push({
      audience: 'unit',
      unitId: c.replyDraft.unitId,
      message: `${STAGE_DOC_LABELS[stage]}草稿待签发：${c.subject}`,
    });
  },

  signReply(d, a) {
    const c = d.c;
    const draft = c.replyDraft;
    const stage = stageOf(c);
    if (!draft || draft.status !== 'pending' || draft.stage !== stage) {
      return refuse(
        'NO_PENDING_DRAFT',
        'sign a pending draft of the current stage',
        `${XF}第三十二条`,
        '没有待签发的答复草稿。',
      );
    }
    draft.decidedBy = d.actor.userId;
    draft.decidedAt = d.now;
    if (!a.approve) {
      if (!nonEmpty(a.note))
        return refuse(
          'REASON_REQUIRED',
          'a returned draft says what to change',
          `${XF}第三十二条`,
          '退回草稿时应当写明修改意见。',
        );
      draft.status = 'returned';
      draft.note = a.note.trim();
      d.outcome = 'returned';
      d.to = c.state;
      d.summary = `单位负责人退回${STAGE_DOC_LABELS[stage]}草稿`;
      d.notices.push({
        audience: 'unit',
        unitId: draft.unitId,
        message: `${STAGE_DOC_LABELS[stage]}草稿被退回：${draft.note}`,
      });
      return;
    }
    // The rules may have changed since drafting (a hearing opened): check the document again.
    const problem = checkReplyDocument(d, draft.document);
    if (problem) return problem;
    draft.status = 'signed';
    issueReply(d, draft.document, draft.byUserId);
    d.summary = `${d.summary}（承办人起草，单位负责人签发）`;
  },

  mediate(d, a) {
    const c = d.c;
    if (!d.ctx.profile.stages.mediation || c.category !== 'claim') {
      return refuse(
        'MEDIATION_ONLY_FOR_CLAIMS',
        'mediation closes 申诉求决类 items',
        `${XF}第三十三条`,
        '调解、和解仅适用于申诉求决类事项。',
      );
    }
    if (!nonEmpty(a.agreement.summary) || a.agreement.signedByBothParties !== true) {
      return refuse(
        'AGREEMENT_UNSIGNED',
        'a signed agreement is required',
        `${XF}第三十三条`,
        '经调解、和解达成一致意见的，应当制作调解协议书或者和解协议书，并由双方签字。',
      );
    }
    stopAll(d, '调解/和解办结', ['handling', 'assignment']);
    c.mediation = {
      kind: a.agreement.kind,
      summary: a.agreement.summary.trim(),
      unitId: c.handlingUnitId ?? c.currentUnitId,
      byUserId: d.actor.userId,
      at: d.now,
      ratingDue: ratingDue(d),
    };
    c.closedAt = d.now;
    d.summary = a.agreement.kind === 'mediation' ? '经调解达成协议，办结' : '双方和解，办结';
    d.notices.push({ audience: 'petitioner', document: 'mediationAgreement', message: `${d.summary}。` });
  },

  rate(d, a) {
    const c = d.c;
    const ref = d.ctx.profile.references.rating?.article ?? `${XF}第二十一条第二款`;
    const subject: { ratingDue: string } | null | undefined =
      a.stage === 'acceptance'
        ? c.acceptance
        : a.stage === 'first'
          ? (c.replies.first ?? c.mediation)
          : c.replies[a.stage];
    if (!subject)
      return refuse('NOTHING_TO_RATE', 'rate a stage that has a reply', ref, '该阶段尚无答复，不能评价。');
    if (c.ratings[a.stage])
      return refuse(
        'ALREADY_RATED',
        'one rating per stage reply',
        ref,
        '该阶段已经评价过，每个阶段只能评价一次。',
      );
    if (isOverdue(subject.ratingDue, d.nowMs)) {
      return refuse(
        'RATING_WINDOW_CLOSED',
        'rate within the configured window',
        ref,
        `评价期限已于${formatChineseDate(chinaDate(subject.ratingDue))}届满。`,
      );
    }
    if (a.level !== 'satisfied' && a.level !== 'basic' && a.level !== 'unsatisfied') {
      return refuse(
        'BAD_RATING',
        'rating is 满意/基本满意/不满意',
        ref,
        '评价只能是满意、基本满意或不满意。',
      );
    }
    c.ratings[a.stage] = {
      level: a.level,
      at: d.now,
      ...(a.resolved !== undefined ? { resolved: a.resolved } : {}),
      ...(a.comment ? { comment: a.comment } : {}),
    };
    d.summary = `信访人评价：${RATING_LABELS[a.level]}`;
    if (a.level === 'unsatisfied') {
      c.followUp = { stage: a.stage, at: d.now, done: false };
      let next = '';
      if (c.state === 'replied' && c.deadlines.reviewRequest?.status === 'running') {
        next = `可在${formatChineseDate(c.deadlines.reviewRequest.lastDay)}前请求复查（${XF}第三十五条）。`;
      } else if (c.state === 'reviewed' && c.deadlines.recheckRequest?.status === 'running') {
        next = `可在${formatChineseDate(c.deadlines.recheckRequest.lastDay)}前请求复核（${XF}第三十六条）。`;
      }
      d.notices.push(
        {
          audience: 'unit',
          unitId: c.handlingUnitId ?? c.currentUnitId,
          message: '信访人不满意，请安排回访。',
        },
        ...(next ? [{ audience: 'petitioner' as const, message: next }] : []),
      );
    }
  },

  requestReview(d, a) {
    const c = d.c;
    if (c.category !== 'claim' || !d.ctx.profile.stages.review) {
      return refuse(
        'REVIEW_NOT_AVAILABLE',
        '复查 applies to a 信访处理意见',
        `${XF}第三十五条`,
        '只有对信访处理意见不服的，才能请求复查。',
      );
    }
    const w = c.deadlines.reviewRequest;
    if (!w || w.status === 'stopped' || isOverdue(w.due, d.nowMs)) {
      return refuse(
        'REVIEW_WINDOW_CLOSED',
        'request 复查 within 30 days of receiving the reply',
        `${XF}第三十五条`,
        `请求复查应当自收到书面答复之日起30日内提出${w ? `（已于${formatChineseDate(w.lastDay)}届满）` : ''}。`,
      );
    }
    const parent = c.handlingUnitId ? d.ctx.units.parentOf(c.handlingUnitId) : undefined;
    if (!parent)
      return refuse(
        'NO_PARENT_UNIT',
        '复查 goes to the parent unit',
        `${XF}第三十五条`,
        '原办理单位没有上一级机关、单位，无法复查。',
      );
    if (!nonEmpty(a.reasons))
      return refuse('REASONS_REQUIRED', 'state why', `${XF}第三十五条`, '请说明不服的理由。');
    stop(d, 'reviewRequest', '已请求复查', true);
    c.reviewRequest = { at: d.now, reasons: a.reasons.trim() };
    c.reviewUnitId = parent.id;
    c.currentUnitId = parent.id;
    addToPath(c, parent.id);
    start(d, 'review', { unitId: parent.id });
    d.summary = `信访人向${parent.name}请求复查`;
    d.notices.push({ audience: 'unit', unitId: parent.id, message: `收到复查请求：${c.subject}` });
  },

  requestRecheck(d, a) {
    const c = d.c;
    if (!d.ctx.profile.stages.recheck) {
      return refuse(
        'RECHECK_NOT_AVAILABLE',
        'profile has no 复核',
        `${XF}第三十六条`,
        '本规则档案不设复核程序。',
      );
    }
    const w = c.deadlines.recheckRequest;
    if (!w || w.status === 'stopped' || isOverdue(w.due, d.nowMs)) {
      return refuse(
        'RECHECK_WINDOW_CLOSED',
        'request 复核 within 30 days of receiving the 复查 opinion',
        `${XF}第三十六条第一款`,
        `请求复核应当自收到复查意见之日起30日内提出${w ? `（已于${formatChineseDate(w.lastDay)}届满）` : ''}。`,
      );
    }
    const parent = c.reviewUnitId ? d.ctx.units.parentOf(c.reviewUnitId) : undefined;
    if (!parent)
      return refuse(
        'NO_PARENT_UNIT',
        '复核 goes to the parent of the 复查 unit',
        `${XF}第三十六条第一款`,
        '复查单位没有上一级机关、单位，无法复核。',
      );
    if (!nonEmpty(a.reasons))
      return refuse('REASONS_REQUIRED', 'state why', `${XF}第三十六条第一款`, '请说明不服的理由。');
    stop(d, 'recheckRequest', '已请求复核', true);
    c.recheckRequest = { at: d.now, reasons: a.reasons.trim() };
    c.recheckUnitId = parent.id;
    c.currentUnitId = parent.id;
    addToPath(c, parent.id);
    start(d, 'recheck', { unitId: parent.id });
    d.summary = `信访人向${parent.name}请求复核`;
    d.notices.push({ audience: 'unit', unitId: parent.id, message: `收到复核请求：${c.subject}` });
  },

  startHearing(d) {
    const c = d.c;
    if (!d.ctx.profile.stages.hearing) {
      return refuse(
        'NO_HEARING_STAGE',
        'profile has no hearing',
        `${XF}第三十六条第二款`,
        '本规则档案不设听证程序。',
      );
    }
    if (c.hearing.open)
      return refuse(
        'HEARING_ALREADY_OPEN',
        'one hearing at a time',
        `${XF}第三十六条第二款`,
        '听证已经开始。',
      );
    const r = c.deadlines.recheck;
    if (!r || r.status !== 'running' || isOverdue(r.due, d.nowMs)) {
      return refuse(
        'HEARING_AFTER_DUE',
        'a hearing pauses a running period only',
        `${XF}第三十六条第二款`,
        '复核期限已经届满，不能再以听证暂停计算。',
      );
    }
    c.hearing.open = { from: d.now, byUserId: d.actor.userId };
    const paused: DeadlineRecord = { ...r, status: 'paused', pausedSince: d.now };
    c.deadlines.recheck = paused;
    d.replaced.push(paused);
    d.summary = '开始听证，复核期限暂停计算';
  },

  endHearing(d) {
    const c = d.c;
    const open = c.hearing.open;
    const r = c.deadlines.recheck;
    if (!open || !r)
      return refuse(
        'NO_OPEN_HEARING',
        'no hearing is open',
        `${XF}第三十六条第二款`,
        '当前没有进行中的听证。',
      );
    c.hearing.open = null;
    c.hearing.pauses.push({ from: open.from, to: d.now });
    const pauses = [...c.hearing.pauses];
    const lines = r.ruleExplanation.filter((l) => !l.startsWith('听证：'));
    lines.push(`听证：所需时间不计算在复核期限内（${XF}第三十六条第二款），按整日扣除。`);
    const next = computeRecord({ ...r, pauses, ruleExplanation: lines }, calendarOf(d.ctx));
    c.deadlines.recheck = next;
    d.replaced.push(next);
    d.summary = `听证结束，复核期限顺延至${formatChineseDate(next.lastDay)}`;
  },

  withdraw(d, a) {
    const c = d.c;
    stopAll(d, '信访人撤回');
    c.withdrawal = { at: d.now, ...(a.reason ? { reason: a.reason } : {}) };
    c.closedAt = d.now;
    d.summary = '信访人撤回信访事项';
  },

  archive(d) {
    const c = d.c;
    const window = c.state === 'replied' ? c.deadlines.reviewRequest : c.deadlines.recheckRequest;
    if (window && window.status === 'running' && !isOverdue(window.due, d.nowMs)) {
      const what = c.state === 'replied' ? '复查' : '复核';
      return refuse(
        'REQUEST_WINDOW_OPEN',
        `wait until the ${what} request window closes`,
        window.article,
        `请求${what}的期限尚未届满（至${formatChineseDate(window.lastDay)}），暂不能归档。`,
      );
    }
    stopAll(d, '办结归档');
    c.closedAt = d.now;
    d.summary = '办结归档';
  },

  supervise(d, a) {
    const c = d.c;
    if (!nonEmpty(a.note))
      return refuse(
        'NOTE_REQUIRED',
        'supervision states what is expected',
        `${XF}第四十条`,
        '请填写督办意见。',
      );
    if (!isValidChinaDate(a.internalDue) || a.internalDue < chinaDate(d.nowMs)) {
      return refuse(
        'BAD_INTERNAL_DUE',
        'internal due date is a valid future date',
        `${XF}第四十条`,
        '督办期限应当是今天或以后的日期。',
      );
    }
    c.supervisions.push({
      byUserId: d.actor.userId,
      unitId: d.actor.unitId ?? '',
      note: a.note.trim(),
      internalDue: a.internalDue,
      at: d.now,
    });
    d.summary = `督办：要求${formatChineseDate(a.internalDue)}前办理`;
    d.notices.push({
      audience: 'unit',
      unitId: c.currentUnitId,
      message: `督办：${a.note.trim()}（${formatChineseDate(a.internalDue)}前）`,
    });
  },

  takeCharge(d, a) {
    const c = d.c;
    if (c.leaderInCharge) {
      return refuse(
        'ALREADY_IN_CHARGE',
        'one leader owns a case',
        `${XF}第十八条第二款`,
        '该事项已由领导包案。',
      );
    }
    c.leaderInCharge = {
      userId: d.actor.userId,
      unitId: d.actor.unitId ?? '',
      at: d.now,
      ...(a.note ? { note: a.note } : {}),
    };
    d.summary = '领导包案';
  },

  recuse(d, a) {
    const c = d.c;
    if (!nonEmpty(a.userId) || !nonEmpty(a.reason)) {
      return refuse(
        'REASON_REQUIRED',
        'recusal names the person and the interest',
        `${XF}第二十八条第三款`,
        '回避应当写明人员和利害关系。',
      );
    }
    if (c.recusals.some((r) => r.userId === a.userId)) {
      return refuse('ALREADY_RECUSED', 'already recused', `${XF}第二十八条第三款`, '该人员已经回避。');
    }
    c.recusals.push({ userId: a.userId, reason: a.reason.trim(), byUserId: d.actor.userId, at: d.now });
    d.summary = a.userId === d.actor.userId ? '工作人员自行回避' : '单位负责人决定工作人员回避';
  },

  liftRecusal(d, a) {
    const c = d.c;
    if (!nonEmpty(a.reason)) {
      return refuse(
        'REASON_REQUIRED',
        'lifting a recusal states why',
        `${XF}第二十八条第三款`,
        '解除回避应当说明理由。',
      );
    }
    const i = c.recusals.findIndex((r) => r.userId === a.userId);
    if (i < 0) {
      return refuse('NOT_RECUSED', 'no such recusal', `${XF}第二十八条第三款`, '该人员没有回避本事项。');
    }
    const [lifted] = c.recusals.splice(i, 1);
    c.liftedRecusals = [
      ...(c.liftedRecusals ?? []),
      { ...lifted!, lift: { byUserId: d.actor.userId, at: d.now, reason: a.reason.trim() } },
    ];
    d.summary = '上级解除工作人员回避';
  },
};

function diffSet(prev: CaseSnapshot, next: CaseSnapshot): Partial<CaseSnapshot> {
  const set: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof CaseSnapshot)[]) {
    if (JSON.stringify(prev[key]) !== JSON.stringify(next[key])) set[key] = next[key];
  }
  for (const key of Object.keys(prev) as (keyof CaseSnapshot)[]) {
    if (!(key in next)) set[key] = null;
  }
  return set as Partial<CaseSnapshot>;
}

function terminalRefusal(c: CaseSnapshot, action: Action): Refusal {
  if (c.state === 'final') {
    return refuse(
      'CASE_FINAL',
      'a case is final after 复核',
      `${XF}第三十六条第三款`,
      '该事项已经复核终结，不能再办理此操作。',
    );
  }
  const row0 = TRANSITIONS.find((r) => r.action === action.type);
  return refuse(
    'ILLEGAL_TRANSITION',
    `no transition for ${action.type} from ${c.state}`,
    row0?.article || `${XF}`,
    `当前状态（${STATE_LABELS[c.state]}）不能${ACTION_LABELS[action.type]}。`,
  );
}

/**
 * Decide an action on a case. Pure: returns the next snapshot, the fields to `$set`, events, deadline
 * changes and notices — or a refusal naming the article that forbids the action.
 */
export function decide(
  snapshot: CaseSnapshot,
  actor: Actor,
  action: Action,
  now: Date | string,
  ctx: DecisionContext,
): Decision {
  const nowMs = parseInstant(now);
  const nowIso = formatChinaInstant(nowMs);
  if (ctx.profile.id !== snapshot.profile.id || ctx.profile.version !== snapshot.profile.version) {
    return refuse(
      'PROFILE_MISMATCH',
      'a case keeps the profile it started under',
      ctx.profile.source,
      `该事项适用规则档案 ${snapshot.profile.id}@${snapshot.profile.version}，与提供的档案不一致。`,
    );
  }
  const rows = transitionsFrom(snapshot.state, action.type);
  if (rows.length === 0) return terminalRefusal(snapshot, action);

  // The judge's exclusions first (the server reads a case only through the whole judge, `visibility`):
  // someone excluded gets the refusal that hides the case (DOMAIN.md §5).
  const isPetitioner =
    !!actor.petitionerId && actor.petitionerId === snapshot.petitioner.id && actor.roles.includes('resident');
  if (!isPetitioner) {
    const excluded = exclusionByParties(exclusionPartiesOf(snapshot), actor, ctx.units);
    if (excluded) return excluded;
  }
  const grant = matchingGrant(actor, snapshot, action, ctx.units, ctx.persons);
  if (!grant) {
    const who = PERMISSIONS[action.type].map((g) => g.description).join('、');
    return refuse(
      'FORBIDDEN',
      `role/scope not permitted for ${action.type}`,
      PERMISSIONS[action.type][0]?.article || rows[0]?.article || ctx.profile.source,
      `您无权${ACTION_LABELS[action.type]}（仅限：${who}）。`,
    );
  }

  const first = rows[0] as TransitionRow;
  const d: Draft = {
    c: clone(snapshot),
    now: nowIso,
    nowMs,
    actor,
    ctx,
    grant,
    to: first.to === 'same' ? snapshot.state : first.to,
    started: [],
    stopped: [],
    replaced: [],
    notices: [],
    summary: ACTION_LABELS[action.type],
    article: first.article || undefined,
  };
  const handler = handlers[action.type] as Handler<Action>;
  const refusal = handler(d, action);
  if (refusal) return refusal;

  // The table is the authority: a handler may only pick one of its rows.
  const chosen = rows.find(
    (r) =>
      (r.to === 'same' ? snapshot.state : r.to) === d.to &&
      (!r.outcome || !d.outcome || r.outcome === d.outcome),
  );
  if (!chosen)
    throw new Error(
      `lifecycle: ${action.type} from ${snapshot.state} to ${d.to} is not in the transition table`,
    );

  const next = d.c;
  next.state = d.to;
  next.version = snapshot.version + 1;
  next.updatedAt = nowIso;
  const event: CaseEvent = {
    type: action.type,
    at: nowIso,
    actor: { userId: actor.userId, roles: actor.roles, ...(actor.unitId ? { unitId: actor.unitId } : {}) },
    from: snapshot.state,
    to: d.to,
    summary: d.summary,
    ...(d.article || chosen.article ? { article: d.article ?? chosen.article } : {}),
    action,
  };
  const ok: DecisionOk = {
    ok: true,
    action: action.type,
    from: snapshot.state,
    state: d.to,
    snapshot: next,
    set: diffSet(snapshot, next),
    events: [event],
    deadlines: { started: d.started, stopped: d.stopped, replaced: d.replaced },
    notices: d.notices,
  };
  return ok;
}

// ---------------------------------------------------------------------------------------------------------
// Opening a case
// ---------------------------------------------------------------------------------------------------------

export interface NewCaseInput {
  id: string;
  channel: Channel;
  /** The unit the item was addressed to / received at. */
  targetUnitId: string;
  subject: string;
  /** See `matterFingerprint`; defaults to the normalised subject. */
  matterFingerprint?: string;
  petitioner: { id: string; name?: string; contactClear: boolean };
  /** When the unit received it (a letter's receipt date); defaults to now, never later than now. */
  receivedAt?: string | Date;
  /** Required when a clerk registers directly (letter, visit, phone, 12345). */
  classification?: Classification;
  /**
   * What a resident (or a grid worker for them) proposes when filing: the category, and for a 检举控告 whom it
   * accuses. An accusation is protected from this first write on (第三十条第三款): it goes to the petition bureau
   * `accusationIntake` names, whatever unit the filing was addressed to.
   */
  proposal?: CaseProposal;
  tier?: ServiceTier;
  representatives?: string[];
  /** Grid workers file only with the resident's consent recorded. */
  consentRecorded?: boolean;
  /** From `assessFiling`: sets 初信初访 and 重复信访 flags. */
  firstTime?: boolean;
  repeatOf?: string | null;
}

/** Normalise a matter description for duplicate checks (whitespace, punctuation and case are ignored). */
export function matterFingerprint(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** 第二十条第三款: at most 5 representatives for a group visit. */
export function validateRepresentatives(representatives: readonly string[] | undefined): Refusal | null {
  if (!representatives || representatives.length === 0) return null;
  const distinct = new Set(representatives.map((r) => r.trim()).filter((r) => r.length > 0));
  if (distinct.size !== representatives.length) {
    return refuse(
      'BAD_REPRESENTATIVES',
      'representatives are distinct, non-empty names',
      `${XF}第二十条第三款`,
      '代表姓名不能为空或重复。',
    );
  }
  if (distinct.size > 5) {
    return refuse(
      'TOO_MANY_REPRESENTATIVES',
      'at most 5 representatives',
      `${XF}第二十条第三款`,
      `多人走访应当推选代表，代表人数不得超过5人（现为${distinct.size}人）。`,
    );
  }
  return null;
}

/**
 * Where a resident's (or grid worker's) filing goes: the unit it was addressed to — or, for a proposed
 * 检举控告 naming an accused unit or person's unit, the petition bureau `accusationIntake` names (第三十条第三款).
 * A refusal when the accusation names nobody, an unknown unit, or no bureau can take it.
 */
export function filingTarget(
  targetUnitId: string,
  proposal: CaseProposal | undefined,
  units: UnitTree,
): { ok: true; unitId: string } | Refusal {
  if (proposal?.category !== 'accusation') return { ok: true, unitId: targetUnitId };
  const accused = proposal.accused;
  if (!namesSomeone(accused)) return ACCUSED_REQUIRED();
  if (accused.unitId && !units.has(accused.unitId)) {
    return refuse('UNKNOWN_UNIT', 'accused unit must exist', `${XF}第三十条第三款`, '被检举控告单位不存在。');
  }
  if (!protectedUnitsOf(accused).length) return { ok: true, unitId: targetUnitId };
  return accusationIntake(accused, units);
}

/** Open a case: a resident's online filing, a grid worker's 代办, or a clerk's registration of 信/访/电/12345. */
export function openCase(
  input: NewCaseInput,
  actor: Actor,
  now: Date | string,
  ctx: DecisionContext,
): Decision {
  const nowMs = parseInstant(now);
  const nowIso = formatChinaInstant(nowMs);
  const units = ctx.units;
  const grant = OPEN_PERMISSIONS.find(
    (g) => actor.roles.includes(g.role) && g.channels.includes(input.channel),
  );
  if (!grant) {
    return refuse(
      'FORBIDDEN',
      'role may not open a case on this channel',
      `${XF}第十七条`,
      '您无权通过该渠道提交或登记信访事项。',
    );
  }
  if (grant.role === 'resident' && actor.petitionerId !== input.petitioner.id) {
    return refuse(
      'FORBIDDEN',
      'residents file for themselves',
      `${XF}第十七条`,
      '只能以本人名义提交信访事项。',
    );
  }
  if (grant.role === 'grid_worker' && input.consentRecorded !== true) {
    return refuse(
      'CONSENT_REQUIRED',
      'a grid worker files with recorded consent',
      `${XF}第十五条第二款`,
      '网格员代办须记录信访人的同意。',
    );
  }
  if (grant.role === 'clerk' && actor.unitId !== input.targetUnitId) {
    return refuse(
      'FORBIDDEN',
      'a clerk registers for their own unit',
      `${XF}第二十二条、第二十三条`,
      '只能登记本单位收到的信访事项。',
    );
  }
  // 第三十条第三款, 第四十六条第五项: a proposed 检举控告 is never addressed to the accused unit, an accused
  // person's unit or a unit under them; it goes to the nearest petition bureau outside them.
  let target = input.targetUnitId;
  let proposal: CaseProposal | null = null;
  let proposedAccused: AccusedParty | null = null;
  if (grant.role !== 'clerk' && input.proposal) {
    const where = filingTarget(input.targetUnitId, input.proposal, units);
    if (!where.ok) return where;
    target = where.unitId;
    if (input.proposal.category === 'accusation') proposedAccused = clone(input.proposal.accused!);
    proposal = {
      category: input.proposal.category,
      ...(proposedAccused ? { accused: clone(proposedAccused) } : {}),
    };
  }
  if (!units.has(target))
    return refuse('UNKNOWN_UNIT', 'target unit must exist', `${XF}第二十二条`, '收件单位不存在。');
  if (!nonEmpty(input.subject))
    return refuse('SUBJECT_REQUIRED', 'state the request', `${XF}第十九条第一款`, '请写明请求、事实和理由。');
  const reps = validateRepresentatives(input.representatives);
  if (reps) return reps;
  const receivedMs = input.receivedAt === undefined ? nowMs : parseInstant(input.receivedAt);
  if (receivedMs > nowMs)
    return refuse(
      'RECEIVED_IN_FUTURE',
      'receipt cannot be in the future',
      `${XF}第二十二条`,
      '收到时间不能晚于当前时间。',
    );
  let accused: AccusedParty | null = proposedAccused;
  if (grant.role === 'clerk') {
    if (!input.classification) {
      return refuse(
        'CLASSIFICATION_REQUIRED',
        'a clerk classifies on registration',
        `${XF}第二十九条至第三十一条`,
        '登记时请确定事项类别。',
      );
    }
    const v = validateClassification(input.classification, target, units);
    if (v && 'ok' in v) return v;
    accused = v;
  }
  const tierProblem = validateTier(ctx.profile, input.tier);
  if (tierProblem) return tierProblem;

  const receivedIso = formatChinaInstant(receivedMs);
  const c: CaseSnapshot = {
    id: input.id,
    profile: { id: ctx.profile.id, version: ctx.profile.version },
    state: grant.role === 'clerk' ? 'registered' : 'submitted',
    category: grant.role === 'clerk' && input.classification ? input.classification.category : null,
    tier: input.tier ?? null,
    channel: input.channel,
    subject: input.subject.trim(),
    matterFingerprint: input.matterFingerprint ?? matterFingerprint(input.subject),
    petitioner: { ...input.petitioner },
    filedBy: {
      userId: actor.userId,
      role: grant.role,
      ...(grant.role === 'grid_worker' ? { consentRecorded: true } : {}),
    },
    representatives: input.representatives ? [...input.representatives] : [],
    receivedAt: receivedIso,
    firstReceiver: grant.role === 'clerk' ? { unitId: target, userId: actor.userId, at: nowIso } : null,
    currentUnitId: target,
    handlingUnitId: null,
    reviewUnitId: null,
    recheckUnitId: null,
    path: [target],
    transfers: [],
    objections: [],
    extension: null,
    deadlines: {},
    acceptance: null,
    notAccepted: null,
    replies: {},
    mediation: null,
    ratings: {},
    followUp: null,
    reviewRequest: null,
    recheckRequest: null,
    hearing: { open: null, pauses: [] },
    accused,
    ...(proposal ? { proposal } : {}),
    recusals: [],
    supervisions: [],
    leaderInCharge: null,
    firstTime: input.firstTime ?? false,
    repeatOf: input.repeatOf ?? null,
    withdrawal: null,
    closedAt: null,
    createdAt: nowIso,
    updatedAt: nowIso,
    version: 1,
  };
  const d: Draft = {
    c,
    now: nowIso,
    nowMs,
    actor,
    ctx,
    grant: null,
    to: c.state,
    started: [],
    stopped: [],
    replaced: [],
    notices: [],
    summary: '',
  };
  // The clock runs from receipt (收到之日, 第二十二条 / 第二十三条第二款), not from registration.
  const bureau = units.get(target)?.kind === '信访部门';
  if (bureau) start(d, 'route', { unitId: target, from: receivedIso });
  else if (c.petitioner.contactClear)
    start(d, 'notice', { unitId: target, variants: ['direct'], from: receivedIso });
  d.summary =
    grant.role === 'clerk'
      ? `${units.name(target)}登记（${input.classification ? CATEGORY_LABELS[input.classification.category] : ''}），首接责任人已确定`
      : `信访人提交至${units.name(target)}`;
  const event: CaseEvent = {
    type: 'open',
    at: nowIso,
    actor: { userId: actor.userId, roles: actor.roles, ...(actor.unitId ? { unitId: actor.unitId } : {}) },
    from: null,
    to: c.state,
    summary: d.summary,
    article: bureau ? `${XF}第二十二条` : `${XF}第二十三条`,
  };
  return {
    ok: true,
    action: 'open',
    from: null,
    state: c.state,
    snapshot: c,
    set: c,
    events: [event],
    deadlines: { started: d.started, stopped: [], replaced: [] },
    notices: [
      { audience: 'unit', unitId: target, message: `收到信访事项：${c.subject}` },
      ...(proposedAccused
        ? [
            {
              audience: 'petitioner' as const,
              message: `您的检举控告已提交至${units.name(target)}。依照${XF}第三十条第三款，检举控告材料和您的身份不会透露或转给被检举控告的单位和人员。`,
            },
          ]
        : []),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Overdue alerts (the sweeper)
// ---------------------------------------------------------------------------------------------------------

export interface OverdueAlert {
  clock: ClockName;
  record: DeadlineRecord;
  /** The unit that owes it plus the 首接单位 (DOMAIN.md §4 rule 2: alerted on every miss). */
  alertUnitIds: string[];
  message: string;
}

/** Running deadlines that are past due at `now` (paused clocks are not running). */
export function overdueDeadlines(c: CaseSnapshot, now: Date | string, units?: UnitTree): OverdueAlert[] {
  const nowMs = parseInstant(now);
  const out: OverdueAlert[] = [];
  for (const rec of Object.values(c.deadlines)) {
    if (!rec || rec.status !== 'running' || !isOverdue(rec.due, nowMs)) continue;
    // Objection and 复查/复核 request windows bound a right, not a duty: lapsing is not a miss.
    if (RIGHT_WINDOW_CLOCKS.includes(rec.clock)) continue;
    const ids = new Set<string>();
    if (rec.unitId) ids.add(rec.unitId);
    if (c.firstReceiver) ids.add(c.firstReceiver.unitId);
    const owner = units ? units.name(rec.unitId) : (rec.unitId ?? '');
    out.push({
      clock: rec.clock,
      record: rec,
      alertUnitIds: [...ids],
      message: `${owner}的${rec.label}已于${formatChineseDate(rec.lastDay)}届满（${rec.article}）。`,
    });
  }
  return out;
}
