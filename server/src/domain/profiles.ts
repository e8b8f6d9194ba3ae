/**
 * Rule profiles (DOMAIN.md §3, §8): plain, serialisable data that names every clock of the lifecycle, its
 * limit, its legal source and whether the source itself sets the limit (`statutory`). Admins may edit a copy
 * (stored in MongoDB, validated with `validateProfile`); a case keeps the profile id + version it started under.
 */
import { describeLimit, type Limit, validateLimit } from './deadline';

export type Category = 'suggestion' | 'accusation' | 'claim';

export const CATEGORY_LABELS: Record<Category, string> = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  claim: '申诉求决类',
};

/** The clocks of the lifecycle; a case's deadlines map is keyed by these names. */
export type ClockName =
  | 'route'
  | 'notice'
  | 'objection'
  | 'assignment'
  | 'handling'
  | 'reviewRequest'
  | 'review'
  | 'recheckRequest'
  | 'recheck';

export const CLOCK_NAMES: readonly ClockName[] = [
  'route',
  'notice',
  'objection',
  'assignment',
  'handling',
  'reviewRequest',
  'review',
  'recheckRequest',
  'recheck',
];

/**
 * Clocks that bound a right (to object, to ask for 复查/复核) rather than an obligation: letting one lapse is
 * not a missed deadline, so they raise no overdue alert and do not count as overdue in metrics.
 */
export const RIGHT_WINDOW_CLOCKS: readonly ClockName[] = ['objection', 'reviewRequest', 'recheckRequest'];

/** The legal terms of a clock: limit and source. */
export interface ClockTerms {
  limit: Limit;
  /** true when the cited text itself sets the limit; false when the profile sets it (configurable). */
  statutory: boolean;
  /** e.g. '《信访工作条例》第二十二条'. */
  article: string;
  /** The sentence of the article that sets (or implies) the clock. */
  articleText: string;
  /** Shown in explanations, e.g. why a non-statutory limit exists. */
  note?: string;
  /** An admin may shorten a statutory limit but never exceed this. */
  legalMax?: Limit;
}

export interface ClockVariant extends Partial<ClockTerms> {
  label?: string;
  startEvent?: string;
}

export interface ClockRule extends ClockTerms {
  clock: ClockName;
  /** Chinese name of the clock, e.g. '转送交办期限'. */
  label: string;
  /** Chinese name of the event that starts it, e.g. '收到信访事项之日'. */
  startEvent: string;
  /**
   * Terms that differ by situation. Keys used by the lifecycle: 'direct' / 'transferred' (notice), the
   * category ('suggestion' / 'accusation' / 'claim') and the service tier (12345: 'urgent' / 'utility' /
   * 'ordinary' / 'complex'). Later keys win.
   */
  variants?: Record<string, ClockVariant>;
  /** Hearing time is not counted (《信访工作条例》第三十六条第二款). */
  pausable?: boolean;
  /** Handling only: when the clock starts. Default 'acceptance'. */
  startsOn?: 'acceptance' | 'receipt';
  /** Handling only: the one extension a unit head may approve. */
  extension?: { maxDays: number; article: string; articleText: string; statutory: boolean };
}

export interface ProfileSettings {
  /** Transfers allowed before a leader must decide (DOMAIN.md §4 rule 4: no ping-pong). */
  maxTransfersWithoutLeader: number;
  /** The petitioner may rate a stage reply within this many days of receiving it. */
  ratingWindowDays: number;
  /** Weight of 基本满意 in 满意率 (DOMAIN.md §6), between 0 and 1. */
  basicSatisfiedWeight: number;
  /** 第二十三条第三款 "详细说明理由": the minimum length of an objection's reasons. */
  objectionMinReasonChars: number;
}

export interface ProfileStages {
  objection: boolean;
  extension: boolean;
  review: boolean;
  recheck: boolean;
  hearing: boolean;
  mediation: boolean;
}

