import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { StaffCaseDetail } from '../../api/types';
import { Field } from '../../components/field';
import { UnitPicker } from '../../components/unit-picker';
import { useDirectory } from '../../hooks/use-directory';
import { staffMessages } from '../../messages/staff';
import { staffApi, type StaffAction } from '../api';
import { Chips, optionsOf } from './chips';
import { Button, Input, TextArea } from './nutui';

const m = staffMessages.actions;

/** The draft the head is about to sign, as it will be issued (第三十二条 content). */
function SignPreview({ c }: { c: StaffCaseDetail }) {
  const [doc, setDoc] = useState<Record<string, unknown> | null>(null);
  useEffect(() => {
    // The draft travels with the head's approval queue (the case detail does not carry it).
    staffApi
      .approvals()
      .then((a) => {
        const r = a.replies.find((x) => x.case.id === c.id);
        setDoc(r ? (r.document as unknown as Record<string, unknown>) : null);
      })
      .catch(() => setDoc(null));
  }, [c.id, c.version]);
  if (!doc) return null;
  const basis = Array.isArray(doc.legalBasis) ? (doc.legalBasis as string[]).join('；') : '';
  return (
    <View className="doc-preview" data-testid="draft-preview">
      <Text className="doc-preview__title">{m.replyKinds[String(doc.kind)] ?? String(doc.kind)}</Text>
      {typeof doc.request === 'string' ? (
        <Text className="doc-preview__para">{`${m.replyRequest}：${doc.request}`}</Text>
      ) : null}
      {typeof doc.factsAndReasons === 'string' ? (
        <Text className="doc-preview__para">{`${m.factsAndReasons}：${doc.factsAndReasons}`}</Text>
      ) : null}
      {typeof doc.decision === 'string' ? (
        <Text className="doc-preview__para">{`${m.decisionLabel}：${m.decisions[doc.decision] ?? doc.decision}`}</Text>
      ) : null}
      {typeof doc.content === 'string' ? <Text className="doc-preview__para">{doc.content}</Text> : null}
      {basis ? <Text className="doc-preview__para">{`${m.legalBasis}：${basis}`}</Text> : null}
    </View>
  );
}

/** Actions the workspace has a form for; anything else the server offers is listed but not offered here. */
export const FORM_ACTIONS = [
  'register',
  'route',
  'accept',
  'notAccept',
  'object',
  'decideObjection',
  'requestExtension',
  'decideExtension',
  'reply',
  'draftReply',
  'signReply',
  'mediate',
  'startHearing',
  'endHearing',
  'archive',
  'supervise',
  'takeCharge',
  'recuse',
  'liftRecusal',
] as const;

export interface ActionFormProps {
  type: string;
  c: StaffCaseDetail;
  userId: string;
  busy: boolean;
  onSubmit: (action: StaffAction) => void;
  onCancel: () => void;
}

type Errors = Record<string, string | undefined>;

