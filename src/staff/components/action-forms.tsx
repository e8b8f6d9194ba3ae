import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { OfferedAction, ReplyDocument, StaffCaseDetail } from '../../api/types';
import { Field } from '../../components/field';
import { UnitPicker } from '../../components/unit-picker';
import { useDirectory } from '../../hooks/use-directory';
import { messages } from '../../messages';
import { staffMessages } from '../../messages/staff';
import { staffApi, type StaffAction } from '../api';
import { Chips, optionsOf } from './chips';
import { Button, Input, TextArea } from './nutui';

const m = staffMessages.actions;
const required = staffMessages.register.required;

type ActionOf<T extends StaffAction['type']> = Extract<StaffAction, { type: T }>;
type Errors<K extends string> = Partial<Record<K, string>>;

/** What every action form gets: the offer (type, label, article from the server), the case, and the frame. */
export interface FormProps {
  offer: OfferedAction;
  c: StaffCaseDetail;
  userId: string;
  busy: boolean;
  onSubmit: (action: StaffAction) => void;
  onCancel: () => void;
}

// ------------------------------------------------------------------ shared pieces

function LongText({
  label,
  value,
  onChange,
  placeholder,
  error,
  required: isRequired,
  max = 1000,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  error?: string;
  required?: boolean;
  max?: number;
}) {
  return (
    <Field label={label} required={isRequired} error={error} counter={`${value.length}/${max}`}>
      <TextArea
        className="field-textarea"
        value={value}
        maxLength={max}
        placeholder={placeholder}
        onChange={onChange}
      />
    </Field>
  );
}

function Line({
  label,
  value,
  onChange,
  placeholder,
  error,
  required: isRequired,
  type = 'text',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  error?: string;
  required?: boolean;
  type?: 'text' | 'number' | 'digit';
}) {
  return (
    <Field label={label} required={isRequired} error={error}>
      <Input
        className="field-input"
        type={type}
        value={value}
        placeholder={placeholder}
        onChange={onChange}
      />
    </Field>
  );
}

const intIn = (s: string, min: number, max: number) => {
  const n = Number(s.trim());
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};
const noteOf = (text: string) => (text.trim() ? { note: text.trim() } : {});
const hasErrors = (e: object) => Object.values(e).some(Boolean);

/**
 * The frame of every form: the action's name and article as the server sends them, the fields, and a submit
 * that runs the form's own check. Only required shape is checked here; whether the action is allowed is the
 * server's decision, and its refusal is shown with the article.
 */
function Frame({
  offer,
  busy,
  onCancel,
  submit,
  children,
}: Pick<FormProps, 'offer' | 'busy' | 'onCancel'> & { submit: () => void; children?: ReactNode }) {
  return (
    <View className="action-form" data-testid={`form-${offer.type}`}>
      <Text className="action-form__title">{offer.label}</Text>
      {offer.article ? <Text className="action-form__basis">{messages.basis(offer.article)}</Text> : null}
      {children}
      <View className="action-form__buttons">
        <Button type="primary" size="large" loading={busy} onClick={submit} className="action-form__submit">
          {busy ? m.submitting : `${m.submit}：${offer.label}`}
        </Button>
        <Button type="default" size="large" onClick={onCancel}>
          {m.cancel}
        </Button>
      </View>
    </View>
  );
}

type Decision = 'approve' | 'refuse';

function DecisionChips({
  value,
  onChange,
  approveLabel = m.approve,
  refuseLabel = m.refuse,
}: {
  value: Decision;
  onChange: (d: Decision) => void;
  approveLabel?: string;
  refuseLabel?: string;
}) {
  return (
    <Field label={m.decision} required>
      <Chips
        label={m.decision}
        options={[
          { value: 'approve', label: approveLabel },
          { value: 'refuse', label: refuseLabel },
        ]}
        value={value}
        onChange={onChange}
      />
    </Field>
  );
}

