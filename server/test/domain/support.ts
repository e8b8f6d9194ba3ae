/**
 * Shared fixtures for the domain tests: a unit tree, actors, and case builders that reach each state through
 * real `decide` calls (no hand-made snapshots), so a builder breaks when a rule changes.
 */
import {
  type Action,
  type Actor,
  type CaseSnapshot,
  type DecisionContext,
  type DecisionOk,
  type HolidayYearData,
  decide,
  type NewCaseInput,
  type OpinionDocument,
  openCase,
  type PersonFacts,
  type Refusal,
  type RuleProfile,
  type Unit,
  UnitTree,
  XINFANG_PROFILE,
} from '../../src/domain';

export const UNITS: Unit[] = [
  { id: 'gov-city', name: '市人民政府', parentId: null, kind: '人民政府', regionCode: '990100' },
  { id: 'bureau-city', name: '市信访局', parentId: 'gov-city', kind: '信访部门', regionCode: '990100' },
  { id: 'gov-district', name: '甲区人民政府', parentId: 'gov-city', kind: '人民政府', regionCode: '990102' },
  {
    id: 'bureau-district',
    name: '甲区信访办',
    parentId: 'gov-district',
    kind: '信访部门',
    regionCode: '990102',
  },
  {
    id: 'dept-housing',
    name: '甲区住建委',
    parentId: 'gov-district',
    kind: '职能部门',
    regionCode: '990102',
  },
  {
    id: 'office-property',
    name: '甲区住建委物业科',
    parentId: 'dept-housing',
    kind: '职能部门',
    regionCode: '990102',
  },
  {
    id: 'dept-env',
    name: '甲区生态环境局',
    parentId: 'gov-district',
    kind: '职能部门',
    regionCode: '990102',
  },
  { id: 'street-a', name: '甲街道办事处', parentId: 'gov-district', kind: '乡镇街道', regionCode: '990102' },
  {
    id: 'discipline-district',
    name: '甲区纪委监委',
    parentId: 'gov-district',
    kind: '纪检监察',
    regionCode: '990102',
  },
  { id: 'gov-other', name: '乙区人民政府', parentId: 'gov-city', kind: '人民政府', regionCode: '990103' },
  { id: 'dept-other', name: '乙区住建委', parentId: 'gov-other', kind: '职能部门', regionCode: '990103' },
];

export const tree = new UnitTree(UNITS);

const X = XINFANG_PROFILE.clocks;

/**
 * A stricter local profile under the same regulation (an admin may shorten a statutory limit, never exceed it):
 * 3个工作日 to object, 45日 to handle with at most 20日 of extension, 20日 to ask for 复查 and for 复核.
 */
export const STRICT: RuleProfile = {
  ...XINFANG_PROFILE,
  id: 'xinfang-2022-strict',
  name: '信访工作条例（本市从严时限）',
  clocks: {
    ...X,
    objection: { ...X.objection!, limit: { workingDays: 3 } },
    handling: { ...X.handling!, limit: { days: 45 }, extension: { ...X.handling!.extension!, maxDays: 20 } },
    reviewRequest: { ...X.reviewRequest!, limit: { days: 20 } },
    recheckRequest: { ...X.recheckRequest!, limit: { days: 20 } },
  },
};

export function ctxFor(
  profile: RuleProfile = XINFANG_PROFILE,
  extra: Partial<DecisionContext> = {},
): DecisionContext {
  // the staff an action may name (a recusal's person), as the server reads them from its user records
  return { units: tree, profile, persons: PERSONS, ...extra };
}

const staff = (userId: string, unitId: string, ...roles: Actor['roles']): Actor => ({
  userId,
  unitId,
  roles,
});

