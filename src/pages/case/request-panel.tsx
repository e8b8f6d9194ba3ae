import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PetitionerCaseDetail } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { Button, TextArea } from '../../components/nutui';
import { messages } from '../../messages';
import { formatChinaDate, formatDue } from '../../utils/dates';
import { offered, ratingFor, type RequestWindow } from '../../utils/case-view';
import { LIMITS, checkText } from '../../utils/validation';
import type { Act } from './reply-card';

const v = messages.review;

/**
 * 复查 (第三十五条) or 复核 (第三十六条): offered while the 30-day window runs — its end is the due day of
 * the `reviewRequest` / `recheckRequest` clock. Opens by itself after a 不满意 rating.
 */
export function RequestPanel({
  detail,
  window: w,
  act,
}: {
  detail: PetitionerCaseDetail;
  window: RequestWindow;
  act: Act;
}) {
  const unsatisfied = ratingFor(detail, w.stage)?.level === 'unsatisfied';
  const [open, setOpen] = useState(unsatisfied);
  const [reasons, setReasons] = useState('');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (unsatisfied) setOpen(true);
  }, [unsatisfied]);

  const review = w.kind === 'review';
  // The action's name and article are the server's (the domain's table); a closed window names its clock.
  const action = offered(detail, review ? 'requestReview' : 'requestRecheck');
  const title = action?.label ?? w.deadline.label;
  const lastDay = formatChinaDate(w.deadline.due);

  const submit = async () => {
    const bad = checkText(v.reasonsLabel, reasons, LIMITS.reviewReasons);
    setProblem(bad);
    if (bad) return;
    setBusy(true);
    setError(null);
    try {
      await act(
        review
          ? { type: 'requestReview', reasons: reasons.trim() }
          : { type: 'requestRecheck', reasons: reasons.trim() },
      );
      setReasons('');
      void Taro.showToast({ title: review ? v.sentReview : v.sentRecheck, icon: 'success', duration: 2000 });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View
      className={`card request-panel ${unsatisfied ? 'request-panel--highlight' : ''}`}
      data-testid="request-panel"
    >
      {unsatisfied ? <Text className="request-panel__lead">{messages.rating.unsatisfiedNext}</Text> : null}
      <Text className="card__title">{title}</Text>
      <Text>{review ? v.reviewText(detail.handlingUnit?.name ?? '') : v.recheckText}</Text>
      {w.open ? (
        <Text className="request-panel__window">{v.windowOpen(formatDue(w.deadline.due))}</Text>
      ) : (
        <Text className="request-panel__window request-panel__window--closed">
          ! {v.windowClosed(lastDay)}
        </Text>
      )}
      <Text className="small-print">{messages.basis(action?.article ?? w.deadline.article)}</Text>
      {w.open && !open ? (
        <Button className="big-button" type="default" size="large" block onClick={() => setOpen(true)}>
          {v.open}
          {title}
        </Button>
      ) : null}
      {w.open && open ? (
        <View className="request-panel__form">
          <Field label={v.reasonsLabel} required error={problem}>
            <TextArea
              className="field-textarea"
              value={reasons}
              placeholder={v.reasonsPlaceholder}
              maxLength={-1}
              autoSize
              onChange={(x: string) => setReasons(x)}
            />
          </Field>
          <ErrorNotice error={error} />
          <Button
            className="big-button"
            type="primary"
            size="large"
            block
            loading={busy}
            onClick={() => void submit()}
          >
            {review ? v.submitReview : v.submitRecheck}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
