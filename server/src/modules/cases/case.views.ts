import {
  CATEGORY_LABELS,
  contactVisible,
  isOverdue,
  PROCEDURE_LABELS,
  petitionerSeesEvent,
  STATE_LABELS,
  type Actor,
  type AccusedParty,
  type OfferedAction,
  type RatingStage,
  type UnitTree,
  type Visibility,
} from '../../domain';
import { maskPhone } from '../../lib/pii';
import type {
  CaseSummary,
  PetitionerCaseDetail,
  ProposalViewSchema,
  StaffCaseDetail,
} from '../../contracts/cases';
import type { Static } from 'typebox';
import type { CaseDoc } from './case.model';

/**
 * The views of a case: ONE summary (every list: cases, inbox, duplicate hints, approvals, 回访, dashboard
 * drill-down) and the two details — the petitioner's and the staff's — each built field by field for its own
 * schema (contracts/cases.ts). What a viewer is shown of the timeline, the phone and material is the domain's
 * rule (`petitionerSeesEvent`, `contactVisible`, `materialRefusal` via `offeredActions`).
 */

/** The stages a case is rated at, in the order they happen. */
const RATING_STAGES: readonly RatingStage[] = ['acceptance', 'first', 'review', 'recheck'];

const unitRef = (tree: UnitTree, id: string) => ({ id, name: tree.name(id) });

/** The list row of a case. */
export function caseSummary(doc: CaseDoc, tree: UnitTree, at: Date): CaseSummary {
  return {
    id: doc._id,
    number: doc.number,
    title: doc.content?.title ?? doc.subject,
    state: doc.state,
    stateLabel: STATE_LABELS[doc.state],
    category: doc.category,
    channel: doc.channel,
    receivedAt: doc.receivedAt,
    updatedAt: doc.updatedAt,
    currentUnit: unitRef(tree, doc.currentUnitId),
    firstReceiver: doc.firstReceiver ? unitRef(tree, doc.firstReceiver.unitId) : null,
    nextDue: doc.nextDue,
    // Which clock that date belongs to (登记转送交办期限, 办理期限 …), so a list row can say what is due.
    nextDueLabel:
      Object.values(doc.deadlines ?? {}).find((d) => d?.status === 'running' && d.due === doc.nextDue)
        ?.label ?? null,
    overdue: !!doc.nextDue && isOverdue(doc.nextDue, at),
    version: doc.version,
  };
}

/** Everything a detail needs besides the stored case: who looks, what they may do, and the reads. */
export interface DetailInput {
  doc: CaseDoc;
  visibility: Visibility;
  actor: Actor;
  tree: UnitTree;
  at: Date;
  available: OfferedAction[];
  /** The petitioner's display name and phone in clear (decrypted), from their user record. */
  petitionerRecord: { displayName?: string | null; phone: string | null };
  files: { _id: string; name: string; mime: string; size: number }[];
  /** Other cases the detail names (repeatOf, a 不予受理's earlier case) that the viewer may see. */
  related: ReadonlyMap<string, { id: string; number: string }>;
  /** Display names of the staff the case names (recusals). */
  names: ReadonlyMap<string, string>;
}

function accusedView(tree: UnitTree, a: AccusedParty) {
  return { unit: a.unitId ? unitRef(tree, a.unitId) : null, names: a.names ?? [] };
}

function proposalView(i: DetailInput): Static<typeof ProposalViewSchema> | null {
  const p = i.doc.proposal;
  // The proposal names whom it accuses: the petitioner and the unit holding the case only.
  if (!p || (i.visibility.basis !== 'petitioner' && i.visibility.basis !== 'currentUnit')) return null;
  return {
    category: p.category,
    categoryLabel: CATEGORY_LABELS[p.category],
    accused: p.accused ? accusedView(i.tree, p.accused) : null,
  };
}

function notAcceptedFields(i: DetailInput) {
  const n = i.doc.notAccepted;
  if (!n) return null;
  const earlier =
    n.kind === 'sameMatterInProgress'
      ? n.existingCaseId
      : n.kind === 'finalAfterRecheck'
        ? n.finalCaseId
        : null;
  return {
    kind: n.kind,
    unit: unitRef(i.tree, n.unitId),
    at: n.at,
    ...(n.kind === 'statutoryProcedure'
      ? { procedure: n.procedure, procedureLabel: PROCEDURE_LABELS[n.procedure]?.label ?? n.procedure }
      : {}),
    ...(n.kind === 'statutoryProcedure' || n.kind === 'outsideRemit'
      ? { authority: n.authority, explanation: n.explanation }
      : {}),
    ...(earlier ? { existingCase: i.related.get(earlier) ?? null } : {}),
  };
}