/** Approve or refuse, with the note a refusal must give (第二十三条第三款, 第三十四条, 第三十二条 decisions). */
function useDecision() {
  const [decision, setDecision] = useState<Decision>('approve');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const approve = decision === 'approve';
  /** The note, or null (with the error shown) when a refusal has none. */
  const checked = (): string | null => {
    const text = note.trim();
    setError(!approve && !text ? m.refuseNoteRequired : undefined);
    return !approve && !text ? null : text;
  };
  return { decision, setDecision, note, setNote, error, approve, checked };
}

// ------------------------------------------------------------------ one form per action

type Category = 'claim' | 'suggestion' | 'accusation';

/**
 * 登记: an online filing starts from what the resident proposed (category, accused), shown to the clerk; a
 * departure from a proposed 检举控告 states a reason, kept in the timeline and the audit (第三十条第三款). The
 * server decides exactly when the reason is due; the form asks for it where it certainly is.
 */
function RegisterForm(p: FormProps) {
  const { directory } = useDirectory();
  const proposal = p.c.proposal;
  const [category, setCategory] = useState<Category | null>(proposal?.category ?? null);
  const [unit, setUnit] = useState<string | null>(proposal?.accused?.unit?.id ?? null);
  const [names, setNames] = useState(proposal?.accused?.names.join('、') ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors<'category' | 'accused' | 'reason'>>({});
  const proposedUnit = proposal?.category === 'accusation' ? (proposal.accused?.unit?.id ?? null) : null;
  const correction = {
    shown:
      proposal?.category === 'accusation' &&
      (category !== 'accusation' || (proposedUnit !== null && unit !== proposedUnit)),
    required: proposal?.category === 'accusation' && (category !== 'accusation' || (!!proposedUnit && !unit)),
  };
  const submit = () => {
    const accusedNames = names.split(/[,，、\s]+/).filter(Boolean);
    const why = reason.trim();
    const e: Errors<'category' | 'accused' | 'reason'> = {
      category: category ? undefined : m.categoryRequired,
      accused:
        category === 'accusation' && !unit && accusedNames.length === 0
          ? staffMessages.register.accusedRequired
          : undefined,
      reason: correction.required && !why ? m.correctionRequired : undefined,
    };
    setErrors(e);
    if (hasErrors(e) || !category) return;
    const correctionReason = why ? { correctionReason: why } : {};
    p.onSubmit(
      category === 'accusation'
        ? {
            type: 'register',
            classification: {
              category,
              accused: {
                ...(unit ? { unitId: unit } : {}),
                ...(accusedNames.length ? { names: accusedNames } : {}),
              },
            },
            ...correctionReason,
          }
        : { type: 'register', classification: { category }, ...correctionReason },
    );
  };
  return (
    <Frame {...p} submit={submit}>
      {proposal ? (
        <Field label={m.proposalTitle}>
          <Text className="staff-intro" data-testid="proposal">
            {m.proposalLine(
              proposal.categoryLabel,
              [proposal.accused?.unit?.name, ...(proposal.accused?.names ?? [])].filter(Boolean).join('、'),
            )}
          </Text>
        </Field>
      ) : null}
      <Field label={m.category} required error={errors.category}>
        <Chips
          label={m.category}
          options={optionsOf<Category>(staffMessages.categories)}
          value={category}
          onChange={setCategory}
        />
      </Field>
      {category === 'accusation' && directory ? (
        <View>
          <Field label={staffMessages.register.accusedUnit} error={errors.accused}>
            <UnitPicker groups={directory.groups} value={unit} onChange={setUnit} clearable />
          </Field>
          <Line label={staffMessages.register.accusedNames} value={names} onChange={setNames} />
        </View>
      ) : null}
      {correction.shown ? (
        <View data-testid="correction-reason">
          <Text className="small-print">{m.correctionHint}</Text>
          <LongText
            label={m.correctionReason}
            required={correction.required}
            max={500}
            value={reason}
            onChange={setReason}
            error={errors.reason}
          />
        </View>
      ) : null}
    </Frame>
  );
}

function RouteForm(p: FormProps) {
  const { directory } = useDirectory();
  const [mode, setMode] = useState<'transfer' | 'assign'>('transfer');
  const [unit, setUnit] = useState<string | null>(null);
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors<'unit' | 'days' | 'reason'>>({});
  const submit = () => {
    const within = mode === 'assign' ? intIn(days, 1, 365) : null;
    const e: Errors<'unit' | 'days' | 'reason'> = {
      unit: unit ? undefined : m.routeToRequired,
      reason: reason.trim() ? undefined : m.reasonRequired,
      days: mode === 'assign' && within === null ? m.reportWithinInvalid : undefined,
    };
    setErrors(e);
    if (hasErrors(e) || !unit) return;
    const note = reason.trim();
    p.onSubmit(
      mode === 'assign' && within !== null
        ? { type: 'route', mode, toUnitId: unit, reportWithin: { days: within }, note }
        : { type: 'route', mode: 'transfer', toUnitId: unit, note },
    );
  };
  return (
    <Frame {...p} submit={submit}>
      <Field label={m.routeMode} required>
        <Chips
          label={m.routeMode}
          options={optionsOf<'transfer' | 'assign'>(m.modes)}
          value={mode}
          onChange={setMode}
        />
      </Field>
      <Field label={m.routeTo} required error={errors.unit}>
        {directory ? (
          <UnitPicker groups={directory.groups} value={unit} onChange={setUnit} testId="route-unit" />
        ) : null}
      </Field>
      {mode === 'assign' ? (
        <Line
          label={m.reportWithin}
          type="number"
          value={days}
          onChange={setDays}
          error={errors.days}
          required
        />
      ) : null}
      <LongText
        label={m.routeReason}
        required
        value={reason}
        onChange={setReason}
        placeholder={m.routeReasonPlaceholder}
        error={errors.reason}
      />
    </Frame>
  );
}

/** 受理, 听证 start/end, 包案: an optional note. */
function NoteForm(p: FormProps) {
  const [note, setNote] = useState('');
  const type = p.offer.type;
  const submit = () => {
    if (type === 'accept' || type === 'startHearing' || type === 'endHearing' || type === 'takeCharge')
      p.onSubmit({ type, ...noteOf(note) });
  };
  return (
    <Frame {...p} submit={submit}>
      <LongText label={m.note} value={note} onChange={setNote} />
    </Frame>
  );
}

function ObjectForm(p: FormProps) {
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    if (!reasons.trim()) return setError(m.reasonRequired);
    setError(undefined);
    p.onSubmit({ type: 'object', reasons: reasons.trim() });
  };
  return (
    <Frame {...p} submit={submit}>
      <LongText
        label={m.objectReasons}
        required
        max={2000}
        value={reasons}
        onChange={setReasons}
        placeholder={m.objectPlaceholder}
        error={error}
      />
    </Frame>
  );
}

