import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FilterQuery } from 'mongoose';
import {
  assessFiling,
  CASE_STATES,
  isOverdue,
  matterFingerprint,
  parseInstant,
  RATING_LABELS,
  STATE_LABELS,
  TERMINAL_STATES,
  URGENCY_RANK,
  type CaseSnapshot,
  type DecisionContext,
  type RatingStage,
  type UnitTree,
} from '../../domain';
import { BadRequest, Forbidden, RuleViolation } from '../../errors';
import { isValidIdNumber } from '../../lib/id-number';
import type { Actor as SessionActor } from '../auth/session.service';
import { userModel } from '../users/user.model';
import type { CaseDoc } from '../cases/case.model';
import { personScope, type PersonScope } from '../cases/case.scope';
import { toSnapshot } from '../cases/case.repository';
import type {
  Approvals,
  DuplicateHints,
  DuplicateQuery,
  FollowUpBody,
  FollowUpItem,
  FollowUpQuery,
  Inbox,
  InboxItem,
  InboxQuery,
} from '../../contracts/staff';
import { followUpCallModel, type FollowUpCallDoc } from './follow-up.model';
import { actionsFor, urgencyView } from './staff.views';
import { caseSummary } from '../cases/case.views';

/** A person's scope over units (staff and leaders), with those units. */
function unitsScope(actor: SessionActor, tree: UnitTree): { scope: PersonScope; units: string[] } {
  const scope = personScope(actor, tree);
  if (scope.reach.kind !== 'units') throw new Forbidden('仅限单位工作人员和领导使用');
  return { scope, units: scope.reach.units };
}

