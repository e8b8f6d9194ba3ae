/**
 * The numbers leaders read (DOMAIN.md §6), as pure functions over per-case facts. Each returns numerator,
 * denominator, rate (0..1, null without data) and the formula with its numbers, in Chinese, so a leader can
 * check how a figure was made. 12345: 《北京市接诉即办工作条例》第三十二条第二款 (响应率、解决率、满意率).
 */
import { chinaDate, parseInstant } from './calendar';
import type { CaseSnapshot, CaseState, Channel, RatingLevel, RatingStage } from './case-model';
import { isOverdue } from './deadline';
import { type Category, type ClockName, RIGHT_WINDOW_CLOCKS } from './profiles';

/** What a dashboard roll-up stores per case. */
export interface CaseFacts {
  caseId: string;
  profileId: string;
  category: Category | null;
  channel: Channel;
  state: CaseState;
  firstReceiverUnitId: string | null;
  handlingUnitId: string | null;
  currentUnitId: string;
  receivedAt: string;
  /** China date of receipt, for period roll-ups. */
  receivedDay: string;
  /** 初信初访 */
  firstTime: boolean;
  /** 重复信访 */
  repeat: boolean;
  /** 及时受理 (written notice within its limit): null when not owed or not yet decidable. */
  noticeOnTime: boolean | null;
  /** 按期办结 (first-stage reply or agreement within the handling limit): null when not yet decidable. */
  closedOnTime: boolean | null;
  closed: boolean;
  /** Stage replies the petitioner could rate, and how they were rated. */
  rateable: number;
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  /** The rating of the first-stage reply (初信初访 satisfaction). */
  firstStageRating: RatingLevel | null;
  /** 12345 响应: contacted/accepted within the response limit. */
  responded: boolean | null;
  /** 12345 解决: the petitioner said it was resolved (latest rated stage that answered the question). */
  resolved: boolean | null;
  /** Running clocks past due at `asOf`. */
  overdue: ClockName[];
  supervised: boolean;
  /** 转送 / 交办 (第二十二条): how many times the case was routed each way (第四十一条 report figures). */
  transferred: number;
  assigned: number;
}

function clockOutcome(c: CaseSnapshot, clock: ClockName, asOfMs: number): boolean | null {
  const rec = c.deadlines[clock];
  if (!rec) return null;
  if (rec.status === 'stopped') return rec.metOnTime ?? null;
  if (rec.status === 'running' && isOverdue(rec.due, asOfMs)) return false;
  return null;
}

/** Derive the facts of one case; `asOf` (default: the snapshot's updatedAt) decides what is overdue. */
export function caseFacts(c: CaseSnapshot, asOf?: string | Date): CaseFacts {
  const asOfMs = parseInstant(asOf ?? c.updatedAt);
  const stages: RatingStage[] = [];
  if (c.acceptance) stages.push('acceptance');
  if (c.replies.first || c.mediation) stages.push('first');
  if (c.replies.review) stages.push('review');
  if (c.replies.recheck) stages.push('recheck');
  const ratings = stages.map((s) => c.ratings[s]).filter((r) => r !== undefined);
  const count = (l: RatingLevel): number => ratings.filter((r) => r.level === l).length;
  let resolved: boolean | null = null;
  for (const s of stages) {
    const r = c.ratings[s];
    if (r?.resolved !== undefined) resolved = r.resolved;
  }
  const notice = clockOutcome(c, 'notice', asOfMs);
  const overdue = (Object.values(c.deadlines) as NonNullable<CaseSnapshot['deadlines'][ClockName]>[])
    .filter((d) => d.status === 'running' && isOverdue(d.due, asOfMs))
    .filter((d) => !RIGHT_WINDOW_CLOCKS.includes(d.clock))
    .map((d) => d.clock);
  return {
    caseId: c.id,
    profileId: c.profile.id,
    category: c.category,
    channel: c.channel,
    state: c.state,
    firstReceiverUnitId: c.firstReceiver?.unitId ?? null,
    handlingUnitId: c.handlingUnitId,
    currentUnitId: c.currentUnitId,
    receivedAt: c.receivedAt,
    receivedDay: chinaDate(c.receivedAt),
    firstTime: c.firstTime,
    repeat: c.repeatOf !== null,
    noticeOnTime: notice,
    closedOnTime: clockOutcome(c, 'handling', asOfMs),
    closed: c.closedAt !== null,
    rateable: stages.length,
    rated: ratings.length,
    satisfied: count('satisfied'),
    basic: count('basic'),
    unsatisfied: count('unsatisfied'),
    firstStageRating: c.ratings.first?.level ?? null,
    responded: notice,
    resolved,
    overdue,
    supervised: c.supervisions.length > 0,
    transferred: c.transfers.filter((t) => t.mode === 'transfer').length,
    assigned: c.transfers.filter((t) => t.mode === 'assign').length,
  };
}

export interface MetricResult {
  key: string;
  label: string;
  numerator: number;
  denominator: number;
  /** 0..1; null when the denominator is 0. */
  rate: number | null;
  /** e.g. "满意率 = (满意 12 + 1 × 基本满意 5) ÷ 参评 20 = 85.00%" */
  formula: string;
}

function pct(rate: number | null): string {
  return rate === null ? '无数据' : `${(rate * 100).toFixed(2)}%`;
}

