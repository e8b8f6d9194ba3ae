/**
 * A few dozen demo cases in varied states. Every case is driven through the real domain decisions
 * (`openCase` then `decide` for each step, at back-dated instants), so the seed can only produce cases the
 * rules allow, with deadlines, explanations and timelines exactly as the live system would record them.
 */
import { randomUUID } from 'node:crypto';
import {
  decide,
  matterFingerprint,
  openCase,
  UnitTree,
  XINFANG_PROFILE,
  chinaDate,
  type Action,
  type Actor,
  type CaseSnapshot,
  type Channel,
  type DecisionContext,
  type DecisionOk,
} from '../domain';
import { caseRepository } from '../modules/cases/case.repository';
import { systemScope } from '../modules/cases/case.scope';
import type { CaseContent } from '../modules/cases/case.model';
import { userModel } from '../modules/users/user.model';
import { DEMO_UNITS } from './demo-data';
import type { SeedDeps } from './demo';

const DAY = 86_400_000;

interface Matter {
  subject: string;
  subjectCode: string;
  category: 'claim' | 'suggestion' | 'accusation';
  target: string;
  handling: string;
  request: string;
  facts: string;
  reasons: string;
  address: string;
}

const MATTERS: Matter[] = [
  {
    subject: '小区电梯长期故障无人维修',
    subjectCode: 'cxjs-wy',
    category: 'claim',
    target: 'jd-xfj',
    handling: 'jd-zjj',
    request: '请求督促物业公司尽快维修3号楼电梯，并公开维修基金使用情况。',
    facts:
      '江东区滨江花园3号楼电梯自今年8月起多次停运，物业称需动用维修基金但迟迟不启动程序，楼内有多位老人上下楼困难。',
    reasons: '物业服务合同约定物业负责共用设施设备维修养护，业主已按时缴纳物业费。',
    address: '江东区滨江花园3号楼',
  },
  {
    subject: '工地拖欠农民工工资',
    subjectCode: 'ldsb-qx',
    category: 'claim',
    target: 'jd-xfj',
    handling: 'jd-rsj',
    request: '请求责令施工单位支付拖欠的三个月工资共计2.4万元。',
    facts: '本人在新华路某商业综合体工地从事钢筋工作，施工单位自5月起未发放工资，多次讨要无果。',
    reasons: '《保障农民工工资支付条例》规定用人单位应按时足额支付工资。',
    address: '江东区新华路商业综合体工地',
  },
  {
    subject: '夜间施工噪声扰民',
    subjectCode: 'hbzy-zs',
    category: 'claim',
    target: 'jd-xfj',
    handling: 'jd-sthjj',
    request: '请求依法查处夜间违规施工，保障居民休息。',
    facts: '东湖街道地铁站附近工地连续两周在夜间11点后施工，噪声很大，居民无法入睡。',
    reasons: '夜间施工须依法办理证明并公告，且不得超过噪声排放标准。',
    address: '江东区东湖街道地铁站附近',
  },
  {
    subject: '建议增设社区老年食堂',
    subjectCode: 'cxjs',
    category: 'suggestion',
    target: 'jd-xfj',
    handling: 'jd-st1',
    request: '建议在滨江街道增设社区老年食堂，方便独居老人就餐。',
    facts: '街道内独居老人较多，附近没有价格合适的就餐点。',
    reasons: '有利于养老服务和社区治理。',
    address: '江东区滨江街道',
  },
  {
    subject: '商品房交付后墙体开裂',
    subjectCode: 'cxjs-zx',
    category: 'claim',
    target: 'jd-xfj',
    handling: 'jd-zjj',
    request: '请求住建部门督促开发商维修并出具质量检测报告。',
    facts: '本人购买的江东区锦绣苑住房交付不到一年，客厅和卧室墙体多处开裂，开发商拖延维修。',
    reasons: '房屋在保修期内，开发商应承担保修责任。',
    address: '江东区锦绣苑',
  },
];

/** Demo people by key; the seed resolves them to the stored users. */
type Who =
  | 'resident1'
  | 'resident2'
  | 'resident3'
  | 'resident4'
  | 'clerk.jd'
  | 'head.jd'
  | 'handler.jd.zjj'
  | 'head.jd.zjj'
  | 'handler.jd.rsj'
  | 'head.jd.rsj'
  | 'handler.jd.st1'
  | 'handler.jd.sthjj'
  | 'head.jd.sthjj'
  | 'head.jd.st1'
  | 'head'
  | 'head.jd.gov'
  | 'head.city.gov'
  | 'grid.jd.st1'
  | 'leader.jd'
  /** The handler of the matter's handling unit. */
  | 'handler';

