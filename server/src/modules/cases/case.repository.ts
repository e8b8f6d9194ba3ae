import type { Connection } from 'mongoose';
import type { CaseSnapshot, DecisionOk } from '../../domain';
import { Conflict } from '../../errors';
import { caseModel, counterModel, type CaseContent, type CaseDoc } from './case.model';

/** Earliest due instant among running deadlines (ISO strings with the same +08:00 offset sort correctly). */
export function nextDueOf(snapshot: Pick<CaseSnapshot, 'deadlines'>): string | null {
  const dues = Object.values(snapshot.deadlines)
    .filter((d) => d && d.status === 'running')
    .map((d) => d!.due)
    .sort();
  return dues[0] ?? null;
}

export function toSnapshot(doc: CaseDoc): CaseSnapshot {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { _id, number, content, events, nextDue, ...rest } = doc;
  return { id: _id, ...rest };
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
    async create(decision: DecisionOk, number: string, content: CaseContent): Promise<CaseDoc> {
      const { id, ...rest } = decision.snapshot;
      const doc: CaseDoc = {
        _id: id,
        ...rest,
        number,
        content,
        events: decision.events,
        nextDue: nextDueOf(rest),
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
    ): Promise<CaseDoc> {
      const set: Record<string, unknown> = { ...decision.set, nextDue: nextDueOf(decision.snapshot) };
      delete set.id;
      const updated = await Case.findOneAndUpdate(
        { _id: prev.id, version: prev.version, state: prev.state },
        { $set: set, $push: { events: { $each: decision.events } } },
        { new: true },
      ).lean<CaseDoc>();
      if (!updated) throw new Conflict();
      return updated;
    },

    async get(id: string): Promise<CaseDoc | null> {
      return Case.findById(id).lean<CaseDoc>();
    },
  };
}
export type CaseRepository = ReturnType<typeof caseRepository>;