function Text2({
  label,
  value,
  onChange,
  placeholder,
  error,
  required,
  max = 1000,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  error?: string;
  required?: boolean;
  max?: number;
  testId?: string;
}) {
  return (
    <Field label={label} required={required} error={error} counter={`${value.length}/${max}`}>
      <TextArea
        className="field-textarea"
        value={value}
        maxLength={max}
        placeholder={placeholder}
        onChange={onChange}
        data-testid={testId}
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
  required,
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
    <Field label={label} required={required} error={error}>
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

const trimmed = (s: string) => s.trim();
const intIn = (s: string, min: number, max: number) => {
  const n = Number(s.trim());
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
};

/**
 * The form for one action: its fields, its article, and a submit that hands a well-formed action to the
 * workspace (which sends it with the case version). Only required shape is checked here; whether the action
 * is allowed is the server's decision, and its refusal is shown with the article.
 */
export function ActionForm({ type, c, userId, busy, onSubmit, onCancel }: ActionFormProps) {
  const { directory } = useDirectory();
  // Registering an online filing starts from what the resident proposed (category, accused).
  const proposal = type === 'register' ? c.proposal : null;
  const [text, setText] = useState('');
  const [text2, setText2] = useState(proposal?.accused?.names.join('、') ?? '');
  const [lines, setLines] = useState('');
  const [num, setNum] = useState('');
  const [unit, setUnit] = useState<string | null>(proposal?.accused?.unit?.id ?? null);
  const [choice, setChoice] = useState<string | null>(proposal?.category ?? null);
  const [choice2, setChoice2] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});

  const defaultReply =
    c.category === 'suggestion'
      ? 'suggestionReply'
      : c.category === 'accusation'
        ? 'accusationFeedback'
        : 'opinion';
  const [replyRequest, setReplyRequest] = useState(c.content.request);

  // 第三十条第三款: departing from a proposed 检举控告 states a reason (the server decides exactly when one is due).
  const proposedUnit = proposal?.category === 'accusation' ? (proposal.accused?.unit?.id ?? null) : null;
  const correctionNeed = {
    shown:
      proposal?.category === 'accusation' &&
      (choice !== 'accusation' || (proposedUnit !== null && unit !== proposedUnit)),
    required: proposal?.category === 'accusation' && (choice !== 'accusation' || (!!proposedUnit && !unit)),
  };

  const submit = () => {
    const e: Errors = {};
    let action: StaffAction | null = null;
    switch (type) {
      case 'register': {
        const reason = trimmed(text);
        const correction = reason ? { correctionReason: reason } : {};
        if (!choice) e.choice = m.categoryRequired;
        else if (correctionNeed.required && !reason) e.text = m.correctionRequired;
        else if (choice === 'accusation') {
          const names = text2.split(/[,，、\s]+/).filter(Boolean);
          if (!unit && names.length === 0) e.unit = staffMessages.register.accusedRequired;
          else
            action = {
              type: 'register',
              classification: {
                category: 'accusation',
                accused: { ...(unit ? { unitId: unit } : {}), ...(names.length ? { names } : {}) },
              },
              ...correction,
            };
        } else
          action = {
            type: 'register',
            classification: { category: choice as 'claim' | 'suggestion' },
            ...correction,
          };
        break;
      }
      case 'route': {
        const mode = (choice ?? 'transfer') as 'transfer' | 'assign';
        if (!unit) e.unit = m.routeToRequired;
        if (!trimmed(text)) e.text = m.reasonRequired;
        const days = mode === 'assign' ? intIn(num, 1, 365) : null;
        if (mode === 'assign' && days === null) e.num = m.reportWithinInvalid;
        if (Object.keys(e).length === 0 && unit) {
          action =
            mode === 'assign'
              ? { type: 'route', mode, toUnitId: unit, reportWithin: { days: days! }, note: trimmed(text) }
              : { type: 'route', mode, toUnitId: unit, note: trimmed(text) };
        }
        break;
      }
      case 'accept':
        action = { type: 'accept', ...(trimmed(text) ? { note: trimmed(text) } : {}) };
        break;
      case 'object':
        if (!trimmed(text)) e.text = m.reasonRequired;
        else action = { type: 'object', reasons: trimmed(text) };
        break;
      case 'decideObjection':
      case 'decideExtension': {
        const approve = (choice ?? 'approve') === 'approve';
        if (!approve && !trimmed(text)) e.text = m.refuseNoteRequired;
        else if (type === 'decideObjection')
          action = approve
            ? { type, approve: true, ...(trimmed(text) ? { note: trimmed(text) } : {}) }
            : { type, approve: false, note: trimmed(text) };
        else {
          const days = num.trim() ? intIn(num, 1, 30) : undefined;
          if (days === null) e.num = m.daysInvalid;
          else
            action = approve
              ? { type, approve: true, ...(days ? { days } : {}) }
              : { type, approve: false, note: trimmed(text) };
        }
        break;
      }
      case 'notAccept': {
        const kind = choice ?? 'statutoryProcedure';
        if (kind === 'statutoryProcedure' || kind === 'outsideRemit') {
          if (!trimmed(text)) e.text = staffMessages.register.required(m.authority);
          if (!trimmed(text2)) e.text2 = staffMessages.register.required(m.explanation);
          if (kind === 'statutoryProcedure' && !choice2)
            e.choice2 = staffMessages.register.required(m.procedure);
          if (Object.keys(e).length === 0)
            action =
              kind === 'statutoryProcedure'
                ? {
                    type: 'notAccept',
                    ground: {
                      kind,
                      procedure: choice2 as 'litigation',
                      authority: trimmed(text),
                      explanation: trimmed(text2),
                    },
                  }
                : {
                    type: 'notAccept',
                    ground: { kind, authority: trimmed(text), explanation: trimmed(text2) },
                  };
        } else {
          if (!trimmed(text)) e.text = staffMessages.register.required(m.existingCase);
          else
            action =
              kind === 'sameMatterInProgress'
                ? { type: 'notAccept', ground: { kind, existingCaseId: trimmed(text) } }
                : { type: 'notAccept', ground: { kind: 'finalAfterRecheck', finalCaseId: trimmed(text) } };
        }
        break;
      }
      case 'requestExtension': {
        const days = intIn(num, 1, 30);
        if (days === null) e.num = m.daysInvalid;
        if (!trimmed(text)) e.text = m.reasonRequired;
        if (days !== null && trimmed(text)) action = { type, days, reason: trimmed(text) };
        break;
      }
      case 'signReply': {
        const approve = (choice ?? 'approve') === 'approve';
        if (!approve && !trimmed(text)) e.text = m.refuseNoteRequired;
        else action = approve ? { type, approve: true } : { type, approve: false, note: trimmed(text) };
        break;
      }
      case 'draftReply':
      case 'reply': {
        const kind = choice ?? defaultReply;
        if (kind === 'opinion') {
          const basis = lines.split('\n').map(trimmed).filter(Boolean);
          if (!trimmed(replyRequest)) e.replyRequest = staffMessages.register.required(m.replyRequest);
          if (!trimmed(text)) e.text = staffMessages.register.required(m.factsAndReasons);
          if (!choice2) e.choice2 = staffMessages.register.required(m.decisionLabel);
          if (basis.length === 0) e.lines = staffMessages.register.required(m.legalBasis);
          if (Object.keys(e).length === 0)
            action = {
              type,
              document: {
                kind: 'opinion',
                request: trimmed(replyRequest),
                factsAndReasons: trimmed(text),
                decision: choice2 as 'support',
                legalBasis: basis,
              },
            };
        } else if (kind === 'suggestionReply') {
          if (!choice2) e.choice2 = staffMessages.register.required(m.adoption);
          if (!trimmed(text)) e.text = staffMessages.register.required(m.content);
          if (Object.keys(e).length === 0)
            action = {
              type,
              document: { kind, adoption: choice2 as 'adopted', content: trimmed(text) },
            };
        } else {
          if (!trimmed(text)) e.text = staffMessages.register.required(m.content);
          else action = { type, document: { kind: 'accusationFeedback', content: trimmed(text) } };
        }
        break;
      }
      case 'mediate':
        if (!choice) e.choice = staffMessages.register.required(m.agreementKind);
        if (!trimmed(text)) e.text = staffMessages.register.required(m.agreementSummary);
        if (choice2 !== 'yes') e.choice2 = m.signedRequired;
        if (Object.keys(e).length === 0)
          action = {
            type: 'mediate',
            agreement: { kind: choice as 'mediation', summary: trimmed(text), signedByBothParties: true },
          };
        break;
      case 'startHearing':
      case 'endHearing':
      case 'takeCharge':
        action = { type, ...(trimmed(text) ? { note: trimmed(text) } : {}) };
        break;
      case 'archive':
        action = { type: 'archive' };
        break;
      case 'supervise':
        if (!trimmed(text)) e.text = m.reasonRequired;
        if (!/^\d{4}-\d{2}-\d{2}$/.test(text2.trim())) e.text2 = m.internalDueInvalid;
        if (Object.keys(e).length === 0) action = { type, note: trimmed(text), internalDue: text2.trim() };
        break;
      case 'recuse':
        if (!trimmed(text)) e.text = m.reasonRequired;
        else action = { type, userId, reason: trimmed(text) };
        break;
      case 'liftRecusal':
        if (!choice) e.choice = m.liftRequired;
        if (!trimmed(text)) e.text = m.reasonRequired;
        if (choice && trimmed(text)) action = { type, userId: choice, reason: trimmed(text) };
        break;
      default:
        break;
    }
    setErrors(e);
    if (action && Object.keys(e).length === 0) onSubmit(action);
  };

  const label = m.labels[type] ?? type;
  const replyKind = choice ?? defaultReply;
  const approve = (choice ?? 'approve') === 'approve';

  return (
    <View className="action-form" data-testid={`form-${type}`}>
      <Text className="action-form__title">{label}</Text>
      {m.basis[type] ? (
        <Text className="action-form__basis">{`依据《信访工作条例》${m.basis[type]}`}</Text>
      ) : null}

      {type === 'register' ? (
        <View>
          {proposal ? (
            <Field label={m.proposalTitle}>
              <Text className="staff-intro" data-testid="proposal">
                {m.proposalLine(
                  proposal.categoryLabel,
                  [proposal.accused?.unit?.name, ...(proposal.accused?.names ?? [])]
                    .filter(Boolean)
                    .join('、'),
                )}
              </Text>
            </Field>
          ) : null}
          <Field label={m.category} required error={errors.choice}>
            <Chips
              label={m.category}
              options={optionsOf(staffMessages.categories)}
              value={choice}
              onChange={setChoice}
            />
          </Field>
          {choice === 'accusation' && directory ? (
            <View>
              <Field label={staffMessages.register.accusedUnit} error={errors.unit}>
                <UnitPicker groups={directory.groups} value={unit} onChange={setUnit} clearable />
              </Field>
              <Line label={staffMessages.register.accusedNames} value={text2} onChange={setText2} />
            </View>
          ) : null}
          {correctionNeed.shown ? (
            <View>
              <Text className="small-print">{m.correctionHint}</Text>
              <Text2
                label={m.correctionReason}
                required={correctionNeed.required}
                value={text}
                onChange={setText}
                error={errors.text}
                max={500}
                testId="correction-reason"
              />
            </View>
          ) : null}
        </View>
      ) : null}

      {type === 'route' ? (
        <View>
          <Field label={m.routeMode} required>
            <Chips
              label={m.routeMode}
              options={optionsOf(m.modes)}
              value={choice ?? 'transfer'}
              onChange={setChoice}
            />
          </Field>
          <Field label={m.routeTo} required error={errors.unit}>
            {directory ? (
              <UnitPicker groups={directory.groups} value={unit} onChange={setUnit} testId="route-unit" />
            ) : null}
          </Field>
          {(choice ?? 'transfer') === 'assign' ? (
            <Line
              label={m.reportWithin}
              type="number"
              value={num}
              onChange={setNum}
              error={errors.num}
              required
            />
          ) : null}
          <Text2
            label={m.routeReason}
            required
            value={text}
            onChange={setText}
            placeholder={m.routeReasonPlaceholder}
            error={errors.text}
          />
        </View>
      ) : null}

      {type === 'accept' || type === 'startHearing' || type === 'endHearing' || type === 'takeCharge' ? (
        <Text2 label={m.note} value={text} onChange={setText} />
      ) : null}

      {type === 'object' ? (
        <Text2
          label={m.objectReasons}
          required
          max={2000}
          value={text}
          onChange={setText}
          placeholder={m.objectPlaceholder}
          error={errors.text}
        />
      ) : null}

      {type === 'decideObjection' || type === 'decideExtension' ? (
        <View>
          <Field label={m.decision} required>
            <Chips
              label={m.decision}
              options={[
                { value: 'approve', label: m.approve },
                { value: 'refuse', label: m.refuse },
              ]}
              value={choice ?? 'approve'}
              onChange={setChoice}
            />
          </Field>
          {type === 'decideObjection' ? (
            <Text className="small-print">{approve ? m.approveObjectionHint : m.refuseObjectionHint}</Text>
          ) : null}
          {type === 'decideExtension' && approve ? (
            <Line label={m.approveDays} type="number" value={num} onChange={setNum} error={errors.num} />
          ) : null}
          <Text2
            label={approve ? m.note : m.reason}
            required={!approve}
            value={text}
            onChange={setText}
            error={errors.text}
          />
        </View>
      ) : null}

      {type === 'notAccept' ? (
        <View>
          <Field label={m.ground} required>
            <Chips
              label={m.ground}
              options={optionsOf(m.grounds)}
              value={choice ?? 'statutoryProcedure'}
              onChange={setChoice}
            />
          </Field>
          {(choice ?? 'statutoryProcedure') === 'statutoryProcedure' ? (
            <Field label={m.procedure} required error={errors.choice2}>
              <Chips
                label={m.procedure}
                options={optionsOf(m.procedures)}
                value={choice2}
                onChange={setChoice2}
              />
            </Field>
          ) : null}
          {(choice ?? 'statutoryProcedure') === 'statutoryProcedure' || choice === 'outsideRemit' ? (
            <View>
              <Line
                label={m.authority}
                required
                value={text}
                onChange={setText}
                placeholder={m.authorityPlaceholder}
                error={errors.text}
              />
              <Text2 label={m.explanation} required value={text2} onChange={setText2} error={errors.text2} />
            </View>
          ) : (
            <Line
              label={choice === 'finalAfterRecheck' ? m.finalCase : m.existingCase}
              required
              value={text}
              onChange={setText}
              error={errors.text}
            />
          )}
        </View>
      ) : null}

      {type === 'requestExtension' ? (
        <View>
          <Line label={m.days} type="number" required value={num} onChange={setNum} error={errors.num} />
          <Text2 label={m.reason} required value={text} onChange={setText} error={errors.text} />
        </View>
      ) : null}

      {type === 'signReply' ? (
        <View>
          <SignPreview c={c} />
          <Field label={m.decision} required>
            <Chips
              label={m.decision}
              options={[
                { value: 'approve', label: m.sign },
                { value: 'refuse', label: m.returnDraft },
              ]}
              value={choice ?? 'approve'}
              onChange={setChoice}
            />
          </Field>
          <Text className="small-print">{approve ? m.signNote : m.returnNote}</Text>
          {!approve ? (
            <Text2 label={m.reason} required value={text} onChange={setText} error={errors.text} />
          ) : null}
        </View>
      ) : null}

      {type === 'reply' || type === 'draftReply' ? (
        <View>
          <Field label={m.replyKind} required>
            <Chips
              label={m.replyKind}
              options={optionsOf(m.replyKinds)}
              value={replyKind}
              onChange={setChoice}
            />
          </Field>
          {replyKind === 'opinion' ? (
            <View>
              <Text2
                label={m.replyRequest}
                required
                max={2000}
                value={replyRequest}
                onChange={setReplyRequest}
                error={errors.replyRequest}
              />
              <Text2
                label={m.factsAndReasons}
                required
                max={5000}
                value={text}
                onChange={setText}
                error={errors.text}
              />
              <Field label={m.decisionLabel} required error={errors.choice2}>
                <Chips
                  label={m.decisionLabel}
                  options={optionsOf(m.decisions)}
                  value={choice2}
                  onChange={setChoice2}
                />
              </Field>
              <Text2
                label={m.legalBasis}
                required
                value={lines}
                onChange={setLines}
                placeholder={m.legalBasisPlaceholder}
                error={errors.lines}
              />
            </View>
          ) : (
            <View>
              {replyKind === 'suggestionReply' ? (
                <Field label={m.adoption} required error={errors.choice2}>
                  <Chips
                    label={m.adoption}
                    options={optionsOf(m.adoptions)}
                    value={choice2}
                    onChange={setChoice2}
                  />
                </Field>
              ) : null}
              <Text2
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
        </View>
      ) : null}

      {type === 'mediate' ? (
        <View>
          <Field label={m.agreementKind} required error={errors.choice}>
            <Chips
              label={m.agreementKind}
              options={optionsOf(m.agreementKinds)}
              value={choice}
              onChange={setChoice}
            />
          </Field>
          <Text2
            label={m.agreementSummary}
            required
            max={2000}
            value={text}
            onChange={setText}
            error={errors.text}
          />
          <Field label={m.signedByBoth} required error={errors.choice2}>
            <Chips
              label={m.signedByBoth}
              options={[{ value: 'yes', label: m.signedByBoth }]}
              value={choice2}
              onChange={setChoice2}
            />
          </Field>
        </View>
      ) : null}

      {type === 'supervise' ? (
        <View>
          <Text2 label={m.reason} required value={text} onChange={setText} error={errors.text} />
          <Line label={m.internalDue} required value={text2} onChange={setText2} error={errors.text2} />
        </View>
      ) : null}

      {type === 'recuse' ? (
        <View>
          <Text className="small-print">{m.recuseSelf}</Text>
          <Text2 label={m.reason} required max={500} value={text} onChange={setText} error={errors.text} />
        </View>
      ) : null}

      {type === 'liftRecusal' ? (
        <View>
          <Field label={m.liftWhom} required error={errors.choice}>
            <Chips
              label={m.liftWhom}
              options={c.recusals.map((r) => ({
                value: r.userId,
                label: `${r.name || r.userId}（${r.reason}）`,
              }))}
              value={choice}
              onChange={setChoice}
            />
          </Field>
          <Text2 label={m.reason} required max={500} value={text} onChange={setText} error={errors.text} />
        </View>
      ) : null}

      <View className="action-form__buttons">
        <Button type="primary" size="large" loading={busy} onClick={submit} className="action-form__submit">
          {busy ? m.submitting : `${m.submit}：${label}`}
        </Button>
        <Button type="default" size="large" onClick={onCancel}>
          {m.cancel}
        </Button>
      </View>
    </View>
  );
}
