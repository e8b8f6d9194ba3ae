/**
 * Who may do what, as data (the server generates its authorization matrix from PERMISSIONS). A grant is a
 * role plus a scope: the relation between the actor and the case that must hold. `decide` checks these
 * before any rule of the regulation; exclusions (recusal 第二十八条第三款, accused unit 第三十条第三款) are
 * checked on top and always win.
 */
import type { ActionType, Actor, CaseSnapshot, Channel, PersonFacts, Role } from './case-model';
import type { UnitTree } from './units';

export type Scope =
  /** A resident acting as the case's petitioner. */
  | 'petitioner'
  /** Staff of the unit that holds the case now. */
  | 'currentUnit'
  /** Staff of the unit that accepted the case (第三十四条). */
  | 'handlingUnit'
  /** Staff of the unit that owes the current stage's reply: handling, 复查 or 复核 unit. */
  | 'stageUnit'
  /** Staff of the 复核 unit (hearings, 第三十六条第二款). */
  | 'recheckUnit'
  /** Staff of the unit that transferred the case and must rule on the pending objection (第二十三条第三款). */
  | 'transferringUnit'
  /** A unit at or above the current unit (leaders: 督办, 包案, transfer decisions). */
  | 'ancestorOrSelfOfCurrent'
  /** A 信访部门 of the current unit's level or above (its parent government is at or above the current unit; 第四十条 督办). */
  | 'bureauOverCurrent'
  /** Staff of any unit the case has passed through. */
  | 'pathUnit'
  /** The action concerns the actor personally (self-recusal). */
  | 'self'
  /** The person the action names is staff of the actor's own unit, not the actor, not a leader or auditor. */
  | 'ownUnitStaff'
  /** The person the action names works at or below the actor's unit (a leader above them), not the actor. */
  | 'superiorOf';

export interface PermissionGrant {
  role: Role;
  scope: Scope;
  /** Chinese description for the matrix. */
  description: string;
  article?: string;
}

const XF = '《信访工作条例》';