export function staffService(app: FastifyInstance, now: () => Date = () => new Date()) {
  const repo = app.cases.repo;
  const User = userModel(app.db.conn);
  const Call = followUpCallModel(app.db.conn);

  return {
    /**
     * The unit's queue by urgency. The database applies the scope (with the accused-unit and recusal
     * exclusions) and every filter; urgency needs each case's clocks, so the (bounded) result is sorted,
     * counted per tab and paged here — one query, no per-case round trips.
     */
    async inbox(actor: SessionActor, q: InboxQuery): Promise<Inbox> {
      const tree = await app.units.tree();
      const { scope, units: my } = unitsScope(actor, tree);
      const at = now();
      // Only cases the caller may see come back: every count and page below is over those.
      const rows = await repo.inbox(scope, my, {
        view: q.view ?? 'mine',
        state: q.state,
        channel: q.channel,
        category: q.category,
        subject: q.subject,
        unit: q.unit,
        firstReceiver: q.firstReceiver,
        q: q.q,
      });
      const domainActor = scope.actor;
      const contexts = new Map<string, Promise<DecisionContext>>();
      const contextOf = (doc: CaseDoc) => {
        const key = doc.profile ? `${doc.profile.id}@${doc.profile.version}` : '';
        let ctx = contexts.get(key);
        if (!ctx) contexts.set(key, (ctx = app.cases.decisionContext(doc.profile)));
        return ctx;
      };
      const items: (InboxItem & { _rank: number; _due: number })[] = [];
      for (const doc of rows) {
        const snap = toSnapshot(doc);
        const actions = actionsFor(domainActor, snap, at, await contextOf(doc));
        if ((q.only ?? 'actionable') === 'actionable' && actions.length === 0) continue;
        const u = urgencyView(snap, at);
        items.push({
          ...caseSummary(doc, tree, at),
          subjectCode: doc.content?.subjectCode ?? null,
          urgency: u.urgency,
          clock: u.clock,
          availableActions: actions,
          pending: {
            extension: doc.extension?.status === 'pending',
            objection: doc.objections.some((o) => o.status === 'pending'),
            replyDraft:
              doc.replyDraft?.status === 'pending' || doc.replyDraft?.status === 'returned'
                ? doc.replyDraft.status
                : null,
          },
          representatives: doc.representatives?.length ?? 0,
          repeatOf: doc.repeatOf,
          _rank: URGENCY_RANK[u.urgency],
          _due: u.clock ? parseInstant(u.clock.due) : Number.MAX_SAFE_INTEGER,
        });
      }
      items.sort(
        (a, b) =>
          a._rank - b._rank ||
          a._due - b._due ||
          a.receivedAt.localeCompare(b.receivedAt) ||
          a.id.localeCompare(b.id),
      );
      const counts = { all: items.length, overdue: 0, today: 0, soon: 0, later: 0, none: 0 };
      for (const it of items) counts[it.urgency]++;
      const tab = q.tab ?? 'all';
      const inTab = tab === 'all' ? items : items.filter((i) => i.urgency === tab);
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const slice = inTab.slice((page - 1) * pageSize, page * pageSize).map((i) => {
        const { _rank, _due, ...item } = i;
        return item;
      });
      const states = CASE_STATES.map((value) => ({ value, label: STATE_LABELS[value] }));
      return { counts, tab, page, pageSize, total: inTab.length, items: slice, states };
    },

    /**
     * 第十九条第三款: before registering, the cases of the same person (matched through the PII blind index,
     * never by decrypting) or of the same matter that the caller may see, and what registering would mean.
     */
    async duplicates(actor: SessionActor, body: DuplicateQuery): Promise<DuplicateHints> {
      if (!body.phone && !body.idNumber && !body.title) {
        throw new BadRequest('请至少填写手机号、身份证号或事项标题之一');
      }
      if (body.idNumber && !isValidIdNumber(body.idNumber))
        throw new BadRequest('身份证号校验位不正确，请核对');
      const tree = await app.units.tree();
      const { scope } = unitsScope(actor, tree);
      const or: FilterQuery<{ phoneIndex?: string; idNumberIndex?: string }>[] = [];
      if (body.phone) or.push({ phoneIndex: app.pii.index(body.phone) });
      if (body.idNumber) or.push({ idNumberIndex: app.pii.index(body.idNumber.toUpperCase()) });
      const people = or.length
        ? await User.find({ $or: or }, { _id: 1, phoneIndex: 1 }).limit(20).lean()
        : [];
      // The phone decides who the petitioner is on registration (it is the upsert key there).
      const phoneIdx = body.phone ? app.pii.index(body.phone) : null;
      people.sort((a, b) => Number(b.phoneIndex === phoneIdx) - Number(a.phoneIndex === phoneIdx));
      const personIds = people.map((p) => String(p._id));
      const fp = body.title ? matterFingerprint(body.title) : null;
      const at = now();
      const visible = await repo.sameMatterOrPerson(scope, { petitionerIds: personIds, fingerprint: fp });
      const items = visible.map((doc) => {
        const relations: ('samePerson' | 'sameMatter')[] = [];
        if (personIds.includes(doc.petitioner.id)) relations.push('samePerson');
        if (fp && doc.matterFingerprint === fp) relations.push('sameMatter');
        const relationLabel =
          relations.length === 2
            ? '同一信访人、同一事项'
            : relations[0] === 'samePerson'
              ? '同一信访人'
              : '同一事项（其他信访人）';
        return {
          ...caseSummary(doc, tree, at),
          relations,
          relationLabel,
          open: !(TERMINAL_STATES as readonly string[]).includes(doc.state),
        };
      });
      // Same person AND same matter first, then open before closed, newest first within.
      items.sort(
        (a, b) =>
          b.relations.length - a.relations.length ||
          Number(b.open) - Number(a.open) ||
          b.receivedAt.localeCompare(a.receivedAt),
      );

      // 第三十条第三款, DOMAIN.md §5: the answer is the one the caller would get without the cases they may not
      // see. So a person is "known" only through a case the caller may see (their user record alone may exist
      // because of a hidden case), and the assessment weighs only those cases.
      let petitionerId: string | undefined;
      let theirs: CaseSnapshot[] = [];
      for (const id of personIds) {
        theirs = await repo.historyOf(scope, id);
        if (theirs.length) {
          petitionerId = id;
          break;
        }
      }
      let assessment: DuplicateHints['assessment'] = null;
      if (petitionerId && fp && actor.unitCode) {
        const a = assessFiling(
          { petitionerId, matterFingerprint: fp, targetUnitId: actor.unitCode, at },
          theirs,
          tree,
        );
        const existing =
          'existingCaseId' in a ? (await repo.readMany(scope, [a.existingCaseId]))[0] : undefined;
        assessment = {
          kind: a.kind,
          refuse: a.refuse,
          message: existing ? a.message.replaceAll(existing._id, existing.number) : a.message,
          ...('article' in a ? { article: a.article } : {}),
          ...(existing ? { existingCaseId: existing._id, existingCaseNumber: existing.number } : {}),
        };
      }
      await app.audit.record({
        actor: { userId: actor.userId, roles: actor.roles, unitCode: actor.unitCode },
        action: 'case.duplicates',
        targetType: 'case',
        result: 'ok',
        detail: { byPerson: personIds.length > 0, byMatter: !!fp, hits: items.length },
      });
      return { items, assessment, knownPetitioner: !!petitionerId };
    },

    /** The unit head's queue: pending extensions, objections to this unit's transfers, drafts to sign. */
    async approvals(actor: SessionActor): Promise<Approvals> {
      const tree = await app.units.tree();
      const { scope } = unitsScope(actor, tree);
      const unit = actor.unitCode;
      if (!unit) throw new Forbidden();
      const at = now();
      const { extensions: ext, objections: obj, drafts } = await repo.approvals(scope, unit);
      const byAt = <T extends { requestedAt?: string; draftedAt?: string }>(a: T, b: T) =>
        (a.requestedAt ?? a.draftedAt ?? '').localeCompare(b.requestedAt ?? b.draftedAt ?? '');
      const extensions = ext
        .map((d) => ({
          case: caseSummary(d, tree, at),
          clock: urgencyView(toSnapshot(d), at).clock,
          requestedDays: d.extension!.requestedDays,
          reason: d.extension!.reason,
          requestedBy: d.extension!.requestedBy,
          requestedAt: d.extension!.requestedAt,
        }))
        .sort(byAt);
      const objections = obj
        .map((d) => {
          const o = d.objections.find((x) => x.status === 'pending' && x.transferringUnitId === unit)!;
          return {
            case: caseSummary(d, tree, at),
            objectingUnit: { id: o.unitId, name: tree.name(o.unitId) },
            reasons: o.reasons,
            requestedBy: o.byUserId,
            requestedAt: o.at,
          };
        })
        .sort(byAt);
      const replies = drafts
        .map((d) => ({
          case: caseSummary(d, tree, at),
          clock: urgencyView(toSnapshot(d), at).clock,
          stage: d.replyDraft!.stage,
          document: d.replyDraft!.document,
          draftedBy: d.replyDraft!.byUserId,
          draftedAt: d.replyDraft!.at,
        }))
        .sort(byAt);
      return {
        counts: { extensions: extensions.length, objections: objections.length, replies: replies.length },
        extensions,
        objections,
        replies,
      };
    },

    /**
     * 回访: cases of the unit rated 不满意 at some stage, or whose reply went unrated until the rating window
     * closed. One item per (case, stage); done once a call reached the petitioner.
     */
    async followUps(actor: SessionActor, q: FollowUpQuery) {
      const tree = await app.units.tree();
      const { scope, units } = unitsScope(actor, tree);
      const my = new Set(units);
      const at = now();
      const visible = await repo.followUpCandidates(scope, units);
      const candidates = visible.flatMap((d) =>
        followUpsOf(toSnapshot(d), at)
          .filter((f) => my.has(f.unitId))
          .map((f) => ({ doc: d, ...f })),
      );
      const calls = candidates.length
        ? await Call.find({ caseId: { $in: [...new Set(candidates.map((c) => c.doc._id))] } })
            .sort({ at: 1 })
            .lean<FollowUpCallDoc[]>()
        : [];
      const items: FollowUpItem[] = candidates.map((c) => {
        const mine = calls.filter((x) => x.caseId === c.doc._id && x.stage === c.stage);
        return {
          case: caseSummary(c.doc, tree, at),
          reason: c.reason,
          reasonLabel: c.reason === 'unsatisfied' ? `评价${RATING_LABELS.unsatisfied}` : '评价期满未评价',
          stage: c.stage,
          since: c.since,
          ...(c.comment ? { comment: c.comment } : {}),
          calls: mine.map(callView),
          done: mine.some((x) => x.outcome === 'contacted'),
        };
      });
      items.sort((a, b) => Number(a.done) - Number(b.done) || a.since.localeCompare(b.since));
      const counts = {
        pending: items.filter((i) => !i.done).length,
        done: items.filter((i) => i.done).length,
      };
      const status = q.status ?? 'pending';
      const list = status === 'all' ? items : items.filter((i) => i.done === (status === 'done'));
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      return {
        counts,
        page,
        pageSize,
        total: list.length,
        items: list.slice((page - 1) * pageSize, page * pageSize),
      };
    },

    /** Records a 回访 call (idempotent per key, audited). The stage is the one the list says is open. */
    async recordFollowUp(actor: SessionActor, caseId: string, body: FollowUpBody): Promise<FollowUpItem> {
      const tree = await app.units.tree();
      const { units } = unitsScope(actor, tree);
      // The cases module decides (and audits a refusal); a case one may not read looks missing.
      const doc = await app.cases.readable(actor, caseId);
      if (body.outcome === 'contacted' && !body.satisfactionAfter) {
        throw new BadRequest('已联系上信访人时，请记录回访后的满意程度');
      }
      if (body.outcome === 'unreachable' && body.satisfactionAfter) {
        throw new BadRequest('未联系上信访人时不能记录满意程度');
      }
      const at = now();
      const my = new Set(units);
      const open = followUpsOf(toSnapshot(doc), at).filter((f) => my.has(f.unitId));
      const id = createHash('sha256')
        .update(`followup:${caseId}:${body.idempotencyKey}`)
        .digest('hex')
        .slice(0, 32);
      const replay = await Call.findById(id).lean<FollowUpCallDoc>();
      const target = replay ? open.find((f) => f.stage === replay.stage) : open[open.length - 1];
      if (!target) {
        throw new RuleViolation(
          '该事项没有需要本单位回访的评价（仅评价不满意或评价期满未评价的事项需要回访）',
          '《北京市接诉即办工作条例》第二十三条',
          'NO_FOLLOW_UP_DUE',
        );
      }
      if (!replay) {
        try {
          await Call.create({
            _id: id,
            caseId,
            stage: target.stage,
            unitId: target.unitId,
            userId: actor.userId,
            at: at.toISOString(),
            outcome: body.outcome,
            summary: body.summary.trim(),
            ...(body.satisfactionAfter ? { satisfactionAfter: body.satisfactionAfter } : {}),
          });
          await app.audit.record({
            actor: { userId: actor.userId, roles: actor.roles, unitCode: actor.unitCode },
            action: 'case.followUp',
            targetType: 'case',
            targetId: caseId,
            result: 'ok',
            detail: { stage: target.stage, outcome: body.outcome },
          });
        } catch (err) {
          // A parallel retry with the same key won the insert: answer with what it recorded.
          if ((err as { code?: number }).code !== 11000) throw err;
        }
      }
      const calls = await Call.find({ caseId, stage: target.stage })
        .sort({ at: 1 })
        .lean<FollowUpCallDoc[]>();
      return {
        case: caseSummary(doc, tree, at),
        reason: target.reason,
        reasonLabel: target.reason === 'unsatisfied' ? `评价${RATING_LABELS.unsatisfied}` : '评价期满未评价',
        stage: target.stage,
        since: target.since,
        ...(target.comment ? { comment: target.comment } : {}),
        calls: calls.map(callView),
        done: calls.some((x) => x.outcome === 'contacted'),
      };
    },
  };
}
export type StaffService = ReturnType<typeof staffService>;