function DecideObjectionForm(p: FormProps) {
  const { decision, setDecision, note, setNote, error, approve, checked } = useDecision();
  const submit = () => {
    const text = checked();
    if (text === null) return;
    p.onSubmit(
      approve
        ? { type: 'decideObjection', approve: true, ...noteOf(text) }
        : { type: 'decideObjection', approve: false, note: text },
    );
  };
  return (
    <Frame {...p} submit={submit}>
      <DecisionChips value={decision} onChange={setDecision} />
      <Text className="small-print">{approve ? m.approveObjectionHint : m.refuseObjectionHint}</Text>
      <LongText
        label={approve ? m.note : m.reason}
        required={!approve}
        value={note}
        onChange={setNote}
        error={error}
      />
    </Frame>
  );
}

function RequestExtensionForm(p: FormProps) {
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors<'days' | 'reason'>>({});
  const submit = () => {
    const n = intIn(days, 1, 30);
    const e: Errors<'days' | 'reason'> = {
      days: n === null ? m.daysInvalid : undefined,
      reason: reason.trim() ? undefined : m.reasonRequired,
    };
    setErrors(e);
    if (!hasErrors(e) && n !== null) p.onSubmit({ type: 'requestExtension', days: n, reason: reason.trim() });
  };
  return (
    <Frame {...p} submit={submit}>
      <Line label={m.days} type="number" required value={days} onChange={setDays} error={errors.days} />
      <LongText label={m.reason} required value={reason} onChange={setReason} error={errors.reason} />
    </Frame>
  );
}

