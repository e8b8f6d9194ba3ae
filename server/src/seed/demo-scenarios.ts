/**
 * The demo's petitions (江东区, 临江市): 28 matters, each filed once by one of the four demo residents, and
 * what the staff did with it — the steps a clerk, a handler, a unit head, a leader or the resident took, day by
 * day after filing. `demo-cases.ts` plays them through the case service at back-dated instants.
 *
 * The replies are written as the units would write them (《信访工作条例》第三十二条): the request in the
 * petitioner's terms, the facts the unit found and its reasons, a decision that follows from those facts, and
 * its legal basis — the provisions applied, and the item of 第三十二条第一款 the decision rests on.
 */
import type { Action, OpinionDocument, SuggestionReply } from '../domain';

export type Resident = 'resident1' | 'resident2' | 'resident3' | 'resident4';

/** Demo people by key; the seed resolves them to the stored users. */
export type Who =
  | Resident
  | 'clerk.jd'
  | 'head.jd'
  | 'handler.jd.zjj'
  | 'head.jd.zjj'
  | 'handler.jd.rsj'
  | 'head.jd.rsj'
  | 'handler.jd.sthjj'
  | 'head.jd.sthjj'
  | 'handler.jd.st1'
  | 'head.jd.st1'
  | 'head.jd.gov'
  | 'head.city.gov'
  | 'grid.jd.st1'
  | 'leader.jd'
  /** The handler of the matter's handling unit. */
  | 'handler'
  /** The head of the matter's handling unit (signs the handler's draft, 第三十二条). */
  | 'head';

/** A demo account (the roles 'handler' and 'head' resolved through the matter's handling unit). */
export type Person = Exclude<Who, 'handler' | 'head'>;

export const HANDLER_OF: Record<Matter['handling'], Person> = {
  'jd-zjj': 'handler.jd.zjj',
  'jd-rsj': 'handler.jd.rsj',
  'jd-sthjj': 'handler.jd.sthjj',
  'jd-st1': 'handler.jd.st1',
};

export const HEAD_OF: Record<Matter['handling'], Person> = {
  'jd-zjj': 'head.jd.zjj',
  'jd-rsj': 'head.jd.rsj',
  'jd-sthjj': 'head.jd.sthjj',
  'jd-st1': 'head.jd.st1',
};

export interface Matter {
  title: string;
  subjectCode: string;
  category: 'claim' | 'suggestion';
  /** The unit with authority the district 信访局 transfers it to. */
  handling: 'jd-zjj' | 'jd-rsj' | 'jd-sthjj' | 'jd-st1';
  /** In the petitioner's own words, as filed. */
  request: string;
  facts: string;
  reasons: string;
  address: string;
}

export interface Step {
  /** Days after filing. */
  day: number;
  who: Who;
  action: Action;
}

export interface Scenario {
  /** Days before the seed's "now" the matter was filed. */
  age: number;
  petitioner: Resident;
  /**
   * online: the resident files on the app and the district 信访局's clerk registers it; grid: the 滨江街道 grid
   * worker files it for the resident with consent (网格代办); letter / visit / phone: the clerk registers it at
   * once (a letter arrived the day before).
   */
  channel: 'online' | 'grid' | 'letter' | 'visit' | 'phone';
  matter: Matter;
  steps: Step[];
}

/** 第三十二条第一款: the item each decision rests on. */
const ITEM: Record<OpinionDocument['decision'], string> = {
  support: '《信访工作条例》第三十二条第一款第一项',
  explain: '《信访工作条例》第三十二条第一款第二项',
  reject: '《信访工作条例》第三十二条第一款第三项',
};

/** A 信访处理意见书 (or 复查/复核意见): request, facts found and reasons, decision, legal basis. */
function opinion(
  decision: OpinionDocument['decision'],
  request: string,
  factsAndReasons: string,
  provisions: [string, ...string[]],
): OpinionDocument {
  const [first, ...more] = provisions;
  return {
    kind: 'opinion',
    request,
    factsAndReasons,
    decision,
    legalBasis: [first, ...more, ITEM[decision]],
  };
}

const reply = (document: OpinionDocument | SuggestionReply): Action => ({ type: 'reply', document });
const draft = (document: OpinionDocument | SuggestionReply): Action => ({ type: 'draftReply', document });
const sign: Action = { type: 'signReply', approve: true };
const register = (m: Matter): Action => ({ type: 'register', classification: { category: m.category } });
const route = (to: string): Action => ({ type: 'route', toUnitId: to, mode: 'transfer' });
const accept: Action = { type: 'accept' };

