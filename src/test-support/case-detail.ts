import type { PetitionerCaseDetail, StaffCaseDetail } from '../api/types';

/** What both views of a case carry (shape from the contract). */
const common: Omit<PetitionerCaseDetail, 'view'> = {
  id: 'c1',
  number: 'XF-2026-990102-000001',
  title: '楼道灯不亮',
  state: 'accepted',
  stateLabel: '已受理办理中',
  category: 'claim',
  channel: 'online',
  receivedAt: '2026-10-01T10:00:00+08:00',
  updatedAt: '2026-11-20T10:00:00+08:00',
  currentUnit: { id: 'jd-zjj', name: '住建局' },
  firstReceiver: { id: 'jd-xfj', name: '信访局' },
  nextDue: null,
  nextDueLabel: null,
  overdue: false,
  version: 3,
  content: {
    title: '楼道灯不亮',
    request: '修好楼道灯',
    facts: '三楼灯坏了一个月',
    reasons: '',
    subjectCode: null,
    location: null,
  },
  petitioner: { name: '陈强', phone: null, masked: false },
  handlingUnit: { id: 'jd-zjj', name: '住建局' },
  deadlines: [],
  replies: [],
  ratings: [],
  materials: [],
  proposal: null,
  availableActions: [],
  attachments: [],
  notAccepted: null,
  extension: null,
  events: [],
};

/** A case detail as the server sends it to staff (the staff view), for component tests. */
export function staffCaseDetail(overrides: Partial<StaffCaseDetail> = {}): StaffCaseDetail {
  return {
    view: 'staff',
    ...common,
    // the staff view's own shapes of these (with staff ids and internal notes)
    events: [],
    notAccepted: null,
    extension: null,
    viewBasis: '承办单位',
    supervising: false,
    notes: [],
    accused: null,
    accusedHidden: false,
    recusals: [],
    repeatOf: null,
    firstTime: true,
    ...overrides,
  };
}

/** A case detail as the server sends it to the petitioner (their own view), for component tests. */
export function petitionerCaseDetail(overrides: Partial<PetitionerCaseDetail> = {}): PetitionerCaseDetail {
  return { view: 'petitioner', ...common, ...overrides };
}