function DecideExtensionForm(p: FormProps) {
  const { decision, setDecision, note, setNote, error, approve, checked } = useDecision();
  const [days, setDays] = useState('');
  const [daysError, setDaysError] = useState<string>();
  const submit = () => {
    const n = days.trim() ? intIn(days, 1, 30) : undefined;
    setDaysError(approve && n === null ? m.daysInvalid : undefined);
    const text = checked();
    if (text === null || (approve && n === null)) return;
    p.onSubmit(
      approve
        ? { type: 'decideExtension', approve: true, ...(n ? { days: n } : {}) }
        : { type: 'decideExtension', approve: false, note: text },
    );
  };
  return (
    <Frame {...p} submit={submit}>
      <DecisionChips value={decision} onChange={setDecision} />
      {approve ? (
        <Line label={m.approveDays} type="number" value={days} onChange={setDays} error={daysError} />
      ) : null}
      <LongText
        label={approve ? m.note : m.reason}
        required={!approve}
        value={note}
        onChange={setNote}
        error={error}
      />
    </Frame>
  );
}

type NotAcceptKind = ActionOf<'notAccept'>['ground']['kind'];
type Procedure = Extract<ActionOf<'notAccept'>['ground'], { kind: 'statutoryProcedure' }>['procedure'];

function NotAcceptForm(p: FormProps) {
  const [kind, setKind] = useState<NotAcceptKind>('statutoryProcedure');
  const [procedure, setProcedure] = useState<Procedure | null>(null);
  const [authority, setAuthority] = useState('');
  const [explanation, setExplanation] = useState('');
  const [caseId, setCaseId] = useState('');
  const [errors, setErrors] = useState<Errors<'procedure' | 'authority' | 'explanation' | 'caseId'>>({});
  const elsewhere = kind === 'statutoryProcedure' || kind === 'outsideRemit';
  const submit = () => {
    const e: Errors<'procedure' | 'authority' | 'explanation' | 'caseId'> = elsewhere
      ? {
          authority: authority.trim() ? undefined : required(m.authority),
          explanation: explanation.trim() ? undefined : required(m.explanation),
          procedure: kind === 'statutoryProcedure' && !procedure ? required(m.procedure) : undefined,
        }
      : { caseId: caseId.trim() ? undefined : required(m.existingCase) };
    setErrors(e);
    if (hasErrors(e)) return;
    const where = { authority: authority.trim(), explanation: explanation.trim() };
    if (kind === 'statutoryProcedure' && procedure)
      p.onSubmit({ type: 'notAccept', ground: { kind, procedure, ...where } });
    else if (kind === 'outsideRemit') p.onSubmit({ type: 'notAccept', ground: { kind, ...where } });
    else if (kind === 'sameMatterInProgress')
      p.onSubmit({ type: 'notAccept', ground: { kind, existingCaseId: caseId.trim() } });
    else if (kind === 'finalAfterRecheck')
      p.onSubmit({ type: 'notAccept', ground: { kind, finalCaseId: caseId.trim() } });
  };
  return (
    <Frame {...p} submit={submit}>
      <Field label={m.ground} required>
        <Chips
          label={m.ground}
          options={optionsOf<NotAcceptKind>(m.grounds)}
          value={kind}
          onChange={setKind}
        />
      </Field>
      {kind === 'statutoryProcedure' ? (
        <Field label={m.procedure} required error={errors.procedure}>
          <Chips
            label={m.procedure}
            options={optionsOf<Procedure>(m.procedures)}
            value={procedure}
            onChange={setProcedure}
          />
        </Field>
      ) : null}
      {elsewhere ? (
        <View>
          <Line
            label={m.authority}
            required
            value={authority}
            onChange={setAuthority}
            placeholder={m.authorityPlaceholder}
            error={errors.authority}
          />
          <LongText
            label={m.explanation}
            required
            value={explanation}
            onChange={setExplanation}
            error={errors.explanation}
          />
        </View>
      ) : (
        <Line
          label={kind === 'finalAfterRecheck' ? m.finalCase : m.existingCase}
          required
          value={caseId}
          onChange={setCaseId}
          error={errors.caseId}
        />
      )}
    </Frame>
  );
}

