import { Schema, type Connection } from 'mongoose';
import { CASE_STATES, type CaseEvent, type CaseSnapshot } from '../../domain';

/**
 * One case = one document: the domain's CaseSnapshot (state, 首接单位, deadlines, replies, ratings …), the
 * timeline of events, and the petition's content. A state change is one conditional update on
 * {_id, version, state} that also appends the events, so the timeline can never disagree with the state.
 * Nested domain structures are Mixed: the domain module owns their shape and validation.
 */
export interface CaseContent {
  title: string;
  /** 第十九条: the request, the facts and the reasons. */
  request: string;
  facts: string;
  reasons: string;
  subjectCode: string | null;
  location: { address: string; lat?: number; lng?: number } | null;
}

/** Material the petitioner added later (text and/or attachments); keyed for idempotent retries. */
export interface CaseMaterial {
  key: string;
  at: string;
  userId: string;
  text?: string;
  attachmentIds: string[];
}

/** Internal staff note: never shown to the petitioner. */
export interface CaseNote {
  key: string;
  at: string;
  userId: string;
  text: string;
}

/**
 * A side effect waiting to be delivered, written in the SAME conditional update as the state change that
 * caused it (no transactions needed). The outbox job copies each item into `notifications` keyed by `id`
 * (idempotent) and then $pulls it from the case.
 */
export interface OutboxItem {
  /** `${caseId}:${version}:${index}` — stable, so a redelivery cannot duplicate. */
  id: string;
  at: string;
  audience: 'petitioner' | 'unit';
  /** For audience 'petitioner': the petitioner's user id. */
  userId?: string;
  /** For audience 'unit': the unit code to alert (first receiver, owing unit, unit head). */
  unitId?: string;
  /** Document kind issued with this step (受理告知书 …), if any. */
  document?: string;
  message: string;
  caseNumber: string;
  /** 'deadlineAlert' items come from the sweeper; state changes are 'caseUpdate' (the default). */
  kind?: 'caseUpdate' | 'deadlineAlert';
  /** Overdue alerts also go to the unit head. */
  forUnitHead?: boolean;
}

/** Deadline alerts the sweeper raised (one per clock and level, never repeated). */
export interface CaseAlert {
  clock: string;
  level: 'dueSoon' | 'overdue';
  due: string;
  at: string;
}

export interface CaseDoc extends Omit<CaseSnapshot, 'id'> {
  _id: string;
  /** XF-<year>-<region>-<serial>. */
  number: string;
  content: CaseContent;
  events: CaseEvent[];
  /** Earliest due instant among running deadlines (for sorting the inbox and the sweeper), or null. */
  nextDue: string | null;
  /** nextDue, or '~' (sorts after every date) — the urgency order with cases without a clock last. */
  urgencyKey: string;
  outbox: OutboxItem[];
  alerts: CaseAlert[];
  /**
   * How many times the deadline sweeper pushed alerts: its conditional write is keyed on
   * {_id, version, alertSeq} (see jobs/deadline-sweeper.ts). Absent until the first alert.
   */
  alertSeq?: number;
  materials?: CaseMaterial[];
  notes?: CaseNote[];
}

const Mixed = Schema.Types.Mixed;

const CaseSchema = new Schema<CaseDoc>(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true, unique: true },
    profile: { type: Mixed, required: true },
    state: { type: String, required: true, enum: CASE_STATES },
    category: { type: String, default: null },
    tier: { type: String, default: null },
    channel: { type: String, required: true },
    subject: { type: String, required: true },
    matterFingerprint: { type: String, required: true },
    petitioner: { type: Mixed, required: true },
    filedBy: { type: Mixed, required: true },
    representatives: { type: [String], default: [] },
    receivedAt: { type: String, required: true },
    firstReceiver: { type: Mixed, default: null },
    currentUnitId: { type: String, required: true },
    handlingUnitId: { type: String, default: null },
    reviewUnitId: { type: String, default: null },
    recheckUnitId: { type: String, default: null },
    path: { type: [String], default: [] },
    transfers: { type: Mixed, default: [] },
    objections: { type: Mixed, default: [] },
    extension: { type: Mixed, default: null },
    deadlines: { type: Mixed, default: {} },
    acceptance: { type: Mixed, default: null },
    notAccepted: { type: Mixed, default: null },
    replies: { type: Mixed, default: {} },
    replyDraft: { type: Mixed, default: null },
    mediation: { type: Mixed, default: null },
    ratings: { type: Mixed, default: {} },
    followUp: { type: Mixed, default: null },
    reviewRequest: { type: Mixed, default: null },
    recheckRequest: { type: Mixed, default: null },
    hearing: { type: Mixed, default: () => ({ open: null, pauses: [] }) },
    accused: { type: Mixed, default: null },
    proposal: { type: Mixed, default: null },
    recusals: { type: Mixed, default: [] },
    liftedRecusals: { type: Mixed, default: [] },
    supervisions: { type: Mixed, default: [] },
    leaderInCharge: { type: Mixed, default: null },
    firstTime: { type: Boolean, required: true },
    repeatOf: { type: String, default: null },
    withdrawal: { type: Mixed, default: null },
    closedAt: { type: String, default: null },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    version: { type: Number, required: true },
    content: { type: Mixed, required: true },
    events: { type: Mixed, default: [] },
    nextDue: { type: String, default: null },
    urgencyKey: { type: String, required: true },
    outbox: { type: Mixed, default: [] },
    alerts: { type: Mixed, default: [] },
    alertSeq: { type: Number },
    materials: { type: Mixed, default: [] },
    notes: { type: Mixed, default: [] },
  },
  { collection: 'cases', versionKey: false, minimize: false, timestamps: false },
);
CaseSchema.index({ currentUnitId: 1, state: 1, nextDue: 1 });
CaseSchema.index({ 'firstReceiver.unitId': 1, state: 1 });
CaseSchema.index({ 'petitioner.id': 1, createdAt: -1 });
CaseSchema.index({ path: 1 });
CaseSchema.index({ state: 1, nextDue: 1 });
CaseSchema.index({ urgencyKey: 1, _id: 1 });
CaseSchema.index({ updatedAt: -1, _id: -1 });
CaseSchema.index({ 'outbox.0.at': 1 });
// Unique indexes whose keys are EXACTLY those of the two conditional writes on a case: a transition
// (`caseRepository.apply`, {_id, version, state}) and the deadline sweeper's alert push ({_id, version,
// alertSeq}). Unique because _id is. MongoDB would serve both filters from the _id index anyway; the
// embedded mongo-java-server uses an index only when a filter's key set equals a unique index's key set
// (AbstractUniqueIndex.canHandle) and otherwise scans every case on every write — 30 ms at 50,000 cases,
// 330 ms at 100,000 on this machine (bench/index-probe.bench.ts).
CaseSchema.index({ _id: 1, version: 1, state: 1 }, { unique: true });
CaseSchema.index({ _id: 1, version: 1, alertSeq: 1 }, { unique: true });

export const caseModel = (conn: Connection) => conn.model<CaseDoc>('Case', CaseSchema);

/** Case-number serials: one counter per (year, region), incremented atomically. */
const CounterSchema = new Schema<{ _id: string; seq: number }>(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { collection: 'counters', versionKey: false },
);
export const counterModel = (conn: Connection) => conn.model('Counter', CounterSchema);