const HANDLER_OF: Record<string, Who> = {
  'jd-zjj': 'handler.jd.zjj',
  'jd-rsj': 'handler.jd.rsj',
  'jd-sthjj': 'handler.jd.sthjj',
  'jd-st1': 'handler.jd.st1',
};

/** 第三十二条: the unit head signs the handler's draft (the seed's 'head'). */
const HEAD_OF: Record<string, Who> = {
  'jd-zjj': 'head.jd.zjj',
  'jd-rsj': 'head.jd.rsj',
  'jd-sthjj': 'head.jd.sthjj',
  'jd-st1': 'head.jd.st1',
};

type Step = [day: number, who: Who, action: Action | ((m: Matter) => Action)];

/** 第三十二条 opinion for 申诉求决类; 第二十九条 reply for 建议意见类. */
const opinion = (decision: 'support' | 'explain' | 'reject', m: Matter): Action =>
  m.category === 'suggestion'
    ? {
        type: 'reply',
        document: {
          kind: 'suggestionReply',
          adoption:
            decision === 'support' ? 'adopted' : decision === 'explain' ? 'partiallyAdopted' : 'notAdopted',
          content: `感谢您的建议。经研究：${m.request.replace(/^建议/, '')}已纳入街道养老服务设施规划，将分步实施。`,
        },
      }
    : {
        type: 'reply',
        document: {
          kind: 'opinion',
          request: m.request,
          factsAndReasons: `经调查核实：${m.facts}`,
          decision,
          legalBasis: ['《信访工作条例》第三十二条'],
        },
      };

const register = (m: Matter): Action =>
  m.category === 'accusation'
    ? { type: 'register', classification: { category: 'accusation', accused: { unitId: 'jd-st1' } } }
    : { type: 'register', classification: { category: m.category } };

const route = (to: string): Action => ({ type: 'route', toUnitId: to, mode: 'transfer' });
const routeToHandling = (m: Matter): Action => route(m.handling);
const accept: Action = { type: 'accept' };

/** A scenario: how old the case is (days), which matter, and the steps after filing. */
interface Scenario {
  age: number;
  matter: number;
  petitioner: 'resident1' | 'resident2' | 'resident3' | 'resident4';
  channel?: Channel;
  steps: Step[];
}

const registered: Step[] = [[1, 'clerk.jd', register]];
const transferred: Step[] = [...registered, [2, 'clerk.jd', routeToHandling]];
const accepted = (by: Who = 'handler'): Step[] => [...transferred, [4, by, accept]];
/** The handler drafts (第三十二条), the unit head signs the same day: the reply is issued on signing. */
const draft = (d: 'support' | 'explain' | 'reject', m: Matter): Action => ({
  type: 'draftReply',
  document: (opinion(d, m) as Extract<Action, { type: 'reply' }>).document,
});
const replied = (by: Who, day: number, d: 'support' | 'explain' | 'reject' = 'explain'): Step[] => [
  ...accepted(by),
  [day, by, (m) => draft(d, m)],
  [day, 'head', { type: 'signReply', approve: true }],
];

