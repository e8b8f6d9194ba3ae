/**
 * The case lifecycle: an explicit transition table (state × action → state, with the clocks each row starts
 * and stops) and one decision function. Illegal transitions are refused here, never only in the UI.
 *
 * How the server applies a decision: `findOneAndUpdate({ _id: prev.id, version: prev.version, state:
 * prev.state }, { $set: decision.set })`, append `decision.events` to the timeline and `decision.notices` to
 * the outbox; a lost race (no document matched) is a 409.
 *
 * This file is the public face; the parts follow the lines the tests use (server/test/domain/lifecycle-*):
 * - lifecycle-table.ts       the transition table and the action labels
 * - lifecycle-clocks.ts      starting and recomputing clocks, overdue alerts
 * - lifecycle-invariants.ts  the deadlines each state requires, consistency checks
 * - refusals.ts              the catalogue of refusals
 * - lifecycle-draft.ts       the draft a decision is worked out on
 * - lifecycle-intake.ts / -handling.ts / -review.ts / -oversight.ts   the handlers, by stage
 * - lifecycle-decide.ts      `decide`;  lifecycle-open.ts  `openCase`
 */
export {
  ACTION_LABELS,
  actionsAvailableIn,
  TRANSITIONS,
  type TransitionRow,
  transitionsFrom,
} from './lifecycle-table';
export {
  type OverdueAlert,
  overdueDeadlines,
  recomputeDeadline,
  refreshProvisionalDeadlines,
} from './lifecycle-clocks';
export { checkInvariants, requiredClocks } from './lifecycle-invariants';
export { decide } from './lifecycle-decide';
export {
  filingTarget,
  matterFingerprint,
  type NewCaseInput,
  openCase,
  validateRepresentatives,
} from './lifecycle-open';
