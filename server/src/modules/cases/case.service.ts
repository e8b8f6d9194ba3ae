import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  offeredActions,
  assessFiling,
  BUILTIN_PROFILES,
  findProfile,
  getDefaultCalendar,
  isOverdue,
  matterFingerprint,
  openCase,
  decide,
  STATE_LABELS,
  TERMINAL_STATES,
  validateRepresentatives,
  visibility,
  XINFANG_PROFILE,
  chinaDate,
  type Action,
  type Actor as DomainActor,
  type CaseSnapshot,
  type Classification,
  type DecisionContext,
  type DecisionOk,
  type Refusal,
  type UnitTree,
  type WorkCalendar,
} from '../../domain';
import { BadRequest, Conflict, Forbidden, NotFound, RuleViolation } from '../../errors';
import type { Actor as SessionActor } from '../auth/session.service';
import { userModel } from '../users/user.model';
import { attachmentModel } from '../attachments/attachment.model';
import { maskPhone } from '../../lib/pii';
import { isValidIdNumber } from '../../lib/id-number';
import type { UnitDirectory } from '../units/unit.service';
import type {
  CaseDetail,
  CaseListQuery,
  CaseSummary,
  FileCaseBody,
  RegisterCaseBody,
} from '../../contracts/cases';
import { caseRepository, toSnapshot, type CaseScope } from './case.repository';
import type { CaseContent, CaseDoc, OutboxItem } from './case.model';

/** Events a petitioner sees; internal steps (objections, supervision, recusal, pending extension) stay internal. */
const PETITIONER_EVENTS = new Set([
  'open',
  'register',
  'route',
  'accept',
  'notAccept',
  'decideExtension',
  'reply',
  'signReply',
  'mediate',
  'rate',
  'requestReview',
  'requestRecheck',
  'startHearing',
  'endHearing',
  'withdraw',
  'archive',
]);

export interface CaseServiceDeps {
  app: FastifyInstance;
  units: UnitDirectory;
  /** The working calendar (package data + admin-loaded years); the package data by default. */
  calendar?: () => Promise<WorkCalendar>;
  now?: () => Date;
}

/** The session's actor in the domain's terms: unit codes are unit ids; a resident is their own petitioner. */
export function toDomainActor(a: SessionActor): DomainActor {
  return {
    userId: a.userId,
    roles: a.roles,
    ...(a.unitCode ? { unitId: a.unitCode } : {}),
    ...(a.kind === 'resident' ? { petitionerId: a.userId } : {}),
  };
}

/** Case ids derived from (who, idempotency key): a retried or parallel filing can only ever insert one case. */
function idempotentId(userId: string, key: string): string {
  return createHash('sha256').update(`case:${userId}:${key}`).digest('hex').slice(0, 32);
}

function refusal(r: Refusal): RuleViolation | NotFound | Forbidden {
  // Exclusions (accused unit, recusal) and "not yours" must not reveal that the case exists.
  if (r.code === 'ACCUSED_UNIT' || r.code === 'ACCUSED_PERSON' || r.code === 'RECUSED') {
    return new NotFound('该信访事项不存在或您无权查看');
  }
  // The actor may see the case but their role/relation grants no such action: 403 with the rule's words.
  if (r.code === 'FORBIDDEN') return new Forbidden(r.message);
  return new RuleViolation(r.message, r.article, r.code);
}

/** Runs after a decision is stored (e.g. issuing the 文书 it requires); a failure is logged, never undone. */
export type AppliedListener = (doc: CaseDoc, d: DecisionOk, actor: SessionActor) => Promise<unknown>;

