/**
 * Metrics from summed counts, through the domain's own functions (the one place formulas live): each
 * function gets stand-in facts that reproduce the sums it reads, so numerator, denominator, rate and
 * formula are the domain's. The tests check the result equals the domain on the raw per-case facts.
 */
import {
  firstTimeSatisfactionRate,
  onTimeClosureRate,
  participationRate,
  repeatRate,
  resolutionRate,
  responseRate,
  satisfactionRate,
  timelyAcceptanceRate,
  type CaseFacts,
  type MetricResult,
} from '../../domain';
import { COUNT_KEYS, type FactCounts } from './dashboard.model';

export interface Totals {
  cases: number;
  c: FactCounts;
}

export function emptyCounts(): FactCounts {
  const c = {} as FactCounts;
  for (const k of COUNT_KEYS) c[k] = 0;
  return c;
}

export function addCounts(into: FactCounts, c: Partial<FactCounts>): FactCounts {
  for (const k of COUNT_KEYS) into[k] += c[k] ?? 0;
  return into;
}

const BASE: CaseFacts = {
  caseId: '',
  profileId: '',
  category: null,
  channel: 'online',
  state: 'submitted' as CaseFacts['state'],
  firstReceiverUnitId: null,
  handlingUnitId: null,
  currentUnitId: '',
  receivedAt: '',
  receivedDay: '',
  firstTime: false,
  repeat: false,
  noticeOnTime: null,
  closedOnTime: null,
  closed: false,
  rateable: 0,
  rated: 0,
  satisfied: 0,
  basic: 0,
  unsatisfied: 0,
  firstStageRating: null,
  responded: null,
  resolved: null,
  overdue: [],
  supervised: false,
  transferred: 0,
  assigned: 0,
};

/** `n` references to one stand-in fact (cheap: no copies). */
function many(n: number, over: Partial<CaseFacts>): CaseFacts[] {
  const f = { ...BASE, ...over };
  return new Array<CaseFacts>(Math.max(0, n)).fill(f);
}

/** A boolean-or-null field: `ok` true, `decided - ok` false. */
function decided(ok: number, dec: number, key: 'noticeOnTime' | 'closedOnTime' | 'responded' | 'resolved') {
  return [...many(ok, { [key]: true }), ...many(dec - ok, { [key]: false })];
}

function ratings(rated: number, satisfied: number, basic: number, rateable = rated): CaseFacts[] {
  return [{ ...BASE, rated, rateable, satisfied, basic, unsatisfied: rated - satisfied - basic }];
}

/** The same list as domain `dashboardMetrics`, from sums. */
export function dashboardMetricsFromCounts(t: Totals, basicWeight = 1): MetricResult[] {
  const c = t.c;
  return [
    timelyAcceptanceRate(decided(c.noticeOk, c.noticeDecided, 'noticeOnTime')),
    onTimeClosureRate(decided(c.closeOk, c.closeDecided, 'closedOnTime')),
    participationRate(ratings(c.rated, c.satisfied, c.basic, c.rateable)),
    satisfactionRate(ratings(c.rated, c.satisfied, c.basic), basicWeight),
    repeatRate([...many(c.repeat, { repeat: true }), ...many(t.cases - c.repeat, {})]),
    firstTimeSatisfactionRate(
      [
        ...many(c.ftSatisfied, { firstTime: true, firstStageRating: 'satisfied' }),
        ...many(c.ftBasic, { firstTime: true, firstStageRating: 'basic' }),
        ...many(c.ftRated - c.ftSatisfied - c.ftBasic, { firstTime: true, firstStageRating: 'unsatisfied' }),
      ],
      basicWeight,
    ),
  ];
}

/** The same list as domain `hotlineMetrics` (over the 12345 cases), from sums. */
export function hotlineMetricsFromCounts(t: Totals, basicWeight = 1): MetricResult[] {
  const c = t.c;
  return [
    responseRate(decided(c.hRespOk, c.hRespDecided, 'responded')),
    resolutionRate(decided(c.hResOk, c.hResAnswered, 'resolved')),
    satisfactionRate(ratings(c.hRated, c.hSatisfied, c.hBasic), basicWeight),
  ];
}
