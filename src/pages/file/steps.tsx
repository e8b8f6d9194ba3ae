import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Category } from '../../api/types';
import { CHOICE_ICONS } from '../../components/choice-mark';
import { Field } from '../../components/field';
import { Button, Input, Radio, RadioGroup, TextArea } from '../../components/nutui';
import { PhotoPicker } from '../../components/photo-picker';
import { UnitPicker } from '../../components/unit-picker';
import type { Directory } from '../../hooks/use-directory';
import { messages } from '../../messages';
import { mapPicker } from '../../platform/location';
import { ROLE } from '../../utils/a11y';
import type { DraftErrors, FilingDraft } from '../../utils/draft';
import { findUnit } from '../../utils/units';
import { LIMITS, charCount } from '../../utils/validation';

const f = messages.file;

/** A patch, or a function of the latest draft (for updates that land after an await). */
export type DraftChange = Partial<FilingDraft> | ((draft: FilingDraft) => Partial<FilingDraft>);

interface StepProps {
  draft: FilingDraft;
  errors: DraftErrors;
  update: (change: DraftChange) => void;
}

const CATEGORY_ORDER: Category[] = ['claim', 'suggestion', 'accusation'];

export function CategoryStep({ draft, errors, update }: StepProps) {
  return (
    <View className="step">
      <Field label={f.categoryQuestion} required error={errors.category}>
        <RadioGroup
          className="choices"
          value={draft.category ?? ''}
          onChange={(v) => update({ category: v as Category })}
        >
          {CATEGORY_ORDER.map((key) => {
            const c = f.categories[key];
            return (
              <Radio key={key} className="choice" value={key} ariaLabel={c.name} {...CHOICE_ICONS}>
                <View className="choice__body">
                  <Text className="choice__name">{c.name}</Text>
                  <Text className="choice__text">{c.text}</Text>
                  {draft.category === key ? (
                    <Text className="choice__selected">✓ {messages.a11y.selected}</Text>
                  ) : null}
                </View>
              </Radio>
            );
          })}
        </RadioGroup>
      </Field>

      <View className="card separation">
        <Text className="card__title">{f.separationTitle}</Text>
        <Text className="separation__intro">{f.separationIntro}</Text>
        {f.separation.map((s) => (
          <View key={s.key} className="separation__item">
            <Text className="separation__what">{s.what}</Text>
            <Text className="separation__where">→ {s.where}</Text>
          </View>
        ))}
        <Text className="small-print">{f.separationBasis}</Text>
      </View>
    </View>
  );
}

function SubjectChooser({
  draft,
  update,
  directory,
}: Pick<StepProps, 'draft' | 'update'> & { directory: Directory }) {
  const parents = directory.subjects.filter((s) => s.parentCode === null);
  const chosen = directory.subjects.find((s) => s.code === draft.subjectCode);
  const parentCode = chosen ? (chosen.parentCode ?? chosen.code) : null;
  const children = parentCode ? directory.subjects.filter((s) => s.parentCode === parentCode) : [];
  const chip = (code: string | null, name: string) => {
    // A chosen sub-area also marks its area, so both levels read as chosen.
    const checked = draft.subjectCode === code || (code !== null && code === parentCode);
    return (
      <View
        key={code ?? 'none'}
        className={`chip ${checked ? 'chip--checked' : ''}`}
        {...ROLE.radio(checked)}
        onClick={() => update({ subjectCode: code })}
      >
        <Text>
          {checked ? '✓ ' : ''}
          {name}
        </Text>
      </View>
    );
  };
  return (
    <Field label={f.subjectQuestion}>
      <View className="chips">
        {chip(null, f.subjectNone)}
        {parents.map((p) => chip(p.code, p.name))}
      </View>
      {children.length > 0 ? (
        <View className="chips chips--sub">{children.map((c) => chip(c.code, c.name))}</View>
      ) : null}
    </Field>
  );
}