export function caseService(deps: CaseServiceDeps) {
  const { app, units } = deps;
  const appliedListeners: AppliedListener[] = [];
  const conn = app.db.conn;
  const repo = caseRepository(conn);
  const User = userModel(conn);
  const Attachment = attachmentModel(conn);
  const now = deps.now ?? (() => new Date());
  const calendar = deps.calendar ?? (async () => getDefaultCalendar());

  async function ctxFor(
    profileRef: { id: string; version: number } = XINFANG_PROFILE,
  ): Promise<DecisionContext> {
    const profile = findProfile(profileRef, BUILTIN_PROFILES);
    if (!profile) throw new BadRequest(`规则档案不存在：${profileRef.id}@${profileRef.version}`);
    return { units: await units.tree(), profile, calendar: await calendar() };
  }

  const audit = (
    actor: SessionActor | null,
    action: string,
    targetId: string | undefined,
    result: 'ok' | 'denied' | 'error',
    detail?: Record<string, unknown>,
  ) =>
    app.audit.record({
      actor: actor ? { userId: actor.userId, roles: actor.roles, unitCode: actor.unitCode } : null,
      action,
      targetType: 'case',
      targetId,
      result,
      detail,
    });

  function outboxFor(doc: Pick<CaseDoc, '_id' | 'number' | 'petitioner'>, d: DecisionOk): OutboxItem[] {
    return d.notices.map((n, i) => ({
      id: `${doc._id}:${d.snapshot.version}:${i}`,
      at: d.snapshot.updatedAt,
      audience: n.audience,
      ...(n.audience === 'petitioner' ? { userId: doc.petitioner.id } : {}),
      ...(n.unitId ? { unitId: n.unitId } : {}),
      ...(n.document ? { document: n.document } : {}),
      message: n.message,
      caseNumber: doc.number,
    }));
  }

  /** Loads a case the actor may see, or 404 — the same answer whether it is missing or not theirs. */
  async function loadVisible(actor: SessionActor, id: string) {
    const doc = await repo.get(id);
    const tree = await units.tree();
    if (!doc) throw new NotFound('该信访事项不存在或您无权查看');
    const v = visibility(toSnapshot(doc), toDomainActor(actor), { units: tree });
    if (!v.allowed) {
      await audit(actor, 'case.read', id, 'denied', { reason: v.reason });
      throw new NotFound('该信访事项不存在或您无权查看');
    }
    return { doc, v, tree };
  }

  function summary(doc: CaseDoc, tree: UnitTree, at: Date): CaseSummary {
    return {
      id: doc._id,
      number: doc.number,
      title: doc.content.title,
      state: doc.state,
      stateLabel: STATE_LABELS[doc.state],
      category: doc.category,
      channel: doc.channel,
      receivedAt: doc.receivedAt,
      updatedAt: doc.updatedAt,
      currentUnit: { id: doc.currentUnitId, name: tree.name(doc.currentUnitId) },
      firstReceiver: doc.firstReceiver
        ? { id: doc.firstReceiver.unitId, name: tree.name(doc.firstReceiver.unitId) }
        : null,
      nextDue: doc.nextDue,
      // Which clock that date belongs to (登记转送交办期限, 办理期限 …), so a list row can say what is due.
      nextDueLabel:
        Object.values(doc.deadlines).find((d) => d?.status === 'running' && d.due === doc.nextDue)?.label ??
        null,
      overdue: !!doc.nextDue && isOverdue(doc.nextDue, at),
      version: doc.version,
    };
  }

  /** What a caller may already hold, so `detail` need not read it again. */
  interface Known {
    /** The petitioner's user record (name and encrypted phone), as `detail` would read it. */
    petitioner?: { displayName?: string | null; phoneEnc?: string | null } | null;
    /** The case's files: a case filed just now without attachments has none. */
    files?: { _id: string; name: string; mime: string; size: number }[];
  }

  async function detail(
    actor: SessionActor,
    doc: CaseDoc,
    basis: ReturnType<typeof visibility>,
    tree: UnitTree,
    known: Known = {},
  ) {
    const at = now();
    const snapshot = toSnapshot(doc);
    const isPetitioner = basis.basis === 'petitioner';
    const domainActor = toDomainActor(actor);
    // Contact details only for whoever must reach the petitioner: the petitioner, the unit holding the case,
    // and the handling unit. Everyone else sees a mask; every unmasked read by staff is audited.
    const needsContact =
      isPetitioner ||
      (!!actor.unitCode &&
        (actor.unitCode === doc.currentUnitId || actor.unitCode === doc.handlingUnitId) &&
        actor.roles.some((r) => r === 'clerk' || r === 'handler' || r === 'unit_head'));
    // The petitioner's record and the case's files are independent reads: in parallel.
    const [user, files] = await Promise.all([
      known.petitioner !== undefined
        ? known.petitioner
        : User.findById(doc.petitioner.id, { displayName: 1, phoneEnc: 1 }).lean(),
      known.files ??
        Attachment.find({ caseId: doc._id }, { name: 1, mime: 1, size: 1 }).sort({ createdAt: 1 }).lean(),
    ]);
    const phoneClear = user?.phoneEnc ? app.pii.decrypt(user.phoneEnc) : null;
    if (needsContact && phoneClear && !isPetitioner) {
      await audit(actor, 'case.read.personal', doc._id, 'ok', { fields: ['phone'] });
    }
    const available = offeredActions(snapshot, domainActor, at, await ctxFor(doc.profile));
    const out: CaseDetail = {
      ...summary(doc, tree, at),
      content: {
        title: doc.content.title,
        request: doc.content.request,
        facts: doc.content.facts,
        reasons: doc.content.reasons ?? '',
        subjectCode: doc.content.subjectCode ?? null,
        location: doc.content.location ? { address: doc.content.location.address } : null,
      },
      petitioner: {
        name: doc.petitioner.name ?? user?.displayName ?? '',
        phone: phoneClear ? (needsContact ? phoneClear : maskPhone(phoneClear)) : null,
        masked: !!phoneClear && !needsContact,
      },
      viewBasis: basis.reason,
      supervising: basis.supervising,
      handlingUnit: doc.handlingUnitId
        ? { id: doc.handlingUnitId, name: tree.name(doc.handlingUnitId) }
        : null,
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
      events: doc.events
        .filter((e) => !isPetitioner || PETITIONER_EVENTS.has(e.type))
        .filter((e) => !(isPetitioner && e.type === 'decideExtension' && e.to !== 'accepted'))
        // A returned draft is internal; only the signed (issued) reply reaches the petitioner.
        .filter((e) => !(isPetitioner && e.type === 'signReply' && e.from === e.to))
        .map((e) => ({
          type: e.type,
          at: e.at,
          from: e.from,
          to: e.to,
          summary: e.summary,
          ...(e.article ? { article: e.article } : {}),
          ...(isPetitioner
            ? {}
            : { actorUserId: e.actor.userId, ...(e.actor.unitId ? { actorUnitId: e.actor.unitId } : {}) }),
        })),
      replies: (['first', 'review', 'recheck'] as const)
        .filter((s) => doc.replies[s])
        .map((s) => {
          const r = doc.replies[s]!;
          return {
            stage: s,
            at: r.at,
            unit: { id: r.unitId, name: tree.name(r.unitId) },
            document: r.document as unknown as Record<string, unknown>,
            ratingDue: r.ratingDue,
          };
        }),
      ratings: Object.entries(doc.ratings).map(([stage, r]) => ({
        stage,
        level: r!.level,
        ...(r!.comment ? { comment: r!.comment } : {}),
        at: r!.at,
      })),
      notAccepted: doc.notAccepted as unknown as Record<string, unknown> | null,
      extension:
        isPetitioner && doc.extension?.status !== 'approved'
          ? null
          : (doc.extension as Record<string, unknown> | null),
      materials: (doc.materials ?? []).map((m) => ({
        at: m.at,
        ...(m.text ? { text: m.text } : {}),
        attachmentIds: m.attachmentIds,
      })),
      ...(isPetitioner
        ? {}
        : { notes: (doc.notes ?? []).map((n) => ({ at: n.at, userId: n.userId, text: n.text })) }),
      accusedHidden: !!doc.accused && isPetitioner === false && basis.basis !== 'currentUnit',
      availableActions: available,
      attachments: files.map((f) => ({ id: f._id, name: f.name, mime: f.mime, size: f.size })),
      repeatOf: doc.repeatOf,
      firstTime: doc.firstTime,
    };
    return out;
  }

  /** Finds or creates the resident record for a petitioner registered by staff or filed by a grid worker. */
  async function petitionerFor(p: { name: string; phone?: string; idNumber?: string }): Promise<string> {
    if (p.idNumber && !isValidIdNumber(p.idNumber)) throw new BadRequest('身份证号校验位不正确，请核对');
    const enc = {
      ...(p.phone ? { phoneEnc: app.pii.encrypt(p.phone), phoneIndex: app.pii.index(p.phone) } : {}),
      ...(p.idNumber
        ? {
            idNumberEnc: app.pii.encrypt(p.idNumber.toUpperCase()),
            idNumberIndex: app.pii.index(p.idNumber.toUpperCase()),
          }
        : {}),
    };
    if (p.phone) {
      const u = await User.findOneAndUpdate(
        { phoneIndex: app.pii.index(p.phone) },
        { $setOnInsert: { displayName: p.name, roles: ['resident'], ...enc } },
        { upsert: true, new: true },
      ).lean();
      return String(u!._id);
    }
    const u = await User.create({ displayName: p.name, roles: ['resident'], ...enc });
    return String(u._id);
  }

  async function existingOf(petitionerId: string): Promise<CaseSnapshot[]> {
    // Only what toSnapshot keeps: the timeline, content and inboxes are most of a document's bytes.
    const docs = await repo.model
      .find(
        { 'petitioner.id': petitionerId },
        { content: 0, events: 0, outbox: 0, alerts: 0, materials: 0, notes: 0 },
      )
      .sort({ createdAt: -1 })
      .limit(200)
      .lean<CaseDoc[]>();
    return docs.map(toSnapshot);
  }

  async function create(
    actor: SessionActor,
    key: string,
    input: {
      channel: CaseSnapshot['channel'];
      targetUnitId: string;
      petitioner: { id: string; name: string };
      classification?: Classification;
      tier?: CaseSnapshot['tier'];
      representatives?: string[];
      consentRecorded?: boolean;
      receivedAt?: string;
      content: CaseContent;
      attachmentIds?: string[];
    },
  ) {
    const id = idempotentId(actor.userId, key);
    // Independent reads, in parallel (one round trip of latency instead of three); the petitioner's earlier
    // cases are read even for a replay, which is rare.
    const [replay, tree, existing] = await Promise.all([
      repo.get(id),
      units.tree(),
      existingOf(input.petitioner.id),
    ]);
    if (replay) return { doc: replay, tree, replayed: true as const, notice: undefined, noFiles: false };
    if (!tree.has(input.targetUnitId)) throw new BadRequest('所选单位不存在');
    if (input.representatives) {
      const r = validateRepresentatives(input.representatives);
      if (r) throw refusal(r as Refusal);
    }
    const at = now();
    const fingerprint = matterFingerprint(input.content.title);
    const assessment = assessFiling(
      {
        petitionerId: input.petitioner.id,
        matterFingerprint: fingerprint,
        targetUnitId: input.targetUnitId,
        at,
      },
      existing,
      tree,
    );
    // The domain names the existing case by id; people know it by its number.
    const existingNumber =
      'existingCaseId' in assessment ? (await repo.get(assessment.existingCaseId))?.number : undefined;
    const assessmentMessage =
      'existingCaseId' in assessment && existingNumber
        ? assessment.message.replaceAll(assessment.existingCaseId, existingNumber)
        : assessment.message;
    if (assessment.refuse) {
      await audit(actor, 'case.file', undefined, 'denied', {
        code: assessment.kind,
        existing: assessment.existingCaseId,
      });
      throw new RuleViolation(assessmentMessage, assessment.article, assessment.kind);
    }
    // Refuse bad attachment ids before the case exists, so a refused claim cannot leave a case without its files.
    if (input.attachmentIds?.length) await app.attachments.check(input.attachmentIds, actor.userId, id);
    const ctx = await ctxFor();
    const d = openCase(
      {
        id,
        channel: input.channel,
        targetUnitId: input.targetUnitId,
        subject: input.content.title,
        matterFingerprint: fingerprint,
        petitioner: { id: input.petitioner.id, name: input.petitioner.name, contactClear: true },
        ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
        ...(input.classification ? { classification: input.classification } : {}),
        ...(input.tier ? { tier: input.tier } : {}),
        ...(input.representatives ? { representatives: input.representatives } : {}),
        ...(input.consentRecorded !== undefined ? { consentRecorded: input.consentRecorded } : {}),
        firstTime: assessment.kind === 'new' ? assessment.firstTime : false,
        repeatOf: assessment.kind === 'repeat' ? assessment.repeatOf : null,
      },
      toDomainActor(actor),
      at,
      ctx,
    );
    if (!d.ok) {
      await audit(actor, 'case.file', undefined, 'denied', { code: d.code });
      throw refusal(d);
    }
    const region = tree.get(input.targetUnitId)?.regionCode ?? '000000';
    const number = await repo.nextNumber(Number(chinaDate(at).slice(0, 4)), region);
    // The opening notices are inserted with the case (one write, not an insert and a push).
    const outbox = outboxFor({ _id: id, number, petitioner: d.snapshot.petitioner }, d);
    let doc: CaseDoc;
    try {
      doc = await repo.create(d, number, input.content, outbox);
    } catch (err) {
      // A parallel request with the same idempotency key won the insert: answer with its case.
      if ((err as { code?: number }).code === 11000) {
        const winner = await repo.get(id);
        if (winner) return { doc: winner, tree, replayed: true as const, notice: undefined, noFiles: false };
      }
      throw err;
    }
    if (input.attachmentIds?.length) {
      await app.attachments.claim(input.attachmentIds, actor.userId, doc._id);
    }
    await audit(actor, 'case.file', doc._id, 'ok', { channel: input.channel, number });
    const notice = assessment.kind === 'new' ? undefined : assessmentMessage;
    return { doc, tree, replayed: false as const, notice, noFiles: !input.attachmentIds?.length };
  }

  return {
    repo,

    /** What the domain needs to decide on a case under its rule profile (units, profile, calendar). */
    decisionContext: ctxFor,

    onApplied(listener: AppliedListener) {
      appliedListeners.push(listener);
    },

    async file(actor: SessionActor, body: FileCaseBody) {
      const isGrid = actor.roles.includes('grid_worker') && actor.kind === 'staff';
      let petitioner: { id: string; name: string };
      let me: Known['petitioner'] | undefined;
      if (isGrid) {
        if (!body.onBehalfOf) throw new BadRequest('网格员代办须填写群众姓名、手机号并记录其同意');
        petitioner = {
          id: await petitionerFor({ name: body.onBehalfOf.name, phone: body.onBehalfOf.phone }),
          name: body.onBehalfOf.name,
        };
      } else if (actor.kind === 'resident') {
        if (body.onBehalfOf) throw new BadRequest('群众只能以本人名义提交');
        // the phone too: the answer's detail shows it, and this saves reading the same record twice
        me = await User.findById(actor.userId, { displayName: 1, phoneEnc: 1 }).lean();
        petitioner = { id: actor.userId, name: me?.displayName ?? '' };
      } else {
        throw new Forbidden('工作人员登记来信、来访、来电请使用登记功能');
      }
      if (body.proposedCategory === 'accusation' && !body.accused) {
        throw new BadRequest('检举控告请填写被检举的单位或人员');
      }
      const r = await create(actor, body.idempotencyKey, {
        channel: isGrid ? 'grid' : 'online',
        targetUnitId: body.targetUnitId,
        petitioner,
        consentRecorded: isGrid ? body.onBehalfOf?.consentRecorded === true : undefined,
        content: {
          title: body.title,
          request: body.request,
          facts: body.facts,
          reasons: body.reasons ?? '',
          subjectCode: body.subjectCode ?? null,
          location: body.location ?? null,
          ...(body.proposedCategory ? { proposedCategory: body.proposedCategory } : {}),
          ...(body.accused ? { proposedAccused: body.accused } : {}),
        },
        attachmentIds: body.attachmentIds,
      });
      const v = visibility(toSnapshot(r.doc), toDomainActor(actor), { units: r.tree });
      const known: Known = {
        ...(me !== undefined && r.doc.petitioner.id === actor.userId ? { petitioner: me } : {}),
        ...(r.noFiles ? { files: [] } : {}),
      };
      return { case: await detail(actor, r.doc, v, r.tree, known), replayed: r.replayed, notice: r.notice };
    },

    async register(actor: SessionActor, body: RegisterCaseBody) {
      if (!actor.unitCode) throw new Forbidden();
      const petitionerId = await petitionerFor(body.petitioner);
      const r = await create(actor, body.idempotencyKey, {
        channel: body.channel,
        targetUnitId: actor.unitCode,
        petitioner: { id: petitionerId, name: body.petitioner.name },
        classification: body.classification as Classification,
        tier: body.tier ?? null,
        representatives: body.representatives,
        receivedAt: body.receivedAt,
        content: {
          title: body.title,
          request: body.request,
          facts: body.facts,
          reasons: body.reasons ?? '',
          subjectCode: body.subjectCode ?? null,
          location: body.location ?? (body.petitioner.address ? { address: body.petitioner.address } : null),
        },
        attachmentIds: body.attachmentIds,
      });
      const v = visibility(toSnapshot(r.doc), toDomainActor(actor), { units: r.tree });
      const known: Known = r.noFiles ? { files: [] } : {};
      return { case: await detail(actor, r.doc, v, r.tree, known), replayed: r.replayed, notice: r.notice };
    },

    /** One action through the rules, applied as one conditional update (409 on a lost race). */
    async act(actor: SessionActor, id: string, version: number, action: Action) {
      const { doc } = await loadVisible(actor, id);
      if (doc.version !== version)
        throw new Conflict('该事项已被他人更新，请刷新后重试', { version: doc.version });
      const ctx = await ctxFor(doc.profile);
      const prev = toSnapshot(doc);
      const d = decide(prev, toDomainActor(actor), action, now(), ctx);
      if (!d.ok) {
        await audit(actor, `case.${action.type}`, id, 'denied', { code: d.code, article: d.article });
        throw refusal(d);
      }
      const updated = await repo.apply(prev, d, outboxFor(doc, d));
      await audit(actor, `case.${action.type}`, id, 'ok', {
        from: d.from,
        to: d.state,
        version: d.snapshot.version,
      });
      for (const listener of appliedListeners) {
        try {
          await listener(updated, d, actor);
        } catch (err) {
          app.log.error({ err, caseId: id, action: action.type }, 'after-apply listener failed');
        }
      }
      const v = visibility(toSnapshot(updated), toDomainActor(actor), { units: ctx.units });
      // After e.g. a transfer the actor may no longer see the case; answer with the summary of what happened.
      if (!v.allowed) return { case: null, state: updated.state, version: updated.version };
      return {
        case: await detail(actor, updated, v, ctx.units),
        state: updated.state,
        version: updated.version,
      };
    },

    /** The stored case if the actor may read it; otherwise the audited 404 that hides it. */
    async readable(actor: SessionActor, id: string): Promise<CaseDoc> {
      return (await loadVisible(actor, id)).doc;
    },

    /** Visibility only (for attachments of a case): no detail assembled, denials audited like any read. */
    async canRead(actor: SessionActor, id: string): Promise<boolean> {
      try {
        await loadVisible(actor, id);
        return true;
      } catch (err) {
        if (err instanceof NotFound) return false;
        throw err;
      }
    },

    async get(actor: SessionActor, id: string) {
      const { doc, v, tree } = await loadVisible(actor, id);
      return detail(actor, doc, v, tree);
    },

    async list(actor: SessionActor, q: CaseListQuery) {
      const tree = await units.tree();
      const scope = scopeOf(actor, tree);
      const at = now();
      const { items, nextCursor } = await repo.list(scope, q, at);
      const domainActor = toDomainActor(actor);
      // The query already applies the scope; visibility is checked again per case so no rule can be missed.
      const visible = items.filter((d) => visibility(toSnapshot(d), domainActor, { units: tree }).allowed);
      return { items: visible.map((d) => summary(d, tree, at)), nextCursor };
    },

    async addMaterial(
      actor: SessionActor,
      id: string,
      body: { idempotencyKey: string; text?: string; attachmentIds?: string[] },
    ) {
      const { doc, v } = await loadVisible(actor, id);
      if (v.basis !== 'petitioner') throw new Forbidden('只有信访人本人可以补充材料');
      if ((TERMINAL_STATES as readonly string[]).includes(doc.state)) {
        throw new RuleViolation(
          '该事项已办结，不能再补充材料',
          '《信访工作条例》第三十六条第三款',
          'CASE_CLOSED',
        );
      }
      if (!body.text && !body.attachmentIds?.length) throw new BadRequest('请填写补充说明或上传材料');
      if (body.attachmentIds?.length) await app.attachments.claim(body.attachmentIds, actor.userId, id);
      await repo.model.updateOne(
        { _id: id, 'materials.key': { $ne: body.idempotencyKey } },
        {
          $push: {
            materials: {
              key: body.idempotencyKey,
              at: new Date(now()).toISOString(),
              userId: actor.userId,
              ...(body.text ? { text: body.text } : {}),
              attachmentIds: body.attachmentIds ?? [],
            },
          },
        },
      );
      await audit(actor, 'case.material', id, 'ok');
      return this.get(actor, id);
    },

    async addNote(actor: SessionActor, id: string, body: { idempotencyKey: string; text: string }) {
      const { v } = await loadVisible(actor, id);
      if (v.basis === 'petitioner' || v.basis === 'filer') throw new Forbidden();
      await repo.model.updateOne(
        { _id: id, 'notes.key': { $ne: body.idempotencyKey } },
        {
          $push: {
            notes: {
              key: body.idempotencyKey,
              at: new Date(now()).toISOString(),
              userId: actor.userId,
              text: body.text,
            },
          },
        },
      );
      await audit(actor, 'case.note', id, 'ok');
      return this.get(actor, id);
    },
  };
}
export type CaseService = ReturnType<typeof caseService>;

/** What a list query may ever return for this actor (the repository requires one). */
export function scopeOf(actor: SessionActor, tree: UnitTree): CaseScope {
  if (actor.kind === 'resident') return { kind: 'petitioner', userId: actor.userId };
  const unit = actor.unitCode;
  const selfAndAbove = unit ? [unit, ...tree.ancestors(unit).map((u) => u.id)] : [];
  const base = { userId: actor.userId, selfAndAbove };
  if (actor.roles.includes('auditor')) return { kind: 'all', ...base };
  if (actor.roles.includes('leader') && unit) {
    return {
      kind: 'units',
      units: tree
        .all()
        .filter((u) => tree.isSameOrUnder(u.id, unit))
        .map((u) => u.id),
      ...base,
    };
  }
  if (unit && actor.roles.some((r) => r === 'clerk' || r === 'handler' || r === 'unit_head')) {
    return { kind: 'units', units: [unit], ...base };
  }
  if (actor.roles.includes('grid_worker')) return { kind: 'filer', ...base };
  throw new Forbidden();
}
