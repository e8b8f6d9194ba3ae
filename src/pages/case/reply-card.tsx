import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PetitionerCaseDetail, CaseReply, RatingLevel, ResidentAction } from '../../api/types';
import { CHOICE_ICONS } from '../../components/choice-mark';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { Button, Radio, RadioGroup, TextArea } from '../../components/nutui';
import { messages } from '../../messages';
import { formatChinaDate } from '../../utils/dates';
import { rateAvailability, ratingFor } from '../../utils/case-view';
import { LIMITS, checkText } from '../../utils/validation';

const r = messages.replies;
const rt = messages.rating;

export type Act = (action: ResidentAction) => Promise<boolean>;

function Document({ reply }: { reply: CaseReply }) {
  const doc = reply.document;
  switch (doc.kind) {
    case 'opinion':
      return (
        <View className="doc">
          <Text className="doc__kind">{r.opinionByStage[reply.stage] ?? r.kinds.opinion}</Text>
          <Text className="doc__label">{r.request}</Text>
          <Text className="doc__text">{doc.request}</Text>
          <Text className="doc__label">{r.factsAndReasons}</Text>
          <Text className="doc__text">{doc.factsAndReasons}</Text>
          <Text className="doc__label">{r.decision}</Text>
          <Text className={`doc__decision doc__decision--${doc.decision}`}>
            {r.decisions[doc.decision] ?? doc.decision}
          </Text>
          <Text className="doc__label">{r.legalBasis}</Text>
          {doc.legalBasis.map((b, i) => (
            <Text key={i} className="doc__basis">
              · {b}
            </Text>
          ))}
        </View>
      );
    case 'suggestionReply':
      return (
        <View className="doc">
          <Text className="doc__kind">{r.kinds.suggestionReply}</Text>
          <Text className="doc__label">{r.adoptionLabel}</Text>
          <Text className="doc__decision">{r.adoption[doc.adoption] ?? doc.adoption}</Text>
          <Text className="doc__label">{r.content}</Text>
          <Text className="doc__text">{doc.content}</Text>
        </View>
      );
    case 'accusationFeedback':
      return (
        <View className="doc">
          <Text className="doc__kind">{r.kinds.accusationFeedback}</Text>
          <Text className="doc__label">{r.content}</Text>
          <Text className="doc__text">{doc.content}</Text>
        </View>
      );
  }
}

const LEVELS: RatingLevel[] = ['satisfied', 'basic', 'unsatisfied'];

function RatingForm({ reply, act }: { reply: CaseReply; act: Act }) {
  const [level, setLevel] = useState<RatingLevel | ''>('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!level) return setProblem(rt.chooseLevel);
    const tooLong = checkText(rt.commentLabel, comment, LIMITS.ratingComment);
    if (tooLong) return setProblem(tooLong);
    setProblem(undefined);
    setBusy(true);
    setError(null);
    const c = comment.trim();
    const ok = await act({
      type: 'rate',
      stage: reply.stage as 'first' | 'review' | 'recheck',
      level,
      ...(c ? { comment: c } : {}),
    }).catch((err: unknown) => {
      setError(err);
      return false;
    });
    setBusy(false);
    if (ok) setLevel('');
  };

  return (
    <View className="rating" data-testid={`rating-${reply.stage}`}>
      <Text className="rating__title">{rt.title}</Text>
      <Text className="small-print">{rt.due(formatChinaDate(reply.ratingDue))}</Text>
      <Field label={rt.title} error={problem} className="field--bare">
        <RadioGroup className="choices" value={level} onChange={(v) => setLevel(v as RatingLevel)}>
          {LEVELS.map((l) => (
            <Radio key={l} className="choice" value={l} ariaLabel={rt.levels[l]} {...CHOICE_ICONS}>
              <Text className="choice__name">{rt.levels[l]}</Text>
            </Radio>
          ))}
        </RadioGroup>
      </Field>
      <Field label={rt.commentLabel}>
        <TextArea
          className="field-textarea"
          value={comment}
          placeholder={rt.commentPlaceholder}
          maxLength={-1}
          onChange={(v: string) => setComment(v)}
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
        {rt.submit}
      </Button>
    </View>
  );
}

/** One reply: which stage, from whom, when; the document itself (第三十二条); and its rating. */
export function ReplyCard({
  detail,
  reply,
  act,
}: {
  detail: PetitionerCaseDetail;
  reply: CaseReply;
  act: Act;
}) {
  const rating = ratingFor(detail, reply.stage);
  const availability = rateAvailability(detail, reply);
  return (
    <View className="reply" data-testid={`reply-${reply.stage}`}>
      <Text className="reply__stage">{r.stage[reply.stage] ?? reply.stage}</Text>
      <Text className="small-print">{r.from(reply.unit.name, formatChinaDate(reply.at))}</Text>
      <Document reply={reply} />
      {rating ? (
        <View className="rating rating--done">
          <Text className="rating__yours">✓ {rt.yours(rt.levels[rating.level] ?? rating.level)}</Text>
          {rating.comment ? <Text className="rating__comment">{rating.comment}</Text> : null}
        </View>
      ) : null}
      {availability === 'open' ? <RatingForm reply={reply} act={act} /> : null}
      {availability === 'closed' ? (
        <Text className="small-print">{rt.closed(formatChinaDate(reply.ratingDue))}</Text>
      ) : null}
    </View>
  );
}
