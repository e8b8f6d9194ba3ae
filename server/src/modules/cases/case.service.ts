import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  offeredActions,
  assessFiling,
  materialRefusal,
  BUILTIN_PROFILES,
  findProfile,
  getDefaultCalendar,
  matterFingerprint,
  openCase,
  decide,
  filingTarget,
  validateRepresentatives,
  XINFANG_PROFILE,
  chinaDate,
  type Action,
  type CaseSnapshot,
  type AccusedParty,
  type CaseProposal,
  type PersonFacts,
  type Classification,
  type DecisionContext,
  type DecisionOk,
  type Refusal,
  refusalAnswer,
  type UnitTree,
  type WorkCalendar,
} from '../../domain';
import { BadRequest, Conflict, Forbidden, NotFound, RuleViolation } from '../../errors';
import type { Actor as SessionActor } from '../auth/session.service';
import { userModel } from '../users/user.model';
import { attachmentModel } from '../attachments/attachment.model';
import { isValidIdNumber } from '../../lib/id-number';
import type { UnitDirectory } from '../units/unit.service';
import type { CaseListQuery, FileCaseBody, RegisterCaseBody } from '../../contracts/cases';
import { caseRepository, toSnapshot, type VisibleCase } from './case.repository';
import {
  caseSummary,
  petitionerCaseView,
  relatedIdsOf,
  showsContact,
  staffCaseView,
  type DetailInput,
} from './case.views';
import type { CaseContent, CaseDoc, OutboxItem } from './case.model';
import { personScope, systemScope, toDomainActor, type PersonScope } from './case.scope';

export interface CaseServiceDeps {
  app: FastifyInstance;
  units: UnitDirectory;
  /** The working calendar (package data + admin-loaded years); the package data by default. */
  calendar?: () => Promise<WorkCalendar>;
  now?: () => Date;
}

/** Case ids derived from (who, idempotency key): a retried or parallel filing can only ever insert one case. */
function idempotentId(userId: string, key: string): string {
  return createHash('sha256').update(`case:${userId}:${key}`).digest('hex').slice(0, 32);
}

