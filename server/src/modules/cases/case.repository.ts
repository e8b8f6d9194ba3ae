import type { Connection, FilterQuery } from 'mongoose';
import {
  formatChinaInstant,
  TERMINAL_STATES,
  visibility,
  type CaseSnapshot,
  type DecisionOk,
  type Visibility,
} from '../../domain';
import { BadRequest, Conflict, Forbidden } from '../../errors';
import type { CaseListQuery } from '../../contracts/cases';
import { searchRegex } from '../../lib/regex';
import {
  caseModel,
  counterModel,
  type CaseAlert,
  type CaseContent,
  type CaseDoc,
  type CaseMaterial,
  type CaseNote,
  type OutboxItem,
} from './case.model';
import type { CaseScope, PersonScope, SystemScope } from './case.scope';

/**
 * The only door to case data (DOMAIN.md §5). Every read and every write names a scope (case.scope.ts): a
 * person's — then the query is narrowed by the person's reach AND every case handed out has passed the
 * domain's judge (`visibility`), so a count, a flag or a cursor built from what this returns can only be
 * about cases the person may learn of — or a system scope naming its job. Writes take a `VisibleCase`, which
 * only a scoped read (or create) of this repository can produce: a case nobody was allowed to read cannot be
 * written. The mongoose model never leaves this file (eslint forbids importing it elsewhere).
 *
 * Hot writes keep their filters on exactly the keys of a unique index (mongo-java-server serves nothing else
 * from an index, docs/architecture.md): transitions on {_id, version, state}, alerts on {_id, version,
 * alertSeq}; single reads are by `_id`.
 */

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

/** Case fields a list never needs (the timeline, outbox, internal notes, long texts). */
export const LIST_PROJECTION = {
  events: 0,
  outbox: 0,
  alerts: 0,
  materials: 0,
  notes: 0,
  'content.facts': 0,
  'content.reasons': 0,
  'content.location': 0,
} as const;

/** What a judgement on the snapshot reads (no content, timeline or inboxes: most of a document's bytes). */
const SNAPSHOT_PROJECTION = { content: 0, events: 0, outbox: 0, alerts: 0, materials: 0, notes: 0 } as const;

/**
 * A stored case whose scope may see it. Only this repository makes one (the class is not exported, and its
 * protected brand keeps a look-alike object literal from passing for one); writes require one.
 */
class Visible<S extends CaseScope> {
  protected readonly brand = 'visible-case' as const;
  constructor(
    readonly doc: CaseDoc,
    readonly visibility: Visibility,
    readonly scope: S,
  ) {}
}
export type VisibleCase<S extends CaseScope = CaseScope> = Visible<S>;

/** A read by id: the case, or why not — `missing` and a refusal answer alike outside (404). */
export type CaseRead<S extends CaseScope = CaseScope> =
  | { ok: true; case: VisibleCase<S> }
  | { ok: false; missing: true }
  | { ok: false; missing: false; refusal: Visibility };

const SYSTEM_VIEW: Visibility = { allowed: true, basis: null, supervising: false, reason: '系统作业' };

function judge(scope: CaseScope, doc: CaseDoc): Visibility {
  if (scope.kind === 'system') return SYSTEM_VIEW;
  return visibility(toSnapshot(doc), scope.actor, { units: scope.tree });
}

const visible = <S extends CaseScope>(scope: S, doc: CaseDoc, v: Visibility): VisibleCase<S> =>
  new Visible(doc, v, scope);

/**
 * The query half of a person's scope: their reach, minus the exclusions the database can apply itself (the
 * judge decides again per case, so this only has to be a superset of what the judge allows).
 */
function reachFilter(s: PersonScope): FilterQuery<CaseDoc> {
  const { actor, tree, reach } = s;
  if (reach.kind === 'none') throw new Forbidden();
  if (reach.kind === 'petitioner') return { 'petitioner.id': actor.petitionerId ?? actor.userId };
  const selfAndAbove = actor.unitId ? [actor.unitId, ...tree.ancestors(actor.unitId).map((u) => u.id)] : [];
  const exclusions: FilterQuery<CaseDoc>[] = [
    { 'recusals.userId': { $ne: actor.userId } },
    { 'accused.userIds': { $ne: actor.userId } },
  ];
  if (selfAndAbove.length) {
    exclusions.push(
      { 'accused.unitId': { $nin: selfAndAbove } },
      { 'accused.personUnitIds': { $nin: selfAndAbove } },
    );
  }
  const base: FilterQuery<CaseDoc> =
    reach.kind === 'filer'
      ? { 'filedBy.userId': actor.userId }
      : reach.kind === 'units'
        ? {
            $or: [
              { currentUnitId: { $in: reach.units } },
              { 'firstReceiver.unitId': { $in: reach.units } },
              { path: { $in: reach.units } },
            ],
          }
        : {};
  return { $and: [base, ...exclusions] };
}

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