const SCENARIOS: Scenario[] = [
  // filed online, waiting to be registered
  { age: 0, matter: 0, petitioner: 'resident1', steps: [] },
  { age: 1, matter: 2, petitioner: 'resident3', steps: [] },
  // registered at the district bureau: 15 日 to route (第二十二条)
  { age: 3, matter: 1, petitioner: 'resident2', steps: registered },
  { age: 13, matter: 4, petitioner: 'resident4', steps: registered },
  // transferred, not yet accepted
  { age: 4, matter: 0, petitioner: 'resident4', steps: transferred },
  { age: 6, matter: 2, petitioner: 'resident1', steps: transferred },
  // accepted, in handling (60 日, 第三十四条): fresh, due soon, overdue
  { age: 10, matter: 1, petitioner: 'resident3', steps: accepted('handler') },
  { age: 30, matter: 4, petitioner: 'resident2', steps: accepted('handler') },
  { age: 58, matter: 0, petitioner: 'resident3', steps: accepted('handler') },
  { age: 70, matter: 2, petitioner: 'resident4', steps: accepted('handler') },
  { age: 90, matter: 4, petitioner: 'resident1', steps: accepted('handler') },
  // extension requested / approved (≤ 30 日, 第三十四条)
  {
    age: 50,
    matter: 1,
    petitioner: 'resident1',
    steps: [
      ...accepted('handler'),
      [
        45,
        'handler.jd.rsj',
        { type: 'requestExtension', days: 30, reason: '涉及多家用人单位，需调取工资台账核实' },
      ],
    ],
  },
  {
    age: 62,
    matter: 0,
    petitioner: 'resident2',
    steps: [
      ...accepted('handler'),
      [50, 'handler.jd.zjj', { type: 'requestExtension', days: 20, reason: '需委托第三方机构检测电梯' }],
      [51, 'head.jd.zjj', { type: 'decideExtension', approve: true }],
    ],
  },
  // a drafted reply waiting for the head's signature (第三十二条): in head.jd.zjj's approval queue
  {
    age: 48,
    matter: 4,
    petitioner: 'resident2',
    steps: [...accepted('handler'), [46, 'handler', (m) => draft('explain', m)]],
  },
  // objection within 5 个工作日 (第二十三条第三款): pending, then upheld and re-routed
  {
    age: 5,
    matter: 0,
    petitioner: 'resident3',
    steps: [
      ...registered,
      [2, 'clerk.jd', route('jd-rsj')],
      [
        3,
        'handler.jd.rsj',
        { type: 'object', reasons: '电梯维修属物业管理事项，不属于人社部门职责，应由住建部门办理。' },
      ],
    ],
  },
  {
    age: 20,
    matter: 4,
    petitioner: 'resident3',
    steps: [
      ...registered,
      [2, 'clerk.jd', route('jd-rsj')],
      [3, 'handler.jd.rsj', { type: 'object', reasons: '房屋质量问题属住建部门职责。' }],
      [4, 'head.jd', { type: 'decideObjection', approve: true, note: '异议成立，改转住建局' }],
      [4, 'clerk.jd', route('jd-zjj')],
      [6, 'handler.jd.zjj', accept],
    ],
  },
  // replied: 复查 window open (30 日, 第三十五条)
  { age: 40, matter: 1, petitioner: 'resident2', steps: replied('handler', 35, 'support') },
  { age: 35, matter: 3, petitioner: 'resident1', steps: replied('handler', 25, 'explain') },
  {
    age: 45,
    matter: 0,
    petitioner: 'resident4',
    steps: [
      ...replied('handler', 40, 'support'),
      [
        41,
        'resident4',
        { type: 'rate', stage: 'first', level: 'satisfied', resolved: true, comment: '电梯已修好，谢谢' },
      ],
    ],
  },
  {
    age: 44,
    matter: 2,
    petitioner: 'resident2',
    steps: [
      ...replied('handler', 38, 'explain'),
      [40, 'resident2', { type: 'rate', stage: 'first', level: 'basic', resolved: true }],
    ],
  },
  // unsatisfied → 复查 at the parent unit (第三十五条)
  {
    age: 55,
    matter: 4,
    petitioner: 'resident4',
    steps: [
      ...replied('handler', 40, 'reject'),
      [41, 'resident4', { type: 'rate', stage: 'first', level: 'unsatisfied', comment: '开发商仍未维修' }],
      [43, 'resident4', { type: 'requestReview', reasons: '处理意见未责令开发商维修，请求复查。' }],
    ],
  },
  // 复查 answered; 复核 requested at the next parent (第三十六条)
  {
    age: 100,
    matter: 1,
    petitioner: 'resident3',
    steps: [
      ...replied('handler', 40, 'explain'),
      [41, 'resident3', { type: 'rate', stage: 'first', level: 'unsatisfied' }],
      [45, 'resident3', { type: 'requestReview', reasons: '工资仍未足额支付。' }],
      [70, 'head.jd.gov', (m) => opinion('explain', m)],
      [75, 'resident3', { type: 'requestRecheck', reasons: '对复查意见不服。' }],
    ],
  },
  // 复核 answered: final (第三十六条第三款)
  {
    age: 150,
    matter: 0,
    petitioner: 'resident1',
    steps: [
      ...replied('handler', 40, 'reject'),
      [42, 'resident1', { type: 'requestReview', reasons: '不服处理意见。' }],
      [70, 'head.jd.gov', (m) => opinion('reject', m)],
      [72, 'resident1', { type: 'requestRecheck', reasons: '不服复查意见。' }],
      [100, 'head.city.gov', (m) => opinion('reject', m)],
    ],
  },
  // mediated (第三十三条), not accepted (诉访分离, 第三十一条), withdrawn, archived after the window
  {
    age: 25,
    matter: 1,
    petitioner: 'resident4',
    steps: [
      ...accepted('handler'),
      [
        15,
        'handler.jd.rsj',
        {
          type: 'mediate',
          agreement: {
            kind: 'mediation',
            summary: '施工单位同意分两期支付全部欠薪',
            signedByBothParties: true,
          },
        },
      ],
    ],
  },
  {
    age: 9,
    matter: 4,
    petitioner: 'resident2',
    steps: [
      ...registered,
      [
        3,
        'clerk.jd',
        {
          type: 'notAccept',
          ground: {
            kind: 'statutoryProcedure',
            procedure: 'litigation',
            authority: '临江市江东区人民法院',
            explanation: '房屋买卖合同纠纷可向人民法院提起民事诉讼。',
          },
        },
      ],
    ],
  },
  {
    age: 7,
    matter: 3,
    petitioner: 'resident3',
    steps: [[2, 'resident3', { type: 'withdraw', reason: '问题已自行解决' }]],
  },
  {
    age: 120,
    matter: 2,
    petitioner: 'resident1',
    steps: [
      ...replied('handler', 30, 'support'),
      [32, 'resident1', { type: 'rate', stage: 'first', level: 'satisfied', resolved: true }],
      [70, 'handler', { type: 'archive' }],
    ],
  },
  // leader supervision (督办) and 包案 on an overdue case
  {
    age: 75,
    matter: 1,
    petitioner: 'resident2',
    steps: [
      ...accepted('handler'),
      [66, 'leader.jd', { type: 'supervise', note: '请于本周内办结并反馈', internalDue: '' }],
      [67, 'leader.jd', { type: 'takeCharge', note: '区领导包案' }],
    ],
  },
];