function AccusedEditor({ draft, errors, update, directory }: StepProps & { directory: Directory }) {
  const [name, setName] = useState('');
  const add = () => {
    const n = name.trim();
    if (!n || draft.accusedNames.includes(n)) return;
    update({ accusedNames: [...draft.accusedNames, n] });
    setName('');
  };
  return (
    <View className="card accused">
      <Text className="card__title">{f.accusedTitle}</Text>
      <Text className="small-print">{f.accusedHint}</Text>
      <View className="notice notice--safe">
        <Text className="notice__icon" aria-hidden>
          ✓
        </Text>
        <Text className="notice__text">{f.accusedNote}</Text>
      </View>
      <Field label={f.accusedUnit}>
        <UnitPicker
          groups={directory.groups}
          value={draft.accusedUnitId}
          onChange={(id) => update(withIntake(directory, { ...draft, accusedUnitId: id }))}
          placeholder={f.accusedUnitNone}
          clearable
          testId="accused-unit"
        />
      </Field>
      <Field label={f.accusedNames} error={errors.accused}>
        <View className="accused__add">
          <Input
            className="accused__input"
            value={name}
            maxLength={LIMITS.accusedName.max}
            placeholder={f.accusedNamePlaceholder}
            onChange={(v: string) => setName(v)}
          />
          <Button type="default" size="large" onClick={add}>
            {f.accusedNameAdd}
          </Button>
        </View>
        <View className="chips">
          {draft.accusedNames.map((n) => (
            <View
              key={n}
              className="chip chip--removable"
              {...ROLE.button}
              aria-label={f.accusedNameRemove(n)}
              onClick={() => update({ accusedNames: draft.accusedNames.filter((x) => x !== n) })}
            >
              <Text>{n} ✕</Text>
            </View>
          ))}
        </View>
      </Field>
    </View>
  );
}

/**
 * 第三十条第三款: a 检举控告 naming an accused unit goes to the petition bureau the server names for that unit
 * (`accusationIntake` in the directory), never to the unit itself: the draft's target follows the accused unit.
 */
export function withIntake(directory: Directory, draft: FilingDraft): Partial<FilingDraft> {
  const accused =
    draft.category === 'accusation' ? findUnit(directory.groups, draft.accusedUnitId) : undefined;
  if (!accused) return { accusedUnitId: draft.accusedUnitId };
  return { accusedUnitId: draft.accusedUnitId, targetUnitId: accused.accusationIntake };
}

function IntakeField({
  directory,
  draft,
  error,
}: {
  directory: Directory;
  draft: FilingDraft;
  error?: string;
}) {
  const intake = findUnit(directory.groups, draft.targetUnitId);
  return (
    <Field label={f.intakeLabel} error={error ? f.intakeNone : undefined}>
      {intake ? (
        <View className="notice notice--safe">
          <Text className="notice__text" data-testid="intake-unit">
            {intake.name}
          </Text>
        </View>
      ) : (
        <Text className="notice notice--info">{f.intakeNone}</Text>
      )}
      <Text className="small-print">{f.intakeBasis}</Text>
    </Field>
  );
}

export function UnitStep({ draft, errors, update, directory }: StepProps & { directory: Directory | null }) {
  if (!directory) return <Text className="loading">{messages.actions.loading}</Text>;
  const accusation = draft.category === 'accusation';
  // An accusation against a unit is not addressed by the resident: the unit it accuses must never receive it.
  const routedByAccused = accusation && !!findUnit(directory.groups, draft.accusedUnitId);
  return (
    <View className="step">
      {accusation ? (
        <AccusedEditor draft={draft} errors={errors} update={update} directory={directory} />
      ) : null}
      {routedByAccused ? (
        <IntakeField directory={directory} draft={draft} error={errors.targetUnitId} />
      ) : (
        <Field label={f.unitQuestion} required hint={f.unitHint} error={errors.targetUnitId}>
          <UnitPicker
            groups={directory.groups}
            value={draft.targetUnitId}
            onChange={(id) => update({ targetUnitId: id })}
            testId="target-unit"
          />
        </Field>
      )}
      <SubjectChooser draft={draft} update={update} directory={directory} />
    </View>
  );
}

function counter(value: string, max: number): string {
  return f.counter(charCount(value.trim()), max);
}