function callView(x: FollowUpCallDoc) {
  return {
    at: x.at,
    userId: x.userId,
    outcome: x.outcome,
    summary: x.summary,
    ...(x.satisfactionAfter ? { satisfactionAfter: x.satisfactionAfter } : {}),
  };
}

/**
 * The stages of a case that call for a 回访 and the unit that answered them: rated 不满意 (any stage), or a
 * reply (or mediation) whose rating window closed without a rating.
 */
export function followUpsOf(
  c: CaseSnapshot,
  at: Date,
): {
  stage: RatingStage;
  unitId: string;
  reason: 'unsatisfied' | 'unrated';
  since: string;
  comment?: string;
}[] {
  const out: ReturnType<typeof followUpsOf> = [];
  const subjects: [RatingStage, { unitId: string; ratingDue: string } | null | undefined][] = [
    ['acceptance', c.acceptance],
    ['first', c.replies.first ?? c.mediation],
    ['review', c.replies.review],
    ['recheck', c.replies.recheck],
  ];
  for (const [stage, subject] of subjects) {
    if (!subject) continue;
    const rating = c.ratings[stage];
    if (rating?.level === 'unsatisfied') {
      out.push({
        stage,
        unitId: subject.unitId,
        reason: 'unsatisfied',
        since: rating.at,
        ...(rating.comment ? { comment: rating.comment } : {}),
      });
    } else if (!rating && stage !== 'acceptance' && isOverdue(subject.ratingDue, at)) {
      out.push({ stage, unitId: subject.unitId, reason: 'unrated', since: subject.ratingDue });
    }
  }
  return out;
}
