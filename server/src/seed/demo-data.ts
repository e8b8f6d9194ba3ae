/**
 * Demo data for 临江市 (a fictional city; region codes 9901xx are not real ones). Realistic shape:
 * the city government and its 信访局, three districts/counties each with a government, 信访局, 职能部门
 * and 街道/乡镇, plus the city 纪委监委 and 政法委. Used by the DEMO seed and by tests.
 */
import type { Role } from '../modules/users/user.model';
import type { UNIT_KINDS } from '../modules/units/unit.model';

export interface DemoUnit {
  code: string;
  name: string;
  kind: (typeof UNIT_KINDS)[number];
  parentCode: string | null;
  regionCode: string;
}

const CITY = '990100';
const DISTRICTS = [
  { region: '990102', name: '临江市江东区', short: 'jd', streets: ['滨江街道', '新华街道', '东湖街道'] },
  { region: '990103', name: '临江市江西区', short: 'jx', streets: ['西城街道', '长乐街道'] },
  { region: '990121', name: '临江市青山县', short: 'qs', streets: ['青山镇', '石门乡', '白沙镇'] },
];
const BUREAUS = [
  { short: 'zjj', name: '住房和城乡建设局' },
  { short: 'rsj', name: '人力资源和社会保障局' },
  { short: 'sthjj', name: '生态环境分局' },
  { short: 'scjgj', name: '市场监督管理局' },
  { short: 'jyj', name: '教育局' },
];

function buildUnits(): DemoUnit[] {
  const units: DemoUnit[] = [
    { code: 'lj-gov', name: '临江市人民政府', kind: '人民政府', parentCode: null, regionCode: CITY },
    { code: 'lj-xfj', name: '临江市信访局', kind: '信访部门', parentCode: 'lj-gov', regionCode: CITY },
    {
      code: 'lj-zjj',
      name: '临江市住房和城乡建设局',
      kind: '职能部门',
      parentCode: 'lj-gov',
      regionCode: CITY,
    },
    {
      code: 'lj-rsj',
      name: '临江市人力资源和社会保障局',
      kind: '职能部门',
      parentCode: 'lj-gov',
      regionCode: CITY,
    },
    { code: 'lj-jw', name: '临江市纪委监委', kind: '纪检监察', parentCode: null, regionCode: CITY },
    { code: 'lj-zfw', name: '临江市委政法委', kind: '政法', parentCode: null, regionCode: CITY },
  ];
  for (const d of DISTRICTS) {
    const gov = `${d.short}-gov`;
    const suffix = d.name.endsWith('县') ? '县' : '区';
    units.push({
      code: gov,
      name: `${d.name}人民政府`,
      kind: '人民政府',
      parentCode: 'lj-gov',
      regionCode: d.region,
    });
    units.push({
      code: `${d.short}-xfj`,
      name: `${d.name}信访局`,
      kind: '信访部门',
      parentCode: gov,
      regionCode: d.region,
    });
    for (const b of BUREAUS) {
      units.push({
        code: `${d.short}-${b.short}`,
        name: `${d.name}${b.name.replace('分局', suffix === '县' ? '局' : '分局')}`,
        kind: '职能部门',
        parentCode: gov,
        regionCode: d.region,
      });
    }
    d.streets.forEach((s, i) =>
      units.push({
        code: `${d.short}-st${i + 1}`,
        name: `${d.name}${s}`,
        kind: '乡镇街道',
        parentCode: gov,
        regionCode: d.region,
      }),
    );
  }
  return units;
}

export const DEMO_UNITS: DemoUnit[] = buildUnits();

export interface DemoUser {
  username?: string;
  displayName: string;
  roles: Role[];
  unitCode: string | null;
  /** Residents: a demo phone (stored encrypted). */
  phone?: string;
  note: string;
}

