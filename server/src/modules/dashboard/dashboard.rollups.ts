/**
 * Roll-ups: the sums the dashboard reads, per (day | month, scope unit subtree | everything). Built from
 * `case_facts` a month at a time (replace by `_id`, then drop what the month no longer has: running it twice
 * leaves the same documents), read by `_id` lists computed from the period.
 */
import type { Connection, PipelineStage } from 'mongoose';
import { exclusionByParties, type Actor, type ExclusionParties, type UnitTree } from '../../domain';
import {
  caseFactsModel,
  CHANNEL_KEYS,
  COUNT_KEYS,
  rollupModel,
  type Cell,
  type RollupDoc,
  type RollupPart,
} from './dashboard.model';

/** The scope key of "every unit" (auditors). */
export const ALL_SCOPE = '*';

export function emptyCell(): Cell {
  const c = {} as Cell['c'];
  for (const k of COUNT_KEYS) c[k] = 0;
  const ch = {} as Cell['ch'];
  for (const k of CHANNEL_KEYS) ch[k] = 0;
  return { cases: 0, ch, c };
}

export function addCell(into: Cell, x: Cell): Cell {
  into.cases += x.cases;
  for (const k of COUNT_KEYS) into.c[k] += x.c[k] ?? 0;
  for (const k of CHANNEL_KEYS) into.ch[k] += x.ch?.[k] ?? 0;
  return into;
}

function addTo(map: Record<string, Cell>, key: string, x: Cell) {
  addCell((map[key] ??= emptyCell()), x);
}

export const rollupId = (gran: 'd' | 'm', scope: string, bucket: string) => `${gran}|${scope}|${bucket}`;

/** Canonical text of a set of exclusion parties ('' when nobody is excluded). */
export function partiesKey(p: ExclusionParties | null): string {
  if (!p) return '';
  const recused = [...p.recusedUserIds].sort();
  const unit = p.accused?.unitId ?? '';
  const users = [...(p.accused?.userIds ?? [])].sort();
  const personUnits = [...(p.accused?.personUnitIds ?? [])].sort();
  if (!recused.length && !unit && !users.length && !personUnits.length) return '';
  return JSON.stringify([recused, unit, users, ...(personUnits.length ? [personUnits] : [])]);
}

interface FineRow {
  date: string;
  month: string;
  unitId: string;
  category: string;
  rkey: string;
  parties: ExclusionParties | null;
  ancestors: string[];
  cell: Cell;
}

/** case_facts of the given months summed per (date, unit, category, exclusion parties): one $match/$group. */
async function fineRows(conn: Connection, months: string[]): Promise<FineRow[]> {
  const group: Record<string, unknown> = {
    _id: { date: '$receivedDate', unitId: '$unitId', category: '$categoryKey', rkey: '$rkey' },
    month: { $first: '$month' },
    ancestors: { $first: '$ancestors' },
    parties: { $first: '$parties' },
    cases: { $sum: 1 },
  };
  for (const k of COUNT_KEYS) group[k] = { $sum: `$c.${k}` };
  for (const ch of CHANNEL_KEYS) group[`ch_${ch}`] = { $sum: { $cond: [{ $eq: ['$channel', ch] }, 1, 0] } };
  const rows = await caseFactsModel(conn).aggregate<Record<string, unknown>>([
    { $match: { month: { $in: months } } },
    { $group: group } as PipelineStage.Group,
  ]);
  return rows.map((r) => {
    const id = r._id as { date: string; unitId: string; category: string; rkey: string | null };
    const cell = emptyCell();
    cell.cases = Number(r.cases);
    for (const k of COUNT_KEYS) cell.c[k] = Number(r[k] ?? 0);
    for (const ch of CHANNEL_KEYS) cell.ch[ch] = Number(r[`ch_${ch}`] ?? 0);
    return {
      date: id.date,
      month: r.month as string,
      unitId: id.unitId,
      category: id.category,
      rkey: id.rkey ?? '',
      parties: (r.parties as ExclusionParties | null) ?? null,
      ancestors: (r.ancestors as string[]) ?? [id.unitId],
      cell,
    };
  });
}

