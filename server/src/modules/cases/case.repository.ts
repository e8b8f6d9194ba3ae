import type { Connection } from 'mongoose';
import type { CaseSnapshot, DecisionOk } from '../../domain';
import type { FilterQuery } from 'mongoose';
import { formatChinaInstant } from '../../domain';
import { BadRequest, Conflict } from '../../errors';
import type { CaseListQuery } from '../../contracts/cases';
import { caseModel, counterModel, type CaseContent, type CaseDoc, type OutboxItem } from './case.model';

/** Earliest due instant among running deadlines (ISO strings with the same +08:00 offset sort correctly). */
export function nextDueOf(snapshot: Pick<CaseSnapshot, 'deadlines'>): string | null {
  const dues = Object.values(snapshot.deadlines)
    .filter((d) => d && d.status === 'running')
    .map((d) => d!.due)
    .sort();
  return dues[0] ?? null;
}

/** Sort key for the urgency order: due instant, or a sentinel that sorts after every date. */
export const urgencyKeyOf = (nextDue: string | null) => nextDue ?? '~';

export function toSnapshot(doc: CaseDoc): CaseSnapshot {
  /* eslint-disable @typescript-eslint/no-unused-vars */
  const {
    _id,
    number,
    content,
    events,
    nextDue,
    urgencyKey,
    outbox,
    alerts,
    alertSeq,
    materials,
    notes,
    ...rest
  } = doc;
  /* eslint-enable @typescript-eslint/no-unused-vars */
  return { id: _id, ...rest };
}

/**
 * Whose cases a query may return. Every list query takes one, so scoping cannot be forgotten (the novu
 * pattern): petitioner → own cases; filer → cases a grid worker filed; units → cases currently at, first
 * received by, or having passed through those units; all → auditors. `selfAndAbove` carries the actor's unit
 * and its ancestors: a 检举控告 case accusing any of them is excluded (第三十条第三款), as are recusals.
 */
export type CaseScope =
  | { kind: 'petitioner'; userId: string }
  | { kind: 'filer'; userId: string; selfAndAbove: string[] }
  | { kind: 'units'; units: string[]; userId: string; selfAndAbove: string[] }
  | { kind: 'all'; userId: string; selfAndAbove: string[] };

export function scopeFilter(scope: CaseScope): FilterQuery<CaseDoc> {
  if (scope.kind === 'petitioner') return { 'petitioner.id': scope.userId };
  const exclusions: FilterQuery<CaseDoc>[] = [
    { 'recusals.userId': { $ne: scope.userId } },
    { 'accused.userIds': { $ne: scope.userId } },
  ];
  if (scope.selfAndAbove.length) exclusions.push({ 'accused.unitId': { $nin: scope.selfAndAbove } });
  const base: FilterQuery<CaseDoc> =
    scope.kind === 'filer'
      ? { 'filedBy.userId': scope.userId }
      : scope.kind === 'units'
        ? {
            $or: [
              { currentUnitId: { $in: scope.units } },
              { 'firstReceiver.unitId': { $in: scope.units } },
              { path: { $in: scope.units } },
            ],
          }
        : {};
  return { $and: [base, ...exclusions] };
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Cursor {
  k: string;
  id: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof c.k === 'string' && typeof c.id === 'string') return c;
  } catch {
    // fall through
  }
  throw new BadRequest('分页参数无效，请从第一页重新加载');
}