/** What the district 信访局 does first: register an online or grid filing (letters, visits, calls are registered on receipt). */
function intake(m: Matter, channel: Scenario['channel']): Step[] {
  return channel === 'online' || channel === 'grid' ? [{ day: 1, who: 'clerk.jd', action: register(m) }] : [];
}
const transferred = (m: Matter, channel: Scenario['channel']): Step[] => [
  ...intake(m, channel),
  { day: 2, who: 'clerk.jd', action: route(m.handling) },
];
const accepted = (m: Matter, channel: Scenario['channel']): Step[] => [
  ...transferred(m, channel),
  { day: 4, who: 'handler', action: accept },
];
/** The handler drafts the reply (第三十二条), the unit head signs it the same day: issued on signing. */
const answered = (
  m: Matter,
  channel: Scenario['channel'],
  day: number,
  document: OpinionDocument | SuggestionReply,
): Step[] => [
  ...accepted(m, channel),
  { day, who: 'handler', action: draft(document) },
  { day, who: 'head', action: sign },
];

/** Builds a scenario from its matter: `steps` gets the matter and the channel. */
function scenario(
  s: Omit<Scenario, 'steps'> & { steps?: (m: Matter, channel: Scenario['channel']) => Step[] },
): Scenario {
  return { ...s, steps: s.steps ? s.steps(s.matter, s.channel) : [] };
}