export function ContentStep({ draft, errors, update }: StepProps) {
  return (
    <View className="step">
      <Text className="small-print step__basis">{f.contentBasis}</Text>
      <Field
        label={f.titleLabel}
        required
        error={errors.title}
        counter={counter(draft.title, LIMITS.title.max)}
      >
        <Input
          className="field-input"
          name="title"
          value={draft.title}
          placeholder={f.titlePlaceholder}
          onChange={(v: string) => update({ title: v })}
        />
      </Field>
      <Field
        label={f.factsLabel}
        required
        error={errors.facts}
        counter={counter(draft.facts, LIMITS.facts.max)}
      >
        <TextArea
          className="field-textarea"
          value={draft.facts}
          placeholder={f.factsPlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v: string) => update({ facts: v })}
        />
      </Field>
      <Field
        label={f.requestLabel}
        required
        error={errors.request}
        counter={counter(draft.request, LIMITS.request.max)}
      >
        <TextArea
          className="field-textarea"
          value={draft.request}
          placeholder={f.requestPlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v: string) => update({ request: v })}
        />
      </Field>
      <Field
        label={f.reasonsLabel}
        required
        error={errors.reasons}
        counter={counter(draft.reasons, LIMITS.reasons.max)}
      >
        <TextArea
          className="field-textarea"
          value={draft.reasons}
          placeholder={f.reasonsPlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v: string) => update({ reasons: v })}
        />
      </Field>
    </View>
  );
}

export function EvidenceStep({
  draft,
  errors,
  update,
  onPhotosBusy,
}: StepProps & { onPhotosBusy: (busy: boolean) => void }) {
  const pick = async () => {
    const place = await mapPicker.pick();
    if (place) update({ address: place.address, lat: place.lat, lng: place.lng });
  };
  return (
    <View className="step">
      <Field
        label={f.addressLabel}
        error={errors.address}
        counter={counter(draft.address, LIMITS.address.max)}
      >
        <Input
          className="field-input"
          name="address"
          value={draft.address}
          placeholder={f.addressPlaceholder}
          // A typed address no longer matches the map point.
          onChange={(v: string) => update({ address: v, lat: null, lng: null })}
        />
      </Field>
      {mapPicker.supported ? (
        <Button className="big-button" type="default" size="large" block onClick={() => void pick()}>
          {f.pickOnMap}
        </Button>
      ) : null}
      <Field label={f.photosLabel} hint={f.photosHint} error={errors.photos}>
        <PhotoPicker
          photos={draft.photos}
          onUploaded={(photo) => update((d) => ({ photos: [...d.photos, photo] }))}
          onRemove={(id) => update((d) => ({ photos: d.photos.filter((p) => p.id !== id) }))}
          onBusyChange={onPhotosBusy}
        />
      </Field>
    </View>
  );
}

export function ReviewStep({
  draft,
  directory,
  onEdit,
}: {
  draft: FilingDraft;
  directory: Directory | null;
  onEdit: (step: number) => void;
}) {
  const unit = directory ? findUnit(directory.groups, draft.targetUnitId) : undefined;
  const accusedUnit = directory ? findUnit(directory.groups, draft.accusedUnitId) : undefined;
  const subject = directory?.subjects.find((s) => s.code === draft.subjectCode);
  const none = f.reviewNone;
  const row = (label: string, value: string, step: number) => (
    <View className="review-row" key={label}>
      <View className="review-row__head">
        <Text className="review-row__label">{label}</Text>
        <View className="link-button" onClick={() => onEdit(step)}>
          <Text>{f.edit}</Text>
        </View>
      </View>
      <Text className="review-row__value">{value || none}</Text>
    </View>
  );
  const accused = [accusedUnit?.name, ...draft.accusedNames].filter(Boolean).join('、');
  return (
    <View className="step card">
      <Text className="card__title">{f.reviewTitle}</Text>
      {row(f.reviewCategory, draft.category ? f.categories[draft.category].name : '', 0)}
      {row(f.reviewUnit, unit?.name ?? '', 1)}
      {row(f.reviewSubject, subject?.name ?? '', 1)}
      {draft.category === 'accusation' ? row(f.reviewAccused, accused, 1) : null}
      {row(f.titleLabel, draft.title.trim(), 2)}
      {row(f.factsLabel, draft.facts.trim(), 2)}
      {row(f.requestLabel, draft.request.trim(), 2)}
      {row(f.reasonsLabel, draft.reasons.trim(), 2)}
      {row(f.reviewAddress, draft.address.trim(), 3)}
      {row(f.reviewPhotos, draft.photos.length ? f.reviewPhotoCount(draft.photos.length) : '', 3)}
    </View>
  );
}
