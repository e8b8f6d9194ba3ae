import { Schema, type Connection } from 'mongoose';
import type { CaseFacts } from '../../domain';

/** 0/1 flags and counts derived from the domain `CaseFacts`, so roll-ups are plain `$sum`s. */
export interface FactCounts {
  noticeDecided: number;
  noticeOk: number;
  closeDecided: number;
  closeOk: number;
  rateable: number;
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  repeat: number;
  firstTime: number;
  ftRated: number;
  ftSatisfied: number;
  ftBasic: number;
  overdue: number;
  closed: number;
  supervised: number;
  hotline: number;
  hRespDecided: number;
  hRespOk: number;
  hResAnswered: number;
  hResOk: number;
  hRated: number;
  hSatisfied: number;
  hBasic: number;
}
export const COUNT_KEYS = [
  'noticeDecided',
  'noticeOk',
  'closeDecided',
  'closeOk',
  'rateable',
  'rated',
  'satisfied',
  'basic',
  'unsatisfied',
  'repeat',
  'firstTime',
  'ftRated',
  'ftSatisfied',
  'ftBasic',
  'overdue',
  'closed',
  'supervised',
  'hotline',
  'hRespDecided',
  'hRespOk',
  'hResAnswered',
  'hResOk',
  'hRated',
  'hSatisfied',
  'hBasic',
] as const satisfies readonly (keyof FactCounts)[];

export const CHANNEL_KEYS = ['online', 'letter', 'visit', 'phone', 'grid', 'hotline12345'] as const;

/** One document per case: the domain facts plus what the dashboard filters and groups on. */
export interface CaseFactsDoc extends Omit<CaseFacts, 'caseId'> {
  _id: string;
  /** The unit the case is at now: the dashboard attributes each case to exactly one unit. */
  unitId: string;
  /** The unit and all units above it (subtree filtering: `{ ancestors: leaderUnit }`). */
  ancestors: string[];
  regionCode: string | null;
  /** 'none' while unclassified. */
  categoryKey: string;
  /** China date YYYY-MM-DD of receipt, and its month YYYY-MM. */
  receivedDate: string;
  month: string;
  /** Instant the facts were computed at (what "overdue" refers to). */
  asOf: string;
  c: FactCounts;
}

/** Sums per (China date, current unit, category). */
export interface DailyRollupDoc {
  _id: string;
  date: string;
  month: string;
  unitId: string;
  ancestors: string[];
  category: string;
  cases: number;
  channels: Record<(typeof CHANNEL_KEYS)[number], number>;
  c: FactCounts;
}

export interface DashboardMetaDoc {
  _id: string;
  /** Cases updated at or after this instant are refreshed next time (ISO with +08:00). */
  watermark: string;
  lastRunAt: string;
}

const Mixed = Schema.Types.Mixed;

const CaseFactsSchema = new Schema<CaseFactsDoc>(
  {
    _id: { type: String, required: true },
    unitId: { type: String, required: true },
    ancestors: { type: [String], default: [] },
    firstReceiverUnitId: { type: String, default: null },
    regionCode: { type: String, default: null },
    categoryKey: { type: String, required: true },
    receivedDate: { type: String, required: true },
    month: { type: String, required: true },
    asOf: { type: String, required: true },
    c: { type: Mixed, required: true },
  },
  { collection: 'case_facts', versionKey: false, strict: false },
);
CaseFactsSchema.index({ receivedDate: 1 });
CaseFactsSchema.index({ ancestors: 1, receivedDate: 1 });

const DailyRollupSchema = new Schema<DailyRollupDoc>(
  {
    _id: { type: String, required: true },
    date: { type: String, required: true },
    month: { type: String, required: true },
    unitId: { type: String, required: true },
    ancestors: { type: [String], default: [] },
    category: { type: String, required: true },
    cases: { type: Number, required: true },
    channels: { type: Mixed, required: true },
    c: { type: Mixed, required: true },
  },
  { collection: 'daily_rollups', versionKey: false },
);
DailyRollupSchema.index({ date: 1 });
DailyRollupSchema.index({ ancestors: 1, date: 1 });

const DashboardMetaSchema = new Schema<DashboardMetaDoc>(
  {
    _id: { type: String, required: true },
    watermark: { type: String, required: true },
    lastRunAt: { type: String, required: true },
  },
  { collection: 'dashboard_meta', versionKey: false },
);

export const caseFactsModel = (conn: Connection) => conn.model<CaseFactsDoc>('CaseFacts', CaseFactsSchema);
export const dailyRollupModel = (conn: Connection) =>
  conn.model<DailyRollupDoc>('DailyRollup', DailyRollupSchema);
export const dashboardMetaModel = (conn: Connection) =>
  conn.model<DashboardMetaDoc>('DashboardMeta', DashboardMetaSchema);
