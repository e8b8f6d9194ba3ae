import { Schema, type Connection } from 'mongoose';
import type { CaseFacts, ExclusionParties } from '../../domain';

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
  /** Cases routed by 转送 / 交办 at least once (第二十二条). */
  transferred: number;
  assigned: number;
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
  'transferred',
  'assigned',
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
  /** Who is excluded from reading the case (null: nobody); `rkey` is its canonical text ('' for null). */
  parties: ExclusionParties | null;
  rkey: string;
  c: FactCounts;
}

/** The sums of a set of cases: count, by channel, and every fact count. */
export interface Cell {
  cases: number;
  ch: Record<(typeof CHANNEL_KEYS)[number], number>;
  c: FactCounts;
}

/** Cells by category and by (current) unit. */
export interface RollupPart {
  cats: Record<string, Cell>;
  units: Record<string, Cell>;
}

/**
 * Cases some readers must not count (recusal, 检举控告 accused unit/person: 第二十八条第三款, 第三十条第三款),
 * kept apart per set of exclusion parties so a reader's figures add only the parts the domain lets them see.
 */
export interface RestrictedPart extends RollupPart {
  key: string;
  parties: ExclusionParties;
}

/**
 * One document per (granularity, scope, bucket): `_id` = `d|<scope>|YYYY-MM-DD` or `m|<scope>|YYYY-MM`, where
 * scope is a unit (its whole subtree) or `*` (every unit). A reader computes the ids of the period and fetches
 * them by `_id` (the one index mongo-java-server uses), so a figure costs O(months + edge days) documents.
 */
export interface RollupDoc {
  _id: string;
  gran: 'd' | 'm';
  scope: string;
  bucket: string;
  month: string;
  open: RollupPart;
  restricted: RestrictedPart[];
}

export interface DashboardMetaDoc {
  _id: string;
  /** Cases updated at or after this instant are refreshed next time (ISO with +08:00). */
  watermark: string;
  lastRunAt: string;
  /** Shape of the stored facts/roll-ups (dashboard.facts.ts ROLLUP_VERSION); another value forces a rebuild. */
  version?: number;
  /** The first and last China dates of receipt with facts: an open period's bounds. */
  firstDate?: string | null;
  lastDate?: string | null;
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
    parties: { type: Mixed, default: null },
    rkey: { type: String, default: '' },
    c: { type: Mixed, required: true },
  },
  { collection: 'case_facts', versionKey: false, strict: false },
);
CaseFactsSchema.index({ receivedDate: 1 });
CaseFactsSchema.index({ ancestors: 1, receivedDate: 1 });

const RollupSchema = new Schema<RollupDoc>(
  {
    _id: { type: String, required: true },
    gran: { type: String, required: true },
    scope: { type: String, required: true },
    bucket: { type: String, required: true },
    month: { type: String, required: true },
    open: { type: Mixed, required: true },
    restricted: { type: Mixed, default: [] },
  },
  { collection: 'dashboard_rollups', versionKey: false, minimize: false },
);

const DashboardMetaSchema = new Schema<DashboardMetaDoc>(
  {
    _id: { type: String, required: true },
    watermark: { type: String, required: true },
    lastRunAt: { type: String, required: true },
    version: { type: Number, default: null },
    firstDate: { type: String, default: null },
    lastDate: { type: String, default: null },
  },
  { collection: 'dashboard_meta', versionKey: false },
);

export const caseFactsModel = (conn: Connection) => conn.model<CaseFactsDoc>('CaseFacts', CaseFactsSchema);
export const rollupModel = (conn: Connection) => conn.model<RollupDoc>('DashboardRollup', RollupSchema);
export const dashboardMetaModel = (conn: Connection) =>
  conn.model<DashboardMetaDoc>('DashboardMeta', DashboardMetaSchema);