export const PERMISSIONS: Record<ActionType, readonly PermissionGrant[]> = {
  register: [
    {
      role: 'clerk',
      scope: 'currentUnit',
      description: '收件单位登记员登记',
      article: `${XF}第二十二条、第二十三条`,
    },
  ],
  route: [
    {
      role: 'clerk',
      scope: 'currentUnit',
      description: '当前单位登记员转送、交办',
      article: `${XF}第二十二条、第二十三条第一款`,
    },
    {
      role: 'leader',
      scope: 'ancestorOrSelfOfCurrent',
      description: '上级领导决定转送（超过转送次数上限或受理争议时）',
      article: `${XF}第二十四条`,
    },
  ],
  object: [
    {
      role: 'clerk',
      scope: 'currentUnit',
      description: '接收单位登记员提出异议',
      article: `${XF}第二十三条第三款`,
    },
    {
      role: 'unit_head',
      scope: 'currentUnit',
      description: '接收单位负责人提出异议',
      article: `${XF}第二十三条第三款`,
    },
  ],
  decideObjection: [
    {
      role: 'unit_head',
      scope: 'transferringUnit',
      description: '转送、交办单位负责人核实异议',
      article: `${XF}第二十三条第三款`,
    },
  ],
  accept: [
    { role: 'clerk', scope: 'currentUnit', description: '当前单位登记员受理', article: `${XF}第二十三条` },
  ],
  notAccept: [
    {
      role: 'clerk',
      scope: 'currentUnit',
      description: '当前单位登记员不予受理并告知途径',
      article: `${XF}第二十三条、第三十一条`,
    },
  ],
  requestExtension: [
    { role: 'handler', scope: 'handlingUnit', description: '承办人申请延期', article: `${XF}第三十四条` },
  ],
  decideExtension: [
    {
      role: 'unit_head',
      scope: 'handlingUnit',
      description: '办理单位负责人批准延期',
      article: `${XF}第三十四条`,
    },
  ],
  // The opinion is the unit's answer (第三十二条): a handler drafts it, only the unit head issues it — by
  // signing the draft, or directly when the head handles the matter alone.
  reply: [
    {
      role: 'unit_head',
      scope: 'stageUnit',
      description: '单位负责人直接签发意见书',
      article: `${XF}第三十二条、第三十五条、第三十六条`,
    },
  ],
  draftReply: [
    {
      role: 'handler',
      scope: 'stageUnit',
      description: '承办人起草意见书，报单位负责人签发',
      article: `${XF}第三十二条`,
    },
  ],
  signReply: [
    {
      role: 'unit_head',
      scope: 'stageUnit',
      description: '单位负责人签发或退回意见书草稿',
      article: `${XF}第三十二条`,
    },
  ],
  mediate: [
    {
      role: 'handler',
      scope: 'handlingUnit',
      description: '承办人记录调解、和解协议',
      article: `${XF}第三十三条`,
    },
    {
      role: 'unit_head',
      scope: 'handlingUnit',
      description: '单位负责人记录调解、和解协议',
      article: `${XF}第三十三条`,
    },
  ],
  rate: [
    { role: 'resident', scope: 'petitioner', description: '信访人评价', article: `${XF}第二十一条第二款` },
  ],
  requestReview: [
    { role: 'resident', scope: 'petitioner', description: '信访人请求复查', article: `${XF}第三十五条` },
  ],
  requestRecheck: [
    { role: 'resident', scope: 'petitioner', description: '信访人请求复核', article: `${XF}第三十六条` },
  ],
  startHearing: [
    {
      role: 'handler',
      scope: 'recheckUnit',
      description: '复核单位承办人组织听证',
      article: `${XF}第三十六条第二款`,
    },
    {
      role: 'unit_head',
      scope: 'recheckUnit',
      description: '复核单位负责人组织听证',
      article: `${XF}第三十六条第二款`,
    },
  ],
  endHearing: [
    {
      role: 'handler',
      scope: 'recheckUnit',
      description: '复核单位承办人结束听证',
      article: `${XF}第三十六条第二款`,
    },
    {
      role: 'unit_head',
      scope: 'recheckUnit',
      description: '复核单位负责人结束听证',
      article: `${XF}第三十六条第二款`,
    },
  ],
  withdraw: [
    { role: 'resident', scope: 'petitioner', description: '信访人撤回', article: `${XF}第十七条第二款` },
  ],
  archive: [
    {
      role: 'clerk',
      scope: 'currentUnit',
      description: '当前单位登记员办结归档',
      article: `${XF}第三十五条、第三十六条`,
    },
    {
      role: 'unit_head',
      scope: 'currentUnit',
      description: '当前单位负责人办结归档',
      article: `${XF}第三十五条、第三十六条`,
    },
  ],
  supervise: [
    {
      role: 'leader',
      scope: 'ancestorOrSelfOfCurrent',
      description: '本级或上级领导督办',
      article: `${XF}第十八条第二款`,
    },
    {
      role: 'unit_head',
      scope: 'bureauOverCurrent',
      description: '信访部门负责人督办',
      article: `${XF}第四十条`,
    },
  ],
  takeCharge: [
    {
      role: 'leader',
      scope: 'ancestorOrSelfOfCurrent',
      description: '本级或上级领导包案',
      article: `${XF}第十八条第二款`,
    },
  ],
  recuse: [
    { role: 'clerk', scope: 'self', description: '工作人员自行回避', article: `${XF}第二十八条第三款` },
    { role: 'handler', scope: 'self', description: '工作人员自行回避', article: `${XF}第二十八条第三款` },
    { role: 'unit_head', scope: 'self', description: '工作人员自行回避', article: `${XF}第二十八条第三款` },
    { role: 'leader', scope: 'self', description: '领导自行回避', article: `${XF}第二十八条第三款` },
    {
      role: 'unit_head',
      scope: 'ownUnitStaff',
      description: '单位负责人决定本单位工作人员回避',
      article: `${XF}第二十八条第三款`,
    },
  ],
  liftRecusal: [
    {
      role: 'unit_head',
      scope: 'ownUnitStaff',
      description: '单位负责人解除本单位工作人员的回避',
      article: `${XF}第二十八条第三款`,
    },
    {
      role: 'leader',
      scope: 'superiorOf',
      description: '上级领导解除回避',
      article: `${XF}第二十八条第三款`,
    },
  ],
};

/** Who may open (file or register) a new case, by channel. */
export const OPEN_PERMISSIONS: readonly { role: Role; channels: readonly Channel[]; description: string }[] =
  [
    { role: 'resident', channels: ['online'], description: '信访人网上提交（本人）' },
    { role: 'grid_worker', channels: ['grid'], description: '网格员代办（须记录信访人同意）' },
    {
      role: 'clerk',
      channels: ['letter', 'visit', 'phone', 'hotline12345'],
      description: '本单位登记员登记来信、来访、来电、12345转办',
    },
  ];

const STAFF_ROLES: readonly Role[] = ['clerk', 'handler', 'unit_head', 'leader'];

export function isStaff(actor: Actor): boolean {
  return actor.roles.some((r) => STAFF_ROLES.includes(r)) && !!actor.unitId;
}

