import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FileResult } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { UnitPicker } from '../../components/unit-picker';
import { useDirectory } from '../../hooks/use-directory';
import { staffMessages } from '../../messages/staff';
import { ROLE } from '../../utils/a11y';
import { formatChinaDateTime } from '../../utils/dates';
import { ROUTES } from '../../utils/routes';
import { uuid } from '../../utils/uuid';
import { staffApi, type DuplicateHints } from '../api';
import { Chips, optionsOf } from '../components/chips';
import { Button, Input, Step, Steps, TextArea } from '../components/nutui';
import { StaffShell } from '../components/staff-shell';
import { findDuplicates } from '../duplicates';
import {
  EMPTY,
  MAX_REPRESENTATIVES,
  toBody,
  validate,
  type Category,
  type Channel,
  type Errors,
  type Form,
} from '../register-form';

const m = staffMessages.register;

function TextField({
  label,
  value,
  onChange,
  error,
  required,
  max,
  area,
  placeholder,
  hint,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
  max: number;
  area?: boolean;
  placeholder?: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Field
      label={label}
      required={required}
      error={error}
      hint={hint}
      counter={area ? `${value.length}/${max}` : undefined}
    >
      {area ? (
        <TextArea
          className="field-textarea"
          value={value}
          maxLength={max}
          placeholder={placeholder}
          onChange={onChange}
          data-testid={testId}
        />
      ) : (
        <Input
          className="field-input"
          value={value}
          maxLength={max}
          placeholder={placeholder}
          onChange={onChange}
          data-testid={testId}
        />
      )}
    </Field>
  );
}

