import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { messages } from '../../messages';

export default function LeaderHomePage() {
  return (
    <PageShell>
      <View className="card">
        <Text className="card__title">{messages.leader.title}</Text>
        <Text>{messages.leader.text}</Text>
      </View>
    </PageShell>
  );
}