function stageUnitOf(c: CaseSnapshot): string | null {
  if (c.state === 'reviewing') return c.reviewUnitId;
  if (c.state === 'rechecking') return c.recheckUnitId;
  return c.handlingUnitId;
}

/**
 * What a grant looks at in an action: its type and, for 回避 and its lifting (scopes `self`, `ownUnitStaff`,
 * `superiorOf`), whose recusal it is. A whole `Action` is one; so is an availability probe that has no form
 * data yet.
 */
export interface GrantQuery {
  type: ActionType;
  userId?: string;
}

/** The person an action names (recuse, liftRecusal), if any. */
const namedPerson = (action: GrantQuery): string | undefined =>
  action.type === 'recuse' || action.type === 'liftRecusal' ? action.userId : undefined;

/** Roles nobody's recusal may touch: the auditor's oversight, a leader's (only a leader above). */
const OVERSIGHT: readonly Role[] = ['auditor', 'admin'];

export function scopeHolds(
  scope: Scope,
  actor: Actor,
  c: CaseSnapshot,
  action: GrantQuery,
  units: UnitTree,
  persons: Readonly<Record<string, PersonFacts>> = {},
): boolean {
  const unit = actor.unitId;
  switch (scope) {
    case 'petitioner':
      return !!actor.petitionerId && actor.petitionerId === c.petitioner.id;
    case 'currentUnit':
      return !!unit && unit === c.currentUnitId;
    case 'handlingUnit':
      return !!unit && unit === c.handlingUnitId;
    case 'stageUnit':
      return !!unit && unit === stageUnitOf(c);
    case 'recheckUnit':
      return !!unit && unit === c.recheckUnitId;
    case 'transferringUnit': {
      const pending = c.objections.find((o) => o.status === 'pending');
      return !!unit && !!pending && pending.transferringUnitId === unit;
    }
    case 'ancestorOrSelfOfCurrent':
      return !!unit && units.has(unit) && units.isSameOrUnder(c.currentUnitId, unit);
    case 'bureauOverCurrent': {
      if (!unit || units.get(unit)?.kind !== '信访部门') return false;
      const level = units.parentOf(unit)?.id ?? unit;
      return units.isSameOrUnder(c.currentUnitId, unit) || units.isSameOrUnder(c.currentUnitId, level);
    }
    case 'pathUnit':
      return !!unit && c.path.includes(unit);
    case 'self':
      return action.type === 'recuse' && action.userId === actor.userId;
    case 'ownUnitStaff': {
      const who = namedPerson(action);
      const p = who ? persons[who] : undefined;
      return (
        !!unit &&
        !!p &&
        who !== actor.userId &&
        p.unitId === unit &&
        !p.roles.some((r) => r === 'leader' || OVERSIGHT.includes(r))
      );
    }
    case 'superiorOf': {
      const who = namedPerson(action);
      const p = who ? persons[who] : undefined;
      if (!unit || !p?.unitId || who === actor.userId || !units.has(unit) || !units.has(p.unitId))
        return false;
      if (p.roles.some((r) => OVERSIGHT.includes(r))) return false;
      // a leader's recusal is lifted from above, not by a peer of the same unit
      return p.roles.includes('leader')
        ? units.isAncestor(unit, p.unitId)
        : units.isSameOrUnder(p.unitId, unit);
    }
  }
}

/** The first grant that lets this actor do this action on this case, or null. */
export function matchingGrant(
  actor: Actor,
  c: CaseSnapshot,
  action: GrantQuery,
  units: UnitTree,
  persons: Readonly<Record<string, PersonFacts>> = {},
): PermissionGrant | null {
  for (const g of PERMISSIONS[action.type]) {
    if (actor.roles.includes(g.role) && scopeHolds(g.scope, actor, c, action, units, persons)) return g;
  }
  return null;
}

/** Flat rows for the server's authorization matrix / admin UI. */
export function authorizationMatrix(): {
  action: ActionType | 'open';
  role: Role;
  scope: string;
  description: string;
}[] {
  const rows: { action: ActionType | 'open'; role: Role; scope: string; description: string }[] = [];
  for (const g of OPEN_PERMISSIONS) {
    rows.push({
      action: 'open',
      role: g.role,
      scope: `channels:${g.channels.join(',')}`,
      description: g.description,
    });
  }
  for (const [action, grants] of Object.entries(PERMISSIONS) as [ActionType, readonly PermissionGrant[]][]) {
    for (const g of grants) rows.push({ action, role: g.role, scope: g.scope, description: g.description });
  }
  return rows;
}