export function caseRepository(conn: Connection) {
  const Case = caseModel(conn);
  const Counter = counterModel(conn);

  return {
    model: Case,

    /** XF-2026-990102-000123: serial per year and region, from an atomic counter. */
    async nextNumber(year: number, regionCode: string): Promise<string> {
      const key = `case:${year}:${regionCode}`;
      const c = await Counter.findOneAndUpdate(
        { _id: key },
        { $inc: { seq: 1 } },
        { upsert: true, new: true },
      ).lean();
      return `XF-${year}-${regionCode}-${String(c!.seq).padStart(6, '0')}`;
    },

    /** Inserts the case a successful `openCase` decision describes, with its opening events. */
    async create(
      decision: DecisionOk,
      number: string,
      content: CaseContent,
      outbox: OutboxItem[] = [],
    ): Promise<CaseDoc> {
      const { id, ...rest } = decision.snapshot;
      const doc: CaseDoc = {
        _id: id,
        ...rest,
        number,
        content,
        events: decision.events,
        nextDue: nextDueOf(rest),
        urgencyKey: urgencyKeyOf(nextDueOf(rest)),
        outbox,
        alerts: [],
      };
      await Case.create(doc);
      return doc;
    },

    /**
     * Applies a decision as ONE conditional update on {_id, version, state} that also appends its events:
     * a concurrent change makes the filter miss and this throws Conflict (409) — never a half-applied change.
     */
    async apply(
      prev: Pick<CaseSnapshot, 'id' | 'version' | 'state'>,
      decision: DecisionOk,
      outbox: OutboxItem[] = [],
    ): Promise<CaseDoc> {
      const nextDue = nextDueOf(decision.snapshot);
      const set: Record<string, unknown> = { ...decision.set, nextDue, urgencyKey: urgencyKeyOf(nextDue) };
      delete set.id;
      const updated = await Case.findOneAndUpdate(
        { _id: prev.id, version: prev.version, state: prev.state },
        { $set: set, $push: { events: { $each: decision.events }, outbox: { $each: outbox } } },
        { new: true },
      ).lean<CaseDoc>();
      if (!updated) throw new Conflict();
      return updated;
    },

    /**
     * Scoped search with cursor pagination. `urgency` sorts by the next due instant (cases without a
     * running clock last), `newest` by last update. Text search is an escaped, length-capped regex.
     */
    async list(scope: CaseScope, q: CaseListQuery, now: Date) {
      const and: FilterQuery<CaseDoc>[] = [scopeFilter(scope)];
      if (q.state) and.push({ state: { $in: q.state.split(',').filter(Boolean) } });
      if (q.category) and.push({ category: q.category });
      if (q.channel) and.push({ channel: q.channel });
      if (q.unit) and.push({ currentUnitId: q.unit });
      if (q.firstReceiver) and.push({ 'firstReceiver.unitId': q.firstReceiver });
      const nowIso = formatChinaInstant(now.getTime());
      if (q.overdue) and.push({ nextDue: { $ne: null, $lt: nowIso } });
      if (q.dueWithinDays !== undefined) {
        const until = formatChinaInstant(now.getTime() + q.dueWithinDays * 86_400_000);
        and.push({ nextDue: { $ne: null, $gte: nowIso, $lte: until } });
      }
      if (q.q) {
        const rx = { $regex: escapeRegex(q.q.trim().slice(0, 50)), $options: 'i' };
        and.push({ $or: [{ number: rx }, { subject: rx }, { 'content.request': rx }] });
      }
      const sortKey = q.sort === 'urgency' ? 'urgencyKey' : 'updatedAt';
      const dir = q.sort === 'urgency' ? 1 : -1;
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        const cmp = dir === 1 ? '$gt' : '$lt';
        and.push({ $or: [{ [sortKey]: { [cmp]: c.k } }, { [sortKey]: c.k, _id: { [cmp]: c.id } }] });
      }
      const limit = q.limit ?? 20;
      const rows = await Case.find({ $and: and }, { events: 0, outbox: 0 })
        .sort({ [sortKey]: dir, _id: dir })
        .limit(limit + 1)
        .lean<CaseDoc[]>();
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor({ k: String((last as unknown as Record<string, unknown>)[sortKey]), id: last._id })
          : null;
      return { items: items.map((d) => ({ ...d, events: [] as CaseDoc['events'] })), nextCursor };
    },

    async get(id: string): Promise<CaseDoc | null> {
      return Case.findById(id).lean<CaseDoc>();
    },
  };
}
export type CaseRepository = ReturnType<typeof caseRepository>;