function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function metric(
  key: string,
  label: string,
  numerator: number,
  denominator: number,
  numText: string,
  denText: string,
): MetricResult {
  const rate = denominator === 0 ? null : numerator / denominator;
  return {
    key,
    label,
    numerator,
    denominator,
    rate,
    formula: `${label} = ${numText} ÷ ${denText} = ${pct(rate)}`,
  };
}

function checkWeight(w: number): void {
  if (!(w >= 0 && w <= 1)) throw new RangeError('基本满意的权重必须在 0 到 1 之间');
}

/** 及时受理率: notices given within the limit ÷ notices owed and decidable. */
export function timelyAcceptanceRate(facts: readonly CaseFacts[]): MetricResult {
  const decided = facts.filter((f) => f.noticeOnTime !== null);
  const ok = decided.filter((f) => f.noticeOnTime === true).length;
  return metric(
    'timelyAcceptance',
    '及时受理率',
    ok,
    decided.length,
    `按期告知 ${ok}`,
    `应告知 ${decided.length}`,
  );
}

/** 按期办结率: replies (or agreements) within the handling limit ÷ cases whose handling is decided or overdue. */
export function onTimeClosureRate(facts: readonly CaseFacts[]): MetricResult {
  const decided = facts.filter((f) => f.closedOnTime !== null);
  const ok = decided.filter((f) => f.closedOnTime === true).length;
  return metric(
    'onTimeClosure',
    '按期办结率',
    ok,
    decided.length,
    `按期办结 ${ok}`,
    `应办结 ${decided.length}`,
  );
}

/** 参评率: rated stage replies ÷ rateable stage replies. */
export function participationRate(facts: readonly CaseFacts[]): MetricResult {
  const rated = facts.reduce((s, f) => s + f.rated, 0);
  const rateable = facts.reduce((s, f) => s + f.rateable, 0);
  return metric('participation', '参评率', rated, rateable, `参评 ${rated}`, `可评价 ${rateable}`);
}

/** 满意率: (满意 + w × 基本满意) ÷ 参评; w defaults to 1 (admins may weight 基本满意 lower). */
export function satisfactionRate(
  facts: readonly CaseFacts[],
  basicWeight = 1,
  label = '满意率',
): MetricResult {
  checkWeight(basicWeight);
  const s = facts.reduce((a, f) => a + f.satisfied, 0);
  const b = facts.reduce((a, f) => a + f.basic, 0);
  const rated = facts.reduce((a, f) => a + f.rated, 0);
  return metric(
    'satisfaction',
    label,
    s + basicWeight * b,
    rated,
    `(满意 ${s} + ${num(basicWeight)} × 基本满意 ${b})`,
    `参评 ${rated}`,
  );
}

/** 重复信访率: cases flagged as repeats ÷ all cases. */
export function repeatRate(facts: readonly CaseFacts[]): MetricResult {
  const r = facts.filter((f) => f.repeat).length;
  return metric('repeat', '重复信访率', r, facts.length, `重复信访 ${r}`, `信访事项 ${facts.length}`);
}

/** 初信初访满意率: first-time cases, rating of the first-stage reply. */
export function firstTimeSatisfactionRate(facts: readonly CaseFacts[], basicWeight = 1): MetricResult {
  checkWeight(basicWeight);
  const rated = facts.filter((f) => f.firstTime && f.firstStageRating !== null);
  const s = rated.filter((f) => f.firstStageRating === 'satisfied').length;
  const b = rated.filter((f) => f.firstStageRating === 'basic').length;
  return metric(
    'firstTimeSatisfaction',
    '初信初访满意率',
    s + basicWeight * b,
    rated.length,
    `(满意 ${s} + ${num(basicWeight)} × 基本满意 ${b})`,
    `初信初访参评 ${rated.length}`,
  );
}

/** 12345 响应率 (《北京市接诉即办工作条例》第三十二条). */
export function responseRate(facts: readonly CaseFacts[]): MetricResult {
  const decided = facts.filter((f) => f.responded !== null);
  const ok = decided.filter((f) => f.responded === true).length;
  return metric('response', '响应率', ok, decided.length, `按时响应 ${ok}`, `应响应 ${decided.length}`);
}

/** 12345 解决率: the petitioner said 已解决 ÷ those who answered. */
export function resolutionRate(facts: readonly CaseFacts[]): MetricResult {
  const answered = facts.filter((f) => f.resolved !== null);
  const ok = answered.filter((f) => f.resolved === true).length;
  return metric('resolution', '解决率', ok, answered.length, `已解决 ${ok}`, `作出评价 ${answered.length}`);
}

/** All leader figures at once. */
export function dashboardMetrics(
  facts: readonly CaseFacts[],
  options: { basicWeight?: number } = {},
): MetricResult[] {
  const w = options.basicWeight ?? 1;
  return [
    timelyAcceptanceRate(facts),
    onTimeClosureRate(facts),
    participationRate(facts),
    satisfactionRate(facts, w),
    repeatRate(facts),
    firstTimeSatisfactionRate(facts, w),
  ];
}

/** The 12345 三率 (第三十二条第二款). */
export function hotlineMetrics(
  facts: readonly CaseFacts[],
  options: { basicWeight?: number } = {},
): MetricResult[] {
  return [responseRate(facts), resolutionRate(facts), satisfactionRate(facts, options.basicWeight ?? 1)];
}