export const A = {
  resident: { userId: 'u-res', roles: ['resident'], petitionerId: 'p1' } as Actor,
  otherResident: { userId: 'u-res2', roles: ['resident'], petitionerId: 'p2' } as Actor,
  grid: staff('u-grid', 'street-a', 'grid_worker'),
  clerkBureau: staff('u-clerk-bureau', 'bureau-district', 'clerk'),
  headBureau: staff('u-head-bureau', 'bureau-district', 'unit_head'),
  clerkCityBureau: staff('u-clerk-city-bureau', 'bureau-city', 'clerk'),
  clerkHousing: staff('u-clerk-housing', 'dept-housing', 'clerk'),
  handlerHousing: staff('u-handler-housing', 'dept-housing', 'handler'),
  headHousing: staff('u-head-housing', 'dept-housing', 'unit_head'),
  clerkOffice: staff('u-clerk-office', 'office-property', 'clerk'),
  handlerOffice: staff('u-handler-office', 'office-property', 'handler'),
  clerkEnv: staff('u-clerk-env', 'dept-env', 'clerk'),
  headEnv: staff('u-head-env', 'dept-env', 'unit_head'),
  clerkStreet: staff('u-clerk-street', 'street-a', 'clerk'),
  clerkDistrict: staff('u-clerk-district', 'gov-district', 'clerk'),
  handlerDistrict: staff('u-handler-district', 'gov-district', 'handler'),
  headDistrict: staff('u-head-district', 'gov-district', 'unit_head'),
  clerkCity: staff('u-clerk-city', 'gov-city', 'clerk'),
  handlerCity: staff('u-handler-city', 'gov-city', 'handler'),
  headCity: staff('u-head-city', 'gov-city', 'unit_head'),
  leaderDistrict: staff('u-leader-district', 'gov-district', 'leader'),
  leaderCity: staff('u-leader-city', 'gov-city', 'leader'),
  leaderOther: staff('u-leader-other', 'gov-other', 'leader'),
  clerkOther: staff('u-clerk-other', 'dept-other', 'clerk'),
  clerkDiscipline: staff('u-clerk-discipline', 'discipline-district', 'clerk'),
  auditor: { userId: 'u-audit', roles: ['auditor'] } as Actor,
  admin: { userId: 'u-admin', roles: ['admin'] } as Actor,
} satisfies Record<string, Actor>;

/** Every fixture actor's unit and roles (DecisionContext.persons). */
export const PERSONS: Record<string, PersonFacts> = Object.fromEntries(
  Object.values(A).map((a) => [a.userId, { unitId: a.unitId ?? null, roles: a.roles }]),
);

export const ctx = ctxFor();

let seq = 0;

export function newCase(
  overrides: Partial<NewCaseInput> = {},
  actor: Actor = A.clerkBureau,
  at = '2026-03-02T09:00:00+08:00',
  context: DecisionContext = ctx,
): CaseSnapshot {
  seq += 1;
  const input: NewCaseInput = {
    id: `case-${seq}`,
    channel: 'visit',
    targetUnitId: actor.unitId ?? 'bureau-district',
    subject: '小区供暖不达标，请求维修',
    petitioner: { id: 'p1', name: '张三', contactClear: true },
    classification: { category: 'claim' },
    ...overrides,
  };
  const d = openCase(input, actor, at, context);
  if (!d.ok) throw new Error(`openCase refused: ${d.code} ${d.message}`);
  return d.snapshot;
}

/** Apply an action that must succeed. */
export function act(
  c: CaseSnapshot,
  actor: Actor,
  action: Action,
  at: string,
  context: DecisionContext = ctx,
): DecisionOk {
  const d = decide(c, actor, action, at, context);
  if (!d.ok) throw new Error(`${action.type} refused: ${d.code} ${d.article} ${d.message}`);
  return d;
}

/** Apply an action that must be refused. */
export function refused(
  c: CaseSnapshot,
  actor: Actor,
  action: Action,
  at: string,
  context: DecisionContext = ctx,
): Refusal {
  const d = decide(c, actor, action, at, context);
  if (d.ok) throw new Error(`${action.type} was allowed (state ${d.state}) but should be refused`);
  return d;
}