function refusal(r: Refusal): RuleViolation | NotFound | Forbidden {
  switch (refusalAnswer(r.code)) {
    // Exclusions (accused unit or person, recusal) must not reveal that the case exists.
    case 'hidden':
      return new NotFound('该信访事项不存在或您无权查看');
    // The actor may see the case but their role/relation grants no such action: 403 with the rule's words.
    case 'forbidden':
      return new Forbidden(r.message);
    case 'rule':
      return new RuleViolation(r.message, r.article, r.code);
  }
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
      at: now(),
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

  async function scopeOf(actor: SessionActor): Promise<PersonScope> {
    return personScope(actor, await units.tree());
  }

  /** Loads a case the actor may see, or 404 — the same answer whether it is missing or not theirs. */
  async function loadVisible(actor: SessionActor, id: string) {
    const scope = await scopeOf(actor);
    const r = await repo.read(scope, id);
    if (!r.ok) {
      if (!r.missing) await audit(actor, 'case.read', id, 'denied', { reason: r.refusal.reason });
      throw new NotFound('该信访事项不存在或您无权查看');
    }
    return { vc: r.case, doc: r.case.doc, v: r.case.visibility, tree: scope.tree, scope };
  }

  /** What a caller may already hold, so `detail` need not read it again. */
  interface Known {
    /** The petitioner's user record (name and encrypted phone), as `detail` would read it. */
    petitioner?: { displayName?: string | null; phoneEnc?: string | null } | null;
    /** The case's files: a case filed just now without attachments has none. */
    files?: { _id: string; name: string; mime: string; size: number }[];
  }

  /** The viewer's detail of a case they may see: the petitioner's view or the staff view (case.views.ts). */
  async function detail(actor: SessionActor, vc: VisibleCase, known: Known = {}) {
    const at = now();
    const { doc, visibility: v } = vc;
    const scope = vc.scope.kind === 'person' ? vc.scope : await scopeOf(actor);
    const related = relatedIdsOf(doc);
    // The petitioner's record, the case's files and the cases it names are independent reads: in parallel.
    const [user, files, others, people] = await Promise.all([
      known.petitioner !== undefined
        ? known.petitioner
        : User.findById(doc.petitioner.id, { displayName: 1, phoneEnc: 1 }).lean(),
      known.files ??
        Attachment.find({ caseId: doc._id }, { name: 1, mime: 1, size: 1 }).sort({ createdAt: 1 }).lean(),
      // Only those the viewer may see (the judge, in the repository): a hidden case is never named.
      related.length ? repo.readMany(scope, related) : Promise.resolve([]),
      personsOf(doc.recusals.map((r) => r.userId)),
    ]);
    const input: DetailInput = {
      doc,
      visibility: v,
      actor: scope.actor,
      tree: scope.tree,
      at,
      available: offeredActions(toSnapshot(doc), scope.actor, at, {
        ...(await ctxFor(doc.profile)),
        persons: people.facts,
      }),
      petitionerRecord: {
        displayName: user?.displayName ?? null,
        phone: user?.phoneEnc ? app.pii.decrypt(user.phoneEnc) : null,
      },
      files,
      related: new Map(others.map((o) => [o._id, { id: o._id, number: o.number }])),
      names: people.names,
    };
    // Every unmasked read of the petitioner's phone by staff is audited.
    if (input.petitionerRecord.phone && v.basis !== 'petitioner' && showsContact(input)) {
      await audit(actor, 'case.read.personal', doc._id, 'ok', { fields: ['phone'] });
    }
    return v.basis === 'petitioner' ? petitionerCaseView(input) : staffCaseView(input);
  }

  /**
   * The staff an action or a case names (a recusal's person), from the user records: their unit and roles for
   * the rules (DecisionContext.persons), and their display names for the staff view. Residents are not staff.
   */
  async function personsOf(ids: readonly string[]) {
    const valid = [...new Set(ids)].filter((x) => /^[0-9a-f]{24}$/.test(x));
    const rows = valid.length
      ? await User.find(
          { _id: { $in: valid }, roles: { $ne: 'resident' } },
          { unitCode: 1, roles: 1, displayName: 1 },
        ).lean()
      : [];
    const facts: Record<string, PersonFacts> = {};
    const names = new Map<string, string>();
    for (const u of rows) {
      facts[String(u._id)] = { unitId: u.unitCode ?? null, roles: u.roles as PersonFacts['roles'] };
      names.set(String(u._id), u.displayName ?? '');
    }
    return { facts, names };
  }

  /**
   * 第三十条第三款 / 第四十六条第五项: the units of the accused persons a clerk names, from the user records (never
   * from the request), so the accusation reaches neither them nor their units.
   */
  async function withPersonUnits(c: Classification): Promise<Classification> {
    if (c.category !== 'accusation') return c;
    const { personUnitIds: _ignored, ...accused } = c.accused as AccusedParty;
    void _ignored;
    const ids = [...new Set(accused.userIds ?? [])];
    if (!ids.length) return { category: 'accusation', accused };
    const valid = ids.filter((x) => /^[0-9a-f]{24}$/.test(x));
    const people =
      valid.length === ids.length
        ? await User.find({ _id: { $in: valid }, roles: { $ne: 'resident' } }, { unitCode: 1 }).lean()
        : [];
    if (people.length !== ids.length) throw new BadRequest('被检举控告的工作人员不存在，请核对');
    const personUnitIds = [...new Set(people.map((p) => p.unitCode).filter((u): u is string => !!u))].sort();
    return {
      category: 'accusation',
      accused: { ...accused, userIds: ids, ...(personUnitIds.length ? { personUnitIds } : {}) },
    };
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

  /**
   * The match a filing has with a case its filer may not see, if any: what `assessFiling` says over every case
   * of the petitioner, when it names a case outside the filer's view. Recorded in the audit trail only.
   */
  function hiddenMatchOf(
    all: CaseSnapshot[],
    visibleToFiler: CaseSnapshot[],
    targetUnitId: string,
    filing: { petitionerId: string; fingerprint: string; at: Date; tree: UnitTree },
  ) {
    const full = assessFiling(
      {
        petitionerId: filing.petitionerId,
        matterFingerprint: filing.fingerprint,
        targetUnitId,
        at: filing.at,
      },
      all,
      filing.tree,
    );
    if (!('existingCaseId' in full)) return undefined;
    if (visibleToFiler.some((c) => c.id === full.existingCaseId)) return undefined;
    return { caseId: full.existingCaseId, kind: full.kind };
  }

  async function create(
    actor: SessionActor,
    key: string,
    input: {
      channel: CaseSnapshot['channel'];
      targetUnitId: string;
      petitioner: { id: string; name: string };
      classification?: Classification;
      proposal?: CaseProposal;
      tier?: CaseSnapshot['tier'];
      representatives?: string[];
      consentRecorded?: boolean;
      receivedAt?: string;
      content: CaseContent;
      attachmentIds?: string[];
    },
  ) {
    const id = idempotentId(actor.userId, key);
    const scope = await scopeOf(actor);
    const tree = scope.tree;
    // Independent reads, in parallel. The petitioner's earlier cases are weighed as the filer may see them:
    // a case hidden from the filer (an accusation against their unit, a recusal) must not change the answer,
    // its flags or its notice (DOMAIN.md §5). A resident filing for themselves sees all of their own; anyone
    // else's match with a hidden case is recorded for those who may know (the audit trail), never answered.
    const forSelf = scope.actor.petitionerId === input.petitioner.id;
    const [replay, existing, everything] = await Promise.all([
      repo.read(scope, id),
      repo.historyOf(scope, input.petitioner.id),
      forSelf
        ? Promise.resolve(null)
        : repo.historyOf(systemScope('hidden-match-audit'), input.petitioner.id),
    ]);
    if (replay.ok)
      return { vc: replay.case, tree, replayed: true as const, notice: undefined, noFiles: false };
    if (!tree.has(input.targetUnitId)) throw new BadRequest('所选单位不存在');
    if (input.representatives) {
      const r = validateRepresentatives(input.representatives);
      if (r) throw refusal(r);
    }
    // Where it will be received: a proposed 检举控告 goes to the bureau the domain names (第三十条第三款).
    const where = filingTarget(input.targetUnitId, input.proposal, tree);
    if (!where.ok) {
      await audit(actor, 'case.file', undefined, 'denied', { code: where.code });
      throw refusal(where);
    }
    const at = now();
    const fingerprint = matterFingerprint(input.content.title);
    const assessment = assessFiling(
      {
        petitionerId: input.petitioner.id,
        matterFingerprint: fingerprint,
        targetUnitId: where.unitId,
        at,
      },
      existing,
      tree,
    );
    // The domain names the existing case by id; people know it by its number.
    const existingNumber =
      'existingCaseId' in assessment
        ? (await repo.readMany(scope, [assessment.existingCaseId]))[0]?.number
        : undefined;
    const hiddenMatch = everything
      ? hiddenMatchOf(everything, existing, where.unitId, {
          petitionerId: input.petitioner.id,
          fingerprint,
          at,
          tree,
        })
      : undefined;
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
        ...(input.proposal ? { proposal: input.proposal } : {}),
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
    const region = tree.get(d.snapshot.currentUnitId)?.regionCode ?? '000000';
    const number = await repo.nextNumber(Number(chinaDate(at).slice(0, 4)), region);
    // The opening notices are inserted with the case (one write, not an insert and a push).
    const outbox = outboxFor({ _id: id, number, petitioner: d.snapshot.petitioner }, d);
    let vc: VisibleCase;
    try {
      vc = await repo.create(scope, d, number, input.content, outbox);
    } catch (err) {
      // A parallel request with the same idempotency key won the insert: answer with its case.
      if ((err as { code?: number }).code === 11000) {
        const winner = await repo.read(scope, id);
        if (winner.ok)
          return { vc: winner.case, tree, replayed: true as const, notice: undefined, noFiles: false };
      }
      throw err;
    }
    if (input.attachmentIds?.length) {
      await app.attachments.claim(input.attachmentIds, actor.userId, id);
    }
    await audit(actor, 'case.file', id, 'ok', {
      channel: input.channel,
      number,
      ...(hiddenMatch ? { hiddenMatch } : {}),
      ...(input.proposal ? { proposedCategory: input.proposal.category } : {}),
      ...(d.snapshot.currentUnitId !== input.targetUnitId
        ? { addressedTo: input.targetUnitId, receivedBy: d.snapshot.currentUnitId }
        : {}),
    });
    // The resident is told where an accusation went (the domain's notice), and what the filing matched.
    const notices = [
      ...d.notices.filter((x) => x.audience === 'petitioner').map((x) => x.message),
      ...(assessment.kind === 'new' ? [] : [assessmentMessage]),
    ];
    const notice = notices.length ? notices.join('') : undefined;
    return { vc, tree, replayed: false as const, notice, noFiles: !input.attachmentIds?.length };
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
      const r = await create(actor, body.idempotencyKey, {
        channel: isGrid ? 'grid' : 'online',
        targetUnitId: body.targetUnitId,
        ...(body.proposedCategory
          ? {
              proposal: {
                category: body.proposedCategory,
                ...(body.proposedCategory === 'accusation' ? { accused: { ...(body.accused ?? {}) } } : {}),
              },
            }
          : {}),
        petitioner,
        consentRecorded: isGrid ? body.onBehalfOf?.consentRecorded === true : undefined,
        content: {
          title: body.title,
          request: body.request,
          facts: body.facts,
          reasons: body.reasons ?? '',
          subjectCode: body.subjectCode ?? null,
          location: body.location ?? null,
        },
        attachmentIds: body.attachmentIds,
      });
      const known: Known = {
        ...(me !== undefined && r.vc.doc.petitioner.id === actor.userId ? { petitioner: me } : {}),
        ...(r.noFiles ? { files: [] } : {}),
      };
      return {
        case: await detail(actor, r.vc, known),
        replayed: r.replayed,
        notice: r.notice,
      };
    },

    async register(actor: SessionActor, body: RegisterCaseBody) {
      if (!actor.unitCode) throw new Forbidden();
      const petitionerId = await petitionerFor(body.petitioner);
      const r = await create(actor, body.idempotencyKey, {
        channel: body.channel,
        targetUnitId: actor.unitCode,
        petitioner: { id: petitionerId, name: body.petitioner.name },
        classification: await withPersonUnits(body.classification as Classification),
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
      const known: Known = r.noFiles ? { files: [] } : {};
      return {
        case: await detail(actor, r.vc, known),
        replayed: r.replayed,
        notice: r.notice,
      };
    },

    /** One action through the rules, applied as one conditional update (409 on a lost race). */
    async act(actor: SessionActor, id: string, version: number, submitted: Action) {
      let action = submitted;
      const { doc, vc } = await loadVisible(actor, id);
      if (doc.version !== version)
        throw new Conflict('该事项已被他人更新，请刷新后重试', { version: doc.version });
      const named = action.type === 'recuse' || action.type === 'liftRecusal' ? [action.userId] : [];
      const ctx = { ...(await ctxFor(doc.profile)), persons: (await personsOf(named)).facts };
      const prev = toSnapshot(doc);
      if (action.type === 'register') {
        action = { ...action, classification: await withPersonUnits(action.classification) };
      }
      const d = decide(prev, toDomainActor(actor), action, now(), ctx);
      if (!d.ok) {
        await audit(actor, `case.${action.type}`, id, 'denied', { code: d.code, article: d.article });
        throw refusal(d);
      }
      const { doc: updated, after } = await repo.apply(vc, d, outboxFor(doc, d));
      await audit(actor, `case.${action.type}`, id, 'ok', {
        from: d.from,
        to: d.state,
        version: d.snapshot.version,
        // 第二十八条第三款: whom a recusal (or its lift) concerns, and why.
        ...(action.type === 'recuse' || action.type === 'liftRecusal'
          ? { userId: action.userId, reason: action.reason }
          : {}),
        // 第三十条第三款: a correction of the resident's proposed 检举控告 is audited with its reason.
        ...(action.type === 'register' && prev.proposal
          ? {
              proposedCategory: prev.proposal.category,
              category: action.classification.category,
              ...(action.correctionReason ? { correctionReason: action.correctionReason } : {}),
            }
          : {}),
      });
      for (const listener of appliedListeners) {
        try {
          await listener(updated, d, actor);
        } catch (err) {
          app.log.error({ err, caseId: id, action: action.type }, 'after-apply listener failed');
        }
      }
      // After e.g. a transfer the actor may no longer see the case; answer with the summary of what happened.
      if (!after) return { case: null, state: updated.state, version: updated.version };
      return {
        case: await detail(actor, after),
        state: updated.state,
        version: updated.version,
      };
    },

    /** The stored case if the actor may read it; otherwise the audited 404 that hides it. */
    async readable(actor: SessionActor, id: string): Promise<CaseDoc> {
      return (await loadVisible(actor, id)).doc;
    },

    /** Of these case ids, the ones the actor may learn of (the judge): for outputs about cases, e.g. notifications. */
    async visibleIds(actor: SessionActor, ids: string[]): Promise<ReadonlySet<string>> {
      if (!ids.length) return new Set();
      return new Set((await repo.readMany(await scopeOf(actor), ids)).map((d) => d._id));
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
      return detail(actor, (await loadVisible(actor, id)).vc);
    },

    async list(actor: SessionActor, q: CaseListQuery) {
      const scope = await scopeOf(actor);
      const at = now();
      // The repository applies the scope and the judge: items and cursor cover visible cases only.
      const { items, nextCursor } = await repo.list(scope, q, at);
      return { items: items.map((d) => caseSummary(d, scope.tree, at)), nextCursor };
    },

    async addMaterial(
      actor: SessionActor,
      id: string,
      body: { idempotencyKey: string; text?: string; attachmentIds?: string[] },
    ) {
      const { vc } = await loadVisible(actor, id);
      const refused = materialRefusal(toSnapshot(vc.doc), toDomainActor(actor));
      if (refused) throw refusal(refused);
      if (!body.text && !body.attachmentIds?.length) throw new BadRequest('请填写补充说明或上传材料');
      if (body.attachmentIds?.length) await app.attachments.claim(body.attachmentIds, actor.userId, id);
      await repo.addMaterial(vc, {
        key: body.idempotencyKey,
        at: new Date(now()).toISOString(),
        userId: actor.userId,
        ...(body.text ? { text: body.text } : {}),
        attachmentIds: body.attachmentIds ?? [],
      });
      await audit(actor, 'case.material', id, 'ok');
      return this.get(actor, id);
    },

    async addNote(actor: SessionActor, id: string, body: { idempotencyKey: string; text: string }) {
      const { v, vc } = await loadVisible(actor, id);
      if (v.basis === 'petitioner' || v.basis === 'filer') throw new Forbidden();
      await repo.addNote(vc, {
        key: body.idempotencyKey,
        at: new Date(now()).toISOString(),
        userId: actor.userId,
        text: body.text,
      });
      await audit(actor, 'case.note', id, 'ok');
      return this.get(actor, id);
    },
  };
}
export type CaseService = ReturnType<typeof caseService>;
