import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isRetryable } from '../../api/errors';
import { useSession } from '../../api/session';
import { ConsentView } from '../../components/consent-view';
import { ErrorNotice } from '../../components/error-notice';
import { LoginPrompt } from '../../components/login-prompt';
import { Button } from '../../components/nutui';
import { PageShell } from '../../components/page-shell';
import { useDirectory } from '../../hooks/use-directory';
import { messages } from '../../messages';
import { IS_WEAPP } from '../../platform/env';
import { privacy } from '../../platform/privacy';
import { ROLE } from '../../utils/a11y';
import { giveConsent, hasConsent } from '../../utils/consent';
import {
  DRAFT_STEPS,
  clearDraft,
  firstInvalidStep,
  hasContent,
  loadDraft,
  newDraft,
  saveDraft,
  submitDraft,
  validateStep,
  type DraftErrors,
  type FilingDraft,
  type SubmitOutcome,
} from '../../utils/draft';
import { ROUTES } from '../../utils/routes';
import { STORAGE_KEYS, readJson, writeJson } from '../../utils/storage';
import { defaultUnitId } from '../../utils/units';
import { DoneView } from './done-view';
import {
  CategoryStep,
  ContentStep,
  EvidenceStep,
  ReviewStep,
  UnitStep,
  withIntake,
  type DraftChange,
} from './steps';
import './index.scss';

const f = messages.file;
const isString = (v: unknown): v is string => typeof v === 'string';

function initialDraft(): { draft: FilingDraft; restored: boolean; expiredPhotos: number } {
  const loaded = loadDraft();
  if (!loaded) return { draft: newDraft(), restored: false, expiredPhotos: 0 };
  return { draft: loaded.draft, restored: hasContent(loaded.draft), expiredPhotos: loaded.expiredPhotos };
}

/**
 * 我要反映: consent (first time) → login (H5) → five short steps → one submit. Every change is saved to
 * storage at once; the draft's idempotency key makes a retried submit file one case.
 */