/** The roll-up documents of some months, from their fine rows (pure). */
export function rollupDocsOf(rows: readonly FineRow[]): RollupDoc[] {
  const docs = new Map<string, RollupDoc>();
  const part = (doc: RollupDoc, row: FineRow): RollupPart => {
    if (!row.rkey) return doc.open;
    let p = doc.restricted.find((x) => x.key === row.rkey);
    if (!p) {
      p = { key: row.rkey, parties: row.parties!, cats: {}, units: {} };
      doc.restricted.push(p);
    }
    return p;
  };
  for (const row of rows) {
    for (const scope of [...new Set([...row.ancestors, ALL_SCOPE])]) {
      for (const [gran, bucket] of [
        ['d', row.date],
        ['m', row.month],
      ] as const) {
        const id = rollupId(gran, scope, bucket);
        let doc = docs.get(id);
        if (!doc) {
          doc = {
            _id: id,
            gran,
            scope,
            bucket,
            month: row.month,
            open: { cats: {}, units: {} },
            restricted: [],
          };
          docs.set(id, doc);
        }
        const p = part(doc, row);
        addTo(p.cats, row.category, row.cell);
        addTo(p.units, row.unitId, row.cell);
      }
    }
  }
  for (const d of docs.values()) d.restricted.sort((a, b) => a.key.localeCompare(b.key));
  return [...docs.values()];
}

/** Rebuilds the roll-ups of the given months from case_facts. Idempotent; readers never see a month empty. */
export async function buildRollups(conn: Connection, months: string[]): Promise<number> {
  if (!months.length) return 0;
  const Rollup = rollupModel(conn);
  const docs = rollupDocsOf(await fineRows(conn, months));
  for (let i = 0; i < docs.length; i += 1000) {
    await Rollup.bulkWrite(
      docs.slice(i, i + 1000).map((d) => ({
        replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true },
      })),
      { ordered: false },
    );
  }
  await Rollup.deleteMany({ month: { $in: months }, _id: { $nin: docs.map((d) => d._id) } });
  return docs.length;
}

/** Every month that has facts, in chunks; months that no longer have any are dropped. */
export async function rebuildAllRollups(conn: Connection): Promise<number> {
  const months: string[] = (await caseFactsModel(conn).distinct('month')).sort();
  await rollupModel(conn).deleteMany({ month: { $nin: months } });
  let n = 0;
  for (let i = 0; i < months.length; i += 6) n += await buildRollups(conn, months.slice(i, i + 6));
  return n;
}

// ---- reading ----

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const DAY_MS = 86_400_000;

/** Calendar days from..to inclusive (plain calendar arithmetic on China dates). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = ms(from); t <= ms(to); t += DAY_MS) out.push(iso(t));
  return out;
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return iso(Date.UTC(y, m, 0));
}

/**
 * The fewest buckets covering from..to: whole months as monthly roll-ups, the partial months at the ends as
 * days. Each bucket is tagged with the month it falls in (for monthly trends).
 */
export function bucketsOf(from: string, to: string): { gran: 'd' | 'm'; bucket: string }[] {
  if (from > to) return [];
  const out: { gran: 'd' | 'm'; bucket: string }[] = [];
  let day = from;
  while (day <= to) {
    const month = day.slice(0, 7);
    const end = monthEnd(month);
    if (day === `${month}-01` && end <= to) {
      out.push({ gran: 'm', bucket: month });
    } else {
      for (const d of daysBetween(day, end < to ? end : to)) out.push({ gran: 'd', bucket: d });
    }
    day = iso(ms(end) + DAY_MS);
  }
  return out;
}

/** The parts of a roll-up this reader may count: the open part, and restricted parts not excluding them. */
export function visibleParts(doc: Pick<RollupDoc, 'open' | 'restricted'>, actor: Actor, tree: UnitTree) {
  const parts: RollupPart[] = [doc.open];
  for (const r of doc.restricted ?? []) {
    if (!exclusionByParties(r.parties, actor, tree)) parts.push(r);
  }
  return parts;
}

/** Fetches roll-ups by `_id` in batches (mongo-java-server answers `_id: {$in}` from its unique index). */
export async function fetchRollups(
  conn: Connection,
  ids: string[],
  projection: Record<string, 0 | 1> = {},
): Promise<RollupDoc[]> {
  const Rollup = rollupModel(conn);
  const out: RollupDoc[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const batch = await Rollup.find({ _id: { $in: ids.slice(i, i + 500) } }, projection).lean<RollupDoc[]>();
    out.push(...batch);
  }
  return out;
}