type ReplyKind = ReplyDocument['kind'];
type OpinionDecision = Extract<ReplyDocument, { kind: 'opinion' }>['decision'];
type Adoption = Extract<ReplyDocument, { kind: 'suggestionReply' }>['adoption'];

/** 答复 issued by the head alone (`reply`) or drafted for signing (`draftReply`): the same document. */
function ReplyForm(p: FormProps) {
  const { c } = p;
  const [kind, setKind] = useState<ReplyKind>(
    c.category === 'suggestion'
      ? 'suggestionReply'
      : c.category === 'accusation'
        ? 'accusationFeedback'
        : 'opinion',
  );
  const [request, setRequest] = useState(c.content.request);
  const [text, setText] = useState('');
  const [decision, setDecision] = useState<OpinionDecision | null>(null);
  const [adoption, setAdoption] = useState<Adoption | null>(null);
  const [basis, setBasis] = useState('');
  const [errors, setErrors] = useState<Errors<'request' | 'text' | 'decision' | 'adoption' | 'basis'>>({});
  const type = p.offer.type;

  const document = (): ReplyDocument | Errors<'request' | 'text' | 'decision' | 'adoption' | 'basis'> => {
    if (kind === 'opinion') {
      const [first, ...rest] = basis
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      if (!request.trim() || !text.trim() || !decision || first === undefined)
        return {
          request: request.trim() ? undefined : required(m.replyRequest),
          text: text.trim() ? undefined : required(m.factsAndReasons),
          decision: decision ? undefined : required(m.decisionLabel),
          basis: first !== undefined ? undefined : required(m.legalBasis),
        };
      return {
        kind,
        request: request.trim(),
        factsAndReasons: text.trim(),
        decision,
        legalBasis: [first, ...rest],
      };
    }
    if (kind === 'suggestionReply') {
      if (!adoption || !text.trim())
        return {
          adoption: adoption ? undefined : required(m.adoption),
          text: text.trim() ? undefined : required(m.content),
        };
      return { kind, adoption, content: text.trim() };
    }
    if (!text.trim()) return { text: required(m.content) };
    return { kind, content: text.trim() };
  };

  const submit = () => {
    const d = document();
    if (!('kind' in d)) return setErrors(d);
    setErrors({});
    if (type === 'reply' || type === 'draftReply') p.onSubmit({ type, document: d });
  };

  return (
    <Frame {...p} submit={submit}>
      <Field label={m.replyKind} required>
        <Chips
          label={m.replyKind}
          options={optionsOf<ReplyKind>(m.replyKinds)}
          value={kind}
          onChange={setKind}
        />
      </Field>
      {kind === 'opinion' ? (
        <View>
          <LongText
            label={m.replyRequest}
            required
            max={2000}
            value={request}
            onChange={setRequest}
            error={errors.request}
          />
          <LongText
            label={m.factsAndReasons}
            required
            max={5000}
            value={text}
            onChange={setText}
            error={errors.text}
          />
          <Field label={m.decisionLabel} required error={errors.decision}>
            <Chips
              label={m.decisionLabel}
              options={optionsOf<OpinionDecision>(m.decisions)}
              value={decision}
              onChange={setDecision}
            />
          </Field>
          <LongText
            label={m.legalBasis}
            required
            value={basis}
            onChange={setBasis}
            placeholder={m.legalBasisPlaceholder}
            error={errors.basis}
          />
        </View>
      ) : (
        <View>
          {kind === 'suggestionReply' ? (
            <Field label={m.adoption} required error={errors.adoption}>
              <Chips
                label={m.adoption}
                options={optionsOf<Adoption>(m.adoptions)}
                value={adoption}
                onChange={setAdoption}
              />
            </Field>
          ) : null}
          <LongText
            label={m.content}
            required
            max={5000}
            value={text}
            onChange={setText}
            error={errors.text}
          />
        </View>
      )}
      <Text className="small-print">{type === 'draftReply' ? m.draftNote : m.replyIssueNote}</Text>
    </Frame>
  );
}