/** The inbox's selection (staff workspace): which view and which filters. */
export interface InboxSelection {
  view: 'mine' | 'supervising';
  state?: string;
  channel?: string;
  category?: string;
  subject?: string;
  unit?: string;
  firstReceiver?: string;
  q?: string;
}

/** What a sweeper reads of a case to judge its alerts. */
export type SweptCase = Omit<CaseDoc, 'content' | 'events' | 'outbox' | 'materials' | 'notes'>;

/** Enough for any unit's open queue; lists that sort in memory read at most this many cases. */
export const QUEUE_MAX = 5000;

const OPEN_STATES = { state: { $nin: [...TERMINAL_STATES] } };

export function caseRepository(conn: Connection) {
  const Case = caseModel(conn);
  const Counter = counterModel(conn);

  /** The scope's filter on top of `extra`. */
  const where = (scope: CaseScope, ...extra: FilterQuery<CaseDoc>[]): FilterQuery<CaseDoc> => {
    const and = scope.kind === 'system' ? extra : [reachFilter(scope), ...extra];
    return and.length ? { $and: and } : {};
  };

  /**
   * The first `want` cases of a sorted query that the scope may see. The query already excludes almost
   * everything the judge refuses, so this is normally one read; it reads on (by skip) only when the judge
   * refused some, so that "is there more" is decided over visible cases only.
   */
  async function firstVisible(
    scope: CaseScope,
    filter: FilterQuery<CaseDoc>,
    sort: Record<string, 1 | -1>,
    want: number,
    projection: Record<string, 0> = LIST_PROJECTION,
  ): Promise<CaseDoc[]> {
    const out: CaseDoc[] = [];
    for (let skip = 0; ;) {
      const rows = await Case.find(filter, projection).sort(sort).skip(skip).limit(want).lean<CaseDoc[]>();
      for (const d of rows) {
        if (!judge(scope, d).allowed) continue;
        out.push(d);
        if (out.length >= want) return out;
      }
      if (rows.length < want) return out;
      skip += rows.length;
    }
  }

  /** Every case of a bounded query that the scope may see. */
  async function allVisible(
    scope: CaseScope,
    filter: FilterQuery<CaseDoc>,
    projection: Record<string, 0> = LIST_PROJECTION,
  ): Promise<CaseDoc[]> {
    const rows = await Case.find(filter, projection).limit(QUEUE_MAX).lean<CaseDoc[]>();
    return rows.filter((d) => judge(scope, d).allowed);
  }

  return {
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

    /** One case by `_id` (an index lookup), if the scope may see it. */
    async read<S extends CaseScope>(scope: S, id: string): Promise<CaseRead<S>> {
      const doc = await Case.findById(id).lean<CaseDoc>();
      if (!doc) return { ok: false, missing: true };
      const v = judge(scope, doc);
      if (!v.allowed) return { ok: false, missing: false, refusal: v };
      return { ok: true, case: visible(scope, doc, v) };
    },

    /** The cases of `ids` the scope may see, in the order of `ids` (one `_id $in` read). */
    async readMany(scope: CaseScope, ids: readonly string[]): Promise<CaseDoc[]> {
      if (!ids.length) return [];
      const rows = await Case.find({ _id: { $in: [...ids] } }, LIST_PROJECTION).lean<CaseDoc[]>();
      const byId = new Map(rows.filter((d) => judge(scope, d).allowed).map((d) => [d._id, d]));
      return ids.map((id) => byId.get(id)).filter((d): d is CaseDoc => !!d);
    },

    /**
     * Inserts the case a successful `openCase` decision describes, with its opening events and notices. A
     * person creates only a case they may see (a filing is the filer's; a registration is the clerk's unit's).
     */
    async create<S extends CaseScope>(
      scope: S,
      decision: DecisionOk,
      number: string,
      content: CaseContent,
      outbox: OutboxItem[] = [],
    ): Promise<VisibleCase<S>> {
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
      const v = judge(scope, doc);
      if (!v.allowed) throw new Error('caseRepository.create: the scope may not see the case it creates');
      await Case.create(doc);
      return visible(scope, doc, v);
    },

    /**
     * Applies a decision as ONE conditional update on {_id, version, state} that also appends its events and
     * outbox items: a concurrent change makes the filter miss and this throws Conflict (409) — never a
     * half-applied change. Answers the stored case and, if the scope may still see it, that view.
     */
    async apply<S extends CaseScope>(
      prev: VisibleCase<S>,
      decision: DecisionOk,
      outbox: OutboxItem[] = [],
    ): Promise<{ doc: CaseDoc; after: VisibleCase<S> | null }> {
      const nextDue = nextDueOf(decision.snapshot);
      const set: Record<string, unknown> = { ...decision.set, nextDue, urgencyKey: urgencyKeyOf(nextDue) };
      delete set.id;
      const updated = await Case.findOneAndUpdate(
        { _id: prev.doc._id, version: prev.doc.version, state: prev.doc.state },
        { $set: set, $push: { events: { $each: decision.events }, outbox: { $each: outbox } } },
        { new: true },
      ).lean<CaseDoc>();
      if (!updated) throw new Conflict();
      const v = judge(prev.scope, updated);
      return { doc: updated, after: v.allowed ? visible(prev.scope, updated, v) : null };
    },

    /** Adds the petitioner's material once per idempotency key. */
    async addMaterial(c: VisibleCase, material: CaseMaterial): Promise<void> {
      await Case.updateOne(
        { _id: c.doc._id, 'materials.key': { $ne: material.key } },
        { $push: { materials: material } },
      );
    },

    /** Adds an internal note once per idempotency key. */
    async addNote(c: VisibleCase, note: CaseNote): Promise<void> {
      await Case.updateOne({ _id: c.doc._id, 'notes.key': { $ne: note.key } }, { $push: { notes: note } });
    },

    /**
     * Scoped search with cursor pagination. `urgency` sorts by the next due instant (cases without a
     * running clock last), `newest` by last update. Text search is an escaped, length-capped regex. The
     * cursor is set only when another case the scope may see follows.
     */
    async list(scope: CaseScope, q: CaseListQuery, now: Date) {
      const and: FilterQuery<CaseDoc>[] = [];
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
        const rx = searchRegex(q.q);
        and.push({ $or: [{ number: rx }, { subject: rx }, { 'content.request': rx }] });
      }
      const sortKey: 'urgencyKey' | 'updatedAt' = q.sort === 'urgency' ? 'urgencyKey' : 'updatedAt';
      const dir = q.sort === 'urgency' ? 1 : -1;
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        const cmp = dir === 1 ? '$gt' : '$lt';
        and.push({ $or: [{ [sortKey]: { [cmp]: c.k } }, { [sortKey]: c.k, _id: { [cmp]: c.id } }] });
      }
      const limit = q.limit ?? 20;
      const rows = await firstVisible(scope, where(scope, ...and), { [sortKey]: dir, _id: dir }, limit + 1, {
        events: 0,
        outbox: 0,
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const nextCursor =
        rows.length > limit && last ? encodeCursor({ k: last[sortKey], id: last._id }) : null;
      return { items: items.map((d) => ({ ...d, events: [] as CaseDoc['events'] })), nextCursor };
    },

    /**
     * The staff inbox's cases: open, of the view (`mine` = at my units or an objection to my units' transfer
     * waiting for us; `supervising` = 首接 cases now elsewhere), narrowed by the filters.
     */
    async inbox(scope: PersonScope, units: readonly string[], s: InboxSelection): Promise<CaseDoc[]> {
      const and: FilterQuery<CaseDoc>[] = [OPEN_STATES];
      if (s.view === 'mine') {
        and.push({
          $or: [
            { currentUnitId: { $in: [...units] } },
            // 第二十三条第三款: an objection to this unit's transfer waits for this unit's decision.
            { objections: { $elemMatch: { status: 'pending', transferringUnitId: { $in: [...units] } } } },
          ],
        });
      } else {
        and.push({ 'firstReceiver.unitId': { $in: [...units] } }, { currentUnitId: { $nin: [...units] } });
      }
      if (s.state) and.push({ state: { $in: s.state.split(',').filter(Boolean) } });
      if (s.channel) and.push({ channel: s.channel });
      if (s.category) and.push({ category: s.category });
      if (s.subject) and.push({ 'content.subjectCode': s.subject });
      if (s.unit) and.push({ currentUnitId: s.unit });
      if (s.firstReceiver) and.push({ 'firstReceiver.unitId': s.firstReceiver });
      if (s.q?.trim()) {
        const rx = searchRegex(s.q);
        and.push({ $or: [{ number: rx }, { subject: rx }, { 'content.request': rx }] });
      }
      return allVisible(scope, where(scope, ...and));
    },

    /** 第十九条第三款 hints: the scope's cases of these persons or of this matter, newest first. */
    async sameMatterOrPerson(
      scope: PersonScope,
      match: { petitionerIds: readonly string[]; fingerprint: string | null },
      want = 50,
    ): Promise<CaseDoc[]> {
      const or: FilterQuery<CaseDoc>[] = [];
      if (match.petitionerIds.length) or.push({ 'petitioner.id': { $in: [...match.petitionerIds] } });
      if (match.fingerprint) or.push({ matterFingerprint: match.fingerprint });
      if (!or.length) return [];
      return firstVisible(scope, where(scope, { $or: or }), { createdAt: -1, _id: -1 }, want);
    },

    /**
     * A petitioner's earlier cases as snapshots, newest first: what the domain's `assessFiling` weighs. With a
     * person's scope only those the person may see (a hidden case must not change their answer, DOMAIN.md §5).
     */
    async historyOf(scope: CaseScope, petitionerId: string, want = 200): Promise<CaseSnapshot[]> {
      const rows = await firstVisible(
        scope,
        where(scope, { 'petitioner.id': petitionerId }),
        { createdAt: -1, _id: -1 },
        want,
        SNAPSHOT_PROJECTION,
      );
      return rows.map(toSnapshot);
    },

    /** The unit head's queue: pending extensions, objections to this unit's transfers, drafts to sign. */
    async approvals(scope: PersonScope, unit: string) {
      const [extensions, objections, drafts] = await Promise.all([
        allVisible(
          scope,
          where(scope, { state: 'accepted', handlingUnitId: unit, 'extension.status': 'pending' }),
        ),
        allVisible(
          scope,
          where(
            scope,
            { state: 'objected' },
            { objections: { $elemMatch: { status: 'pending', transferringUnitId: unit } } },
          ),
        ),
        allVisible(
          scope,
          where(scope, OPEN_STATES, { 'replyDraft.status': 'pending', 'replyDraft.unitId': unit }),
        ),
      ]);
      return { extensions, objections, drafts };
    },

    /** Cases a 回访 may be due on: answered (or rated) at one of these units. */
    async followUpCandidates(scope: PersonScope, units: readonly string[]): Promise<CaseDoc[]> {
      return allVisible(
        scope,
        where(
          scope,
          {
            $or: [
              { handlingUnitId: { $in: [...units] } },
              { reviewUnitId: { $in: [...units] } },
              { recheckUnitId: { $in: [...units] } },
            ],
          },
          {
            $or: [
              { followUp: { $ne: null } },
              {
                state: {
                  $in: ['replied', 'reviewed', 'final', 'mediated', 'closed', 'reviewing', 'rechecking'],
                },
              },
            ],
          },
        ),
      );
    },

    // ------------------------------------------------------------------ jobs (system scopes)

    /**
     * Open cases whose next deadline falls before `horizon`, through one cursor read in batches (pages would
     * each scan every open case on mongo-java-server). Only what the alert judgement reads is fetched.
     */
    dueForAlerts(
      _: SystemScope<'deadline-sweeper'>,
      horizon: string,
      batch = 2000,
    ): AsyncIterable<SweptCase> {
      return Case.find(
        { state: { $nin: TERMINAL_STATES }, nextDue: { $ne: null, $lt: horizon } },
        { content: 0, events: 0, outbox: 0, materials: 0, notes: 0 },
      )
        .batchSize(batch)
        .lean<SweptCase[]>()
        .cursor() as AsyncIterable<SweptCase>;
    },

    /** The sweeper's re-read after a missed write (by `_id`). */
    async sweptById(_: SystemScope<'deadline-sweeper'>, id: string): Promise<SweptCase | null> {
      return Case.findById(id, {
        content: 0,
        events: 0,
        outbox: 0,
        materials: 0,
        notes: 0,
      }).lean<SweptCase>();
    },

    /**
     * Pushes alerts and their outbox items in ONE conditional update on {_id, version, alertSeq} (a unique
     * index's keys) that also increments `alertSeq`; false when the case changed since `c` was read.
     */
    async pushAlerts(
      _: SystemScope<'deadline-sweeper'>,
      c: Pick<SweptCase, '_id' | 'version' | 'alertSeq'>,
      alerts: CaseAlert[],
      items: OutboxItem[],
    ): Promise<boolean> {
      const res = await Case.updateOne(
        // a case never swept has no alertSeq, which `null` matches
        { _id: c._id, version: c.version, alertSeq: c.alertSeq ?? null },
        { $push: { alerts: { $each: alerts }, outbox: { $each: items } }, $inc: { alertSeq: 1 } },
      );
      return res.modifiedCount === 1;
    },

    /** Cases with outbox items waiting (`outbox.0.at` is indexed), with only what delivery needs. */
    async withOutbox(
      _: SystemScope<'outbox-drain'>,
      batch: number,
    ): Promise<Pick<CaseDoc, '_id' | 'number' | 'outbox'>[]> {
      return Case.find({ 'outbox.0.at': { $exists: true } }, { number: 1, outbox: 1 })
        .limit(batch)
        .lean<Pick<CaseDoc, '_id' | 'number' | 'outbox'>[]>();
    },

    /** Removes exactly the delivered items (items pushed meanwhile stay); the case version is untouched. */
    async pullOutbox(_: SystemScope<'outbox-drain'>, caseId: string, itemIds: string[]): Promise<void> {
      await Case.updateOne({ _id: caseId }, { $pull: { outbox: { id: { $in: itemIds } } } });
    },

    /** Ids of cases whose stored deadlines were provisional for `year` (their holidays were not known). */
    async provisionalFor(_: SystemScope<'calendar-refresh'>, year: number, clocks: readonly string[]) {
      const yearPrefix = { $regex: `^${year}-` };
      const filter = {
        $or: clocks.flatMap((c) => [
          { [`deadlines.${c}.provisionalYears`]: year },
          // Records written before provisionalYears existed: judged by their last day (as needsRecomputation does).
          { [`deadlines.${c}.provisional`]: true, [`deadlines.${c}.lastDay`]: yearPrefix },
        ]),
      };
      return (await Case.find(filter, { _id: 1 }).lean<{ _id: string }[]>()).map((d) => d._id);
    },

    /**
     * Stores recomputed deadlines with ONE conditional update on {_id, version, state} (a unique index's
     * keys) that bumps the version, so an action that read the old deadlines gets 409; false on a lost race.
     */
    async refreshDeadlines(
      c: VisibleCase<SystemScope<'calendar-refresh'>>,
      deadlines: CaseSnapshot['deadlines'],
      now: Date,
    ): Promise<boolean> {
      const res = await Case.updateOne(
        { _id: c.doc._id, version: c.doc.version, state: c.doc.state },
        {
          $set: { deadlines, nextDue: nextDueOf({ deadlines }), updatedAt: formatChinaInstant(now) },
          $inc: { version: 1 },
        },
      );
      return res.modifiedCount === 1;
    },

    /** How many cases run under each profile version (a version in use cannot be withdrawn). */
    async profileUsage(_: SystemScope<'profile-usage'>) {
      return Case.aggregate<{ _id: { id: string; v: number }; n: number }>([
        { $group: { _id: { id: '$profile.id', v: '$profile.version' }, n: { $sum: 1 } } },
      ]);
    },

    /**
     * The snapshots the dashboard's facts are computed from: every case, or those updated since `since`
     * plus those whose next deadline passed since then (they became overdue without an update).
     */
    async forFacts(
      _: SystemScope<'dashboard-facts'>,
      changed?: { since: string; now: string },
    ): Promise<CaseDoc[]> {
      const filter = changed
        ? {
            $or: [
              { updatedAt: { $gte: changed.since } },
              { nextDue: { $gte: changed.since, $lt: changed.now } },
            ],
          }
        : {};
      return Case.find(filter, { events: 0, outbox: 0, materials: 0, notes: 0, content: 0 }).lean<
        CaseDoc[]
      >();
    },
  };
}
export type CaseRepository = ReturnType<typeof caseRepository>;
