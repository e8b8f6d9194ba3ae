import { useEffect, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { isApiError } from '../api/errors';
import { uploadAttachment } from '../api/upload';
import { messages } from '../messages';
import { chooseImages } from '../platform/media';
import type { DraftPhoto } from '../utils/draft';
import { LIMITS } from '../utils/validation';
import { Button } from './nutui';

interface Pending {
  key: number;
  path: string;
  name?: string;
  file?: Blob;
  status: 'uploading' | 'failed';
  error?: string;
}

interface Props {
  photos: DraftPhoto[];
  onUploaded: (photo: DraftPhoto) => void;
  onRemove: (id: string) => void;
  /** Told whether an upload is still running (the form waits for it before going on). */
  onBusyChange?: (busy: boolean) => void;
  max?: number;
}

const f = messages.file;

/**
 * Photos: picked (compressed) and uploaded one by one at once, so only attachment ids need to survive in
 * the draft. A failed upload stays on screen with its reason and a retry button.
 */
export function PhotoPicker({
  photos,
  onUploaded,
  onRemove,
  onBusyChange,
  max = LIMITS.attachments.max,
}: Props) {
  const [pending, setPending] = useState<Pending[]>([]);
  const uploading = pending.some((p) => p.status === 'uploading');
  useEffect(() => {
    onBusyChange?.(uploading);
  }, [uploading, onBusyChange]);
  const seq = useRef(0);
  const room = max - photos.length - pending.length;

  const upload = async (item: Pending) => {
    setPending((list) => list.map((p) => (p.key === item.key ? { ...p, status: 'uploading' } : p)));
    try {
      const a = await uploadAttachment(item.path, { fileName: item.name, file: item.file });
      setPending((list) => list.filter((p) => p.key !== item.key));
      onUploaded({ id: a.id, path: item.path, name: a.name, uploadedAt: new Date().toISOString() });
    } catch (err) {
      const error = isApiError(err) ? err.message : messages.errors.unknown;
      setPending((list) => list.map((p) => (p.key === item.key ? { ...p, status: 'failed', error } : p)));
    }
  };

  const add = async () => {
    const chosen = await chooseImages(room);
    const items = chosen.map<Pending>((c) => ({
      key: ++seq.current,
      path: c.path,
      ...(c.name ? { name: c.name } : {}),
      ...(c.file ? { file: c.file } : {}),
      status: 'uploading',
    }));
    setPending((list) => [...list, ...items]);
    for (const item of items) await upload(item);
  };

  return (
    <View className="photos">
      <View className="photos__grid">
        {photos.map((p, i) => (
          <View key={p.id} className="photo">
            <Image className="photo__image" src={p.path} mode="aspectFill" ariaLabel={f.photoAlt(i + 1)} />
            <Text className="photo__status">
              ✓ {f.photoAlt(i + 1)} {f.photoUploaded}
            </Text>
            <View className="photo__remove" onClick={() => onRemove(p.id)}>
              <Text>{f.photoRemove}</Text>
            </View>
          </View>
        ))}
        {pending.map((p) => (
          <View key={p.key} className={`photo photo--${p.status}`}>
            <Image className="photo__image" src={p.path} mode="aspectFill" ariaLabel={f.photoPending} />
            <Text className="photo__status">
              {p.status === 'uploading' ? f.photoUploading : `! ${f.photoFailed}`}
            </Text>
            {p.status === 'failed' ? (
              <>
                {p.error ? <Text className="photo__error">{p.error}</Text> : null}
                <View className="photo__remove" onClick={() => void upload(p)}>
                  <Text>{f.photoRetry}</Text>
                </View>
                <View
                  className="photo__remove"
                  onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}
                >
                  <Text>{f.photoRemove}</Text>
                </View>
              </>
            ) : null}
          </View>
        ))}
      </View>
      {room > 0 ? (
        <Button
          className="big-button photos__add"
          type="default"
          size="large"
          block
          onClick={() => void add()}
        >
          {f.addPhoto}
        </Button>
      ) : (
        <Text className="small-print">{f.photosMax}</Text>
      )}
    </View>
  );
}