export interface RuleProfile {
  id: string;
  version: number;
  name: string;
  /** The regulation, e.g. '《信访工作条例》（2022年5月1日起施行）'. */
  source: string;
  clocks: Partial<Record<ClockName, ClockRule>>;
  stages: ProfileStages;
  settings: ProfileSettings;
  /** Further citations shown in the UI (首接负责, 考评 …), keyed by topic. */
  references: Record<string, { article: string; text: string }>;
}

export interface ProfileRef {
  id: string;
  version: number;
}

const XF = '《信访工作条例》';

/** The default profile: 《信访工作条例》 (2022). */
export const XINFANG_PROFILE: RuleProfile = {
  id: 'xinfang-2022',
  version: 1,
  name: '信访工作条例',
  source: '《信访工作条例》（2022年5月1日起施行）',
  clocks: {
    route: {
      clock: 'route',
      label: '登记转送交办期限',
      startEvent: '信访部门收到信访事项之日',
      limit: { days: 15 },
      legalMax: { days: 15 },
      statutory: true,
      article: `${XF}第二十二条`,
      articleText:
        '各级党委和政府信访部门收到信访事项，应当予以登记，并区分情况，在15日内分别按照下列方式处理',
    },
    notice: {
      clock: 'notice',
      label: '书面告知期限',
      startEvent: '收到信访事项之日',
      limit: { days: 15 },
      legalMax: { days: 15 },
      statutory: true,
      article: `${XF}第二十三条第二款`,
      articleText:
        '不能当场告知的，应当自收到信访事项之日起15日内书面告知信访人，但信访人的姓名（名称）、住址不清的除外。',
      variants: {
        direct: {},
        transferred: {
          startEvent: '收到转送、交办的信访事项之日',
          article: `${XF}第二十三条第三款`,
          articleText:
            '对党委和政府信访部门或者本系统上级机关、单位转送、交办的信访事项，属于本机关、单位职权范围的，有关机关、单位应当自收到之日起15日内书面告知信访人接收情况以及处理途径和程序',
        },
      },
    },
    objection: {
      clock: 'objection',
      label: '异议期限',
      startEvent: '收到转送、交办的信访事项之日',
      limit: { workingDays: 5 },
      legalMax: { workingDays: 5 },
      statutory: true,
      article: `${XF}第二十三条第三款`,
      articleText:
        '不属于本机关、单位或者本系统职权范围的，有关机关、单位应当自收到之日起5个工作日内提出异议，并详细说明理由，经转送、交办的信访部门或者上级机关、单位核实同意后，交还相关材料。',
    },
    assignment: {
      clock: 'assignment',
      label: '交办办结报告期限',
      startEvent: '收到交办的信访事项之日',
      limit: { days: 60 },
      statutory: false,
      article: `${XF}第二十二条第一款第三项`,
      articleText: '可以交由有权处理的机关、单位办理，要求其在指定办理期限内反馈结果，提交办结报告。',
      note: '办结报告期限由交办机关在交办时指定；未指定时按本规则档案默认值。',
    },
    handling: {
      clock: 'handling',
      label: '办理期限',
      startEvent: '受理之日',
      limit: { days: 60 },
      legalMax: { days: 60 },
      statutory: true,
      article: `${XF}第三十四条`,
      articleText: '对本条例第三十一条第六项规定的信访事项应当自受理之日起60日内办结',
      startsOn: 'acceptance',
      extension: {
        maxDays: 30,
        statutory: true,
        article: `${XF}第三十四条`,
        articleText:
          '情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由。',
      },
      variants: {
        suggestion: {
          statutory: false,
          article: `${XF}第二十九条`,
          articleText:
            '有权处理的机关、单位应当认真研究论证。对科学合理、具有现实可行性的，应当采纳或者部分采纳，并予以回复。',
          note: '条例第二十九条未规定建议意见类事项的办理日数，本期限由规则档案设定（默认60日，可配置）。',
        },
        accusation: {
          statutory: false,
          article: `${XF}第三十条`,
          articleText: '纪检监察机关或者有权处理的机关、单位应当依规依纪依法接收、受理、办理和反馈。',
          note: '条例第三十条未规定检举控告类事项的办理日数，本期限由规则档案设定（默认60日，可配置），有关规定另有期限的从其规定。',
        },
        claim: {},
      },
    },
    reviewRequest: {
      clock: 'reviewRequest',
      label: '请求复查期限',
      startEvent: '收到书面答复之日',
      limit: { days: 30 },
      legalMax: { days: 30 },
      statutory: true,
      article: `${XF}第三十五条`,
      articleText:
        '信访人对信访处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关、单位的上一级机关、单位复查。',
    },
    review: {
      clock: 'review',
      label: '复查期限',
      startEvent: '收到复查请求之日',
      limit: { days: 30 },
      legalMax: { days: 30 },
      statutory: true,
      article: `${XF}第三十五条`,
      articleText: '收到复查请求的机关、单位应当自收到复查请求之日起30日内提出复查意见，并予以书面答复。',
    },
    recheckRequest: {
      clock: 'recheckRequest',
      label: '请求复核期限',
      startEvent: '收到复查意见书面答复之日',
      limit: { days: 30 },
      legalMax: { days: 30 },
      statutory: true,
      article: `${XF}第三十六条第一款`,
      articleText:
        '信访人对复查意见不服的，可以自收到书面答复之日起30日内向复查机关、单位的上一级机关、单位请求复核。',
    },
    recheck: {
      clock: 'recheck',
      label: '复核期限',
      startEvent: '收到复核请求之日',
      limit: { days: 30 },
      legalMax: { days: 30 },
      statutory: true,
      article: `${XF}第三十六条第一款`,
      articleText: '收到复核请求的机关、单位应当自收到复核请求之日起30日内提出复核意见。',
      pausable: true,
      note: '听证所需时间不计算在期限内（第三十六条第二款）。',
    },
  },
  stages: { objection: true, extension: true, review: true, recheck: true, hearing: true, mediation: true },
  settings: {
    maxTransfersWithoutLeader: 3,
    ratingWindowDays: 15,
    basicSatisfiedWeight: 1,
    objectionMinReasonChars: 10,
  },
  references: {
    firstReceiver: {
      article: '《北京市接诉即办工作条例》第十四条',
      text: '本市对接诉即办工作实行首接负责制，接到派单的单位不得推诿。办理诉求涉及其他单位的，首接单位应当牵头协调办理。',
    },
    noShirking: { article: `${XF}第二十八条第一款`, text: '不得推诿、敷衍、拖延。' },
    recusal: {
      article: `${XF}第二十八条第三款`,
      text: '各级机关、单位工作人员与信访事项或者信访人有直接利害关系的，应当回避。',
    },
    confidentiality: {
      article: `${XF}第三十条第三款`,
      text: '不得将信访人的检举、揭发材料以及有关情况透露或者转给被检举、揭发的人员或者单位。',
    },
    litigationSeparation: {
      article: `${XF}第二十八条第二款`,
      text: '将涉及民事、行政、刑事等诉讼权利救济的信访事项从普通信访体制中分离出来，由有关政法部门依法处理。',
    },
    sameMatter: {
      article: `${XF}第十九条第三款`,
      text: '信访事项已经受理或者正在办理的，信访人在规定期限内向受理、办理机关、单位的上级机关、单位又提出同一信访事项的，上级机关、单位不予受理。',
    },
    finality: {
      article: `${XF}第三十六条第三款`,
      text: '信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，各级党委和政府信访部门和其他机关、单位不再受理。',
    },
    representatives: {
      article: `${XF}第二十条第三款`,
      text: '多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过5人。',
    },
    rating: {
      article: `${XF}第二十一条第二款`,
      text: '使网上信访、来信、来访、来电在网上流转，方便信访人查询、评价信访事项办理情况。（条例未规定评价期限，评价期限由规则档案设定，可配置。）',
    },
    leaderCase: {
      article: `${XF}第十八条第二款`,
      text: '各级机关、单位领导干部应当阅办群众来信和网上信访、定期接待群众来访、定期下访，包案化解群众反映强烈的突出问题。',
    },
  },
};

