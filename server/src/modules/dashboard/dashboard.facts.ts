import type { Connection } from 'mongoose';
import {
  caseFacts,
  exclusionPartiesOf,
  formatChinaInstant,
  type CaseFacts,
  type UnitTree,
} from '../../domain';
import type { CaseDoc } from '../../modules/cases/case.model';
import { caseRepository, toSnapshot } from '../../modules/cases/case.repository';
import { systemScope } from '../../modules/cases/case.scope';
import { caseFactsModel, dashboardMetaModel, type CaseFactsDoc, type FactCounts } from './dashboard.model';
import { buildRollups, partiesKey, rebuildAllRollups } from './dashboard.rollups';

/** The 12345 profile: its cases also feed the 三率 (第三十二条). */
export const HOTLINE_PROFILE_ID = 'beijing-12345-2021';
const META_ID = 'case_facts';
/** Bumped when the stored facts or roll-ups change shape: the next run rebuilds everything. */
export const ROLLUP_VERSION = 2;
/** Re-read cases updated a little before the last run: a write committed late is still picked up. */
const SLACK_MS = 5 * 60_000;

const b = (v: boolean) => (v ? 1 : 0);

/** The 0/1 counts of one case's facts (what roll-ups sum). */
export function countsOf(f: CaseFacts): FactCounts {
  const hot = f.profileId === HOTLINE_PROFILE_ID;
  const ft = f.firstTime && f.firstStageRating !== null;
  return {
    noticeDecided: b(f.noticeOnTime !== null),
    noticeOk: b(f.noticeOnTime === true),
    closeDecided: b(f.closedOnTime !== null),
    closeOk: b(f.closedOnTime === true),
    rateable: f.rateable,
    rated: f.rated,
    satisfied: f.satisfied,
    basic: f.basic,
    unsatisfied: f.unsatisfied,
    repeat: b(f.repeat),
    firstTime: b(f.firstTime),
    ftRated: b(ft),
    ftSatisfied: b(ft && f.firstStageRating === 'satisfied'),
    ftBasic: b(ft && f.firstStageRating === 'basic'),
    overdue: b(f.overdue.length > 0),
    closed: b(f.closed),
    supervised: b(f.supervised),
    hotline: b(hot),
    hRespDecided: b(hot && f.responded !== null),
    hRespOk: b(hot && f.responded === true),
    hResAnswered: b(hot && f.resolved !== null),
    hResOk: b(hot && f.resolved === true),
    hRated: hot ? f.rated : 0,
    hSatisfied: hot ? f.satisfied : 0,
    hBasic: hot ? f.basic : 0,
    transferred: b(f.transferred > 0),
    assigned: b(f.assigned > 0),
  };
}

/** The stored facts document of a case, `asOf` deciding what is overdue. */
export function factsDocOf(doc: CaseDoc, asOf: string, tree: UnitTree): CaseFactsDoc {
  const snap = toSnapshot(doc);
  const f = caseFacts(snap, asOf);
  const { caseId, ...rest } = f;
  const unit = tree.get(doc.currentUnitId);
  const rkey = partiesKey(exclusionPartiesOf(snap));
  return {
    ...rest,
    _id: caseId,
    unitId: doc.currentUnitId,
    ancestors: [doc.currentUnitId, ...(unit ? tree.ancestors(unit.id).map((u) => u.id) : [])],
    regionCode: unit?.regionCode ?? null,
    categoryKey: f.category ?? 'none',
    receivedDate: f.receivedDay,
    month: f.receivedDay.slice(0, 7),
    asOf,
    parties: rkey ? exclusionPartiesOf(snap) : null,
    rkey,
    c: countsOf(f),
  };
}

async function writeFacts(conn: Connection, docs: CaseFactsDoc[]): Promise<void> {
  if (!docs.length) return;
  await caseFactsModel(conn).bulkWrite(
    docs.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
    { ordered: false },
  );
}

const FACTS = systemScope('dashboard-facts');

/**
 * Incremental refresh: cases updated since the watermark, plus cases whose next deadline passed since then
 * (they became overdue without an update), are recomputed at `now` and replaced by _id; then the roll-ups of
 * the days they (and their previous versions) belong to are rebuilt. Idempotent.
 */
export async function refreshCaseFacts(conn: Connection, now: Date, tree: UnitTree) {
  const Meta = dashboardMetaModel(conn);
  const meta = await Meta.findById(META_ID).lean();
  if (!meta || meta.version !== ROLLUP_VERSION) return rebuildCaseFacts(conn, now, tree);
  const nowIso = formatChinaInstant(now.getTime());
  const since = meta.watermark;
  const rows = await caseRepository(conn).forFacts(FACTS, { since, now: nowIso });
  const docs = rows.map((r) => factsDocOf(r, nowIso, tree));
  const before = await caseFactsModel(conn)
    .find({ _id: { $in: docs.map((d) => d._id) } }, { receivedDate: 1 })
    .lean();
  await writeFacts(conn, docs);
  const months = new Set([...docs.map((d) => d.month), ...before.map((d) => d.receivedDate.slice(0, 7))]);
  await buildRollups(conn, [...months].sort());
  await setWatermark(conn, now);
  return { cases: docs.length, months: months.size };
}

/** Full rebuild: every case's facts at `now`, then every day's roll-up. Idempotent. */
export async function rebuildCaseFacts(conn: Connection, now: Date, tree: UnitTree) {
  const nowIso = formatChinaInstant(now.getTime());
  const Facts = caseFactsModel(conn);
  const rows = await caseRepository(conn).forFacts(FACTS);
  const docs = rows.map((r) => factsDocOf(r, nowIso, tree));
  await writeFacts(conn, docs);
  const ids = docs.map((d) => d._id);
  await Facts.deleteMany({ _id: { $nin: ids } });
  const rollups = await rebuildAllRollups(conn);
  await setWatermark(conn, now);
  return { cases: docs.length, rollups };
}

/** Records the run and the date range that has facts (the bounds of an open period). */
export async function setWatermark(conn: Connection, now: Date) {
  const [range] = await caseFactsModel(conn).aggregate<{ first: string; last: string }>([
    { $group: { _id: null, first: { $min: '$receivedDate' }, last: { $max: '$receivedDate' } } },
  ]);
  await dashboardMetaModel(conn).updateOne(
    { _id: META_ID },
    {
      $set: {
        watermark: formatChinaInstant(now.getTime() - SLACK_MS),
        lastRunAt: formatChinaInstant(now.getTime()),
        version: ROLLUP_VERSION,
        firstDate: range?.first ?? null,
        lastDate: range?.last ?? null,
      },
    },
    { upsert: true },
  );
}