export const SCENARIOS: Scenario[] = [
  // --- filed online, waiting to be registered
  scenario({
    age: 0,
    petitioner: 'resident1',
    channel: 'online',
    matter: {
      title: '地下车库雨后积水车辆受损',
      subjectCode: 'cxjs-wy',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求物业公司尽快修复地下车库排水泵，并赔偿积水造成的车辆损失。',
      facts:
        '我住江东区滨江花园，小区地下车库的排水泵坏了一个多月，每次下大雨车库都积水。上周积水没过轮胎，我家的车进了水。找物业好几次，只说已经报修。',
      reasons: '物业服务合同约定物业负责共用设施设备的维修养护，我们每月按时交物业费。',
      address: '江东区滨江花园地下车库',
    },
  }),
  scenario({
    age: 1,
    petitioner: 'resident3',
    channel: 'online',
    matter: {
      title: '楼下烧烤店油烟直排居民楼',
      subjectCode: 'hbzy-wr',
      category: 'claim',
      handling: 'jd-sthjj',
      request: '请求责令楼下烧烤店安装油烟净化设施，停止油烟直排。',
      facts:
        '我家在新华路18号2楼，楼下去年开了一家烧烤店，排烟管道直接对着居民楼，每天傍晚六点到半夜油烟很大，家里窗户都不敢开。',
      reasons: '居民楼下的餐饮店应当安装油烟净化设施，不能直排扰民。',
      address: '江东区新华路18号',
    },
  }),

  // --- registered at the district bureau: 15 日 to route (第二十二条)
  scenario({
    age: 3,
    petitioner: 'resident2',
    channel: 'letter',
    matter: {
      title: '商铺装修完工半年工钱仍未结清',
      subjectCode: 'ldsb-qx',
      category: 'claim',
      handling: 'jd-rsj',
      request: '请求督促装饰公司支付拖欠我和另外三名工友的工钱共计3.6万元。',
      facts:
        '我们四人受雇于临江某装饰工程有限公司，在东湖街道一处商铺做水电和泥瓦活，工程半年前完工并验收，公司老板以业主尚未结款为由一直不给工钱，至今欠我们四人3.6万元。',
      reasons: '活已经干完并验收，工钱应当按时足额结清，不能以业主未结款为由拖欠。',
      address: '江东区东湖街道',
    },
  }),
  scenario({
    age: 13,
    petitioner: 'resident4',
    channel: 'visit',
    matter: {
      title: '锦华小区消防通道被长期占用停车',
      subjectCode: 'cxjs-wy',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求督促物业公司清理占用消防通道的车辆，施划禁停标线。',
      facts:
        '新华街道锦华小区6号楼和7号楼之间的消防通道每天晚上停满车，物业不管。上个月6号楼有住户家中起火，消防车差点开不进来。',
      reasons: '消防车通道不得占用，物业服务企业对小区公共秩序负有管理责任。',
      address: '江东区锦华小区6号楼、7号楼之间',
    },
  }),

  // --- transferred, not yet accepted
  scenario({
    age: 4,
    petitioner: 'resident4',
    channel: 'grid',
    matter: {
      title: '老旧小区改造后雨水管道倒灌',
      subjectCode: 'cxjs-zx',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求住建部门督促施工单位返修改造后的雨水管道。',
      facts:
        '滨江街道望江里小区今年进行老旧小区改造，更换了雨水管道，完工后每逢下雨一楼院子就倒灌进水。施工单位来看过一次，之后就没有下文。',
      reasons: '改造工程在保修期内，施工单位应当返修。',
      address: '江东区望江里小区',
    },
    steps: transferred,
  }),
  scenario({
    age: 6,
    petitioner: 'resident3',
    channel: 'online',
    matter: {
      title: '东湖河排口凌晨排放黑臭污水',
      subjectCode: 'hbzy-wr',
      category: 'claim',
      handling: 'jd-sthjj',
      request: '请求查处向东湖河偷排污水的单位。',
      facts:
        '东湖桥下游有一个排水口，最近一个月几乎每天凌晨两三点开始往河里排黑水，气味刺鼻，早上河面能看到一层泡沫。',
      reasons: '任何单位不得私设暗管或者以其他逃避监管的方式排放水污染物。',
      address: '江东区东湖河东湖桥下游',
    },
    steps: transferred,
  }),

  // --- accepted, in handling (60 日, 第三十四条): fresh, due soon, overdue
  scenario({
    age: 10,
    petitioner: 'resident2',
    channel: 'online',
    matter: {
      title: '入职一年多公司未缴社会保险',
      subjectCode: 'ldsb-sb',
      category: 'claim',
      handling: 'jd-rsj',
      request: '请求责令公司为我补缴入职以来的社会保险费。',
      facts:
        '我去年9月入职临江某物流有限公司任仓库管理员，签了劳动合同，公司一直没给我交社保，说转正后再交，到现在一年多了还没交。',
      reasons: '用人单位应当自用工之日起为职工办理社会保险登记并缴纳社会保险费。',
      address: '江东区开发区物流园',
    },
    steps: accepted,
  }),
  scenario({
    age: 30,
    petitioner: 'resident1',
    channel: 'online',
    matter: {
      title: '物业未经业主同意上调地面停车费',
      subjectCode: 'cxjs-wy',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求责令物业公司停止执行擅自上调的地面停车费，恢复原收费标准。',
      facts:
        '滨江花园物业公司上月贴出通知，地面停车费从每月150元涨到260元，没有召开业主大会，也没有征求业主意见。',
      reasons: '地面车位占用的是业主共有的道路和场地，收费调整应当由业主共同决定。',
      address: '江东区滨江花园',
    },
    steps: accepted,
  }),
  scenario({
    age: 58,
    petitioner: 'resident3',
    channel: 'online',
    matter: {
      title: '碧水苑二次供水水箱多年未清洗',
      subjectCode: 'cxjs-wy',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求督促物业公司清洗消毒二次供水水箱，并公布水质检测结果。',
      facts:
        '东湖街道碧水苑小区的生活水箱在地下室，近半年自来水经常发黄、有异味。问物业水箱什么时候清洗过，物业说不清楚，也拿不出检测报告。',
      reasons: '二次供水关系居民饮水安全，管理单位应当定期清洗消毒并检测水质。',
      address: '江东区碧水苑小区',
    },
    steps: accepted,
  }),
  scenario({
    age: 70,
    petitioner: 'resident4',
    channel: 'phone',
    matter: {
      title: '混凝土搅拌站砂石露天堆放扬尘',
      subjectCode: 'hbzy-wr',
      category: 'claim',
      handling: 'jd-sthjj',
      request: '请求查处搅拌站砂石料露天堆放、扬尘污染周边住户的问题。',
      facts:
        '东湖街道城郊的一家混凝土搅拌站砂石料露天堆放，没有围挡也不覆盖，刮风天粉尘吹进附近住户家里，运输车辆进出把路面弄得全是泥浆。',
      reasons: '砂土等易产生扬尘的物料应当密闭，不能密闭的应当围挡、覆盖。',
      address: '江东区东湖街道城郊',
    },
    steps: accepted,
  }),
  scenario({
    age: 90,
    petitioner: 'resident1',
    channel: 'online',
    matter: {
      title: '楼上卫生间渗漏至我家天花板',
      subjectCode: 'cxjs-zx',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求督促开发商维修楼上卫生间防水，并修复我家被泡坏的天花板。',
      facts:
        '我家在锦绣苑9栋502，房子交付两年。楼上卫生间漏水，我家卫生间和走廊天花板发霉掉皮。楼上住户说防水是开发商做的，开发商又推给施工单位。',
      reasons: '有防水要求的卫生间防渗漏保修期为5年，房屋仍在保修期内。',
      address: '江东区锦绣苑9栋',
    },
    steps: accepted,
  }),

  // --- extension requested / approved (≤ 30 日, 第三十四条)
  scenario({
    age: 50,
    petitioner: 'resident2',
    channel: 'online',
    matter: {
      title: '劳务派遣公司拖欠加班工资',
      subjectCode: 'ldsb-qx',
      category: 'claim',
      handling: 'jd-rsj',
      request: '请求责令劳务派遣公司支付去年以来拖欠的加班工资。',
      facts:
        '我由临江某劳务派遣公司派到开发区一家电子厂上班，每天工作12小时，每月只休息两天，派遣公司只按8小时发工资，加班费一直没给。',
      reasons: '安排劳动者延长工作时间的，应当按照规定支付加班工资。',
      address: '江东区开发区',
    },
    steps: (m, channel) => [
      ...accepted(m, channel),
      {
        day: 45,
        who: 'handler.jd.rsj',
        action: {
          type: 'requestExtension',
          days: 30,
          reason: '涉及派遣单位和用工单位两家，需调取近一年的考勤记录和工资台账逐月核对',
        },
      },
    ],
  }),
  scenario({
    age: 62,
    petitioner: 'resident1',
    channel: 'online',
    matter: {
      title: '3号楼电梯两个月内三次困人',
      subjectCode: 'cxjs-wy',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求督促物业公司和维保单位彻底检修3号楼电梯，需要时启用维修资金更换主机。',
      facts:
        '滨江花园3号楼电梯今年以来多次停运，两个月内困人三次，最长一次困了40分钟。维保单位每次修完过几天又坏，物业说要动用维修资金，但一直没有启动程序。',
      reasons:
        '电梯是特种设备，使用单位应当保证安全运行；维修资金属于业主共有，应当及时用于共用设施设备的维修。',
      address: '江东区滨江花园3号楼',
    },
    steps: (m, channel) => [
      ...accepted(m, channel),
      {
        day: 50,
        who: 'handler',
        action: {
          type: 'requestExtension',
          days: 20,
          reason: '需委托特种设备检验机构对电梯曳引机和控制柜进行检测，检测周期约两周',
        },
      },
      { day: 51, who: 'head.jd.zjj', action: { type: 'decideExtension', approve: true } },
    ],
  }),

  // --- a drafted reply waiting for the head's signature (第三十二条): in head.jd.zjj's approval queue
  scenario({
    age: 48,
    petitioner: 'resident4',
    channel: 'online',
    matter: {
      title: '锦华小区公共收益多年未公开',
      subjectCode: 'cxjs-wy',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求物业公司公开电梯广告和场地出租等公共收益的收支情况。',
      facts: '锦华小区电梯里装了广告屏，小区门口的空地出租给了早餐摊，这些收入物业从来没有公布过。',
      reasons: '利用业主共有部分产生的收入，扣除合理成本后属于业主共有。',
      address: '江东区锦华小区',
    },
    steps: (m, channel) => [
      ...accepted(m, channel),
      {
        day: 46,
        who: 'handler',
        action: draft(
          opinion(
            'support',
            '信访人请求物业公司公开锦华小区电梯广告、场地出租等公共收益的收支情况。',
            '经调查核实，锦华物业服务有限公司自前年起与广告公司签订电梯广告发布合同，并将小区南门空地出租用于早餐经营，两项年收入合计约6.8万元，相关收入未单独列账，也未向业主公布。利用业主共有部分产生的收入属于业主共有，物业服务企业应当如实向业主公开。本局已约谈物业公司，要求其在30日内委托会计师事务所对公共收益进行专项审计，并将审计结果在小区公告栏和业主群公示。',
            ['《中华人民共和国民法典》第二百八十二条、第九百四十三条'],
          ),
        ),
      },
    ],
  }),

  // --- objection within 5 个工作日 (第二十三条第三款): pending, then upheld and re-routed
  scenario({
    age: 5,
    petitioner: 'resident3',
    channel: 'online',
    matter: {
      title: '物业公司撤场后小区无人管理',
      subjectCode: 'cxjs-wy',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求督促尽快选聘新的物业服务企业，恢复小区保洁和门岗。',
      facts:
        '东湖街道翠湖小区原物业公司合同到期后上月撤场，现在垃圾没人清运，门岗没人值守，楼道灯坏了也没人修。',
      reasons: '物业撤场后应当做好交接，街道和主管部门应当指导业主选聘新的物业。',
      address: '江东区翠湖小区',
    },
    steps: (m, channel) => [
      ...intake(m, channel),
      { day: 2, who: 'clerk.jd', action: route('jd-rsj') },
      {
        day: 3,
        who: 'handler.jd.rsj',
        action: {
          type: 'object',
          reasons:
            '该事项反映物业公司撤场后小区无人管理，属于物业管理事项，依职责应由住房和城乡建设部门办理，不属于人社部门职责范围。',
        },
      },
    ],
  }),
  scenario({
    age: 20,
    petitioner: 'resident3',
    channel: 'online',
    matter: {
      title: '新房交付不到一年外墙渗水',
      subjectCode: 'cxjs-zx',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求住建部门督促开发商维修外墙渗水，并出具维修后的检测报告。',
      facts:
        '我在江东区锦绣苑买的房子交付不到一年，下雨时客厅和卧室外墙渗水，墙皮鼓包发霉。开发商来看过两次，说是个别现象，一直拖着不修。',
      reasons: '外墙面防渗漏的最低保修期为5年，开发商应当承担保修责任。',
      address: '江东区锦绣苑',
    },
    steps: (m, channel) => [
      ...intake(m, channel),
      { day: 2, who: 'clerk.jd', action: route('jd-rsj') },
      {
        day: 3,
        who: 'handler.jd.rsj',
        action: { type: 'object', reasons: '房屋质量保修问题由住房和城乡建设部门监管，不属于人社部门职责。' },
      },
      {
        day: 4,
        who: 'head.jd',
        action: { type: 'decideObjection', approve: true, note: '异议成立，改转区住建局办理' },
      },
      { day: 4, who: 'clerk.jd', action: route('jd-zjj') },
      { day: 6, who: 'handler', action: accept },
    ],
  }),

  // --- replied: 复查 window open (30 日, 第三十五条)
  scenario({
    age: 40,
    petitioner: 'resident2',
    channel: 'online',
    matter: {
      title: '工伤停工留薪期工资被降低发放',
      subjectCode: 'ldsb-qx',
      category: 'claim',
      handling: 'jd-rsj',
      request: '请求责令公司按受伤前的工资标准补发停工留薪期工资。',
      facts:
        '我在临江某建材公司当叉车司机，今年春天在厂里卸货时摔伤右腿，已经认定为工伤。养伤三个月期间，公司每月只发1800元基本工资，我受伤前每月工资是5600元。',
      reasons: '停工留薪期内原工资福利待遇不变，应当由单位按月支付。',
      address: '江东区开发区建材市场',
    },
    steps: (m, channel) =>
      answered(
        m,
        channel,
        35,
        opinion(
          'support',
          '信访人请求责令其所在单位按受伤前的工资标准补发停工留薪期工资。',
          '经调查核实，信访人系临江某建材有限公司叉车司机，在工作中受伤，已由本局认定为工伤，停工留薪期核定为3个月。经调取该公司工资发放记录，信访人受伤前12个月平均月工资为5600元，停工留薪期内公司每月仅支付1800元，少支付共计11400元，信访人反映属实。停工留薪期内原工资福利待遇不变，公司的做法不符合规定。本局已向该公司送达《劳动保障监察责令改正指令书》，责令其在15日内补发差额，并将跟踪督促落实。',
          ['《工伤保险条例》第三十三条第一款', '《劳动保障监察条例》第十一条'],
        ),
      ),
  }),
  scenario({
    age: 35,
    petitioner: 'resident1',
    channel: 'online',
    matter: {
      title: '建议在滨江街道增设社区老年食堂',
      subjectCode: 'cxjs',
      category: 'suggestion',
      handling: 'jd-st1',
      request: '建议在滨江街道增设社区老年食堂，方便独居老人就餐。',
      facts: '街道内独居老人较多，附近没有价格合适、适合老人口味的就餐点。',
      reasons: '有利于养老服务和社区治理。',
      address: '江东区滨江街道',
    },
    steps: (m, channel) =>
      answered(m, channel, 25, {
        kind: 'suggestionReply',
        adoption: 'partiallyAdopted',
        content:
          '感谢您对社区养老服务的关心。经街道研究，已在滨江社区党群服务中心设立老年助餐点，自下月起为辖区80周岁以上老人和独居老人提供午餐，行动不便的可以预约送餐上门；您建议在望江社区增设老年食堂，因现有社区用房面积不足，已列入明年社区用房改造计划统筹考虑，届时将征求居民意见。',
      }),
  }),
  scenario({
    age: 45,
    petitioner: 'resident4',
    channel: 'online',
    matter: {
      title: '小区化粪池管道堵塞污水外溢',
      subjectCode: 'cxjs-wy',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求督促物业公司疏通化粪池管道，清理外溢的污水。',
      facts:
        '望江里小区12号楼旁边的化粪池检查井最近半个月一直往外冒污水，院子里臭气熏天，物业只派人撒了点石灰。',
      reasons: '化粪池和排污管道属于小区共用设施，物业应当及时维修养护。',
      address: '江东区望江里小区12号楼',
    },
    steps: (m, channel) => [
      ...answered(
        m,
        channel,
        40,
        opinion(
          'support',
          '信访人请求督促物业公司疏通望江里小区12号楼旁化粪池管道，清理外溢污水。',
          '经现场核查，望江里小区12号楼东侧化粪池出水管道淤堵、检查井井圈破损，污水外溢属实。化粪池及排污管道属于物业服务区域内的共用设施，物业服务企业应当及时维修养护。本局已责令物业公司委托专业单位清掏化粪池、疏通管道并更换井圈，工程已于本月完成，现场已清理消毒，经回访周边住户无异味。',
          ['《中华人民共和国民法典》第九百四十二条第一款', '《物业管理条例》第三十五条'],
        ),
      ),
      {
        day: 41,
        who: 'resident4',
        action: {
          type: 'rate',
          stage: 'first',
          level: 'satisfied',
          resolved: true,
          comment: '管道已经疏通，院子里没有臭味了，谢谢',
        },
      },
    ],
  }),
  scenario({
    age: 44,
    petitioner: 'resident3',
    channel: 'online',
    matter: {
      title: '地铁站附近工地夜间施工噪声扰民',
      subjectCode: 'hbzy-zs',
      category: 'claim',
      handling: 'jd-sthjj',
      request: '请求禁止东湖地铁站附近工地夜间施工，保障居民休息。',
      facts:
        '东湖街道地铁站附近的工地连续两周在夜里11点以后施工，混凝土泵车和振捣的声音很大，附近居民无法入睡。',
      reasons: '居民区附近夜间不得进行产生噪声的建筑施工作业。',
      address: '江东区东湖地铁站附近',
    },
    steps: (m, channel) => [
      ...answered(
        m,
        channel,
        38,
        opinion(
          'explain',
          '信访人请求禁止东湖地铁站附近工地夜间施工。',
          '经调查核实，该工地为地铁站配套工程，底板混凝土浇筑因工艺要求需连续作业，施工单位已取得区住房和城乡建设局出具的夜间连续施工证明，并在工地围挡和周边小区公告栏公示，夜间施工本身不违反规定，禁止夜间施工的请求缺乏法律依据。但本局夜间监测发现，施工场界噪声在部分时段超过排放标准，已责令施工单位更换低噪声振捣设备、在临近住宅一侧加装隔声屏障，并将连续浇筑安排在本月底前完成；此后夜间施工须重新取得证明。',
          ['《中华人民共和国噪声污染防治法》第四十三条'],
        ),
      ),
      { day: 40, who: 'resident3', action: { type: 'rate', stage: 'first', level: 'basic', resolved: true } },
    ],
  }),

  // --- unsatisfied → 复查 at the parent unit (第三十五条)
  scenario({
    age: 55,
    petitioner: 'resident4',
    channel: 'online',
    matter: {
      title: '商品房实测面积比合同面积少',
      subjectCode: 'cxjs-zx',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求责令开发商按面积差额退还房款。',
      facts: '我在锦绣苑买的房子合同面积98.6平方米，收房后我自己量了一下，感觉少了好几平方米，开发商不承认。',
      reasons: '少了面积就应当退钱。',
      address: '江东区锦绣苑',
    },
    steps: (m, channel) => [
      ...answered(
        m,
        channel,
        40,
        opinion(
          'reject',
          '信访人请求责令开发商按面积差额退还房款。',
          '经调取不动产登记资料和房屋面积实测报告，信访人所购房屋合同约定建筑面积98.6平方米，经具有资质的测绘机构实测、登记的建筑面积为96.8平方米，面积误差比为-1.83%。买卖合同约定面积误差比绝对值在3%以内的据实结算房价款，开发商已在办理不动产登记时按实测面积退还差价款，并有信访人签字的结算单。信访人要求另行退还房款的请求缺乏事实根据，本局不予支持。如对实测结果有异议，可以委托其他具有资质的测绘机构复测。',
          ['《商品房销售管理办法》第二十条'],
        ),
      ),
      {
        day: 41,
        who: 'resident4',
        action: {
          type: 'rate',
          stage: 'first',
          level: 'unsatisfied',
          comment: '测绘是开发商找的，结果不可信',
        },
      },
      {
        day: 43,
        who: 'resident4',
        action: {
          type: 'requestReview',
          reasons: '面积实测是开发商委托的测绘公司做的，我不认可，请求区政府复查并重新测量。',
        },
      },
    ],
  }),

  // --- 复查 answered; 复核 requested at the next parent (第三十六条)
  scenario({
    age: 100,
    petitioner: 'resident2',
    channel: 'letter',
    matter: {
      title: '塔吊司机请求补发高温津贴',
      subjectCode: 'ldsb-qx',
      category: 'claim',
      handling: 'jd-rsj',
      request: '请求责令公司补发我近三年夏季的高温津贴。',
      facts:
        '我在临江某建筑公司开塔吊，夏天驾驶室里温度很高，公司说工资里已经包含了高温补贴，但我算下来前三年的夏天都没有拿到高温津贴。',
      reasons: '高温天气从事室外露天作业的，用人单位应当发放高温津贴。',
      address: '江东区新华街道',
    },
    steps: (m, channel) => [
      ...answered(
        m,
        channel,
        40,
        opinion(
          'explain',
          '信访人请求责令其所在建筑公司补发近三年夏季的高温津贴。',
          '经调查核实，调取该公司近两年6月至9月的工资表和银行代发记录，工资表中单列“高温津贴”项目，每月按本市标准发放，信访人均已签收，近两年不存在未发放的情形。信访人反映的三年前夏季高温津贴，发生在两年以前，且期间未被举报、投诉，已超过劳动保障监察的查处期限，本局依法不能再作行政处理；该部分争议可以在法定时效内向劳动人事争议仲裁委员会申请仲裁。信访人关心自身权益的诉求可以理解，但要求本局责令补发的请求缺乏法律依据，特作解释说明。',
          ['《防暑降温措施管理办法》第十七条', '《劳动保障监察条例》第二十条'],
        ),
      ),
      { day: 41, who: 'resident2', action: { type: 'rate', stage: 'first', level: 'unsatisfied' } },
      {
        day: 45,
        who: 'resident2',
        action: {
          type: 'requestReview',
          reasons: '公司是把高温津贴算在工资里的，实际到手工资没有增加，请求区政府复查。',
        },
      },
      {
        day: 70,
        who: 'head.jd.gov',
        action: reply(
          opinion(
            'explain',
            '复查申请人认为公司将高温津贴计入工资总额、实际收入没有增加，请求撤销原处理意见并责令公司补发。',
            '经复查，区人社局调取的工资表显示，该公司近两年夏季在基本工资、绩效工资之外单列高温津贴，发放月份的应发工资较其他月份相应增加，申请人所称“算在工资里”与工资发放记录不符。三年前的高温津贴已超过劳动保障监察两年的查处期限，原处理意见已告知申请人通过劳动争议仲裁主张权利。原处理意见认定事实清楚，适用依据正确，本机关予以维持。',
            [
              '《防暑降温措施管理办法》第十七条',
              '《劳动保障监察条例》第二十条',
              '《信访工作条例》第三十五条',
            ],
          ),
        ),
      },
      {
        day: 75,
        who: 'resident2',
        action: { type: 'requestRecheck', reasons: '对复查意见不服，请求市政府复核。' },
      },
    ],
  }),

  // --- 复核 answered: final (第三十六条第三款)
  scenario({
    age: 150,
    petitioner: 'resident1',
    channel: 'online',
    matter: {
      title: '请求将自家房屋纳入棚户区改造征收范围',
      subjectCode: 'cxjs-cq',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求将我家房屋纳入滨江片区棚户区改造征收范围，并按征收标准给予补偿。',
      facts:
        '我家是滨江路东侧的老房子，和已经征收的房子只隔一条巷子。巷子那边都拆了、补偿了，我们这边不征收，房子越来越破，出行也不方便。',
      reasons: '同一片老房子，条件都一样，应当一视同仁。',
      address: '江东区滨江路东侧',
    },
    steps: (m, channel) => [
      ...answered(
        m,
        channel,
        40,
        opinion(
          'reject',
          '信访人请求将其房屋纳入滨江片区棚户区改造征收范围并按征收标准给予补偿。',
          '经调取区人民政府作出的滨江片区棚户区改造项目房屋征收决定及公告的征收范围红线图，并现场核对，信访人房屋位于征收范围红线以东约30米，不在本次征收范围内。征收范围由区人民政府依据批准的棚户区改造规划和年度计划确定，并已依法公告。信访人要求将房屋纳入征收范围的请求不符合有关规定，本局不予支持。该区域已列入下一批城市更新计划，届时将依法开展调查登记。',
          ['《国有土地上房屋征收与补偿条例》第八条、第十三条'],
        ),
      ),
      {
        day: 42,
        who: 'resident1',
        action: { type: 'requestReview', reasons: '巷子两边的房子情况一样，只征一边不公平，请求复查。' },
      },
      {
        day: 70,
        who: 'head.jd.gov',
        action: reply(
          opinion(
            'reject',
            '复查申请人认为征收只及于巷子一侧不公平，请求将其房屋纳入征收范围。',
            '经复查，滨江片区棚户区改造项目的征收范围经社会稳定风险评估、征求公众意见后由本机关确定，并在征收决定中一并公告，申请人房屋在公告的征收范围以外。是否纳入征收范围取决于批准的规划和改造计划，不因房屋相邻而改变。原处理意见认定事实清楚，适用依据正确，本机关予以维持。',
            ['《国有土地上房屋征收与补偿条例》第八条、第十二条', '《信访工作条例》第三十五条'],
          ),
        ),
      },
      {
        day: 72,
        who: 'resident1',
        action: { type: 'requestRecheck', reasons: '不服区政府的复查意见，请求市政府复核。' },
      },
      {
        day: 100,
        who: 'head.city.gov',
        action: reply(
          opinion(
            'reject',
            '复核申请人请求将其房屋纳入滨江片区棚户区改造征收范围并给予征收补偿。',
            '经复核，江东区人民政府作出的房屋征收决定已依法公告，申请人房屋不在公告的征收范围内，原处理意见和复查意见认定事实清楚，适用依据正确，程序合法。本机关维持复查意见。本复核意见为终结意见。',
            ['《国有土地上房屋征收与补偿条例》第八条', '《信访工作条例》第三十六条'],
          ),
        ),
      },
    ],
  }),

  // --- mediated (第三十三条), not accepted (诉访分离, 第三十一条), withdrawn, archived after the window
  scenario({
    age: 25,
    petitioner: 'resident2',
    channel: 'online',
    matter: {
      title: '农贸市场改造工程拖欠农民工工资',
      subjectCode: 'ldsb-qx',
      category: 'claim',
      handling: 'jd-rsj',
      request: '请求督促施工单位支付拖欠的三个月工资共计2.4万元。',
      facts: '我在新华路农贸市场改造工地从事钢筋工作，施工单位从三个月前开始没有发工资，多次讨要无果。',
      reasons: '施工总承包单位对分包单位拖欠的农民工工资负有先行清偿责任。',
      address: '江东区新华路农贸市场',
    },
    steps: (m, channel) => [
      ...accepted(m, channel),
      {
        day: 15,
        who: 'handler.jd.rsj',
        action: {
          type: 'mediate',
          agreement: {
            kind: 'mediation',
            summary:
              '经调解，施工总承包单位同意本月底前支付欠薪1.2万元，余款1.2万元于下月15日前付清，双方签订调解协议书',
            signedByBothParties: true,
          },
        },
      },
    ],
  }),
  scenario({
    age: 9,
    petitioner: 'resident1',
    channel: 'visit',
    matter: {
      title: '购房定金纠纷要求开发商退还',
      subjectCode: 'cxjs-zx',
      category: 'claim',
      handling: 'jd-zjj',
      request: '请求责令开发商退还我交的5万元购房定金。',
      facts: '我去年交了5万元定金，后来因为贷款没批下来没签购房合同，开发商说定金不退。',
      reasons: '没签合同不是我的责任，定金应当退还。',
      address: '江东区滨江路',
    },
    steps: () => [
      {
        day: 0,
        who: 'clerk.jd',
        action: {
          type: 'notAccept',
          ground: {
            kind: 'statutoryProcedure',
            procedure: 'litigation',
            authority: '临江市江东区人民法院',
            explanation:
              '您与开发商之间的定金返还争议属于商品房买卖合同纠纷，可以依法向人民法院提起民事诉讼。',
          },
        },
      },
    ],
  }),
  scenario({
    age: 7,
    petitioner: 'resident4',
    channel: 'online',
    matter: {
      title: '建议在江滨公园增设公共厕所',
      subjectCode: 'cxjs',
      category: 'suggestion',
      handling: 'jd-st1',
      request: '建议在江滨公园北门附近增设一座公共厕所。',
      facts: '江滨公园北门一带晨练的老人很多，最近的厕所在公园南门，走过去要二十多分钟。',
      reasons: '方便群众，特别是老年人。',
      address: '江东区江滨公园北门',
    },
    steps: () => [
      {
        day: 2,
        who: 'resident4',
        action: { type: 'withdraw', reason: '看到公园北门已经在建公厕，撤回建议' },
      },
    ],
  }),
  scenario({
    age: 120,
    petitioner: 'resident3',
    channel: 'online',
    matter: {
      title: '废品收购站焚烧电线外皮冒黑烟',
      subjectCode: 'hbzy-wr',
      category: 'claim',
      handling: 'jd-sthjj',
      request: '请求制止废品收购站露天焚烧垃圾。',
      facts:
        '新华街道菜场后面的废品收购站经常在院子里烧电线外皮和塑料，冒黑烟，味道很呛，附近小区的孩子都咳嗽。',
      reasons: '居民区内不得焚烧塑料、垃圾等产生有毒有害烟尘的物质。',
      address: '江东区新华街道菜场北侧',
    },
    steps: (m, channel) => [
      ...answered(
        m,
        channel,
        30,
        opinion(
          'support',
          '信访人请求制止新华街道菜场北侧废品收购站露天焚烧垃圾。',
          '经现场检查，该废品收购站在院内焚烧废旧电线外皮和塑料制品属实，现场留有焚烧残留物。在人口集中地区焚烧塑料等产生有毒有害烟尘的物质违反规定，本局已责令其立即停止焚烧、清运残留物，并依法立案处罚；街道已将该点位纳入网格日常巡查。',
          ['《中华人民共和国大气污染防治法》第八十二条第一款、第一百一十九条'],
        ),
      ),
      {
        day: 32,
        who: 'resident3',
        action: { type: 'rate', stage: 'first', level: 'satisfied', resolved: true },
      },
      { day: 70, who: 'handler', action: { type: 'archive' } },
    ],
  }),

  // --- leader supervision (督办, 第四十条) and 包案 (第十八条第二款) on an overdue case
  scenario({
    age: 75,
    petitioner: 'resident2',
    channel: 'online',
    matter: {
      title: '机械厂口头辞退未支付经济补偿',
      subjectCode: 'ldsb-qx',
      category: 'claim',
      handling: 'jd-rsj',
      request: '请求责令公司支付解除劳动合同的经济补偿金。',
      facts:
        '我在临江某机械厂工作了8年，几个月前公司以经营困难为由口头通知我不用再来上班，没有书面通知，也没有支付任何补偿。',
      reasons: '用人单位解除劳动合同应当依法支付经济补偿。',
      address: '江东区开发区',
    },
    steps: (m, channel) => [
      ...accepted(m, channel),
      {
        day: 66,
        who: 'leader.jd',
        action: {
          type: 'supervise',
          note: '该事项已超过办理期限，请区人社局本周内查清用工和解除情况，依法处理并答复信访人',
          internalDue: '',
        },
      },
      {
        day: 67,
        who: 'leader.jd',
        action: { type: 'takeCharge', note: '区领导包案，协调区人社局、区总工会共同化解' },
      },
    ],
  }),
];