const BJ = '《北京市接诉即办工作条例》';

/**
 * 12345 接诉即办 (Beijing). The regulation sets no hours: 第十三条 leaves 办理时限 to the 市政务服务部门, so every
 * limit here is profile data (statutory: false), defaults from common practice (urgent 2 小时, utilities
 * 24 小时, ordinary 7 日, complex 15 日). No 复查/复核 stages.
 */
export const JIESUJIBAN_PROFILE: RuleProfile = {
  id: 'beijing-12345-2021',
  version: 1,
  name: '北京市接诉即办',
  source: '《北京市接诉即办工作条例》（2021年9月24日起施行）',
  clocks: {
    route: {
      clock: 'route',
      label: '派单时限',
      startEvent: '形成诉求工单之时',
      limit: { hours: 2 },
      statutory: false,
      article: `${BJ}第十一条第二款`,
      articleText:
        '属于承办单位职责范围内的，根据职权法定、属地管理、分级负责的原则，按照派单目录，即时派单至承办单位。',
      note: '条例要求“即时派单”，未规定小时数，本时限由规则档案设定（可配置）。',
    },
    notice: {
      clock: 'notice',
      label: '响应时限（联系诉求人）',
      startEvent: '承办单位收到派单之时',
      limit: { hours: 24 },
      statutory: false,
      article: `${BJ}第十五条第一项`,
      articleText: '及时联系诉求人，听取诉求人意见建议，了解诉求具体情况。',
      note: '条例要求“及时联系”，未规定小时数，本时限由规则档案设定（可配置）。',
    },
    objection: {
      clock: 'objection',
      label: '派单异议时限',
      startEvent: '承办单位收到派单之时',
      limit: { hours: 24 },
      statutory: false,
      article: `${BJ}第十二条第三款`,
      articleText:
        '承办单位对职责、管辖等有异议的，可以向市民热线服务工作机构提出；市政务服务部门应当建立派单异议审核机制，协调解决派单异议。',
      note: '条例未规定异议时限，本时限由规则档案设定（可配置）。',
    },
    handling: {
      clock: 'handling',
      label: '办理时限',
      startEvent: '承办单位收到派单之时',
      limit: { days: 7 },
      statutory: false,
      article: `${BJ}第十三条`,
      articleText:
        '市民热线服务工作机构实施派单，应当在诉求工单上注明办理时限。办理时限由市政务服务部门会同有关部门依据相关法律、法规、规章、政策规定和行业标准确定。',
      note: '办理时限由市政务服务部门确定，本档案的分级时限为可配置数据。',
      startsOn: 'receipt',
      extension: {
        maxDays: 15,
        statutory: false,
        article: `${BJ}第十五条第二项`,
        articleText: '确需依法延长办理时限的，向诉求人说明理由，并通报市民热线服务工作机构',
      },
      variants: {
        urgent: { label: '办理时限（紧急）', limit: { hours: 2 } },
        utility: {
          label: '办理时限（水电气热）',
          limit: { hours: 24 },
          note: '第十九条：涉及水、电、气、热等重点民生领域的诉求提供全天候服务；时限为可配置数据。',
        },
        ordinary: { label: '办理时限（一般）', limit: { days: 7 } },
        complex: { label: '办理时限（疑难复杂）', limit: { days: 15 } },
      },
    },
  },
  stages: {
    objection: true,
    extension: true,
    review: false,
    recheck: false,
    hearing: false,
    mediation: true,
  },
  settings: {
    maxTransfersWithoutLeader: 3,
    ratingWindowDays: 7,
    basicSatisfiedWeight: 1,
    objectionMinReasonChars: 10,
  },
  references: {
    firstReceiver: {
      article: `${BJ}第十四条`,
      text: '本市对接诉即办工作实行首接负责制，接到派单的单位不得推诿。办理诉求涉及其他单位的，首接单位应当牵头协调办理，其他有关单位应当配合，并在规定期限内将办理结果报送至首接单位。',
    },
    metrics: {
      article: `${BJ}第三十二条第二款`,
      text: '考评应当……以响应率、解决率、满意率为核心内容，以解决诉求为导向。',
    },
    rating: {
      article: `${BJ}第八条第二款`,
      text: '诉求人……有权了解诉求办理情况并作出评价。（评价期限由规则档案设定，可配置。）',
    },
    followUp: {
      article: `${BJ}第二十三条`,
      text: '诉求办理时限期满，市民热线服务工作机构应当通过电话、短信、网络等方式对诉求人进行回访，了解诉求办理情况。',
    },
    sameMatter: {
      article: `${BJ}第十一条第三款第三项`,
      text: '正在办理或者办理完毕，且诉求人没有新情况、新理由又提出同一诉求事项的，告知诉求人办理进展或者办理结果。',
    },
  },
};

