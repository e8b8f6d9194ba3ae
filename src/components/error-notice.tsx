import { Text, View } from '@tarojs/components';
import { isApiError } from '../api/errors';
import { messages } from '../messages';
import { ROLE } from '../utils/a11y';
import { Button } from './nutui';

interface Props {
  error: unknown;
  /** Shown under the message, e.g. that the draft is safe on the phone. */
  note?: string;
  onRetry?: () => void;
}

/**
 * A failure, said plainly: the message, the article of the regulation when the server refused on a rule
 * (422), and the request id for a server fault. Marked with a "!" and a title, never by colour alone.
 */
export function ErrorNotice({ error, note, onRetry }: Props) {
  if (!error) return null;
  const e = isApiError(error) ? error : null;
  const message = e ? e.message : messages.errors.unknown;
  return (
    <View className="notice notice--error" {...ROLE.alert}>
      <View className="notice__head">
        <Text className="notice__icon" aria-hidden>
          !
        </Text>
        <Text className="notice__title">{messages.errors.title}</Text>
      </View>
      <Text className="notice__text">{message}</Text>
      {e?.article ? <Text className="notice__basis">{messages.errors.basis(e.article)}</Text> : null}
      {note ? <Text className="notice__note">{note}</Text> : null}
      {e?.requestId && (e.status ?? 0) >= 500 ? (
        <Text className="small-print">{messages.errors.requestId(e.requestId)}</Text>
      ) : null}
      {onRetry ? (
        <View className="notice__actions">
          <Button type="default" size="large" onClick={onRetry}>
            {messages.actions.retry}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