export default function StaffRegisterPage() {
  const { directory } = useDirectory();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [step, setStep] = useState<'edit' | 'check' | 'done'>('edit');
  const [hints, setHints] = useState<DuplicateHints | null>(null);
  const [rep, setRep] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<FileResult | null>(null);
  const key = useRef(uuid());

  const set =
    <K extends keyof Form>(k: K) =>
    (v: Form[K]) =>
      setForm((f) => ({ ...f, [k]: v }));

  const check = async () => {
    const e = validate(form);
    setErrors(e);
    if (Object.keys(e).length > 0) {
      void Taro.showToast({ title: m.fixErrors, icon: 'none' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setHints(await findDuplicates(toBody(form, key.current)));
      setStep('check');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await staffApi.register(toBody(form, key.current)));
      setStep('done');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const addRep = () => {
    const name = rep.trim();
    if (!name) return;
    if (form.representatives.length >= MAX_REPRESENTATIVES) {
      setErrors((e) => ({ ...e, rep: m.tooManyRepresentatives }));
      return;
    }
    set('representatives')([...form.representatives, name]);
    setRep('');
    setErrors((e) => ({ ...e, rep: undefined }));
  };

  const stepIndex = step === 'edit' ? 1 : step === 'check' ? 2 : 3;

  return (
    <StaffShell active="register">
      <View className="staff-main" data-testid="register">
        <Text className="staff-title">{m.heading}</Text>
        <Text className="staff-intro">{m.intro}</Text>
        <Steps value={stepIndex}>
          <Step value={1} title={m.contentTitle} />
          <Step value={2} title={m.check} />
          <Step value={3} title={m.saved} />
        </Steps>

        {step === 'done' && result ? (
          <View className="section">
            <View className="notice notice--done" {...ROLE.status}>
              <View className="notice__head">
                <Text className="notice__icon" aria-hidden>
                  ✓
                </Text>
                <Text className="notice__title" data-testid="registered-number">
                  {m.savedText(result.case.number)}
                </Text>
              </View>
              {result.notice ? <Text className="notice__text">{result.notice}</Text> : null}
            </View>
            <View className="action-form__buttons">
              <Button
                type="primary"
                size="large"
                onClick={() =>
                  void Taro.navigateTo({
                    url: `${ROUTES.staffCase}?id=${encodeURIComponent(result.case.id)}`,
                  })
                }
              >
                {m.openCase}
              </Button>
              <Button
                type="default"
                size="large"
                onClick={() => {
                  setForm(EMPTY);
                  setResult(null);
                  setHints(null);
                  key.current = uuid();
                  setStep('edit');
                }}
              >
                {m.another}
              </Button>
            </View>
          </View>
        ) : null}

        {step === 'check' ? (
          <View className="section" data-testid="duplicate-hints">
            <Text className="section__title">{m.hintsTitle}</Text>
            <Text className="section__note">{m.hintsIntro}</Text>
            {hints?.assessment ? (
              <View
                className={`notice ${hints.assessment.refuse ? 'notice--error' : 'notice--info'}`}
                {...ROLE.status}
                data-testid="duplicate-assessment"
              >
                <View className="notice__head">
                  <Text className="notice__icon" aria-hidden>
                    !
                  </Text>
                  <Text className="notice__title">{m.assessmentTitle}</Text>
                </View>
                <Text className="notice__text">{hints.assessment.message}</Text>
                {hints.assessment.article ? (
                  <Text className="notice__basis">
                    {staffMessages.errors.basis(hints.assessment.article)}
                  </Text>
                ) : null}
              </View>
            ) : null}
            {hints?.knownPetitioner ? <Text className="staff-intro">{m.knownPetitioner}</Text> : null}
            {!hints || hints.items.length === 0 ? (
              <Text className="staff-intro">{m.hintsNone}</Text>
            ) : (
              hints.items.map((h) => (
                <View key={h.id} className="hint-item" {...ROLE.listitem} data-testid="duplicate-hint">
                  <View className="case-row__top">
                    <Text className="queue-item__kind">{h.relationLabel}</Text>
                    <Text className="case-row__number">{h.number}</Text>
                    <Text className="state-tag">{h.stateLabel}</Text>
                    {h.open ? <Text className="channel-tag">{m.hintRelation.inProgress}</Text> : null}
                  </View>
                  <Text className="case-row__title">{h.title}</Text>
                  <Text className="case-row__units">{`${h.currentUnit.name} · ${formatChinaDateTime(h.receivedAt)}`}</Text>
                  <View
                    className="link-button"
                    onClick={() =>
                      void Taro.navigateTo({ url: `${ROUTES.staffCase}?id=${encodeURIComponent(h.id)}` })
                    }
                  >
                    <Text>{staffMessages.inbox.open}</Text>
                  </View>
                </View>
              ))
            )}
            <Text className="small-print">{m.hintsBasis}</Text>
            <ErrorNotice error={error} />
            <View className="action-form__buttons">
              <Button
                type="primary"
                size="large"
                loading={busy}
                onClick={() => void save()}
                className="register-save"
              >
                {busy ? m.saving : m.save}
              </Button>
              <Button type="default" size="large" onClick={() => setStep('edit')}>
                {m.edit}
              </Button>
            </View>
          </View>
        ) : null}

        {step === 'edit' ? (
          <View>
            <View className="section">
              <Field label={m.channel} required>
                <Chips
                  label={m.channel}
                  options={optionsOf<Channel>(staffMessages.channels, [
                    'letter',
                    'visit',
                    'phone',
                    'hotline12345',
                  ])}
                  value={form.channel}
                  onChange={set('channel')}
                  testId="register-channel"
                />
              </Field>
              <TextField
                label={m.receivedAt}
                value={form.receivedAt}
                onChange={set('receivedAt')}
                error={errors.receivedAt}
                hint={m.receivedAtHint}
                max={16}
              />
            </View>

            <View className="section">
              <Text className="section__title">{m.petitionerTitle}</Text>
              <View className="inline-fields">
                <TextField
                  label={m.name}
                  required
                  value={form.name}
                  onChange={set('name')}
                  error={errors.name}
                  max={30}
                  testId="register-name"
                />
                <TextField
                  label={m.phone}
                  value={form.phone}
                  onChange={set('phone')}
                  error={errors.phone}
                  max={11}
                  hint={m.phoneHint}
                  testId="register-phone"
                />
              </View>
              <View className="inline-fields">
                <TextField
                  label={m.idNumber}
                  value={form.idNumber}
                  onChange={set('idNumber')}
                  error={errors.idNumber}
                  max={18}
                />
                <TextField label={m.address} value={form.address} onChange={set('address')} max={200} />
              </View>
              {form.channel === 'visit' ? (
                <Field label={m.group} hint={m.groupHint} error={errors.rep}>
                  <Chips
                    label={m.group}
                    options={[
                      { value: 'no', label: staffMessages.admin.no },
                      { value: 'yes', label: staffMessages.admin.yes },
                    ]}
                    value={form.group ? 'yes' : 'no'}
                    onChange={(v) => set('group')(v === 'yes')}
                    testId="register-group"
                  />
                  {form.group ? (
                    <View>
                      <View className="filters__search">
                        <View className="filters__group">
                          <Text className="filters__label">{m.representatives}</Text>
                          <Input
                            className="field-input"
                            value={rep}
                            maxLength={30}
                            placeholder={m.representativePlaceholder}
                            onChange={setRep}
                            onConfirm={addRep}
                          />
                        </View>
                        <Button
                          type="default"
                          onClick={addRep}
                          disabled={form.representatives.length >= MAX_REPRESENTATIVES}
                        >
                          {m.addRepresentative}
                        </Button>
                      </View>
                      <Text className="small-print">
                        {m.representativesCount(form.representatives.length)}
                      </Text>
                      <View className="rep-list">
                        {form.representatives.map((r, i) => (
                          <View
                            key={`${r}-${i}`}
                            className="chip"
                            role="button"
                            aria-label={m.removeRepresentative(r)}
                            onClick={() =>
                              set('representatives')(form.representatives.filter((_, j) => j !== i))
                            }
                          >
                            <Text>{`${r} ✕`}</Text>
                          </View>
                        ))}
                      </View>
                      <Text className="small-print">{m.groupBasis}</Text>
                    </View>
                  ) : null}
                </Field>
              ) : null}
            </View>

            <View className="section">
              <Text className="section__title">{m.classificationTitle}</Text>
              <Field label={staffMessages.actions.category} required error={errors.category}>
                <Chips
                  label={staffMessages.actions.category}
                  options={optionsOf<Category>(staffMessages.categories)}
                  value={form.category}
                  onChange={set('category')}
                  testId="register-category"
                />
              </Field>
              {form.category === 'accusation' ? (
                <View>
                  <Text className="small-print">{m.accusedNote}</Text>
                  {directory ? (
                    <Field label={m.accusedUnit}>
                      <UnitPicker
                        groups={directory.groups}
                        value={form.accusedUnit}
                        onChange={set('accusedUnit')}
                        clearable
                      />
                    </Field>
                  ) : null}
                  <TextField
                    label={m.accusedNames}
                    value={form.accusedNames}
                    onChange={set('accusedNames')}
                    error={errors.accusedNames}
                    max={200}
                  />
                </View>
              ) : null}
            </View>

            <View className="section">
              <Text className="section__title">{m.contentTitle}</Text>
              <TextField
                label={m.title}
                required
                value={form.title}
                onChange={set('title')}
                error={errors.title}
                max={60}
                testId="register-title"
              />
              <TextField
                label={m.facts}
                required
                area
                value={form.facts}
                onChange={set('facts')}
                error={errors.facts}
                max={5000}
                testId="register-facts"
              />
              <TextField
                label={m.request}
                required
                area
                value={form.request}
                onChange={set('request')}
                error={errors.request}
                max={2000}
                testId="register-request"
              />
              <TextField label={m.reasons} area value={form.reasons} onChange={set('reasons')} max={5000} />
              <TextField label={m.location} value={form.location} onChange={set('location')} max={200} />
            </View>
            <ErrorNotice error={error} />
            <View className="action-form__buttons">
              <Button
                type="primary"
                size="large"
                loading={busy}
                onClick={() => void check()}
                className="register-check"
              >
                {busy ? m.checking : m.check}
              </Button>
            </View>
          </View>
        ) : null}
      </View>
    </StaffShell>
  );
}
