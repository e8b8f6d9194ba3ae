import type { Connection, PipelineStage } from 'mongoose';
import { caseFacts, formatChinaInstant, type CaseFacts, type UnitTree } from '../../domain';
import { caseModel, type CaseDoc } from '../../modules/cases/case.model';
import { toSnapshot } from '../../modules/cases/case.repository';
import {
  caseFactsModel,
  CHANNEL_KEYS,
  COUNT_KEYS,
  dailyRollupModel,
  dashboardMetaModel,
  type CaseFactsDoc,
  type DailyRollupDoc,
  type FactCounts,
} from './dashboard.model';

/** The 12345 profile: its cases also feed the 三率 (第三十二条). */
export const HOTLINE_PROFILE_ID = 'beijing-12345-2021';
const META_ID = 'case_facts';
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
  };
}

/** The stored facts document of a case, `asOf` deciding what is overdue. */
export function factsDocOf(doc: CaseDoc, asOf: string, tree: UnitTree): CaseFactsDoc {
  const f = caseFacts(toSnapshot(doc), asOf);
  const { caseId, ...rest } = f;
  const unit = tree.get(doc.currentUnitId);
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

const CASE_FIELDS = { events: 0, outbox: 0, materials: 0, notes: 0, content: 0 } as const;

/**
 * Incremental refresh: cases updated since the watermark, plus cases whose next deadline passed since then
 * (they became overdue without an update), are recomputed at `now` and replaced by _id; then the roll-ups of
 * the days they (and their previous versions) belong to are rebuilt. Idempotent.
 */
export async function refreshCaseFacts(conn: Connection, now: Date, tree: UnitTree) {
  const Meta = dashboardMetaModel(conn);
  const meta = await Meta.findById(META_ID).lean();
  if (!meta) return rebuildCaseFacts(conn, now, tree);
  const nowIso = formatChinaInstant(now.getTime());
  const since = meta.watermark;
  const rows = await caseModel(conn)
    .find({ $or: [{ updatedAt: { $gte: since } }, { nextDue: { $gte: since, $lt: nowIso } }] }, CASE_FIELDS)
    .lean<CaseDoc[]>();
  const docs = rows.map((r) => factsDocOf(r, nowIso, tree));
  const before = await caseFactsModel(conn)
    .find({ _id: { $in: docs.map((d) => d._id) } }, { receivedDate: 1 })
    .lean();
  await writeFacts(conn, docs);
  const days = new Set([...docs.map((d) => d.receivedDate), ...before.map((d) => d.receivedDate)]);
  await buildDailyRollups(conn, [...days]);
  await setWatermark(conn, now);
  return { cases: docs.length, days: days.size };
}

/** Full rebuild: every case's facts at `now`, then every day's roll-up. Idempotent. */
export async function rebuildCaseFacts(conn: Connection, now: Date, tree: UnitTree) {
  const nowIso = formatChinaInstant(now.getTime());
  const Facts = caseFactsModel(conn);
  const rows = await caseModel(conn).find({}, CASE_FIELDS).lean<CaseDoc[]>();
  const docs = rows.map((r) => factsDocOf(r, nowIso, tree));
  await writeFacts(conn, docs);
  const ids = docs.map((d) => d._id);
  await Facts.deleteMany({ _id: { $nin: ids } });
  const days = await rebuildAllRollups(conn);
  await setWatermark(conn, now);
  return { cases: docs.length, days };
}

async function setWatermark(conn: Connection, now: Date) {
  await dashboardMetaModel(conn).updateOne(
    { _id: META_ID },
    {
      $set: {
        watermark: formatChinaInstant(now.getTime() - SLACK_MS),
        lastRunAt: formatChinaInstant(now.getTime()),
      },
    },
    { upsert: true },
  );
}

/** Rebuilds the roll-ups of every day that has facts (and drops days that no longer have any). */
export async function rebuildAllRollups(conn: Connection): Promise<number> {
  const days: string[] = await caseFactsModel(conn).distinct('receivedDate');
  await dailyRollupModel(conn).deleteMany({ date: { $nin: days } });
  for (let i = 0; i < days.length; i += 60) await buildDailyRollups(conn, days.slice(i, i + 60));
  return days.length;
}

/**
 * The roll-up rows of the given days, from case_facts with one $match/$group: the day's rows are replaced
 * (delete, then insert), so running it twice gives the same rows.
 */
export async function buildDailyRollups(conn: Connection, days: string[]): Promise<number> {
  if (!days.length) return 0;
  const group: Record<string, unknown> = {
    _id: { date: '$receivedDate', unitId: '$unitId', category: '$categoryKey' },
    month: { $first: '$month' },
    ancestors: { $first: '$ancestors' },
    cases: { $sum: 1 },
  };
  for (const k of COUNT_KEYS) group[k] = { $sum: `$c.${k}` };
  for (const ch of CHANNEL_KEYS) {
    group[`ch_${ch}`] = { $sum: { $cond: [{ $eq: ['$channel', ch] }, 1, 0] } };
  }
  const rows = await caseFactsModel(conn).aggregate<Record<string, unknown>>([
    { $match: { receivedDate: { $in: days } } },
    { $group: group } as PipelineStage.Group,
  ]);
  const out: DailyRollupDoc[] = rows.map((r) => {
    const id = r._id as { date: string; unitId: string; category: string };
    const c = {} as FactCounts;
    for (const k of COUNT_KEYS) c[k] = Number(r[k] ?? 0);
    const channels = {} as DailyRollupDoc['channels'];
    for (const ch of CHANNEL_KEYS) channels[ch] = Number(r[`ch_${ch}`] ?? 0);
    return {
      _id: `${id.date}|${id.unitId}|${id.category}`,
      date: id.date,
      month: r.month as string,
      unitId: id.unitId,
      ancestors: r.ancestors as string[],
      category: id.category,
      cases: Number(r.cases),
      channels,
      c,
    };
  });
  const Rollup = dailyRollupModel(conn);
  await Rollup.deleteMany({ date: { $in: days } });
  for (let i = 0; i < out.length; i += 1000) {
    await Rollup.insertMany(out.slice(i, i + 1000), { ordered: false, lean: true });
  }
  return out.length;
}