export default function FilePage() {
  const session = useSession();
  const [consented, setConsented] = useState(hasConsent);
  const [initial] = useState(initialDraft);
  const [draft, setDraft] = useState<FilingDraft>(initial.draft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [done, setDone] = useState<SubmitOutcome | null>(null);
  const [photosBusy, setPhotosBusy] = useState(false);
  const { directory, error: directoryError, reload } = useDirectory();

  // The latest draft, also for updates that land after an await (uploads finishing one by one).
  const latest = useRef(draft);
  const update = useCallback((change: DraftChange) => {
    const patch = typeof change === 'function' ? change(latest.current) : change;
    latest.current = saveDraft({ ...latest.current, ...patch });
    setDraft(latest.current);
    setErrors((old) => {
      const next = { ...old };
      for (const k of Object.keys(patch)) delete next[k as keyof DraftErrors];
      if ('accusedUnitId' in patch || 'accusedNames' in patch) delete next.accused;
      return next;
    });
  }, []);

  // Start where most petitions belong: the district 信访局 (or the unit chosen last time).
  useEffect(() => {
    if (directory && !draft.targetUnitId) {
      const id = defaultUnitId(directory.groups, readJson(STORAGE_KEYS.lastUnit, isString));
      if (id) update({ targetUnitId: id });
    }
  }, [directory, draft.targetUnitId, update]);

  // 第三十条第三款: an accusation's target follows its accused unit (also for a restored draft or a category
  // chosen after the unit), so review and submit never name the accused unit.
  useEffect(() => {
    if (!directory) return;
    const patch = withIntake(directory, draft);
    if ('targetUnitId' in patch && patch.targetUnitId !== draft.targetUnitId) update(patch);
  }, [directory, draft, update]);

  const goTo = (step: number) => {
    update({ step });
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
  };

  const showErrors = (stepErrors: DraftErrors) => {
    setErrors(stepErrors);
    void Taro.showToast({ title: messages.validation.fixBeforeNext, icon: 'none', duration: 2000 });
    // Bring the first problem into view once it has rendered.
    setTimeout(() => void Taro.pageScrollTo({ selector: '.field--error', duration: 200 }), 50);
  };

  const waitForPhotos = () => {
    if (photosBusy) void Taro.showToast({ title: f.photosWait, icon: 'none', duration: 2000 });
    return photosBusy;
  };

  const next = () => {
    if (waitForPhotos()) return;
    const stepErrors = validateStep(draft, DRAFT_STEPS[draft.step]!);
    if (Object.keys(stepErrors).length > 0) {
      showErrors(stepErrors);
      return;
    }
    setErrors({});
    goTo(Math.min(draft.step + 1, DRAFT_STEPS.length - 1));
  };

  const submit = async () => {
    if (waitForPhotos()) return;
    const invalid = firstInvalidStep(draft);
    if (invalid) {
      goTo(invalid.step);
      showErrors(invalid.errors);
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      const outcome = await submitDraft(draft);
      if (draft.targetUnitId) writeJson(STORAGE_KEYS.lastUnit, draft.targetUnitId);
      setDone(outcome);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (err) {
      // The draft and its key stay: the next tap retries the very same filing.
      latest.current = { ...latest.current, attempts: latest.current.attempts + 1 };
      setDraft(latest.current);
      setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const discard = async () => {
    const res = await Taro.showModal({ content: f.discardConfirm, confirmText: messages.actions.confirm });
    if (!res.confirm) return;
    clearDraft();
    setErrors({});
    setSubmitError(null);
    latest.current = saveDraft(newDraft());
    setDraft(latest.current);
  };

  if (done) {
    return (
      <PageShell className="file">
        <DoneView outcome={done} />
      </PageShell>
    );
  }

  if (!consented) {
    return (
      <PageShell className="file">
        <ConsentView
          onAgree={() => {
            giveConsent();
            setConsented(true);
            // Mini-program: WeChat's own privacy gate, satisfied by the same tap where it was pending.
            if (IS_WEAPP) void privacy.require();
          }}
          onDisagree={() => void Taro.switchTab({ url: ROUTES.home })}
        />
      </PageShell>
    );
  }

  if (!IS_WEAPP && !session) {
    return (
      <PageShell className="file">
        <LoginPrompt redirect={ROUTES.file} />
      </PageShell>
    );
  }

  const stepName = DRAFT_STEPS[draft.step]!;
  const isLast = draft.step === DRAFT_STEPS.length - 1;

  return (
    <PageShell className="file">
      <View className="steps-head" {...ROLE.status}>
        <Text className="steps-head__count">{f.stepOf(draft.step + 1, DRAFT_STEPS.length)}</Text>
        <Text className="steps-head__name">{f.steps[stepName]}</Text>
        <View className="steps-head__bar" aria-hidden>
          {DRAFT_STEPS.map((s, i) => (
            <View
              key={s}
              className={`steps-head__seg ${i < draft.step ? 'is-done' : ''} ${i === draft.step ? 'is-current' : ''}`}
            />
          ))}
        </View>
      </View>

      {initial.restored ? (
        <Text className="notice notice--info file__restored">{f.draftRestored}</Text>
      ) : null}
      {initial.expiredPhotos > 0 ? (
        <Text className="notice notice--info file__restored">{f.photosExpired}</Text>
      ) : null}

      {directoryError && !directory ? <ErrorNotice error={directoryError} onRetry={reload} /> : null}

      {stepName === 'category' ? <CategoryStep draft={draft} errors={errors} update={update} /> : null}
      {stepName === 'unit' ? (
        <UnitStep draft={draft} errors={errors} update={update} directory={directory} />
      ) : null}
      {stepName === 'content' ? <ContentStep draft={draft} errors={errors} update={update} /> : null}
      {stepName === 'evidence' ? (
        <EvidenceStep draft={draft} errors={errors} update={update} onPhotosBusy={setPhotosBusy} />
      ) : null}
      {stepName === 'review' ? <ReviewStep draft={draft} directory={directory} onEdit={goTo} /> : null}

      {isLast ? (
        <View className="file__submit">
          <ErrorNotice error={submitError} note={messages.errors.savedLocally} />
          {draft.attempts > 0 && (!submitError || isRetryable(submitError)) ? (
            <Text className="small-print">{f.retryNote}</Text>
          ) : null}
          <Text className="small-print file__truthful">{f.truthfulNote}</Text>
          <Button
            className="big-button"
            type="primary"
            size="large"
            block
            loading={submitting}
            disabled={submitting}
            onClick={() => void submit()}
          >
            {submitting ? f.submitting : f.submit}
          </Button>
        </View>
      ) : null}

      <View className="file__nav">
        {draft.step > 0 ? (
          <Button className="big-button" type="default" size="large" onClick={() => goTo(draft.step - 1)}>
            {f.prev}
          </Button>
        ) : null}
        {!isLast ? (
          <Button className="big-button file__next" type="primary" size="large" onClick={next}>
            {f.next}
          </Button>
        ) : null}
      </View>

      <View className="file__footer">
        <Text className="small-print">{f.draftSaved}</Text>
        <View className="link-button" onClick={() => void discard()}>
          <Text>{f.discardDraft}</Text>
        </View>
      </View>
    </PageShell>
  );
}
