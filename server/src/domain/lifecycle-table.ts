/**
 * The transition table of the case lifecycle: state × action → state, with the clocks each row starts and
 * stops and the article that allows it. `decide` may only pick one of these rows.
 */
import { type ActionType, CASE_STATES, type CaseState, TERMINAL_STATES } from './case-model';
import type { ClockName } from './profiles';

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
    '在异议期限内提出异议并详细说明理由',
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
    '承办人申请延期（一次，不超过规则档案规定的延长日数，说明理由）',
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
    '在请求复查期限内向原办理单位的上一级请求复查',
  ),
  row(
    'requestRecheck',
    'reviewed',
    'rechecking',
    `${XF}第三十六条第一款`,
    ['recheck'],
    ['recheckRequest'],
    '在请求复核期限内向复查单位的上一级请求复核',
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