/** What both views share. */
function common(i: DetailInput) {
  const { doc, tree, at } = i;
  const clear = contactVisible(doc, i.actor, i.visibility);
  const phone = i.petitionerRecord.phone;
  return {
    ...caseSummary(doc, tree, at),
    content: {
      title: doc.content.title,
      request: doc.content.request,
      facts: doc.content.facts,
      reasons: doc.content.reasons ?? '',
      subjectCode: doc.content.subjectCode ?? null,
      location: doc.content.location ? { address: doc.content.location.address } : null,
    },
    petitioner: {
      name: doc.petitioner.name ?? i.petitionerRecord.displayName ?? '',
      phone: phone ? (clear ? phone : maskPhone(phone)) : null,
      masked: !!phone && !clear,
    },
    handlingUnit: doc.handlingUnitId ? unitRef(tree, doc.handlingUnitId) : null,
    deadlines: Object.values(doc.deadlines)
      .filter((d): d is NonNullable<typeof d> => !!d)
      .map((d) => ({
        clock: d.clock,
        label: d.label,
        article: d.article,
        statutory: d.statutory,
        unitId: d.unitId,
        startedAt: d.startedAt,
        due: d.due,
        lastDay: d.lastDay,
        provisional: d.provisional,
        status: d.status,
        ...(d.metOnTime !== undefined ? { metOnTime: d.metOnTime } : {}),
        overdue: d.status !== 'stopped' && isOverdue(d.due, at),
        explanation: d.explanation,
      })),
    replies: (['first', 'review', 'recheck'] as const)
      .filter((s) => doc.replies[s])
      .map((s) => {
        const r = doc.replies[s]!;
        return {
          stage: s,
          at: r.at,
          unit: unitRef(tree, r.unitId),
          document: r.document,
          ratingDue: r.ratingDue,
        };
      }),
    ratings: RATING_STAGES.flatMap((stage) => {
      const r = doc.ratings[stage];
      return r ? [{ stage, level: r.level, ...(r.comment ? { comment: r.comment } : {}), at: r.at }] : [];
    }),
    materials: (doc.materials ?? []).map((m) => ({
      at: m.at,
      ...(m.text ? { text: m.text } : {}),
      attachmentIds: m.attachmentIds,
    })),
    proposal: proposalView(i),
    availableActions: i.available,
    attachments: i.files.map((f) => ({ id: f._id, name: f.name, mime: f.mime, size: f.size })),
  };
}

/** Whether the detail's clear phone number is shown (staff reads of it are audited by the caller). */
export const showsContact = (i: Pick<DetailInput, 'doc' | 'actor' | 'visibility'>) =>
  contactVisible(i.doc, i.actor, i.visibility);

/** The petitioner's view: their case as they may know it — no staff ids, notes or internal steps. */
export function petitionerCaseView(i: DetailInput): PetitionerCaseDetail {
  const { doc } = i;
  const ext = doc.extension;
  return {
    view: 'petitioner',
    ...common(i),
    events: doc.events.filter(petitionerSeesEvent).map((e) => ({
      type: e.type,
      at: e.at,
      from: e.from,
      to: e.to,
      summary: e.summary,
      ...(e.article ? { article: e.article } : {}),
    })),
    notAccepted: notAcceptedFields(i),
    extension:
      ext?.status === 'approved'
        ? {
            status: 'approved',
            approvedDays: ext.approvedDays ?? ext.requestedDays,
            reason: ext.reason,
            ...(ext.decidedAt ? { decidedAt: ext.decidedAt } : {}),
          }
        : null,
  };
}

/** The staff view (unit staff, leaders, the auditor, the filing grid worker). */
export function staffCaseView(i: DetailInput): StaffCaseDetail {
  const { doc, tree, visibility: v } = i;
  const n = notAcceptedFields(i);
  const ext = doc.extension;
  return {
    view: 'staff',
    ...common(i),
    viewBasis: v.reason,
    supervising: v.supervising,
    events: doc.events.map((e) => ({
      type: e.type,
      at: e.at,
      from: e.from,
      to: e.to,
      summary: e.summary,
      ...(e.article ? { article: e.article } : {}),
      actorUserId: e.actor.userId,
      ...(e.actor.unitId ? { actorUnitId: e.actor.unitId } : {}),
    })),
    notAccepted: n && doc.notAccepted ? { ...n, byUserId: doc.notAccepted.byUserId } : null,
    extension: ext
      ? {
          status: ext.status,
          requestedDays: ext.requestedDays,
          reason: ext.reason,
          requestedBy: ext.requestedBy,
          requestedAt: ext.requestedAt,
          ...(ext.approvedDays !== undefined ? { approvedDays: ext.approvedDays } : {}),
          ...(ext.decidedBy ? { decidedBy: ext.decidedBy } : {}),
          ...(ext.decidedAt ? { decidedAt: ext.decidedAt } : {}),
          ...(ext.note ? { note: ext.note } : {}),
        }
      : null,
    notes: (doc.notes ?? []).map((x) => ({ at: x.at, userId: x.userId, text: x.text })),
    recusals: doc.recusals.map((r) => ({
      userId: r.userId,
      name: i.names.get(r.userId) ?? '',
      reason: r.reason,
      byUserId: r.byUserId,
      at: r.at,
    })),
    accused: doc.accused && v.basis === 'currentUnit' ? accusedView(tree, doc.accused) : null,
    accusedHidden: !!doc.accused && v.basis !== 'currentUnit',
    repeatOf: doc.repeatOf ? (i.related.get(doc.repeatOf) ?? null) : null,
    firstTime: doc.firstTime,
  };
}

/** The ids of other cases a detail names: the caller reads those the viewer may see into `related`. */
export function relatedIdsOf(doc: CaseDoc): string[] {
  const n = doc.notAccepted;
  return [
    ...(doc.repeatOf ? [doc.repeatOf] : []),
    ...(n?.kind === 'sameMatterInProgress' ? [n.existingCaseId] : []),
    ...(n?.kind === 'finalAfterRecheck' ? [n.finalCaseId] : []),
  ];
}