/** Demo accounts listed in the README. Staff log in by username; residents by phone (DEMO SMS code). */
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'clerk.city',
    displayName: '王晓燕',
    roles: ['clerk'],
    unitCode: 'lj-xfj',
    note: '市信访局 登记员',
  },
  {
    username: 'head.city',
    displayName: '陈建国',
    roles: ['unit_head'],
    unitCode: 'lj-xfj',
    note: '市信访局 负责人',
  },
  {
    username: 'clerk.jd',
    displayName: '李明',
    roles: ['clerk'],
    unitCode: 'jd-xfj',
    note: '江东区信访局 登记员',
  },
  {
    username: 'head.jd',
    displayName: '赵立新',
    roles: ['unit_head'],
    unitCode: 'jd-xfj',
    note: '江东区信访局 负责人',
  },
  {
    username: 'handler.jd',
    displayName: '韩雪',
    roles: ['handler'],
    unitCode: 'jd-xfj',
    note: '江东区信访局 承办人（本局受理的事项）',
  },
  {
    username: 'handler.jd.zjj',
    displayName: '孙浩',
    roles: ['clerk', 'handler'],
    unitCode: 'jd-zjj',
    note: '江东区住建局 承办人',
  },
  {
    username: 'head.jd.zjj',
    displayName: '周红梅',
    roles: ['unit_head'],
    unitCode: 'jd-zjj',
    note: '江东区住建局 负责人',
  },
  {
    username: 'handler.jd.rsj',
    displayName: '吴静',
    roles: ['clerk', 'handler'],
    unitCode: 'jd-rsj',
    note: '江东区人社局 承办人',
  },
  {
    username: 'head.jd.rsj',
    displayName: '郑伟',
    roles: ['unit_head'],
    unitCode: 'jd-rsj',
    note: '江东区人社局 负责人',
  },
  {
    username: 'handler.jd.sthjj',
    displayName: '许文',
    roles: ['clerk', 'handler'],
    unitCode: 'jd-sthjj',
    note: '江东区生态环境分局 承办人',
  },
  {
    username: 'handler.jd.st1',
    displayName: '钱芳',
    roles: ['clerk', 'handler'],
    unitCode: 'jd-st1',
    note: '滨江街道 承办人',
  },
  {
    username: 'head.jd.sthjj',
    displayName: '陶敏',
    roles: ['unit_head'],
    unitCode: 'jd-sthjj',
    note: '江东区生态环境分局 负责人（签发答复）',
  },
  {
    username: 'head.jd.st1',
    displayName: '秦磊',
    roles: ['unit_head'],
    unitCode: 'jd-st1',
    note: '滨江街道 负责人（签发答复）',
  },
  {
    username: 'head.jd.gov',
    displayName: '冯志强',
    roles: ['unit_head'],
    unitCode: 'jd-gov',
    note: '江东区政府 负责人（复查）',
  },
  {
    username: 'head.city.gov',
    displayName: '刘德明',
    roles: ['unit_head'],
    unitCode: 'lj-gov',
    note: '市政府 负责人（复核）',
  },
  {
    username: 'clerk.jx',
    displayName: '何丽',
    roles: ['clerk'],
    unitCode: 'jx-xfj',
    note: '江西区信访局 登记员',
  },
  {
    username: 'clerk.qs',
    displayName: '马军',
    roles: ['clerk'],
    unitCode: 'qs-xfj',
    note: '青山县信访局 登记员',
  },
  {
    username: 'grid.jd.st1',
    displayName: '刘桂兰',
    roles: ['grid_worker'],
    unitCode: 'jd-st1',
    note: '滨江街道 网格员',
  },
  {
    username: 'leader.city',
    displayName: '黄振华',
    roles: ['leader'],
    unitCode: 'lj-gov',
    note: '市领导（全市看板）',
  },
  { username: 'leader.jd', displayName: '林海', roles: ['leader'], unitCode: 'jd-gov', note: '江东区领导' },
  { username: 'auditor', displayName: '审计员', roles: ['auditor'], unitCode: 'lj-xfj', note: '审计员' },
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], unitCode: 'lj-xfj', note: '管理员' },
  {
    // DOMAIN.md §13: granting 审计员 or 管理员 takes a second administrator's approval
    username: 'admin2',
    displayName: '复核管理员',
    roles: ['admin'],
    unitCode: 'lj-xfj',
    note: '第二名管理员（审批审计员、管理员授权）',
  },
  {
    displayName: '张秀英',
    roles: ['resident'],
    unitCode: null,
    phone: '13800000001',
    note: '群众（住房问题）',
  },
  {
    displayName: '王建军',
    roles: ['resident'],
    unitCode: null,
    phone: '13800000002',
    note: '群众（欠薪问题）',
  },
  {
    displayName: '李桂芝',
    roles: ['resident'],
    unitCode: null,
    phone: '13800000003',
    note: '群众（环境问题）',
  },
  {
    displayName: '陈强',
    roles: ['resident'],
    unitCode: null,
    phone: '13800000004',
    note: '群众（检举控告）',
  },
];

export interface DemoCategory {
  code: string;
  name: string;
  parentCode: string | null;
  hint: string;
}

/** Subject areas commonly used by 信访 statistics, two levels. */
export const DEMO_CATEGORIES: DemoCategory[] = [
  { code: 'cxjs', name: '城乡建设', parentCode: null, hint: '住房和城乡建设' },
  { code: 'cxjs-wy', name: '物业管理', parentCode: 'cxjs', hint: '住房和城乡建设' },
  { code: 'cxjs-zx', name: '房屋质量与交付', parentCode: 'cxjs', hint: '住房和城乡建设' },
  { code: 'cxjs-cq', name: '征收拆迁', parentCode: 'cxjs', hint: '住房和城乡建设' },
  { code: 'ldsb', name: '劳动和社会保障', parentCode: null, hint: '人力资源和社会保障' },
  { code: 'ldsb-qx', name: '拖欠工资', parentCode: 'ldsb', hint: '人力资源和社会保障' },
  { code: 'ldsb-sb', name: '社会保险', parentCode: 'ldsb', hint: '人力资源和社会保障' },
  { code: 'hbzy', name: '生态环境', parentCode: null, hint: '生态环境' },
  { code: 'hbzy-zs', name: '噪声扰民', parentCode: 'hbzy', hint: '生态环境' },
  { code: 'hbzy-wr', name: '大气与水污染', parentCode: 'hbzy', hint: '生态环境' },
  { code: 'scjg', name: '市场监管', parentCode: null, hint: '市场监督管理' },
  { code: 'scjg-sp', name: '食品安全', parentCode: 'scjg', hint: '市场监督管理' },
  { code: 'jywt', name: '教育', parentCode: null, hint: '教育' },
  { code: 'jywt-rx', name: '入学与学位', parentCode: 'jywt', hint: '教育' },
  { code: 'jjjc', name: '纪检监察', parentCode: null, hint: '纪检监察' },
  { code: 'jjjc-gb', name: '干部作风', parentCode: 'jjjc', hint: '纪检监察' },
  { code: 'zfss', name: '政法', parentCode: null, hint: '政法' },
  { code: 'zfss-sf', name: '涉法涉诉', parentCode: 'zfss', hint: '政法' },
];