/** The draft the head is about to sign, as it will be issued (第三十二条 content). */
function SignPreview({ c }: { c: StaffCaseDetail }) {
  const [doc, setDoc] = useState<ReplyDocument | null>(null);
  useEffect(() => {
    // The draft travels with the head's approval queue (the case detail does not carry it).
    staffApi
      .approvals()
      .then((a) => setDoc(a.replies.find((x) => x.case.id === c.id)?.document ?? null))
      .catch(() => setDoc(null));
  }, [c.id, c.version]);
  if (!doc) return null;
  return (
    <View className="doc-preview" data-testid="draft-preview">
      <Text className="doc-preview__title">{m.replyKinds[doc.kind] ?? doc.kind}</Text>
      {doc.kind === 'opinion' ? (
        <View>
          <Text className="doc-preview__para">{`${m.replyRequest}：${doc.request}`}</Text>
          <Text className="doc-preview__para">{`${m.factsAndReasons}：${doc.factsAndReasons}`}</Text>
          <Text className="doc-preview__para">{`${m.decisionLabel}：${m.decisions[doc.decision] ?? doc.decision}`}</Text>
        </View>
      ) : (
        <Text className="doc-preview__para">{doc.content}</Text>
      )}
      {doc.kind === 'opinion' ? (
        <Text className="doc-preview__para">{`${m.legalBasis}：${doc.legalBasis.join('；')}`}</Text>
      ) : null}
    </View>
  );
}

function SignReplyForm(p: FormProps) {
  const { decision, setDecision, note, setNote, error, approve, checked } = useDecision();
  const submit = () => {
    const text = checked();
    if (text === null) return;
    p.onSubmit(
      approve ? { type: 'signReply', approve: true } : { type: 'signReply', approve: false, note: text },
    );
  };
  return (
    <Frame {...p} submit={submit}>
      <SignPreview c={p.c} />
      <DecisionChips
        value={decision}
        onChange={setDecision}
        approveLabel={m.sign}
        refuseLabel={m.returnDraft}
      />
      <Text className="small-print">{approve ? m.signNote : m.returnNote}</Text>
      {!approve ? <LongText label={m.reason} required value={note} onChange={setNote} error={error} /> : null}
    </Frame>
  );
}

type AgreementKind = ActionOf<'mediate'>['agreement']['kind'];

function MediateForm(p: FormProps) {
  const [kind, setKind] = useState<AgreementKind | null>(null);
  const [summary, setSummary] = useState('');
  const [signed, setSigned] = useState(false);
  const [errors, setErrors] = useState<Errors<'kind' | 'summary' | 'signed'>>({});
  const submit = () => {
    const e: Errors<'kind' | 'summary' | 'signed'> = {
      kind: kind ? undefined : required(m.agreementKind),
      summary: summary.trim() ? undefined : required(m.agreementSummary),
      signed: signed ? undefined : m.signedRequired,
    };
    setErrors(e);
    if (hasErrors(e) || !kind) return;
    p.onSubmit({
      type: 'mediate',
      agreement: { kind, summary: summary.trim(), signedByBothParties: true },
    });
  };
  return (
    <Frame {...p} submit={submit}>
      <Field label={m.agreementKind} required error={errors.kind}>
        <Chips
          label={m.agreementKind}
          options={optionsOf<AgreementKind>(m.agreementKinds)}
          value={kind}
          onChange={setKind}
        />
      </Field>
      <LongText
        label={m.agreementSummary}
        required
        max={2000}
        value={summary}
        onChange={setSummary}
        error={errors.summary}
      />
      <Field label={m.signedByBoth} required error={errors.signed}>
        <Chips
          label={m.signedByBoth}
          options={[{ value: 'yes', label: m.signedByBoth }]}
          value={signed ? 'yes' : null}
          onChange={() => setSigned(true)}
        />
      </Field>
    </Frame>
  );
}

