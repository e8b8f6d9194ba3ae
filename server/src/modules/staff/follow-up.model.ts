import { Schema, type Connection } from 'mongoose';

/**
 * One 回访 call: staff phoned the petitioner after a 不满意 rating or a reply left unrated. Internal: never
 * shown to the petitioner. `_id` is derived from (case, idempotency key), so a retried submit records once.
 */
export interface FollowUpCallDoc {
  _id: string;
  caseId: string;
  /** The rated (or unrated) stage the call follows up: acceptance | first | review | recheck. */
  stage: string;
  unitId: string;
  userId: string;
  at: string;
  outcome: 'contacted' | 'unreachable';
  summary: string;
  satisfactionAfter?: 'satisfied' | 'basic' | 'unsatisfied';
}

const FollowUpCallSchema = new Schema<FollowUpCallDoc>(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    stage: { type: String, required: true },
    unitId: { type: String, required: true },
    userId: { type: String, required: true },
    at: { type: String, required: true },
    outcome: { type: String, required: true, enum: ['contacted', 'unreachable'] },
    summary: { type: String, required: true },
    satisfactionAfter: { type: String },
  },
  { collection: 'follow_up_calls', versionKey: false },
);
FollowUpCallSchema.index({ caseId: 1, at: 1 });

export const followUpCallModel = (conn: Connection) =>
  conn.model<FollowUpCallDoc>('FollowUpCall', FollowUpCallSchema);