export const OPINION: OpinionDocument = {
  kind: 'opinion',
  request: '请求维修供暖设施',
  factsAndReasons: '经现场核查，供暖管道老化属实',
  decision: 'support',
  legalBasis: ['《民法典》第九百四十二条'],
};

/**
 * The main storyline (calendar 2026):
 * 03-02 visit registered at 甲区信访办 → 03-03 transferred to 甲区住建委 → 03-05 accepted
 * → 04-20 opinion → 05-06 复查 requested (甲区人民政府) → 06-01 复查 opinion → 06-10 复核 requested (市人民政府)
 * → 07-08 复核 opinion (final).
 */
export const T = {
  open: '2026-03-02T09:00:00+08:00',
  route: '2026-03-03T10:00:00+08:00',
  accept: '2026-03-05T10:00:00+08:00',
  reply: '2026-04-20T10:00:00+08:00',
  requestReview: '2026-05-06T10:00:00+08:00',
  replyReview: '2026-06-01T10:00:00+08:00',
  requestRecheck: '2026-06-10T10:00:00+08:00',
  replyRecheck: '2026-07-08T10:00:00+08:00',
};

export function registered(overrides: Partial<NewCaseInput> = {}): CaseSnapshot {
  return newCase(overrides);
}

export function transferred(overrides: Partial<NewCaseInput> = {}): CaseSnapshot {
  return act(
    registered(overrides),
    A.clerkBureau,
    { type: 'route', toUnitId: 'dept-housing', mode: 'transfer' },
    T.route,
  ).snapshot;
}

export function objected(): CaseSnapshot {
  return act(
    transferred(),
    A.clerkHousing,
    { type: 'object', reasons: '该小区供暖由甲街道负责的热力站管理，不属于本委职权范围' },
    '2026-03-09T10:00:00+08:00',
  ).snapshot;
}

export function accepted(overrides: Partial<NewCaseInput> = {}): CaseSnapshot {
  return act(transferred(overrides), A.clerkHousing, { type: 'accept' }, T.accept).snapshot;
}

export function replied(): CaseSnapshot {
  return act(accepted(), A.headHousing, { type: 'reply', document: OPINION }, T.reply).snapshot;
}

export function reviewing(): CaseSnapshot {
  return act(
    replied(),
    A.resident,
    { type: 'requestReview', reasons: '维修方案不能解决问题' },
    T.requestReview,
  ).snapshot;
}

export function reviewed(): CaseSnapshot {
  return act(reviewing(), A.headDistrict, { type: 'reply', document: OPINION }, T.replyReview).snapshot;
}

export function rechecking(): CaseSnapshot {
  return act(
    reviewed(),
    A.resident,
    { type: 'requestRecheck', reasons: '复查意见仍未解决' },
    T.requestRecheck,
  ).snapshot;
}

export function finalCase(): CaseSnapshot {
  return act(rechecking(), A.headCity, { type: 'reply', document: OPINION }, T.replyRecheck).snapshot;
}

/** Run `fn` with process.env.TZ set, restoring it afterwards. */
export function withTimeZone<T>(tz: string, fn: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

/**
 * TEST DATA, not the real notice: a plausible 2027 arrangement made up for these tests (元旦 1-1…1-3,
 * 春节 2-6…2-14 with 2-20 worked, 国庆 10-1…10-7 with 9-26 and 10-9 worked).
 */
export const TEST_2027: HolidayYearData = {
  year: 2027,
  holidays: [
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    ...Array.from({ length: 9 }, (_, i) => `2027-02-${String(6 + i).padStart(2, '0')}`),
    ...Array.from({ length: 7 }, (_, i) => `2027-10-0${i + 1}`),
  ],
  workdays: ['2027-02-20', '2027-09-26', '2027-10-09'],
  names: { '2027-02-06': '春节（测试数据）' },
  source: '测试数据（非国务院通知）',
};