export const BUILTIN_PROFILES: readonly RuleProfile[] = [XINFANG_PROFILE, JIESUJIBAN_PROFILE];

/** A clock's terms after applying variants, ready to compute and explain. */
export interface ResolvedClock {
  clock: ClockName;
  label: string;
  startEvent: string;
  limit: Limit;
  statutory: boolean;
  article: string;
  articleText: string;
  note?: string;
  pausable: boolean;
}

/** The clock's terms for a situation; undefined when the profile does not define the clock. */
export function resolveClock(
  profile: RuleProfile,
  clock: ClockName,
  variantKeys: readonly (string | undefined | null)[] = [],
): ResolvedClock | undefined {
  const rule = profile.clocks[clock];
  if (!rule) return undefined;
  const r: ResolvedClock = {
    clock,
    label: rule.label,
    startEvent: rule.startEvent,
    limit: rule.limit,
    statutory: rule.statutory,
    article: rule.article,
    articleText: rule.articleText,
    note: rule.note,
    pausable: rule.pausable ?? false,
  };
  for (const key of variantKeys) {
    const v = key ? rule.variants?.[key] : undefined;
    if (!v) continue;
    if (v.label !== undefined) r.label = v.label;
    if (v.startEvent !== undefined) r.startEvent = v.startEvent;
    if (v.limit !== undefined) r.limit = v.limit;
    if (v.statutory !== undefined) r.statutory = v.statutory;
    if (v.article !== undefined) r.article = v.article;
    if (v.articleText !== undefined) r.articleText = v.articleText;
    if ('note' in v) r.note = v.note;
  }
  return r;
}

