import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  BUILTIN_PROFILES,
  chinaDate,
  DOCUMENT_LABELS,
  findProfile,
  formatChineseDate,
  type CaseEvent,
  type DecisionOk,
  type DocumentKind,
} from '../../domain';
import { BadRequest, Forbidden, NotFound, RuleViolation } from '../../errors';
import type { DocumentView, IssuableKind, Rendered } from '../../contracts/documents';
import type { Actor as SessionActor } from '../auth/session.service';
import { userModel } from '../users/user.model';
import { counterModel, type CaseDoc } from '../cases/case.model';
import {
  documentTemplateModel,
  issuedDocumentModel,
  type IssuedDocumentDoc,
  type TemplateDoc,
} from './document.model';
import { fieldsFor, fill, isIssuable, issuingUnitOf, triggerOf } from './document.fill';
import { BUILTIN_TEMPLATES } from './templates';
import { renderPdf } from './pdf';

export interface DocumentServiceDeps {
  /** The clock documents are issued by (the demo seed plays past steps at their own instants). */
  now?: () => Date;
}

export function documentService(app: FastifyInstance, deps: DocumentServiceDeps = {}) {
  const now = deps.now ?? (() => new Date());
  const conn = app.db.conn;
  const Template = documentTemplateModel(conn);
  const Issued = issuedDocumentModel(conn);
  const Counter = counterModel(conn);
  const User = userModel(conn);

  async function activeTemplate(kind: IssuableKind): Promise<TemplateDoc> {
    const t = await Template.findOne({ kind, active: true }).sort({ version: -1 }).lean<TemplateDoc>();
    if (!t) throw new BadRequest(`文书模板不存在：${DOCUMENT_LABELS[kind]}`);
    return t;
  }

  async function petitionerName(c: CaseDoc): Promise<string> {
    if (c.petitioner.name) return c.petitioner.name;
    const u = await User.findById(c.petitioner.id, { displayName: 1 }).lean();
    return u?.displayName ?? '';
  }

  async function render(
    c: CaseDoc,
    kind: IssuableKind,
    trigger: CaseEvent,
  ): Promise<Rendered & { unitId: string }> {
    const tree = await app.units.tree();
    const t = await activeTemplate(kind);
    const unitId = issuingUnitOf(kind, c, trigger);
    // The case's own rule profile (the one it opened under) sets every limit the document states.
    const profile = findProfile(c.profile, BUILTIN_PROFILES);
    if (!profile) throw new BadRequest(`规则档案不存在：${c.profile.id}@${c.profile.version}`);
    const paragraphs = fill(
      t.paragraphs,
      fieldsFor(kind, c, trigger, tree, await petitionerName(c), profile),
    );
    return {
      kind,
      kindLabel: DOCUMENT_LABELS[kind],
      title: t.title,
      paragraphs,
      signature: { unit: tree.name(unitId), date: formatChineseDate(chinaDate(trigger.at)) },
      template: { id: t._id, version: t.version },
      unitId,
    };
  }

  function triggerOrRefuse(c: CaseDoc, kind: IssuableKind): CaseEvent {
    const trigger = triggerOf(kind, c.events ?? []);
    if (!trigger) {
      throw new RuleViolation(
        `该事项尚无需要出具《${DOCUMENT_LABELS[kind]}》的办理环节`,
        '《信访工作条例》第二十一条',
        'NO_DOCUMENT_TRIGGER',
      );
    }
    return trigger;
  }

  /** 文号: `<unit>〔<year>〕第<n>号`, one serial per unit and year from an atomic counter. */
  async function nextNumber(unitId: string, unitName: string, at: string): Promise<string> {
    const year = chinaDate(at).slice(0, 4);
    const c = await Counter.findOneAndUpdate(
      { _id: `doc:${unitId}:${year}` },
      { $inc: { seq: 1 } },
      { upsert: true, new: true },
    ).lean();
    return `${unitName}〔${year}〕第${c!.seq}号`;
  }

  /**
   * Issues the document a case step requires: stored once (id from case, kind and the step's instant),
   * numbered, hashed, audited. Repeating returns the stored one unchanged.
   */
  async function issue(
    c: CaseDoc,
    kind: IssuableKind,
    trigger: CaseEvent,
    by: { userId: string; roles: SessionActor['roles']; unitCode: string | null } | null,
    caseVersion: number | null,
  ): Promise<{ doc: IssuedDocumentDoc; created: boolean }> {
    const id = createHash('sha256').update(`doc:${c._id}:${kind}:${trigger.at}`).digest('hex').slice(0, 32);
    const existing = await Issued.findById(id).lean<IssuedDocumentDoc>();
    if (existing) return { doc: existing, created: false };
    const r = await render(c, kind, trigger);
    const number = await nextNumber(r.unitId, r.signature.unit, trigger.at);
    const body = { title: r.title, number, paragraphs: r.paragraphs, signature: r.signature };
    const doc: IssuedDocumentDoc = {
      _id: id,
      caseId: c._id,
      caseNumber: c.number,
      kind,
      number,
      title: r.title,
      paragraphs: r.paragraphs,
      signature: r.signature,
      issuingUnitId: r.unitId,
      issuedAt: now().toISOString(),
      issuedBy: by?.userId ?? trigger.actor.userId,
      template: r.template,
      sha256: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
      triggerAt: trigger.at,
      caseVersion,
    };
    try {
      await Issued.create(doc);
    } catch (err) {
      // A parallel issue of the same document won: return it (the serial drawn here stays unused).
      if ((err as { code?: number }).code === 11000) {
        const winner = await Issued.findById(id).lean<IssuedDocumentDoc>();
        if (winner) return { doc: winner, created: false };
      }
      throw err;
    }
    await app.audit.record({
      actor: by ?? {
        userId: trigger.actor.userId,
        roles: trigger.actor.roles,
        unitCode: trigger.actor.unitId ?? null,
      },
      action: 'document.issue',
      targetType: 'case',
      targetId: c._id,
      result: 'ok',
      detail: { kind, number, sha256: doc.sha256, template: r.template.id },
      at: now(),
    });
    return { doc, created: true };
  }

  const tree = () => app.units.tree();
  async function view(d: IssuedDocumentDoc): Promise<DocumentView> {
    const t = await tree();
    return {
      id: d._id,
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      kind: d.kind,
      kindLabel: DOCUMENT_LABELS[d.kind as DocumentKind] ?? d.kind,
      number: d.number,
      title: d.title,
      paragraphs: d.paragraphs,
      signature: d.signature,
      issuingUnit: { id: d.issuingUnitId, name: t.name(d.issuingUnitId) },
      issuedAt: d.issuedAt,
      template: d.template,
      sha256: d.sha256,
      caseVersion: d.caseVersion,
    };
  }

  /** Loads the case if the actor may read it (the cases module decides, accused-unit rules included). */
  function readable(actor: SessionActor, caseId: string): Promise<CaseDoc> {
    return app.cases.readable(actor, caseId);
  }

  return {
    /** Upserts the built-in template versions (insert-only) — run at start-up. */
    async seedTemplates(): Promise<void> {
      const now = new Date().toISOString();
      await Template.bulkWrite(
        BUILTIN_TEMPLATES.map((t) => ({
          updateOne: {
            filter: { _id: `${t.kind}@${t.version}` },
            update: { $setOnInsert: { ...t, _id: `${t.kind}@${t.version}`, active: true, createdAt: now } },
            upsert: true,
          },
        })),
      );
    },

    async templates() {
      const rows = await Template.find().sort({ kind: 1, version: -1 }).lean<TemplateDoc[]>();
      return rows.map((t) => ({
        id: t._id,
        kind: t.kind,
        kindLabel: DOCUMENT_LABELS[t.kind as DocumentKind] ?? t.kind,
        version: t.version,
        title: t.title,
        article: t.article,
        paragraphs: t.paragraphs,
        active: t.active,
      }));
    },

    /**
     * The automatic path: a decision whose notices name a document kind (the domain's DOCUMENT_LABELS)
     * issues it from the template, right after the case update.
     */
    async issueForDecision(c: CaseDoc, d: DecisionOk, actor: SessionActor): Promise<IssuedDocumentDoc[]> {
      const out: IssuedDocumentDoc[] = [];
      const trigger = d.events[0];
      if (!trigger) return out;
      for (const n of d.notices) {
        if (n.audience !== 'petitioner' || !n.document || !isIssuable(n.document)) continue;
        const r = await issue(
          c,
          n.document,
          trigger,
          { userId: actor.userId, roles: actor.roles, unitCode: actor.unitCode },
          d.snapshot.version,
        );
        out.push(r.doc);
      }
      return out;
    },

    async preview(actor: SessionActor, caseId: string, kind: IssuableKind): Promise<Rendered> {
      const c = await readable(actor, caseId);
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { unitId, ...rendered } = await render(c, kind, triggerOrRefuse(c, kind));
      return rendered;
    },

    /** Issues by hand (e.g. for a step taken before automatic issue existed); idempotent with the automatic one. */
    async issueManually(actor: SessionActor, caseId: string, kind: IssuableKind) {
      const c = await readable(actor, caseId);
      const trigger = triggerOrRefuse(c, kind);
      const unitId = issuingUnitOf(kind, c, trigger);
      if (actor.unitCode !== unitId) {
        throw new Forbidden('只有作出该办理决定的单位可以出具此文书（《信访工作条例》第三十二条）');
      }
      const r = await issue(c, kind, trigger, actor, null);
      return { doc: await view(r.doc), created: r.created };
    },

    async list(actor: SessionActor, caseId: string) {
      await readable(actor, caseId);
      const rows = await Issued.find({ caseId }).sort({ issuedAt: 1 }).lean<IssuedDocumentDoc[]>();
      const items = await Promise.all(rows.map(view));
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      return { items: items.map(({ paragraphs, signature, ...rest }) => rest) };
    },

    async get(actor: SessionActor, caseId: string, docId: string): Promise<DocumentView> {
      await readable(actor, caseId);
      const d = await Issued.findOne({ _id: docId, caseId }).lean<IssuedDocumentDoc>();
      if (!d) throw new NotFound('文书不存在');
      return view(d);
    },

    async pdf(actor: SessionActor, caseId: string, docId: string) {
      const d = await this.get(actor, caseId, docId);
      const buf = await renderPdf({ ...d, caseNumber: d.caseNumber });
      await app.audit.record({
        actor: { userId: actor.userId, roles: actor.roles, unitCode: actor.unitCode },
        action: 'document.pdf',
        targetType: 'case',
        targetId: caseId,
        result: 'ok',
        detail: { documentId: docId },
      });
      return { buf, doc: d };
    },
  };
}
export type DocumentService = ReturnType<typeof documentService>;