function ArchiveForm(p: FormProps) {
  return <Frame {...p} submit={() => p.onSubmit({ type: 'archive' })} />;
}

function SuperviseForm(p: FormProps) {
  const [note, setNote] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Errors<'note' | 'due'>>({});
  const submit = () => {
    const e: Errors<'note' | 'due'> = {
      note: note.trim() ? undefined : m.reasonRequired,
      due: /^\d{4}-\d{2}-\d{2}$/.test(due.trim()) ? undefined : m.internalDueInvalid,
    };
    setErrors(e);
    if (!hasErrors(e)) p.onSubmit({ type: 'supervise', note: note.trim(), internalDue: due.trim() });
  };
  return (
    <Frame {...p} submit={submit}>
      <LongText label={m.reason} required value={note} onChange={setNote} error={errors.note} />
      <Line label={m.internalDue} required value={due} onChange={setDue} error={errors.due} />
    </Frame>
  );
}

function RecuseForm(p: FormProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const submit = () => {
    if (!reason.trim()) return setError(m.reasonRequired);
    setError(undefined);
    p.onSubmit({ type: 'recuse', userId: p.userId, reason: reason.trim() });
  };
  return (
    <Frame {...p} submit={submit}>
      <Text className="small-print">{m.recuseSelf}</Text>
      <LongText label={m.reason} required max={500} value={reason} onChange={setReason} error={error} />
    </Frame>
  );
}

/** 第二十八条第三款: a superior lifts a recusal of someone the case lists, with a reason. */
function LiftRecusalForm(p: FormProps) {
  const [whom, setWhom] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors<'whom' | 'reason'>>({});
  const submit = () => {
    const e: Errors<'whom' | 'reason'> = {
      whom: whom ? undefined : m.liftRequired,
      reason: reason.trim() ? undefined : m.reasonRequired,
    };
    setErrors(e);
    if (!hasErrors(e) && whom) p.onSubmit({ type: 'liftRecusal', userId: whom, reason: reason.trim() });
  };
  return (
    <Frame {...p} submit={submit}>
      <Field label={m.liftWhom} required error={errors.whom}>
        <Chips
          label={m.liftWhom}
          options={p.c.recusals.map((r) => ({
            value: r.userId,
            label: `${r.name || r.userId}（${r.reason}）`,
          }))}
          value={whom}
          onChange={setWhom}
        />
      </Field>
      <LongText
        label={m.reason}
        required
        max={500}
        value={reason}
        onChange={setReason}
        error={errors.reason}
      />
    </Frame>
  );
}

/**
 * The workspace's forms, one per action it offers. An action the server offers that has no form here (the
 * resident's: rate, 复查/复核 requests, withdraw, 补充材料) is not offered in the workspace.
 */
export const ACTION_FORMS: Partial<Record<OfferedAction['type'], ComponentType<FormProps>>> = {
  register: RegisterForm,
  route: RouteForm,
  accept: NoteForm,
  notAccept: NotAcceptForm,
  object: ObjectForm,
  decideObjection: DecideObjectionForm,
  requestExtension: RequestExtensionForm,
  decideExtension: DecideExtensionForm,
  reply: ReplyForm,
  draftReply: ReplyForm,
  signReply: SignReplyForm,
  mediate: MediateForm,
  startHearing: NoteForm,
  endHearing: NoteForm,
  archive: ArchiveForm,
  supervise: SuperviseForm,
  takeCharge: NoteForm,
  recuse: RecuseForm,
  liftRecusal: LiftRecusalForm,
};

export function hasForm(offer: OfferedAction): boolean {
  return ACTION_FORMS[offer.type] !== undefined;
}

/** The form of one offered action (nothing when the workspace has none for it). */
export function ActionForm(props: FormProps) {
  const Form = ACTION_FORMS[props.offer.type];
  return Form ? <Form {...props} /> : null;
}
