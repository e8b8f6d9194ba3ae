import { Text, View } from '@tarojs/components';
import { useServiceStatus } from '../api/use-service-status';
import { messages } from '../messages';

const TEXT = {
  checking: messages.status.checking,
  ok: messages.status.ok,
  down: messages.status.down,
} as const;

export function ServiceStatus() {
  const status = useServiceStatus();
  return (
    <View className={`service-status service-status--${status}`} aria-live="polite">
      <Text className="service-status__dot" />
      <Text className="service-status__label">{messages.status.label}：</Text>
      <Text className="service-status__value">{TEXT[status]}</Text>
    </View>
  );
}
