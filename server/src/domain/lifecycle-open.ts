/**
 * Opening a case: a resident's online filing, a grid worker's 代办, or a clerk's registration of
 * 信/访/电/12345; where a proposed 检举控告 is received (第三十条第三款); group-visit representatives (第二十条).
 */
import { formatChinaInstant, parseInstant } from './calendar';
import type {
  AccusedParty,
  Actor,
  CaseEvent,
  CaseProposal,
  CaseSnapshot,
  Channel,
  Classification,
  Decision,
  DecisionContext,
  Refusal,
  ServiceTier,
} from './case-model';
import { clone, type Draft, nonEmpty, start } from './lifecycle-draft';
import { ACCUSED_REQUIRED, namesSomeone, validateClassification, validateTier } from './lifecycle-intake';
import { OPEN_PERMISSIONS } from './permissions';
import { CATEGORY_LABELS } from './profiles';
import { refuse } from './refusals';
import type { UnitTree } from './units';
import { accusationIntake, protectedUnitsOf } from './visibility';

const XF = '《信访工作条例》';

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
    return refuse('BAD_REPRESENTATIVES', `${XF}第二十条第三款`, '代表姓名不能为空或重复。');
  }
  if (distinct.size > 5) {
    return refuse(
      'TOO_MANY_REPRESENTATIVES',
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
    return refuse('UNKNOWN_UNIT', `${XF}第三十条第三款`, '被检举控告单位不存在。');
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
    return refuse('FORBIDDEN', `${XF}第十七条`, '您无权通过该渠道提交或登记信访事项。');
  }
  if (grant.role === 'resident' && actor.petitionerId !== input.petitioner.id) {
    return refuse('FORBIDDEN', `${XF}第十七条`, '只能以本人名义提交信访事项。');
  }
  if (grant.role === 'grid_worker' && input.consentRecorded !== true) {
    return refuse('CONSENT_REQUIRED', `${XF}第十五条第二款`, '网格员代办须记录信访人的同意。');
  }
  if (grant.role === 'clerk' && actor.unitId !== input.targetUnitId) {
    return refuse('FORBIDDEN', `${XF}第二十二条、第二十三条`, '只能登记本单位收到的信访事项。');
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
  if (!units.has(target)) return refuse('UNKNOWN_UNIT', `${XF}第二十二条`, '收件单位不存在。');
  if (!nonEmpty(input.subject))
    return refuse('SUBJECT_REQUIRED', `${XF}第十九条第一款`, '请写明请求、事实和理由。');
  const reps = validateRepresentatives(input.representatives);
  if (reps) return reps;
  const receivedMs = input.receivedAt === undefined ? nowMs : parseInstant(input.receivedAt);
  if (receivedMs > nowMs)
    return refuse('RECEIVED_IN_FUTURE', `${XF}第二十二条`, '收到时间不能晚于当前时间。');
  let accused: AccusedParty | null = proposedAccused;
  if (grant.role === 'clerk') {
    if (!input.classification) {
      return refuse('CLASSIFICATION_REQUIRED', `${XF}第二十九条至第三十一条`, '登记时请确定事项类别。');
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