export function demoUnitTree(): UnitTree {
  return new UnitTree(
    DEMO_UNITS.map((u) => ({
      id: u.code,
      name: u.name,
      parentId: u.parentCode,
      kind: u.kind,
      regionCode: u.regionCode,
    })),
  );
}

export async function seedDemoCases(deps: SeedDeps): Promise<number> {
  const now = (deps.now ?? new Date()).getTime();
  const User = userModel(deps.conn);
  const users = await User.find().lean();
  const byPhone = new Map(users.filter((u) => u.phoneEnc).map((u) => [deps.pii.decrypt(u.phoneEnc!), u]));
  const actorOf = (who: Who): Actor => {
    const m = /^resident(\d)$/.exec(who);
    if (m) {
      const u = byPhone.get(`1380000000${m[1]}`);
      if (!u) throw new Error(`demo resident ${who} missing`);
      return { userId: String(u._id), roles: ['resident'], petitionerId: String(u._id) };
    }
    const u = users.find((x) => x.username === who);
    if (!u) throw new Error(`demo user ${who} missing`);
    return { userId: String(u._id), roles: u.roles as Actor['roles'], unitId: u.unitCode ?? undefined };
  };

  const ctx: DecisionContext = { units: demoUnitTree(), profile: XINFANG_PROFILE };
  const repo = caseRepository(deps.conn);
  const SEED = systemScope('demo-seed');
  const seen = new Set<string>();
  let count = 0;

  for (const [i, s] of SCENARIOS.entries()) {
    const m = MATTERS[s.matter]!;
    const filedAt = now - s.age * DAY - (i % 7) * 3_600_000;
    const at = (day: number) => new Date(Math.min(filedAt + day * DAY + 3_600_000, now));
    const petitioner = actorOf(s.petitioner);
    const name = byPhone.get(`1380000000${s.petitioner.slice(-1)}`)!.displayName;
    const opened = openCase(
      {
        id: randomUUID(),
        channel: s.channel ?? 'online',
        targetUnitId: m.target,
        subject: m.subject,
        matterFingerprint: matterFingerprint(m.subject),
        petitioner: { id: petitioner.petitionerId!, name, contactClear: true },
        firstTime: !seen.has(petitioner.userId),
        repeatOf: null,
      },
      petitioner,
      new Date(filedAt),
      ctx,
    );
    seen.add(petitioner.userId);
    if (!opened.ok) throw new Error(`demo case ${i}: open refused: ${opened.message}`);
    const year = Number(chinaDate(new Date(filedAt)).slice(0, 4));
    const region = DEMO_UNITS.find((u) => u.code === m.target)!.regionCode;
    const content: CaseContent = {
      title: m.subject,
      request: m.request,
      facts: m.facts,
      reasons: m.reasons,
      subjectCode: m.subjectCode,
      location: { address: m.address },
    };
    let stored = await repo.create(SEED, opened, await repo.nextNumber(year, region), content);
    let snapshot: CaseSnapshot = opened.snapshot;
    for (const [day, who, make] of s.steps) {
      let action = typeof make === 'function' ? make(m) : make;
      if (action.type === 'supervise' && !action.internalDue) {
        action = { ...action, internalDue: chinaDate(new Date(at(day).getTime() + 5 * DAY)) };
      }
      const d = decide(
        snapshot,
        actorOf(who === 'handler' ? HANDLER_OF[m.handling]! : who === 'head' ? HEAD_OF[m.handling]! : who),
        action,
        at(day),
        ctx,
      );
      if (!d.ok)
        throw new Error(`demo case ${i} (${m.subject}) step ${action.type}: ${d.message} [${d.article}]`);
      stored = (await repo.apply(stored, d as DecisionOk)).after!;
      snapshot = d.snapshot;
    }
    count++;
  }
  return count;
}
