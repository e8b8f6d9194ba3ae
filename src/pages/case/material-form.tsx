import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../api/endpoints';
import type { PetitionerCaseDetail } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { Button, TextArea } from '../../components/nutui';
import { PhotoPicker } from '../../components/photo-picker';
import { messages } from '../../messages';
import type { DraftPhoto } from '../../utils/draft';
import { uuid } from '../../utils/uuid';
import { LIMITS, checkText } from '../../utils/validation';

const m = messages.material;

/**
 * 补充材料: text and/or photos. One idempotency key per piece of material, kept across retries, so a
 * retried submit adds it once; a new key only after it has been accepted.
 */
export function MaterialForm({
  caseId,
  onAdded,
}: {
  caseId: string;
  onAdded: (c: PetitionerCaseDetail) => void;
}) {
  const [key, setKey] = useState(uuid);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const t = text.trim();
    const bad = t ? checkText(m.textLabel, t, LIMITS.materialText) : photos.length ? undefined : m.empty;
    setProblem(bad);
    if (bad) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await api.addMaterial(caseId, {
        idempotencyKey: key,
        ...(t ? { text: t } : {}),
        ...(photos.length ? { attachmentIds: photos.map((p) => p.id) } : {}),
      });
      setText('');
      setPhotos([]);
      setKey(uuid());
      onAdded(updated);
      void Taro.showToast({ title: m.sent, icon: 'success', duration: 1500 });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card material-form">
      <Text className="card__title">{m.title}</Text>
      <Field label={m.textLabel} error={problem}>
        <TextArea
          className="field-textarea"
          value={text}
          placeholder={m.textPlaceholder}
          maxLength={-1}
          autoSize
          onChange={(v: string) => setText(v)}
        />
      </Field>
      <PhotoPicker
        photos={photos}
        onUploaded={(p) => setPhotos((list) => [...list, p])}
        onRemove={(id) => setPhotos((list) => list.filter((p) => p.id !== id))}
      />
      <ErrorNotice error={error} />
      <Button
        className="big-button"
        type="primary"
        size="large"
        block
        loading={busy}
        onClick={() => void submit()}
      >
        {m.submit}
      </Button>
    </View>
  );
}