/** Lines that head a deadline's explanation: the rule, its source, and whether it is configurable. */
export function ruleLines(c: ResolvedClock): string[] {
  const lines = [`规则：${c.label}${describeLimit(c.limit)}，依据${c.article}：“${c.articleText}”`];
  if (!c.statutory) lines.push(`说明：${c.note ?? '该期限非法定期限，由规则档案设定（可配置）。'}`);
  else if (c.note) lines.push(`说明：${c.note}`);
  lines.push(`起算事件：${c.startEvent}。`);
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// Validation (profiles are edited by admins and stored; never trust them)
// ---------------------------------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

function limitOf(v: unknown): Limit | null {
  if (!isObject(v)) return null;
  const keys = Object.keys(v);
  if (keys.length !== 1) return null;
  const key = keys[0];
  const n = key === undefined ? undefined : v[key];
  if (typeof n !== 'number') return null;
  if (key === 'days') return { days: n };
  if (key === 'workingDays') return { workingDays: n };
  if (key === 'hours') return { hours: n };
  return null;
}

function limitExceeds(limit: Limit, max: Limit): boolean {
  if ('days' in limit && 'days' in max) return limit.days > max.days;
  if ('workingDays' in limit && 'workingDays' in max) return limit.workingDays > max.workingDays;
  if ('hours' in limit && 'hours' in max) return limit.hours > max.hours;
  // A different unit cannot be compared safely: an admin must keep the statutory unit.
  return true;
}

function sameUnit(a: Limit, b: Limit): boolean {
  return Object.keys(a)[0] === Object.keys(b)[0];
}

function limitProblem(where: string, limit: Limit, max: Limit): string {
  return sameUnit(limit, max)
    ? `${where}：${describeLimit(limit)}超过法定期限${describeLimit(max)}`
    : `${where}：计算单位必须与法定期限一致（${describeLimit(max)}）`;
}

function checkTerms(where: string, t: Record<string, unknown>, errors: string[], partial: boolean): void {
  if (!partial || 'limit' in t) {
    const limit = limitOf(t.limit);
    if (!limit) errors.push(`${where}：期限格式无效（应为 {days}、{workingDays} 或 {hours} 之一）`);
    else {
      const e = validateLimit(limit);
      if (e) errors.push(`${where}：${e}`);
    }
  }
  if ((!partial || 'statutory' in t) && typeof t.statutory !== 'boolean')
    errors.push(`${where}：statutory 必须是布尔值`);
  if ((!partial || 'article' in t) && !nonEmpty(t.article)) errors.push(`${where}：必须注明条文出处`);
  if ((!partial || 'articleText' in t) && !nonEmpty(t.articleText)) errors.push(`${where}：必须引用条文原文`);
  if (t.legalMax !== undefined && !limitOf(t.legalMax)) errors.push(`${where}：法定上限格式无效`);
}

export type ProfileValidation = { ok: true; profile: RuleProfile } | { ok: false; errors: string[] };

/** Validate a profile (e.g. as edited by an admin). Messages are Chinese. */
export function validateProfile(input: unknown): ProfileValidation {
  const errors: string[] = [];
  return isRuleProfile(input, errors) ? { ok: true, profile: input } : { ok: false, errors };
}

/** True when `input` is a valid RuleProfile; otherwise `errors` says (in Chinese) what is wrong. */
function isRuleProfile(input: unknown, errors: string[]): input is RuleProfile {
  if (!isObject(input)) {
    errors.push('规则档案必须是对象');
    return false;
  }
  if (!nonEmpty(input.id)) errors.push('规则档案编号不能为空');
  if (!Number.isInteger(input.version) || (input.version as number) < 1) errors.push('版本号必须是正整数');
  if (!nonEmpty(input.name)) errors.push('规则档案名称不能为空');
  if (!nonEmpty(input.source)) errors.push('必须注明依据的法规');
  if (!isObject(input.clocks)) errors.push('clocks 必须是对象');
  if (!isObject(input.references)) errors.push('references 必须是对象');
  const clocks = isObject(input.clocks) ? input.clocks : {};
  for (const [key, raw] of Object.entries(clocks)) {
    const where = `期限“${key}”`;
    if (!(CLOCK_NAMES as readonly string[]).includes(key)) {
      errors.push(`${where}：未知的期限名称`);
      continue;
    }
    if (!isObject(raw)) {
      errors.push(`${where}：必须是对象`);
      continue;
    }
    if (raw.clock !== key) errors.push(`${where}：clock 字段必须与键名一致`);
    if (!nonEmpty(raw.label)) errors.push(`${where}：名称不能为空`);
    if (!nonEmpty(raw.startEvent)) errors.push(`${where}：必须说明起算事件`);
    checkTerms(where, raw, errors, false);
    if (raw.statutory === false && !nonEmpty(raw.note)) {
      errors.push(`${where}：非法定期限必须附说明（例如“条例未规定日数，由规则档案设定”）`);
    }
    const base = limitOf(raw.limit);
    const max = limitOf(raw.legalMax);
    if (base && max && raw.statutory === true && limitExceeds(base, max)) {
      errors.push(limitProblem(where, base, max));
    }
    if (raw.variants !== undefined) {
      if (!isObject(raw.variants)) errors.push(`${where}：variants 必须是对象`);
      else {
        for (const [vk, v] of Object.entries(raw.variants)) {
          if (!isObject(v)) {
            errors.push(`${where}（${vk}）：必须是对象`);
            continue;
          }
          checkTerms(`${where}（${vk}）`, v, errors, true);
          const vl = limitOf(v.limit) ?? base;
          const vm = 'legalMax' in v ? limitOf(v.legalMax) : max;
          const vs = 'statutory' in v ? v.statutory : raw.statutory;
          if (vl && vm && vs === true && limitExceeds(vl, vm))
            errors.push(limitProblem(`${where}（${vk}）`, vl, vm));
        }
      }
    }
    if (raw.extension !== undefined) {
      const ext = raw.extension;
      if (!isObject(ext) || !Number.isInteger(ext.maxDays) || (ext.maxDays as number) < 1) {
        errors.push(`${where}：延期上限必须是正整数日`);
      } else {
        if (!nonEmpty(ext.article) || !nonEmpty(ext.articleText))
          errors.push(`${where}：延期必须注明条文出处`);
        // 《信访工作条例》第三十四条: "延长期限不得超过30日".
        if (ext.statutory === true && (ext.maxDays as number) > 30)
          errors.push(`${where}：延长期限不得超过30日`);
      }
    }
    if (raw.startsOn !== undefined && raw.startsOn !== 'acceptance' && raw.startsOn !== 'receipt') {
      errors.push(`${where}：startsOn 只能是 acceptance 或 receipt`);
    }
  }
  if (!clocks.handling) errors.push('必须定义办理期限（handling）');
  const stages = isObject(input.stages) ? input.stages : null;
  if (!stages) errors.push('stages 必须是对象');
  else {
    for (const k of ['objection', 'extension', 'review', 'recheck', 'hearing', 'mediation']) {
      if (typeof stages[k] !== 'boolean') errors.push(`stages.${k} 必须是布尔值`);
    }
    if (stages.review === true && (!clocks.reviewRequest || !clocks.review)) {
      errors.push('启用复查时必须定义 reviewRequest 和 review 期限（第三十五条）');
    }
    if (stages.recheck === true && (!clocks.recheckRequest || !clocks.recheck)) {
      errors.push('启用复核时必须定义 recheckRequest 和 recheck 期限（第三十六条）');
    }
    if (stages.recheck === true && stages.review !== true) errors.push('启用复核必须先启用复查');
    if (stages.objection === true && !clocks.objection) errors.push('启用异议时必须定义 objection 期限');
    if (stages.extension === true && !(isObject(clocks.handling) && clocks.handling.extension)) {
      errors.push('启用延期时必须在办理期限中定义 extension');
    }
    if (stages.hearing === true && stages.recheck !== true)
      errors.push('听证仅适用于复核（第三十六条第二款）');
  }
  const settings = isObject(input.settings) ? input.settings : null;
  if (!settings) errors.push('settings 必须是对象');
  else {
    const int = (k: string, min: number): void => {
      if (!Number.isInteger(settings[k]) || (settings[k] as number) < min)
        errors.push(`settings.${k} 必须是不小于${min}的整数`);
    };
    int('maxTransfersWithoutLeader', 1);
    int('ratingWindowDays', 1);
    int('objectionMinReasonChars', 0);
    const w = settings.basicSatisfiedWeight;
    if (typeof w !== 'number' || !(w >= 0 && w <= 1))
      errors.push('settings.basicSatisfiedWeight 必须在 0 到 1 之间');
  }
  return errors.length === 0;
}

export function findProfile(
  ref: ProfileRef,
  profiles: readonly RuleProfile[] = BUILTIN_PROFILES,
): RuleProfile | undefined {
  return profiles.find((p) => p.id === ref.id && p.version === ref.version);
}
